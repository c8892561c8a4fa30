// Metadata descriptors (routes.md §7): the reads and the set-based writes shared by the
// per-project routes and the all-projects ones. A descriptor's values live under its
// `field_name` in the `data` of the project, of the project's entities of its kind, or of
// the tasks of its task type; a rename moves them and a removal strips them, in the same
// transaction as the descriptor change, with three statements whatever the number of rows.
import { slugify } from '../lib/slug.ts'
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import type { Ctx } from '../crud/context.ts'
import { crudByRoute } from '../crud/models.ts'
import { serialize } from '../crud/service.ts'
import { join, raw, selectList, sql, whereClause, type Sql } from '../crud/select.ts'
import { METADATA_DATA_TYPE } from '../crud/enums.ts'
import { TEMPORAL } from '../crud/hooks/entities.ts'

export const DESCRIPTOR_ENTITY_TYPES = ['Asset', 'Shot', 'Edit', 'Episode', 'Sequence', 'Project', 'Task'] as const
export const ALL_PROJECTS_ENTITY_TYPES = DESCRIPTOR_ENTITY_TYPES.filter((t) => t !== 'Task')
const WRONG_ENTITY_TYPE = 'Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, Project, or Task.'
const WRONG_ALL_PROJECTS_TYPE = 'Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, or Project.'
/** varchar(120) of `name` and `field_name`. */
const NAME_MAX = 120

type Tx = Prisma.TransactionClient

/** The stored facts of a descriptor the write paths need. */
export interface DescriptorFacts {
  id: string
  project_id: string
  entity_type: string
  task_type_id: string | null
  name: string
  field_name: string
  departments: string[]
}

export interface DescriptorChanges {
  name?: string | null
  for_client?: boolean | null
  data_type?: string
  choices?: string[]
  departments?: string[]
}

const model = () => crudByRoute.get('metadata-descriptors')!

export function checkEntityType(entityType: string | undefined, allProjects = false): string {
  const allowed: readonly string[] = allProjects ? ALL_PROJECTS_ENTITY_TYPES : DESCRIPTOR_ENTITY_TYPES
  if (!entityType || !allowed.includes(entityType)) throw wrongParameter(allProjects ? WRONG_ALL_PROJECTS_TYPE : WRONG_ENTITY_TYPE)
  return entityType
}

export function checkDataType(dataType: string | undefined): string {
  const value = dataType ?? 'string'
  if (!(METADATA_DATA_TYPE as readonly string[]).includes(value)) throw wrongParameter('Invalid data_type')
  return value
}

/** python-slugify's `slugify(name, separator="_")`, which Zou uses to derive field names. */
export const fieldNameOf = (name: string): string => slugify(name)

/** The field name of a new name, refused when it does not fit the columns. */
export function checkedFieldName(name: string): string {
  const fieldName = fieldNameOf(name)
  if (name.length > NAME_MAX || fieldName.length > NAME_MAX) throw wrongParameter('Metadata descriptor name is too long.')
  return fieldName
}

/** Department ids of a body: unique, well-formed and existing. */
export async function checkDepartments(ctx: Ctx, ids: string[] | undefined): Promise<string[]> {
  const unique = [...new Set(ids ?? [])]
  if (!unique.length) return unique
  if (!unique.every(isUuid)) throw wrongParameter('Department not found.')
  const { rows } = await ctx.pool.query('SELECT count(*)::int AS n FROM department WHERE id = ANY($1::uuid[])', [unique])
  if (rows[0].n !== unique.length) throw wrongParameter('Department not found.')
  return unique
}

