// crud.md §11.9: task creation checks (type matches the entity kind, defaults filled),
// supervisor-limited updates, merged `data`, assignment events, and force deletes.
import { removeTaskDependents } from '../../services/tasks-remove.ts'
import { AppError, badRequest, notFound, wrongParameter } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import type { Hooks, PendingEvent } from '../model.ts'
import { both, pa, rule } from '../rules.ts'
import { assignedOnEntities, supervisesDepartment } from '../row-rules.ts'
import { entityKind } from './entities.ts'
import { sql } from '../select.ts'

const SUPERVISOR_FIELDS = new Set(['priority', 'start_date', 'due_date', 'estimation', 'difficulty', 'data'])

export const taskRead = both(pa(), rule('EA', async (ctx, t) => {
  const row = t.row ?? {}
  if ((await ctx.projectRole(row.project_id as string)) !== 'vendor') return true
  return assignedOnEntities(ctx, [row.entity_id])
}))

/** SUP-TASK: admin or project manager; team supervisors only planning fields of their departments. */
export const taskUpdate = rule('SUP-TASK', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const row = t.row ?? {}
  const role = await ctx.projectRole(row.project_id as string)
  if (role === 'manager') return true
  if (role !== 'supervisor') return false
  if (!Object.keys(t.body ?? {}).every((k) => SUPERVISOR_FIELDS.has(k))) return false
  const { rows } = await ctx.pool.query('SELECT department_id FROM task_type WHERE id = $1', [row.task_type_id])
  return supervisesDepartment(ctx, rows[0]?.department_id ?? null)
})

export const taskHooks: Hooks = {
  listFilters(_ctx, query) {
    const episodeId = query.episode_id
    if (episodeId === undefined) return null
    delete query.episode_id
    if (!isUuid(episodeId)) throw wrongParameter(`Invalid UUID value: ${episodeId}`)
    // Shot tasks of the episode: the task's entity's parent (sequence) has it as parent.
    return sql`EXISTS (SELECT 1 FROM entity e JOIN entity sq ON sq.id = e.parent_id WHERE e.id = t.entity_id AND sq.parent_id = ${episodeId}::uuid)`
  },
  async beforeCreate(ctx, data) {
    if (!data.name) data.name = 'main'
    for (const key of ['task_type_id', 'entity_id']) if (!data[key]) throw badRequest(`'${key}'`)
    const [taskType, entity] = await Promise.all([
      ctx.db.taskType.findUnique({ where: { id: data.task_type_id as string }, select: { for_entity: true } }),
      ctx.db.entity.findUnique({ where: { id: data.entity_id as string }, select: { project_id: true, entity_type_rel: { select: { name: true } } } }),
    ])
    if (!taskType || !entity) throw notFound()
    const kind = entityKind(entity.entity_type_rel.name)
    if ((taskType.for_entity ?? 'Asset') !== kind) {
      throw new AppError(400, { error: true, message: 'Task type of the task does not match entity type.' })
    }
    // Slate: project and status are derived when absent (Zou leaves them to the client).
    data.project_id ??= entity.project_id
    if (!data.task_status_id) {
      const status = await ctx.db.taskStatus.findFirst({ where: { is_default: true }, select: { id: true } })
      if (status) data.task_status_id = status.id
    }
    const clash = await ctx.db.task.findFirst({
      where: { name: data.name as string, project_id: data.project_id as string, task_type_id: data.task_type_id as string, entity_id: data.entity_id as string },
      select: { id: true },
    })
    if (clash) throw badRequest('Task already exists.')
  },
  beforeUpdate(_ctx, before, data) {
    if ('data' in data && data.data && typeof data.data === 'object' && !Array.isArray(data.data) && Object.keys(data.data).length) {
      data.data = { ...((before.data ?? {}) as Row), ...(data.data as Row) }
    }
  },
  // crud.md §11.9: each newly assigned person gets an assignation notification.
  async afterLinks(ctx, tx, row, links) {
    const added = links.assignees?.added ?? []
    if (!added.length || !row.id) return
    const db = tx as { notification: { createMany: (a: unknown) => Promise<unknown> } }
    await db.notification.createMany({
      data: added.map((personId) => ({ type: 'assignation', person_id: personId, author_id: ctx.actor.id, task_id: row.id })),
    })
  },
  events(_ctx, op, row, { links }) {
    const assignees = links.assignees
    if (op !== 'update' || !assignees) return []
    const events: PendingEvent[] = []
    for (const id of assignees.added) events.push({ name: 'task:assign', data: { task_id: row.id, person_id: id } })
    for (const id of assignees.removed) events.push({ name: 'task:unassign', data: { task_id: row.id, person_id: id } })
    return events
  },
  eventPayload: (op, row) => (op === 'delete' ? { entity_id: row.entity_id, task_type_id: row.task_type_id } : {}),
  async beforeDelete(_ctx, tx, row, query) {
    if ((query.force ?? '').toLowerCase() !== 'true') return
    const exec = tx as { $executeRawUnsafe: (q: string, ...v: unknown[]) => Promise<number> }
    await removeTaskDependents((text, values) => exec.$executeRawUnsafe(text, ...values), [row.id as string])
  },
}
