// Loads what a file-tree template may name (project, entity, its sequence and episode, task,
// task type, department) in one statement, and the get-or-create of the default records
// the file routes fall back to (software, output type, file status).
import type pg from 'pg'
import { notFound } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import type { FileTree } from './trees.ts'
import type { PathData, TokenRecord } from './render.ts'

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>

/** The entity-side facts of a path: `kind` picks the template. */
export interface EntityFacts {
  id: string
  project_id: string
  tree: FileTree | null
  project: Row
  entity: Row
  entityType: Row
  kind: string
  sequence: TokenRecord
  episode: TokenRecord
  taskType: TokenRecord
  department: TokenRecord
}

const KINDS: Record<string, string> = { Shot: 'shot', Sequence: 'sequence', Scene: 'scene', Episode: 'episode' }

/** One entity with its project, type, parents, and (optionally) a task type and its department. */
export async function loadEntityFacts(db: Queryable, entityId: string, taskTypeId: string | null = null): Promise<EntityFacts | null> {
  if (!isUuid(entityId)) return null
  const { rows } = await db.query(
    `SELECT to_jsonb(p) - 'file_tree' AS project, p.file_tree AS tree, to_jsonb(e) AS entity, to_jsonb(et) AS entity_type,
            to_jsonb(par) AS parent, to_jsonb(gp) AS grandparent,
            to_jsonb(tt) AS task_type, to_jsonb(d) AS department
       FROM entity e
       JOIN entity_type et ON et.id = e.entity_type_id
       JOIN project p ON p.id = e.project_id
       LEFT JOIN entity par ON par.id = e.parent_id
       LEFT JOIN entity gp ON gp.id = par.parent_id
       LEFT JOIN task_type tt ON tt.id = $2::uuid
       LEFT JOIN department d ON d.id = tt.department_id
      WHERE e.id = $1::uuid`,
    [entityId, taskTypeId],
  )
  const r = rows[0]
  if (!r) return null
  const kind = KINDS[r.entity_type.name as string] ?? 'asset'
  // Zou: a shot's (or scene's) sequence is its parent and the episode above it; a sequence is
  // its own sequence under its episode. An episode is its own episode (Zou renders `e001` there).
  const sequence = kind === 'shot' || kind === 'scene' ? r.parent : kind === 'sequence' ? r.entity : null
  const episode = kind === 'shot' || kind === 'scene' ? r.grandparent : kind === 'sequence' ? r.parent : kind === 'episode' ? r.entity : null
  return {
    id: r.entity.id,
    project_id: r.project.id,
    tree: r.tree,
    project: r.project,
    entity: r.entity,
    entityType: r.entity_type,
    kind,
    sequence,
    episode,
    taskType: r.task_type,
    department: r.department,
  }
}

export async function requireEntityFacts(db: Queryable, entityId: string, taskTypeId: string | null = null): Promise<EntityFacts> {
  const facts = await loadEntityFacts(db, entityId, taskTypeId)
  if (!facts) throw notFound()
  return facts
}

/** PathData for an entity (or a task on it) with the given records. */
export function pathData(facts: EntityFacts, extra: Partial<PathData>): PathData {
  return {
    project: facts.project,
    entity: facts.entity,
    kind: facts.kind,
    entityType: facts.entityType,
    sequence: facts.sequence,
    episode: facts.episode,
    task: null,
    taskType: facts.taskType,
    department: facts.department,
    software: null,
    outputType: null,
    name: '',
    representation: '',
    revision: 1,
    ...extra,
  }
}

/** A row of a named table, or null (malformed ids included). */
export async function findRow(db: Queryable, table: 'software' | 'output_type' | 'task_type' | 'file_status' | 'person' | 'working_file', id: unknown): Promise<Row | null> {
  if (!isUuid(id)) return null
  const { rows } = await db.query(`SELECT * FROM ${table} WHERE id = $1::uuid`, [id])
  return rows[0] ?? null
}

/** Zou's get_or_create_instance_by_name: the row of that name, created with `values` when missing. */
async function getOrCreateByName(db: Queryable, table: 'software' | 'output_type' | 'file_status', values: Record<string, string>): Promise<Row> {
  const columns = Object.keys(values)
  const params = Object.values(values)
  const { rows } = await db.query(
    `WITH ins AS (
       INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (name) DO NOTHING RETURNING *
     )
     SELECT * FROM ins UNION ALL SELECT * FROM ${table} WHERE name = $1 LIMIT 1`,
    params,
  )
  return rows[0]
}

export const defaultSoftware = (db: Queryable, name: string, shortName: string, extension: string) =>
  getOrCreateByName(db, 'software', { name, short_name: shortName, file_extension: extension })

/** The output type rendered when a template names one and none is given. */
export const defaultOutputType = (db: Queryable) => getOrCreateByName(db, 'output_type', { name: 'Geometry', short_name: '' })

/** Zou's DEFAULT_FILE_STATUS (`To review`), white. */
export const defaultFileStatus = (db: Queryable) => getOrCreateByName(db, 'file_status', { name: 'To review', color: '#FFFFFF' })

/** Whether a mode's templates name a token (its default record is then needed). */
export function mentions(tree: FileTree | null, mode: string, token: string): boolean {
  const m = tree && typeof tree === 'object' && Object.hasOwn(tree, mode) ? tree[mode] : null
  return !!m && JSON.stringify(m).includes(`<${token}`)
}

/** The defaults a template falls back to when it names a record the call did not give. */
export async function templateDefaults(db: Queryable, tree: FileTree | null, mode: string, given: { software: Row | null; outputType: Row | null }) {
  return {
    software: given.software ?? (mentions(tree, mode, 'Software') ? await defaultSoftware(db, '3dsmax', 'max', '.max') : null),
    outputType: given.outputType ?? (mentions(tree, mode, 'OutputType') ? await defaultOutputType(db) : null),
  }
}