/** Descriptors serialized as Zou does (`type`, and `departments` ids with relations). */
export async function readDescriptors(ctx: Ctx, where: Sql[], opts: { relations?: boolean; order?: Sql } = {}): Promise<Row[]> {
  const m = model()
  const relations = opts.relations ?? true
  const q = sql`SELECT ${selectList(m, relations)} FROM metadata_descriptor t ${whereClause(where)}
    ORDER BY ${opts.order ? sql`${opts.order}, ` : sql``}t.position, t.name, t.id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r) => serialize(ctx, m, r, relations))
}

/** The facts of the descriptors matching `where` (alias d), departments included. */
export async function readFacts(ctx: Ctx, where: Sql[]): Promise<DescriptorFacts[]> {
  const q = sql`SELECT d.id, d.project_id, d.entity_type, d.task_type_id, d.name, d.field_name,
      ARRAY(SELECT l.department_id::text FROM department_metadata_descriptor_link l WHERE l.metadata_descriptor_id = d.id) AS departments
    FROM metadata_descriptor d WHERE ${join(where, ' AND ')}`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows as DescriptorFacts[]
}

/** Where a name would go: a descriptor being renamed (its id), or a new one's scope. */
export type NameTarget = Pick<DescriptorFacts, 'project_id' | 'entity_type' | 'task_type_id'> & { id?: string }

/**
 * Zou's clash check: no other descriptor of the same project, kind (and task type) may hold
 * the name or field name (the unique indexes would refuse it, after a rename had moved the
 * values). Checked for every target before anything is written.
 */
export async function checkNameFree(ctx: Ctx, targets: NameTarget[], name: string, fieldName: string): Promise<void> {
  if (!targets.length) return
  const { rows } = await ctx.pool.query(
    `SELECT 1 FROM metadata_descriptor o
       JOIN jsonb_to_recordset($1::jsonb) AS d(id uuid, project_id uuid, entity_type text, task_type_id uuid)
         ON o.project_id = d.project_id AND o.entity_type = d.entity_type
        AND (d.id IS NULL OR o.id <> d.id) AND (d.task_type_id IS NULL OR o.task_type_id = d.task_type_id)
      WHERE o.name = $2 OR o.field_name = $3
      LIMIT 1`,
    [JSON.stringify(targets.map((t) => ({ id: t.id ?? null, project_id: t.project_id, entity_type: t.entity_type, task_type_id: t.task_type_id }))), name, fieldName],
  )
  if (rows.length) throw wrongParameter('Metadata descriptor already exists.')
}

interface Move { project_id: string; kind: string; task_type_id: string | null; from_key: string; to_key: string | null }

/**
 * Moves each descriptor's stored values to a new key (`to_key`), or strips them (`to_key`
 * null). A null value is not moved (Zou pops it and keeps the row unchanged).
 */
async function moveValues(tx: Tx, moves: Move[]): Promise<void> {
  const set = (col: Sql) => sql`data = CASE WHEN m.to_key IS NULL THEN ${col} - m.from_key
      ELSE (${col} - m.from_key) || jsonb_build_object(m.to_key, ${col} -> m.from_key) END, updated_at = now()`
  const holds = (col: Sql) => sql`jsonb_exists(${col}, m.from_key) AND (m.to_key IS NULL OR jsonb_typeof(${col} -> m.from_key) <> 'null')`
  const recordset = (list: Move[]) =>
    sql`jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS m(project_id uuid, kind text, task_type_id uuid, from_key text, to_key text)`
  const byKind = (pick: (m: Move) => boolean) => moves.filter(pick)
  const project = byKind((m) => m.kind === 'Project')
  const tasks = byKind((m) => m.kind === 'Task')
  const entities = byKind((m) => m.kind !== 'Project' && m.kind !== 'Task')
  if (project.length) {
    await tx.$executeRaw(sql`UPDATE project p SET ${set(sql`p.data`)} FROM ${recordset(project)}
      WHERE p.id = m.project_id AND ${holds(sql`p.data`)}`)
  }
  if (tasks.length) {
    await tx.$executeRaw(sql`UPDATE task t SET ${set(sql`t.data`)} FROM ${recordset(tasks)}
      WHERE t.project_id = m.project_id AND t.task_type_id = m.task_type_id AND ${holds(sql`t.data`)}`)
  }
  if (entities.length) {
    // An Asset column covers every asset type; another kind, the entity type of that name.
    await tx.$executeRaw(sql`UPDATE entity e SET ${set(sql`e.data`)} FROM ${recordset(entities)}, entity_type et
      WHERE et.id = e.entity_type_id AND e.project_id = m.project_id
        AND CASE WHEN m.kind = 'Asset' THEN et.name <> ALL(${[...TEMPORAL]}::text[]) ELSE et.name = m.kind END
        AND ${holds(sql`e.data`)}`)
  }
}

const moveOf = (d: DescriptorFacts, to: string | null): Move =>
  ({ project_id: d.project_id, kind: d.entity_type, task_type_id: d.task_type_id, from_key: d.field_name, to_key: to })

/** Writes the links of descriptors to exactly `departments`. */
async function replaceDepartments(tx: Tx, ids: string[], departments: string[]): Promise<void> {
  await tx.$executeRaw(sql`DELETE FROM department_metadata_descriptor_link WHERE metadata_descriptor_id = ANY(${ids}::uuid[])`)
  if (departments.length) {
    await tx.$executeRaw(sql`INSERT INTO department_metadata_descriptor_link (metadata_descriptor_id, department_id)
      SELECT i, d FROM unnest(${ids}::uuid[]) i CROSS JOIN unnest(${departments}::uuid[]) d`)
  }
}

/**
 * Applies Zou's update to descriptors: every changed column is written (omitted ones were
 * given their defaults by the schema); a new name renames the field and moves the values.
 */
export async function applyChanges(tx: Tx, descriptors: DescriptorFacts[], changes: DescriptorChanges, fieldName: string | null): Promise<void> {
  if (!descriptors.length) return
  const ids = descriptors.map((d) => d.id)
  if (changes.name && fieldName !== null) {
    await moveValues(tx, descriptors.filter((d) => d.field_name !== fieldName).map((d) => moveOf(d, fieldName)))
  }
  const renamed = changes.name ? sql`name = ${changes.name}, field_name = ${fieldName},` : sql``
  await tx.$executeRaw(sql`UPDATE metadata_descriptor SET ${renamed}
      for_client = ${changes.for_client ?? null}, data_type = ${changes.data_type ?? 'string'},
      choices = ${JSON.stringify(changes.choices ?? [])}::jsonb, updated_at = now()
    WHERE id = ANY(${ids}::uuid[])`)
  await replaceDepartments(tx, ids, changes.departments ?? [])
}

/** Deletes descriptors after stripping their values from the rows that hold them. */
export async function removeDescriptors(tx: Tx, descriptors: DescriptorFacts[]): Promise<void> {
  if (!descriptors.length) return
  const ids = descriptors.map((d) => d.id)
  await moveValues(tx, descriptors.map((d) => moveOf(d, null)))
  await tx.$executeRaw(sql`DELETE FROM department_metadata_descriptor_link WHERE metadata_descriptor_id = ANY(${ids}::uuid[])`)
  await tx.$executeRaw(sql`DELETE FROM metadata_descriptor WHERE id = ANY(${ids}::uuid[])`)
}

/**
 * Zou's reorder, on every given project at once: the listed descriptors (by id or field
 * name) take positions 1..n in that order, the others follow sorted by name. Projects where
 * nothing is listed are left alone. Returns the ids of the projects reordered.
 */
export async function applyOrder(tx: Tx, projectIds: string[], entityType: string, by: 'id' | 'field_name', order: string[]): Promise<string[]> {
  const key = raw(by === 'id' ? 'd.id::text' : 'd.field_name')
  const rows = await tx.$queryRaw<Array<{ project_id: string }>>(sql`
    WITH d AS (
      SELECT d.id, d.project_id, d.name, array_position(${order}::text[], ${key}) AS ord
      FROM metadata_descriptor d WHERE d.project_id = ANY(${projectIds}::uuid[]) AND d.entity_type = ${entityType}
    ), ranked AS (
      SELECT d.id, d.project_id, row_number() OVER (PARTITION BY d.project_id ORDER BY d.ord NULLS LAST, d.name COLLATE "C", d.id) AS pos
      FROM d WHERE d.project_id IN (SELECT project_id FROM d WHERE ord IS NOT NULL)
    )
    UPDATE metadata_descriptor m SET position = r.pos, updated_at = now() FROM ranked r WHERE m.id = r.id
    RETURNING m.project_id::text AS project_id`)
  return [...new Set(rows.map((r) => r.project_id))]
}

/** Inserts one descriptor per project (the caller checked for clashes); returns the new ids by project. */
export async function insertDescriptors(
  tx: Tx, projectIds: string[],
  d: { entity_type: string; task_type_id: string | null; name: string; field_name: string; data_type: string; choices: string[]; for_client: boolean | null; departments: string[] },
): Promise<Array<{ id: string; project_id: string }>> {
  const rows = await tx.$queryRaw<Array<{ id: string; project_id: string }>>(sql`
    INSERT INTO metadata_descriptor (project_id, entity_type, task_type_id, name, field_name, data_type, choices, for_client)
    SELECT p, ${d.entity_type}, ${d.task_type_id}::uuid, ${d.name}, ${d.field_name}, ${d.data_type}, ${JSON.stringify(d.choices)}::jsonb, ${d.for_client}
    FROM unnest(${projectIds}::uuid[]) p
    RETURNING id::text AS id, project_id::text AS project_id`)
  if (rows.length) await replaceDepartments(tx, rows.map((r) => r.id), d.departments)
  return rows
}
