// routes.md §4 assignment actions: assign one task, assign many tasks to a person, clear
// assignations, set priorities. Permissions are decided on facts read in one query for all
// the tasks; writes run in one transaction; events go out after commit.
import { mailAssignations } from './tasks-notify.ts'
import { AppError, forbidden } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { withTransaction } from '../db/client.ts'
import { supervisesDepartment } from '../crud/row-rules.ts'
import { findTasks, loadTask, plainTask, taskWithAssignees, type TaskFacts } from './tasks-common.ts'
import type { Ctx } from '../crud/context.ts'
import type pg from 'pg'

interface Assignee { id: string; is_bot: boolean; departments: string[] }

const noAssignee = () => new AppError(400, { error: "Assignee doesn't exist in database." })

async function findAssignee(ctx: Ctx, personId: string): Promise<Assignee | null> {
  if (!isUuid(personId)) return null
  const { rows } = await ctx.pool.query(
    `SELECT p.id, p.is_bot, ARRAY(SELECT d.department_id::text FROM department_link d WHERE d.person_id = p.id) AS departments
       FROM person p WHERE p.id = $1`,
    [personId],
  )
  return rows[0] ?? null
}

/** Zou's check_person_is_not_bot(person, project) then check_task_department_access. */
async function canAssign(ctx: Ctx, task: TaskFacts, person: Assignee): Promise<boolean> {
  if (person.is_bot && !task.is_bot_collaboration_enabled) return false
  if (ctx.isAdmin) return true
  const role = await ctx.projectRole(task.project_id)
  if (!role) return false
  if (role === 'manager') return true
  const mine = await ctx.departments()
  const ofTaskType = !!task.department_id && mine.includes(task.department_id)
  if (role === 'supervisor' && (mine.length === 0 || (ofTaskType && person.departments.some((d) => mine.includes(d))))) return true
  return ofTaskType && person.id === ctx.actor.id
}

interface Assigned { task: TaskFacts; notificationId: string | null }

/** Links the person to the tasks (one transaction): assigner, notifications, team membership. */
async function assignAll(ctx: Ctx, tasks: TaskFacts[], person: Assignee) {
  const ids = tasks.map((t) => t.id)
  const teamProject = tasks[0].project_id
  return withTransaction(ctx.pool, async (client: pg.PoolClient) => {
    await client.query(
      `INSERT INTO task_person_link (task_id, person_id) SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING`,
      [ids, person.id],
    )
    const { rows: updated } = await client.query(
      'UPDATE task SET assigner_id = $2, updated_at = now() WHERE id = ANY($1::uuid[]) RETURNING *',
      [ids, ctx.actor.id],
    )
    // Zou: no notification when assigning oneself.
    const notified = person.id === ctx.actor.id ? [] : (await client.query(
      `INSERT INTO notification (id, type, person_id, author_id, task_id, read, change, created_at, updated_at)
       SELECT gen_random_uuid(), 'assignation', $2, $3, unnest($1::uuid[]), false, false, now(), now()
       RETURNING id, task_id`,
      [ids, person.id, ctx.actor.id],
    )).rows
    // Zou: assigning someone outside the team adds them to it.
    const team = await client.query(
      'INSERT INTO project_person_link (project_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING project_id',
      [teamProject, person.id],
    )
    const notification = new Map(notified.map((n) => [n.task_id as string, n.id as string]))
    const rows = new Map(updated.map((r) => [r.id as string, r]))
    const assigned: Assigned[] = tasks.map((t) => ({ task: { ...t, ...rows.get(t.id) }, notificationId: notification.get(t.id) ?? null }))
    return { assigned, teamAdded: !!team.rowCount, teamProject }
  })
}

async function emitAssigned(ctx: Ctx, personId: string, result: Awaited<ReturnType<typeof assignAll>>) {
  const userId = ctx.actor.id
  const events: Array<{ name: string; data: Row; projectId: string; userId: string; persist?: boolean }> = []
  for (const { task, notificationId } of result.assigned) {
    const opts = { projectId: task.project_id, userId }
    events.push({ name: 'task:assign', data: { task_id: task.id, person_id: personId }, ...opts })
    events.push({ name: 'task:update', data: { task_id: task.id }, ...opts })
    if (notificationId) events.push({ name: 'notification:new', data: { notification_id: notificationId, person_id: personId }, ...opts, persist: false })
  }
  if (result.teamAdded) events.push({ name: 'project:update', data: {}, projectId: result.teamProject, userId })
  await ctx.events.emitMany(events)
  await mailAssignations(ctx, result.assigned.flatMap((a) => (a.notificationId ? [a.notificationId] : [])))
}

const withPerson = (task: TaskFacts, personId: string) =>
  taskWithAssignees(task, task.assignees.includes(personId) ? task.assignees : [...task.assignees, personId])

