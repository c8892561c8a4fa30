// Shots (routes.md §3): the criterion list, the full shot, Zou's raw update, deletion, and
// the shot's casting, task types, tasks, previews and versions.
import type { Ctx } from '../crud/context.ts'
import { crudByRoute } from '../crud/models.ts'
import { parseListQuery } from '../crud/query.ts'
import { join, raw, selectById, sql, type Sql } from '../crud/select.ts'
import { serialize } from '../crud/service.ts'
import { parseWriteBody, requireObjectBody } from '../crud/input.ts'
import { updateRowById } from '../crud/write-sql.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { notFound } from '../lib/errors.ts'
import { rowSerializer, type Row } from '../lib/serialize.ts'
import { requireEntityRead, requireManagerAccess, requireProjectAccess } from './access.ts'
import { loadEntity, type EntityKind, type EntityRow } from './entities/load.ts'
import { deleteEntity, requireEntityDelete } from './entities/remove.ts'
import { detailedTasks } from './entities/task-list.ts'
import { previewFilesByTaskType } from './entities/preview-files.ts'
import { hasAssignedTask, maskedData } from './entities/vendor-scope.ts'
import { serializeEntity, typeIdSql } from './entities/types.ts'
import { shotWithTasks } from './shots-with-tasks.ts'

const entityModel = crudByRoute.get('entities')!

export interface ListOptions {
  /** Criterions (alias t) already parsed from the query string. */
  where: Sql[]
  /** Only entities with a task assigned to the caller. */
  assigned: boolean
  /** Vendor-restricted descriptor fields taken out of `data`. */
  mask: boolean
}

/**
 * Zou's get_shots / get_scenes: entities of the kind having a sequence (inner join), each
 * with `project_name` and `sequence_name`, sorted by name without case.
 */
