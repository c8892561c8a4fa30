// routes.md §4 open tasks: the production-wide task list with its filters, paging and
// stats (two statements whatever the size), and the per-project stats.
import { sql, join, type Sql } from '../crud/select.ts'
import { requireProjectAccess } from './access.ts'
import { personTaskRows } from './person-task-rows.ts'
import { dateArg, intArg, uuidArg } from './tasks-common.ts'
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'

/** Projects whose status is named Open (admins) or the caller's open projects (others). */
async function openProjectsScope(ctx: Ctx): Promise<Sql> {
  if (ctx.isAdmin) return sql`p.project_status_id IN (SELECT id FROM project_status WHERE name = 'Open')`
  const ids = [...(await ctx.memberships())].filter(([, m]) => m.open).map(([id]) => id)
  return sql`t.project_id = ANY(${ids}::uuid[])`
}

const assigneeWhere = (cond: Sql) => sql`EXISTS (SELECT 1 FROM task_person_link l JOIN person ap ON ap.id = l.person_id WHERE l.task_id = t.id AND ${cond})`

/** The filters of the list (and its stats), as conditions over t, tt, ts, p. */
async function openTaskFilters(ctx: Ctx, q: Record<string, unknown>): Promise<Sql[]> {
  const where: Sql[] = []
  const projectId = uuidArg(q.project_id)
  if (projectId) {
    await requireProjectAccess(ctx, projectId)
    where.push(sql`t.project_id = ${projectId}::uuid`)
  } else {
    where.push(await openProjectsScope(ctx))
  }
  const taskTypeId = uuidArg(q.task_type_id)
  // Zou: without a task type, concept tasks stay out of the list.
  where.push(taskTypeId ? sql`t.task_type_id = ${taskTypeId}::uuid` : sql`tt.for_entity <> 'Concept'`)
  const statusId = uuidArg(q.task_status_id)
  if (statusId) where.push(sql`t.task_status_id = ${statusId}::uuid`)
  const person = typeof q.person_id === 'string' ? q.person_id.trim() : ''
  if (person === 'unassigned') {
    where.push(sql`NOT EXISTS (SELECT 1 FROM task_person_link l WHERE l.task_id = t.id)`)
  } else if (person) {
    const ids = person.split(',').map((s) => s.trim())
    if (!ids.every(isUuid)) throw wrongParameter('Wrong UUID format.')
    where.push(assigneeWhere(sql`l.person_id = ANY(${ids}::uuid[])`))
  }
  const studioId = uuidArg(q.studio_id)
  if (studioId) where.push(assigneeWhere(sql`ap.studio_id = ${studioId}::uuid`))
  const departmentId = uuidArg(q.department_id)
  if (departmentId) {
    where.push(assigneeWhere(sql`EXISTS (SELECT 1 FROM department_link dl WHERE dl.person_id = ap.id AND dl.department_id = ${departmentId}::uuid)`))
  }
  const start = dateArg('start_date', q.start_date)
  if (start) where.push(sql`t.start_date >= ${start}`)
  const due = dateArg('due_date', q.due_date)
  if (due) where.push(sql`t.due_date <= ${due}`)
  const priority = intArg('priority', q.priority, null)
  // Zou: `priority` compares the task type's priority.
  if (priority !== null) where.push(sql`tt.priority = ${priority}`)
  return where
}

const OPEN_ORDER = sql`p.name, ep.name, seq.name, et.name, e.name, tt.name, t.id`

export async function openTasks(ctx: Ctx, q: Record<string, unknown>) {
  const page = intArg('page', q.page, null)
  const limit = intArg('limit', q.limit, 100)!
  if (limit < 0) throw wrongParameter('Wrong value for parameter limit.')
  const where = join(await openTaskFilters(ctx, q), ' AND ')
  const offset = page && page > 0 ? (page - 1) * limit : 0
  const data = await personTaskRows(ctx, { where, orderBy: OPEN_ORDER, limit, offset, columns: 'short' })
  const result = {
    data,
    stats: { total_duration: 0, total_estimation: 0, total: 0, status: [] as Row[] },
    limit,
    is_more: false,
    page: page || 1,
  }
  if (!data.length) return result
  const stats = sql`SELECT t.task_status_id, count(*)::int AS amount,
      COALESCE(sum(t.duration), 0) AS duration, COALESCE(sum(t.estimation), 0) AS estimation
    FROM task t JOIN task_type tt ON tt.id = t.task_type_id JOIN project p ON p.id = t.project_id
    WHERE ${where} GROUP BY t.task_status_id ORDER BY t.task_status_id`
  const { rows } = await ctx.pool.query(stats.text, stats.values)
  for (const r of rows) {
    result.stats.total += r.amount
    result.stats.total_duration += r.duration
    result.stats.total_estimation += r.estimation
    result.stats.status.push({ task_status_id: r.task_status_id, amount: r.amount })
  }
  result.is_more = data.length === limit
  return result
}

/** Per open project: amounts, done amounts and sums, split by task type and status. */
export async function openTasksStats(ctx: Ctx): Promise<Record<string, Row>> {
  const q = sql`SELECT t.project_id, t.task_type_id, t.task_status_id, count(*)::int AS amount,
      count(*) FILTER (WHERE ts.is_done)::int AS amount_done,
      COALESCE(sum(t.duration), 0) AS total_duration, COALESCE(sum(t.estimation), 0) AS total_estimation
    FROM task t
    JOIN task_type tt ON tt.id = t.task_type_id
    JOIN task_status ts ON ts.id = t.task_status_id
    JOIN project p ON p.id = t.project_id
    WHERE tt.for_entity <> 'Concept' AND ${await openProjectsScope(ctx)}
    GROUP BY t.project_id, t.task_type_id, t.task_status_id
    ORDER BY t.project_id, t.task_type_id, t.task_status_id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  const out: Record<string, { amount: number; amount_done: number; total_duration: number; total_estimation: number; task_types: Row[] }> = {}
  for (const r of rows) {
    const p = (out[r.project_id] ??= { amount: 0, amount_done: 0, total_duration: 0, total_estimation: 0, task_types: [] })
    p.amount += r.amount
    p.amount_done += r.amount_done
    p.total_duration += r.total_duration
    p.total_estimation += r.total_estimation
    p.task_types.push({
      task_status_id: r.task_status_id, task_type_id: r.task_type_id, project_id: r.project_id,
      amount: r.amount, amount_done: r.amount_done, total_duration: r.total_duration, total_estimation: r.total_estimation,
    })
  }
  return out
}
