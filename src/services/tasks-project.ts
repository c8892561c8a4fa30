// routes.md §4 reads around one task or one project: the full task, an entity's tasks of a
// type, the project's tasks / comments / notifications / previews / subscriptions (Zou's
// array-or-page answers), and the legacy to-review action.
import { AppError, forbidden, notFound } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { crudByRoute } from '../crud/models.ts'
import { serialize } from '../crud/service.ts'
import { ident, selectList, sql, type Sql } from '../crud/select.ts'
import { withTransaction } from '../db/client.ts'
import { requireAdmin, requireProjectAccess } from './access.ts'
import { findEntity } from './entities/load.ts'
import { intArg, loadTask, plainTask, requireTaskRead, serializeTask, uuidArg } from './tasks-common.ts'
import type { Ctx } from '../crud/context.ts'

const model = (route: string) => crudByRoute.get(route)!

/** Rows of a CRUD model matching `where` (alias t), serialized as its CRUD routes do. */
async function modelRows(ctx: Ctx, route: string, where: Sql, relations: boolean, order: Sql = sql`t.id`, page?: { limit: number; offset: number }) {
  const m = model(route)
  const paging = page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``
  const q = sql`SELECT ${selectList(m, relations)} FROM ${ident(m.meta.table)} t WHERE ${where} ORDER BY ${order} ${paging}`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r) => serialize(ctx, m, r, relations))
}

/** Zou's get_paginated_results: every row when page < 1, else a page envelope. */
async function pagedRows(ctx: Ctx, route: string, where: Sql, relations: boolean, order: Sql, page: number, limit?: number | null) {
  if (page < 1) return modelRows(ctx, route, where, relations, order)
  const size = limit && limit > 0 ? limit : ctx.config.nbRecordsPerPage
  const offset = (page - 1) * size
  const m = model(route)
  const count = sql`SELECT count(*)::int AS n FROM ${ident(m.meta.table)} t WHERE ${where}`
  const [data, total] = await Promise.all([
    modelRows(ctx, route, where, relations, order, { limit: size, offset }),
    ctx.pool.query(count.text, count.values).then((r) => r.rows[0].n as number),
  ])
  return { data, total, nb_pages: Math.ceil(total / size), limit: size, offset, page }
}

const NEWEST = sql`t.updated_at DESC NULLS LAST, t.created_at DESC NULLS LAST, t.id`
const pageOf = (q: Record<string, unknown>) => intArg('page', q.page, -1)!

async function requireProject(ctx: Ctx, projectId: string): Promise<string> {
  if (!isUuid(projectId)) throw notFound()
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM project WHERE id = $1', [projectId])
  if (!rowCount) throw notFound()
  return projectId.toLowerCase()
}

/** GET /data/projects/:project_id/tasks: tasks with assignees, newest first. */
export async function projectTasks(ctx: Ctx, projectId: string, q: Record<string, unknown>) {
  const id = await requireProject(ctx, projectId)
  const role = await requireProjectAccess(ctx, id)
  const where: Sql[] = [sql`t.project_id = ${id}::uuid`]
  const taskTypeId = uuidArg(q.task_type_id)
  if (taskTypeId) where.push(sql`t.task_type_id = ${taskTypeId}::uuid`)
  const episodeId = uuidArg(q.episode_id)
  if (episodeId) {
    where.push(sql`EXISTS (SELECT 1 FROM entity e JOIN entity sq ON sq.id = e.parent_id WHERE e.id = t.entity_id AND sq.parent_id = ${episodeId}::uuid)`)
    if (role === 'vendor') {
      where.push(sql`EXISTS (SELECT 1 FROM task_person_link l WHERE l.task_id = t.id AND l.person_id = ${ctx.actor.id}::uuid)`)
    } else if (!ctx.isAdmin && !(await ctx.memberships()).get(id)?.open) {
      where.push(sql`false`)
    }
  }
  return pagedRows(ctx, 'tasks', joinAnd(where), true, NEWEST, pageOf(q))
}

