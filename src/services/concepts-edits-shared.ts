// What the concepts (routes.md §13) and edits (§15) services share: plain entity lists with
// Zou's criterions, the with-tasks task objects built in SQL, vendor scoping and metadata
// masking as conditions of the same statement, the task types of an entity, and the
// get-or-create of a temporal entity. Every list is one SQL statement whatever its length.
import { typeIdSql } from './entities/types.ts'
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, rowSerializer, type Row } from '../lib/serialize.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { crudModels } from '../crud/models.ts'
import { parseListQuery } from '../crud/query.ts'
import { empty, join, raw, selectById, selectList, sql, type Sql } from '../crud/select.ts'
import { serialize } from '../crud/service.ts'
import type { Ctx } from '../crud/context.ts'
import type { Role } from '../plugins/auth.ts'
import { prepared } from '../db/client.ts'
import { requireProjectAccess } from './access.ts'
import type { EntityKind } from './entities/load.ts'
import { assignedTask, maskedData } from './entities/vendor-scope.ts'

export const entityModel = crudModels.find((m) => m.model === 'Entity')!

/** The id of a temporal entity type, by name (NULL when the type was never created). */

export { hasAssignedTask, maskedData } from './entities/vendor-scope.ts'

/** The caller's departments when the effective role is vendor (their data is masked), else null. */
export async function vendorDepartments(ctx: Ctx, role: Role): Promise<string[] | null> {
  return role === 'vendor' ? ctx.departments() : null
}

/** A project id from a path: malformed or unknown → 404 (Zou's lookups), then PA. */
export async function requireProjectFromPath(ctx: Ctx, projectId: string): Promise<Role> {
  if (!isUuid(projectId)) throw notFound()
  return requireProjectAccess(ctx, projectId.toLowerCase())
}

/** Zou's check_criterion_id_format for the with-tasks routes. */
export function checkIdCriterions(query: Record<string, unknown>, fields: string[]): void {
  for (const field of fields) {
    const value = query[field]
    if (value === undefined) continue
    if (field === 'episode_id' && (value === 'all' || value === 'main')) continue
    if (!isUuid(value)) throw wrongParameter(`Invalid UUID format for ${field}: ${value}`)
  }
}

/** The first value of a query parameter (a repeated one arrives as an array). */
export const queryValue = (v: unknown): string | undefined => (Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v))

/**
 * Zou's criterions on entity columns (routes.md §1.4), minus the keys the route reads itself.
 * `entity_type_id` is forced by the route, so a caller's own value is dropped.
 */
export function entityCriterions(query: Record<string, unknown>, special: string[]): Sql[] {
  const rest: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) {
    // page/limit/fields are no columns: Zou ignores them here (the generic parser would read them).
    if (k === 'entity_type_id' || k === 'page' || k === 'limit' || k === 'fields' || special.includes(k)) continue
    rest[k] = queryValue(v)!
  }
  return parseListQuery(entityModel, rest, null, 1).where
}

export interface EntityListOptions {
  relations?: boolean
  /** Add `project_name`. */
  projectName?: boolean
  /** Mask `data` for a vendor of these departments. */
  maskFor?: string[] | null
}

/**
 * Entities of one kind matching `where` (conditions on alias `t`), ordered by name, each
 * serialized as the generic CRUD does (all columns, `type` = kind; relation keys on demand).
 */
export async function listEntities(ctx: Ctx, kind: EntityKind, where: Sql[], opts: EntityListOptions = {}): Promise<Row[]> {
  const relations = !!opts.relations
  const extra: Sql[] = []
  if (opts.projectName) extra.push(sql`(SELECT p.name FROM project p WHERE p.id = t.project_id) AS __project_name`)
  if (opts.maskFor) extra.push(sql`${maskedData(sql`t`, kind, opts.maskFor)} AS __masked_data`)
  const conditions = [sql`t.entity_type_id = ${typeIdSql(kind)}`, ...where]
  const q = sql`SELECT ${join([selectList(entityModel, relations), ...extra], ', ')}
    FROM entity t WHERE ${join(conditions, ' AND ')} ORDER BY t.name`
  const { rows } = await ctx.pool.query(prepared(q.text, q.values))
  return rows.map((r: Row) => {
    if (opts.maskFor) r.data = r.__masked_data
    const out = serialize(ctx, entityModel, r, relations)
    if (opts.projectName) out.project_name = r.__project_name
    return out
  })
}

/** One entity serialized with its relation keys (the "serialized with relations" form). */
export async function entityWithRelations(ctx: Ctx, id: string): Promise<Row> {
  const row = await selectById(ctx, entityModel, id, true)
  if (!row) throw notFound()
  return serialize(ctx, entityModel, row, true)
}

