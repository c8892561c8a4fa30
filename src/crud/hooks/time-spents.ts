// crud.md §11.15: a task's duration is the sum of its time spents, recomputed on every
// write, with a task:update event. Delete: the row's person must be assigned to the task.
// Lists take an inclusive start_date/end_date range (crud.md §3.2).
import { wrongParameter } from '../../lib/errors.ts'
import { parseDateInput } from '../../lib/serialize.ts'
import type { Hooks } from '../model.ts'
import { rule } from '../rules.ts'
import { taskFacts } from '../row-rules.ts'
import { sql, type Sql } from '../select.ts'

function dateRange(query: Record<string, string>): Sql | null {
  const { start_date: start, end_date: end } = query
  if (start === undefined && end === undefined) return null
  delete query.start_date
  delete query.end_date
  if (start === undefined || end === undefined) {
    throw wrongParameter('If querying for a range of dates, both a `start_date` and an `end_date` must be given.')
  }
  const [from, to] = [parseDateInput(String(start)), parseDateInput(String(end))]
  if (!from || !to) throw wrongParameter('One of the provided values has an invalid format.')
  return sql`t.date BETWEEN ${from.toISOString().slice(0, 10)}::date AND ${to.toISOString().slice(0, 10)}::date`
}

async function recomputeDuration(tx: unknown, taskId: unknown) {
  if (!taskId) return
  const db = tx as { $executeRaw: (q: TemplateStringsArray, ...v: unknown[]) => Promise<number> }
  await db.$executeRaw`UPDATE task SET duration = COALESCE((SELECT SUM(duration) FROM time_spent WHERE task_id = ${taskId}::uuid), 0) WHERE id = ${taskId}::uuid`
}

export const timeSpentHooks: Hooks = {
  listFilters: (_ctx, query) => dateRange(query),
  afterCreate: (_ctx, tx, row) => recomputeDuration(tx, row.task_id),
  async afterUpdate(_ctx, tx, row, before) {
    await recomputeDuration(tx, row.task_id)
    if (before.task_id !== row.task_id) await recomputeDuration(tx, before.task_id)
  },
  afterDelete: (_ctx, tx, row) => recomputeDuration(tx, row.task_id),
  events: (_ctx, _op, row) => (row.task_id ? [{ name: 'task:update', data: { task_id: row.task_id } }] : []),
}

/** The row's person is assigned to the task, and the caller is that person, admin or MPA. */
export const timeSpentDelete = rule('time-spent delete', async (ctx, t) => {
  const row = t.row ?? {}
  const facts = await taskFacts(ctx, row.task_id)
  if (!facts || !facts.assignees.includes(row.person_id as string)) return false
  if (ctx.isAdmin || row.person_id === ctx.actor.id) return true
  return (await ctx.projectRole(facts.project_id)) === 'manager'
})