const joinAnd = (parts: Sql[]) => parts.reduce((acc, p) => sql`${acc} AND ${p}`)

/** GET /data/projects/:project_id/comments (not for vendors and clients). */
export async function projectComments(ctx: Ctx, projectId: string, q: Record<string, unknown>) {
  const id = await requireProject(ctx, projectId)
  const role = await requireProjectAccess(ctx, id)
  if (role === 'vendor' || role === 'client') throw forbidden()
  const where = sql`t.object_id IN (SELECT tk.id FROM task tk WHERE tk.project_id = ${id}::uuid)`
  return pagedRows(ctx, 'comments', where, true, NEWEST, pageOf(q), intArg('limit', q.limit, null))
}

/** GET /data/projects/:project_id/{notifications,preview-files,subscriptions} (admins). */
export async function projectAdminList(ctx: Ctx, projectId: string, what: 'notifications' | 'preview-files' | 'subscriptions', q: Record<string, unknown>) {
  requireAdmin(ctx)
  const id = await requireProject(ctx, projectId)
  const ofProject = sql`t.task_id IN (SELECT tk.id FROM task tk WHERE tk.project_id = ${id}::uuid)`
  if (what === 'subscriptions') return modelRows(ctx, 'subscriptions', ofProject, false)
  const order = what === 'notifications' ? sql`t.created_at DESC NULLS LAST, t.id` : NEWEST
  return pagedRows(ctx, what, ofProject, false, order, pageOf(q))
}

/** GET /data/entities/:entity_id/task-types/:task_type_id/tasks: plain tasks by name. */
export async function entityTasksOfType(ctx: Ctx, entityId: string, taskTypeId: string): Promise<Row[]> {
  const entity = await findEntity(ctx, entityId)
  if (!entity) throw notFound()
  await requireProjectAccess(ctx, entity.project_id)
  if (!isUuid(taskTypeId)) return []
  const { rows } = await ctx.pool.query(
    'SELECT * FROM task WHERE entity_id = $1 AND task_type_id = $2 ORDER BY name, id',
    [entity.id, taskTypeId],
  )
  return rows.map(plainTask)
}

/** One row of a model by id, serialized (null when missing). */
async function one(ctx: Ctx, route: string, id: unknown, relations = false): Promise<Row | null> {
  if (!isUuid(id)) return null
  const [row] = await modelRows(ctx, route, sql`t.id = ${id}::uuid`, relations)
  return row ?? null
}

/** GET /data/tasks/:task_id/full. */
export async function fullTask(ctx: Ctx, taskId: string): Promise<Row> {
  const task = await loadTask(ctx, taskId)
  await requireTaskRead(ctx, task)
  const entityRow = await findEntity(ctx, task.entity_id)
  const kind = entityRow?.kind
  const sequenceId = kind === 'Sequence' ? entityRow!.id : kind === 'Shot' || kind === 'Scene' ? entityRow!.parent_id : null
  const [entity, entityType, project, status, taskType, persons, assigner, subscribed, sequence] = await Promise.all([
    one(ctx, 'entities', task.entity_id),
    one(ctx, 'entity-types', entityRow?.entity_type_id),
    one(ctx, 'projects', task.project_id),
    one(ctx, 'task-status', task.task_status_id),
    one(ctx, 'task-types', task.task_type_id),
    task.assignees.length ? modelRows(ctx, 'persons', sql`t.id = ANY(${task.assignees}::uuid[])`, false) : Promise.resolve([]),
    one(ctx, 'persons', task.assigner_id),
    ctx.pool.query('SELECT 1 FROM subscription WHERE person_id = $1 AND task_id = $2', [ctx.actor.id, task.id]).then((r) => !!r.rowCount),
    one(ctx, 'entities', sequenceId),
  ])
  const out: Row = {
    ...serializeTask(task), assignees: task.assignees,
    entity, entity_type: entityType, is_subscribed: subscribed, persons, project, task_status: status, task_type: taskType, type: 'Task',
  }
  if (assigner) out.assigner = assigner
  if (sequence) {
    out.sequence = sequence
    const episode = await one(ctx, 'entities', sequence.parent_id)
    if (episode) out.episode = episode
  }
  return out
}