/** PUT /actions/tasks/:task_id/assign. */
export async function assignTask(ctx: Ctx, taskId: string, personId: string): Promise<Row> {
  const task = await loadTask(ctx, taskId)
  const person = await findAssignee(ctx, personId)
  if (!person) throw noAssignee()
  if (!(await canAssign(ctx, task, person))) throw forbidden()
  const result = await assignAll(ctx, [task], person)
  await emitAssigned(ctx, person.id, result)
  return withPerson(result.assigned[0].task, person.id)
}

/** PUT /actions/persons/:person_id/assign: tasks missing or not permitted are skipped. */
export async function assignTasksToPerson(ctx: Ctx, personId: string, taskIds: string[]): Promise<Row[]> {
  const found = await findTasks(ctx, taskIds)
  if (!found.size) return []
  const person = await findAssignee(ctx, personId)
  if (!person) throw noAssignee()
  const tasks: TaskFacts[] = []
  for (const id of dedupe(taskIds)) {
    const task = found.get(id)
    if (task && (await canAssign(ctx, task, person))) tasks.push(task)
  }
  if (!tasks.length) return []
  const result = await assignAll(ctx, tasks, person)
  await emitAssigned(ctx, person.id, result)
  return result.assigned.map((a) => withPerson(a.task, person.id))
}

/** Lower-cased valid ids in request order, without repeats. */
function dedupe(ids: string[]): string[] {
  return [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))]
}

/** Zou's check_task_department_access_for_unassign. */
async function canUnassign(ctx: Ctx, task: TaskFacts, personId: string | null): Promise<boolean> {
  if (ctx.isAdmin) return true
  const role = await ctx.projectRole(task.project_id)
  if (!role) return false
  if (role === 'manager') return true
  if (role === 'supervisor' && (await supervisesDepartment(ctx, task.department_id))) return true
  return personId === ctx.actor.id && task.assignees.includes(ctx.actor.id)
}

/** PUT /actions/tasks/clear-assignation: the ids of the tasks processed. */
export async function clearAssignations(ctx: Ctx, taskIds: string[], personId: string | null): Promise<string[]> {
  const found = await findTasks(ctx, taskIds)
  const person = personId?.toLowerCase() ?? null
  const tasks: TaskFacts[] = []
  for (const id of dedupe(taskIds)) {
    const task = found.get(id)
    if (task && (await canUnassign(ctx, task, person))) tasks.push(task)
  }
  if (!tasks.length) return []
  const ids = tasks.map((t) => t.id)
  await withTransaction(ctx.pool, async (client) => {
    if (person && isUuid(person)) {
      await client.query('DELETE FROM task_person_link WHERE task_id = ANY($1::uuid[]) AND person_id = $2', [ids, person])
    } else if (!person) {
      await client.query('DELETE FROM task_person_link WHERE task_id = ANY($1::uuid[])', [ids])
    }
    await client.query('UPDATE task SET updated_at = now() WHERE id = ANY($1::uuid[])', [ids])
  })
  const events: Array<{ name: string; data: Row; projectId: string; userId: string }> = []
  for (const task of tasks) {
    const opts = { projectId: task.project_id, userId: ctx.actor.id }
    // Zou: one unassign per previous assignee, or for the given person whatever the links were.
    for (const removed of person ? (isUuid(person) ? [person] : []) : task.assignees) {
      events.push({ name: 'task:unassign', data: { person_id: removed, task_id: task.id }, ...opts })
    }
    events.push({ name: 'task:update', data: { task_id: task.id }, ...opts })
  }
  await ctx.events.emitMany(events)
  return tasks.map((t) => t.id)
}

/** SUP-TASK for a priority change: admin, project manager, or department supervisor. */
async function canSetPriority(ctx: Ctx, task: TaskFacts): Promise<boolean> {
  if (ctx.isAdmin) return true
  const role = await ctx.projectRole(task.project_id)
  if (role === 'manager') return true
  return role === 'supervisor' && supervisesDepartment(ctx, task.department_id)
}

/** PUT /actions/tasks/set-priority: the updated tasks. */
export async function setPriorities(ctx: Ctx, taskIds: string[], priority: number): Promise<Row[]> {
  const found = await findTasks(ctx, taskIds)
  const tasks: TaskFacts[] = []
  for (const id of dedupe(taskIds)) {
    const task = found.get(id)
    if (task && (await canSetPriority(ctx, task))) tasks.push(task)
  }
  if (!tasks.length) return []
  const { rows } = await ctx.pool.query(
    'UPDATE task SET priority = $2, updated_at = now() WHERE id = ANY($1::uuid[]) RETURNING *',
    [tasks.map((t) => t.id), priority],
  )
  const byId = new Map(rows.map((r) => [r.id as string, r]))
  await ctx.events.emitMany(tasks.map((t) => ({ name: 'task:update', data: { task_id: t.id }, projectId: t.project_id, userId: ctx.actor.id })))
  return tasks.map((t) => plainTask(byId.get(t.id)))
}