export async function listWithSequence(ctx: Ctx, kind: 'Shot' | 'Scene', o: ListOptions): Promise<Row[]> {
  const where = [sql`t.entity_type_id = ${typeIdSql(kind)}`, ...o.where]
  if (o.assigned) where.push(hasAssignedTask(ctx, sql`t.id`))
  // The second `data` column wins over t.data in the row pg returns.
  const q = sql`SELECT t.*, ${o.mask ? maskedData(raw('t'), kind, ctx.actor.departments) : sql`t.data`} AS data, p.name AS project_name, sq.name AS sequence_name
    FROM entity t JOIN project p ON p.id = t.project_id JOIN entity sq ON sq.id = t.parent_id
    WHERE ${join(where, ' AND ')}
    ORDER BY lower(t.name), t.name, t.id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r: Row) => ({ ...serializeEntity(r, kind), project_name: r.project_name, sequence_name: r.sequence_name }))
}

/** Query-string criterions on entity columns; the kind's type is forced. */
export function entityCriterions(query: Record<string, string>): Sql[] {
  const { entity_type_id: _type, ...rest } = query
  return parseListQuery(entityModel, rest, null, 0).where
}

/** GET /data/shots and /data/shots/all. */
export async function listShots(ctx: Ctx, query: Record<string, string>): Promise<Row[]> {
  const q = { ...query }
  const assignedTo = 'assigned_to' in q
  delete q.assigned_to
  if ('sequence_id' in q) {
    const sequence = await loadEntity(ctx, q.sequence_id, 'Sequence')
    q.project_id = sequence.project_id
    q.parent_id = sequence.id
    delete q.sequence_id
  }
  const role = await requireProjectAccess(ctx, q.project_id)
  const vendor = role === 'vendor'
  return listWithSequence(ctx, 'Shot', { where: entityCriterions(q), assigned: assignedTo || vendor, mask: vendor })
}

/** The entity of that kind and PA + EA on it. */
export async function readableEntity(ctx: Ctx, id: unknown, kind: EntityKind): Promise<EntityRow> {
  const entity = await loadEntity(ctx, id, kind)
  await requireEntityRead(ctx, entity)
  return entity
}

/** GET /data/shots/:id: the with-tasks row merged with the shot and its relations. */
export async function getFullShot(ctx: Ctx, id: string): Promise<Row> {
  const shot = await readableEntity(ctx, id, 'Shot')
  // Zou bug: a shot without a sequence is a 404 there (inner join); Slate answers it.
  const row = await shotWithTasks(ctx, { id: shot.id, withoutSequence: true })
  const full = await selectById(ctx, entityModel, shot.id, true)
  if (!row || !full) throw notFound()
  return { ...row, ...serialize(ctx, entityModel, full, true) }
}

/** Keys PUT /data/shots/:id drops before writing the rest as is. */
const DROPPED = ['id', 'created_at', 'updated_at', 'instance_casting', 'project_id', 'entities_in', 'entities_out', 'type', 'shotgun_id', 'created_by']

/**
 * PUT /data/shots/:id: MPA, then the body checked (Zou's UpdateShotSchema) and every known
 * column written as sent (`data` replaced, not merged); unknown keys are ignored. Zou
 * answers the row typed "Entity".
 */
export async function updateShot(ctx: Ctx, id: string, rawBody: unknown, check: (body: Row) => void): Promise<Row> {
  const shot = await loadEntity(ctx, id, 'Shot')
  await requireManagerAccess(ctx, shot.project_id)
  const body = { ...requireObjectBody(rawBody) }
  check(body)
  for (const key of DROPPED) delete body[key]
  const { data } = parseWriteBody(entityModel, body, 'update')
  const row = await updateRowById(ctx, entityModel, shot.id, data, false)
  await ctx.events.emit('shot:update', { shot_id: shot.id }, { projectId: shot.project_id, userId: ctx.actor.id })
  return entityModel.serializer(row)
}

/** DELETE /data/shots/:id and /data/scenes/:id. */
export async function deleteEntityOfKind(ctx: Ctx, id: string, kind: EntityKind, force: boolean): Promise<void> {
  const entity = await loadEntity(ctx, id, kind)
  await requireEntityDelete(ctx, entity)
  await deleteEntity(ctx, entity, force)
}

/** GET /data/shots/:id/assets: the assets the shot casts, typed "Asset" whatever they are. */
export async function shotAssets(ctx: Ctx, id: string): Promise<Row[]> {
  const shot = await readableEntity(ctx, id, 'Shot')
  const { rows } = await ctx.pool.query(
    `SELECT e.* FROM entity_link l JOIN entity e ON e.id = l.entity_out_id WHERE l.entity_in_id = $1 ORDER BY e.name, e.id`,
    [shot.id],
  )
  return rows.map((r: Row) => serializeEntity(r, 'Asset'))
}

const serializeTaskType = rowSerializer(modelMetaOf('TaskType'), 'TaskType')

/** The task types of the entity's tasks, each once (Zou's query returns unique objects). */
export async function entityTaskTypes(ctx: Ctx, id: string, kind: EntityKind): Promise<Row[]> {
  const entity = await readableEntity(ctx, id, kind)
  const { rows } = await ctx.pool.query(
    `SELECT tt.* FROM task_type tt WHERE tt.id IN (SELECT t.task_type_id FROM task t WHERE t.entity_id = $1)
     ORDER BY tt.priority, tt.name, tt.id`,
    [entity.id],
  )
  return rows.map(serializeTaskType)
}

/** The detailed task list of the entity's tasks. */
export async function entityTasks(ctx: Ctx, id: string, kind: EntityKind, relations: boolean): Promise<Row[]> {
  const entity = await readableEntity(ctx, id, kind)
  return detailedTasks(ctx, sql`t.entity_id = ${entity.id}::uuid`, relations)
}

export async function shotPreviewFiles(ctx: Ctx, id: string): Promise<Record<string, Row[]>> {
  const shot = await readableEntity(ctx, id, 'Shot')
  return previewFilesByTaskType(ctx, shot.id)
}

const serializeVersion = rowSerializer(modelMetaOf('EntityVersion'), 'ShotVersion')

/** GET /data/shots/:id/versions: the shot's name and frame history, newest first. */
export async function shotVersions(ctx: Ctx, id: string): Promise<Row[]> {
  const shot = await readableEntity(ctx, id, 'Shot')
  const { rows } = await ctx.pool.query(
    'SELECT * FROM entity_version WHERE entity_id = $1 ORDER BY created_at DESC, id', [shot.id],
  )
  return rows.map(serializeVersion)
}