/** A datetime column of alias `tk` as Zou's wire string, in SQL. */
const dt = (column: string) => `to_char(tk.${column}, 'YYYY-MM-DD"T"HH24:MI:SS')`

/** The SQL of each task field of the with-tasks rows (Zou's _TASK_FIELD_BUILDERS). */
const TASK_FIELD_SQL: Record<string, string> = {
  id: 'tk.id', entity_id: 'tk.entity_id', task_type_id: 'tk.task_type_id', task_status_id: 'tk.task_status_id',
  priority: 'COALESCE(tk.priority, 0)', estimation: 'tk.estimation', duration: 'tk.duration', retake_count: 'tk.retake_count',
  real_start_date: dt('real_start_date'), end_date: dt('end_date'), start_date: dt('start_date'), due_date: dt('due_date'),
  done_date: dt('done_date'), last_comment_date: dt('last_comment_date'), last_preview_file_id: 'tk.last_preview_file_id',
  nb_assets_ready: 'tk.nb_assets_ready', difficulty: 'tk.difficulty', nb_drawings: 'tk.nb_drawings', data: 'tk.data',
}

export type TaskField = keyof typeof TASK_FIELD_SQL

/**
 * The tasks of entity `entity` as a JSON array of objects with `fields`, plus `is_subscribed`
 * (the caller's subscription) and `assignees`. With `assignedOnly` (Zou's assigned_to), only the
 * caller's tasks, and only the caller among their assignees, as Zou filters both queries.
 */
export function tasksJson(ctx: Ctx, entity: Sql, fields: readonly TaskField[], assignedOnly: boolean): Sql {
  const me = sql`${ctx.actor.id}::uuid`
  const mine = assignedOnly ? sql` AND l.person_id = ${me}` : empty
  const pairs = [
    ...fields.map((f) => raw(`'${f}', ${TASK_FIELD_SQL[f]}`)),
    sql`'is_subscribed', EXISTS (SELECT 1 FROM subscription s WHERE s.task_id = tk.id AND s.person_id = ${me})`,
    sql`'assignees', COALESCE((SELECT json_agg(l.person_id) FROM task_person_link l WHERE l.task_id = tk.id${mine}), '[]'::json)`,
  ]
  const filter = assignedOnly ? sql` AND ${assignedTask(ctx, sql`tk.id`)}` : empty
  return sql`COALESCE((SELECT json_agg(json_build_object(${join(pairs, ', ')}) ORDER BY tk.created_at, tk.id)
    FROM task tk WHERE tk.entity_id = ${entity}.id${filter}), '[]'::json)`
}

/** JSON schema of one with-tasks task object. */
export function taskObjectSchema(fields: readonly TaskField[]) {
  const meta = modelMetaOf('Task')
  const properties: Record<string, unknown> = {}
  for (const f of fields) {
    const field = meta.byName.get(f)!
    properties[f] = field.type === 'json' ? {} : field.type === 'int' ? { type: ['integer', 'null'] } : field.type === 'float' ? { type: ['number', 'null'] } : { type: ['string', 'null'] }
  }
  properties.is_subscribed = { type: 'boolean' }
  properties.assignees = { type: 'array', items: { type: 'string' } }
  return { type: 'object', properties }
}

const serializeTaskType = rowSerializer(modelMetaOf('TaskType'), 'TaskType')

/** Task types having a task on the entity, each once, by name. */
export async function taskTypesOfEntity(ctx: Ctx, entityId: string): Promise<Row[]> {
  const { rows } = await ctx.pool.query(
    'SELECT tt.* FROM task_type tt WHERE tt.id IN (SELECT task_type_id FROM task WHERE entity_id = $1) ORDER BY tt.name, tt.id',
    [entityId],
  )
  return rows.map(serializeTaskType)
}

/** The entity_version rows of an entity, newest first, typed e.g. `EditVersion`. */
export async function entityVersions(ctx: Ctx, entityId: string, typeName: string): Promise<Row[]> {
  const serializeVersion = rowSerializer(modelMetaOf('EntityVersion'), typeName)
  const { rows } = await ctx.pool.query('SELECT * FROM entity_version WHERE entity_id = $1 ORDER BY created_at DESC, id', [entityId])
  return rows.map(serializeVersion)
}

export { getOrCreateEntity } from './entities/get-or-create.ts'

/** Zou's boolean query args (`force`, `relations`): true only for "true", any case. */
export const boolArg = (v: unknown): boolean => (queryValue(v) ?? '').toLowerCase() === 'true'