interface StatusFlags { id: string; is_artist_allowed: boolean | null; is_client_allowed: boolean | null }

/** Zou's get_or_create_status("To review", "pndng"). */
async function toReviewStatus(client: { query: (t: string, v: unknown[]) => Promise<{ rows: Row[] }> }) {
  const { rows } = await client.query(
    `SELECT id, is_artist_allowed, is_client_allowed FROM task_status
      WHERE (name = 'To review' OR short_name = 'pndng') AND for_concept IS NOT TRUE
      ORDER BY (name = 'To review') DESC LIMIT 1`, [])
  if (rows[0]) return { ...(rows[0] as unknown as StatusFlags), created: false }
  const created = await client.query(
    `INSERT INTO task_status (id, name, short_name, color, created_at, updated_at)
     VALUES (gen_random_uuid(), 'To review', 'pndng', '#f5f5f5', now(), now()) RETURNING id, is_artist_allowed, is_client_allowed`, [])
  return { ...(created.rows[0] as unknown as StatusFlags), created: true }
}

export interface ToReviewBody { person_id?: string | null; comment?: string | null; name?: string | null; revision?: number; change_status?: boolean | null }

/** PUT /actions/tasks/:task_id/to-review (deprecated in Zou, kept for old clients). */
export async function taskToReview(ctx: Ctx, taskId: string, body: ToReviewBody): Promise<Row> {
  const task = await loadTask(ctx, taskId)
  const role = await requireTaskRead(ctx, task)
  const person = await one(ctx, 'persons', body.person_id ?? ctx.actor.id)
  if (!person) throw new AppError(400, { error: true, message: 'Cannot find given person.' })
  const changeStatus = body.change_status ?? true
  const comment = body.comment ?? ''
  // Slate: no file-tree renderer here; the path is the "no preview template" answer.
  const previewPath = { folder_path: '', file_name: '' }
  const { updated, createdStatus } = await withTransaction(ctx.pool, async (client) => {
    if (!changeStatus) return { updated: task as Row, createdStatus: null }
    const status = await toReviewStatus(client)
    // Artists and clients may only set the statuses their role is allowed.
    if ((role === 'user' && status.is_artist_allowed === false) || (role === 'client' && status.is_client_allowed === false)) throw forbidden()
    const { rows } = await client.query('UPDATE task SET task_status_id = $2, updated_at = now() WHERE id = $1 RETURNING *', [task.id, status.id])
    return { updated: rows[0] as Row, createdStatus: status.created ? status.id : null }
  })
  const [project, entity, entityType] = await Promise.all([
    one(ctx, 'projects', task.project_id),
    one(ctx, 'entities', task.entity_id),
    ctx.pool.query('SELECT et.* FROM entity_type et JOIN entity e ON e.entity_type_id = et.id WHERE e.id = $1', [task.entity_id]).then((r) => r.rows[0]),
  ])
  const events: Array<{ name: string; data: Row; userId: string }> = []
  if (createdStatus) events.push({ name: 'task-status:new', data: { task_status_id: createdStatus }, userId: ctx.actor.id })
  events.push({
    name: 'task:to-review',
    data: {
      task_id: task.id, task_shotgun_id: task.shotgun_id ?? null, entity_type_name: entityType?.name ?? null,
      previous_task_status_id: task.task_status_id, entity_shotgun_id: (entity?.shotgun_id as number) ?? null,
      project_shotgun_id: (project?.shotgun_id as number) ?? null, person_shotgun_id: person.shotgun_id ?? null,
      comment, preview_path: previewPath, change_status: changeStatus,
    },
    userId: ctx.actor.id,
  })
  await ctx.events.emitMany(events)
  return {
    ...serializeTask(updated), project, entity,
    entity_type: entityType ? serialize(ctx, model('entity-types'), entityType, false) : null,
    person, comment, preview_path: previewPath,
  }
}
