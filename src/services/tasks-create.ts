// routes.md §4 bulk task creation for the entities of a project (one `main` task per entity
// lacking a task of the type, one statement) and bulk task deletion.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { withTransaction } from '../db/client.ts'
import { crudByRoute } from '../crud/models.ts'
import { parseListQuery } from '../crud/query.ts'
import { join, sql, type Sql } from '../crud/select.ts'
import { requireManagerAccess, requireProjectAccess } from './access.ts'
import { removeTasks } from './tasks-remove.ts'
import { defaultStatus } from './tasks-reset.ts'
import { serializeTask } from './tasks-common.ts'
import type { Ctx } from '../crud/context.ts'

const TEMPORAL = ['Shot', 'Sequence', 'Edit', 'Episode', 'Scene', 'Concept']

/** Zou's validate_id_list: a bare JSON array of UUIDs; null when absent and optional. */
export function idListBody(body: unknown, required: boolean): string[] | null {
  if (body === undefined || body === null || body === '') {
    if (required) throw wrongParameter('Request body must be a JSON array.')
    return null
  }
  if (!Array.isArray(body)) throw wrongParameter('Request body must be a JSON array.')
  if (!body.every(isUuid)) throw wrongParameter('Request body must only contain valid UUIDs.')
  return body.map((id) => id.toLowerCase())
}

/** Which entities a create-tasks route works on: a kind (Asset, Shot…) or an entity type name. */
export type Target = { kind: 'Asset' | 'Shot' | 'Edit' | 'Concept' } | { entityType: string }

function kindCondition(kind: string): Sql {
  return kind === 'Asset'
    ? sql`et.name <> ALL(${TEMPORAL}::text[])`
    : sql`et.name = ${kind}`
}

/** The entities to create tasks for: the listed ids (404 if one is missing or of another
 * kind; other projects' ignored), else every entity of the project matching the query. */
async function targetEntities(ctx: Ctx, projectId: string, target: Target, ids: string[] | null, query: Record<string, string>) {
  let typeCond: Sql
  if ('kind' in target) {
    typeCond = kindCondition(target.kind)
  } else {
    const name = target.entityType.charAt(0).toUpperCase() + target.entityType.slice(1).toLowerCase()
    const { rows } = await ctx.pool.query('SELECT id FROM entity_type WHERE name = $1', [name])
    if (!rows[0]) throw notFound()
    typeCond = sql`t.entity_type_id = ${rows[0].id}::uuid`
  }
  let where: Sql[]
  if (ids?.length) {
    const found = sql`SELECT t.id, t.project_id FROM entity t JOIN entity_type et ON et.id = t.entity_type_id
      WHERE t.id = ANY(${ids}::uuid[]) AND ${typeCond}`
    const { rows } = await ctx.pool.query(found.text, found.values)
    if (new Set(rows.map((r) => r.id)).size !== new Set(ids).size) throw notFound()
    where = [sql`t.id = ANY(${ids}::uuid[])`]
  } else if ('kind' in target) {
    const { page: _page, ...criterions } = query
    where = parseListQuery(crudByRoute.get('entities')!, criterions, null, 100).where
  } else {
    const episodeId = query.episode_id
    where = []
    if (episodeId) {
      if (!isUuid(episodeId)) throw wrongParameter(`Invalid UUID value: ${episodeId}`)
      where.push(sql`t.parent_id = ${episodeId}::uuid`)
    }
  }
  return join([sql`t.project_id = ${projectId}::uuid`, typeCond, ...where], ' AND ')
}

/** POST /actions/projects/:project_id/task-types/:task_type_id/{shots,assets,edits,concepts}/create-tasks
 * and …/create-tasks/:entity_type. 201 with the created tasks. */
export async function createTasksFor(ctx: Ctx, projectId: string, taskTypeId: string, target: Target, body: unknown, query: Record<string, string>): Promise<Row[]> {
  const concept = 'kind' in target && target.kind === 'Concept'
  if (concept) {
    const role = await requireProjectAccess(ctx, projectId)
    if (role === 'vendor' || role === 'client') throw forbidden()
  } else {
    await requireManagerAccess(ctx, projectId)
  }
  const project = projectId.toLowerCase()
  const { rows: [taskType] } = isUuid(taskTypeId)
    ? await ctx.pool.query('SELECT id, name, color, priority FROM task_type WHERE id = $1', [taskTypeId])
    : { rows: [] }
  if (!taskType) throw notFound()
  const ids = idListBody(body, false)
  const entities = await targetEntities(ctx, project, target, ids, query)
  const { created, status, statusCreated } = await withTransaction(ctx.pool, async (client) => {
    const isConcept = concept || ('entityType' in target && target.entityType.toLowerCase() === 'concept')
    const { status, created: statusCreated } = await defaultStatus(client, isConcept)
    const insert = sql`INSERT INTO task (id, name, project_id, task_type_id, task_status_id, entity_id, assigner_id,
        duration, estimation, completion_rate, created_at, updated_at)
      SELECT gen_random_uuid(), 'main', t.project_id, ${taskType.id}::uuid, ${status.id}::uuid, t.id, ${ctx.actor.id}::uuid,
        0, 0, 0, now(), now()
      FROM entity t JOIN entity_type et ON et.id = t.entity_type_id
      WHERE ${entities}
        AND NOT EXISTS (SELECT 1 FROM task x WHERE x.entity_id = t.id AND x.task_type_id = ${taskType.id}::uuid)
      ORDER BY t.name, t.id
      RETURNING *`
    const { rows } = await client.query(insert.text, insert.values)
    return { created: rows, status, statusCreated }
  })
  const events: Array<{ name: string; data: Row; projectId: string | null; userId: string }> =
    created.map((t) => ({ name: 'task:new', data: { task_id: t.id }, projectId: t.project_id, userId: ctx.actor.id }))
  if (statusCreated) events.unshift({ name: 'task-status:new', data: { task_status_id: status.id }, projectId: null, userId: ctx.actor.id })
  await ctx.events.emitMany(events)
  return created.map((t) => ({
    ...serializeTask(t),
    assignees: [],
    task_status_id: status.id, task_status_name: status.name, task_status_short_name: status.short_name, task_status_color: status.color,
    task_type_id: taskType.id, task_type_name: taskType.name ?? '', task_type_color: taskType.color ?? '', task_type_priority: taskType.priority ?? '',
  }))
}

/** Deletes tasks and everything attached (one transaction), then one `task:delete` each. */
async function deleteTaskRows(ctx: Ctx, where: Sql): Promise<string[]> {
  const q = sql`SELECT id, project_id, entity_id, task_type_id FROM task WHERE ${where}`
  const deleted = await withTransaction(ctx.pool, async (client) => {
    const { rows } = await client.query(`${q.text} FOR UPDATE`, q.values)
    await removeTasks((text, values) => client.query(text, values), rows.map((r) => r.id))
    return rows
  })
  await ctx.events.emitMany(deleted.map((t) => ({
    name: 'task:delete', data: { task_id: t.id, entity_id: t.entity_id, task_type_id: t.task_type_id }, projectId: t.project_id, userId: ctx.actor.id,
  })))
  return deleted.map((t) => t.id)
}

/** POST /actions/projects/:project_id/delete-tasks: the valid ids sent. */
export async function deleteProjectTasks(ctx: Ctx, projectId: string, body: unknown): Promise<string[]> {
  await requireManagerAccess(ctx, projectId)
  if (!Array.isArray(body)) throw wrongParameter('Request body must be a JSON array.')
  // Zou: invalid ids are skipped.
  const ids = body.filter(isUuid).map((id) => id.toLowerCase())
  if (ids.length) await deleteTaskRows(ctx, sql`project_id = ${projectId.toLowerCase()}::uuid AND id = ANY(${ids}::uuid[])`)
  return ids
}

/** DELETE /actions/projects/:project_id/task-types/:task_type_id/delete-tasks (admins). */
export async function deleteTaskTypeTasks(ctx: Ctx, projectId: string, taskTypeId: string): Promise<void> {
  if (!isUuid(projectId) || !isUuid(taskTypeId)) throw notFound()
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM project WHERE id = $1', [projectId])
  if (!rowCount) throw notFound()
  await deleteTaskRows(ctx, sql`project_id = ${projectId}::uuid AND task_type_id = ${taskTypeId}::uuid`)
}
