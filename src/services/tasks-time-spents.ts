// routes.md §4 time spents: the per-task map, and setting / adding / deleting a person's
// time on a task for one day. One row per (task, person, day); the task's duration is the
// sum of its rows; each write is one transaction, its events go out after commit.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'
import { withTransaction } from '../db/client.ts'
import { isoDay, loadTask, requireTaskRead, type TaskFacts } from './tasks-common.ts'
import type { Ctx } from '../crud/context.ts'

const serializeTimeSpent = modelRowSerializer('TimeSpent')

/** GET /actions/tasks/:task_id/time-spents[/:date]: `{total, <person_id>: [rows]}`. */
export async function taskTimeSpents(ctx: Ctx, taskId: string, date?: string): Promise<Row> {
  const task = await loadTask(ctx, taskId)
  await requireTaskRead(ctx, task)
  let day: string | null = null
  if (date !== undefined) {
    day = isoDay(date)
    if (!day) throw wrongParameter('Wrong date format.')
  }
  const { rows } = await ctx.pool.query(
    `SELECT * FROM time_spent WHERE task_id = $1 AND ($2::date IS NULL OR date = $2::date) ORDER BY date, created_at, id`,
    [task.id, day],
  )
  const out: Row = { total: 0 }
  for (const r of rows) {
    out.total = (out.total as number) + r.duration
    const key = r.person_id as string
    ;((out[key] ??= []) as Row[]).push(serializeTimeSpent(r))
  }
  return out
}

type Mode = 'set' | 'add' | 'delete'

/**
 * The checks of the time-spent writes: task (404), person not a bot (unless the project
 * lets bots collaborate, except on delete), date, and the person must be an assignee and
 * the caller that person, an admin or a project manager.
 */
async function checkWrite(ctx: Ctx, taskId: string, date: string, personId: string, mode: Mode) {
  const task = await loadTask(ctx, taskId)
  const person = isUuid(personId)
    ? (await ctx.pool.query('SELECT id, is_bot FROM person WHERE id = $1', [personId])).rows[0]
    : null
  if (!person) throw notFound()
  if (person.is_bot && (mode === 'delete' || !task.is_bot_collaboration_enabled)) throw forbidden()
  const day = isoDay(date)
  if (!day) throw wrongParameter('Invalid date format.')
  if (!task.assignees.includes(person.id)) throw forbidden()
  if (!ctx.isAdmin && person.id !== ctx.actor.id && (await ctx.projectRole(task.project_id)) !== 'manager') throw forbidden()
  return { task, personId: person.id as string, day }
}

/** Zou's create_or_update_time_spent (set, or add to the day's entry). 201 with the row. */
export async function writeTimeSpent(ctx: Ctx, taskId: string, date: string, personId: string, duration: number, add: boolean): Promise<Row> {
  const { task, personId: person, day } = await checkWrite(ctx, taskId, date, personId, add ? 'add' : 'set')
  const { row, created } = await withTransaction(ctx.pool, async (client) => {
    const { rows } = await client.query(
      `INSERT INTO time_spent (id, task_id, person_id, date, duration, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3::date, $4, now(), now())
       ON CONFLICT (person_id, task_id, date) DO UPDATE
         SET duration = ${add ? 'time_spent.duration + EXCLUDED.duration' : 'EXCLUDED.duration'}, updated_at = now()
       RETURNING *, (xmax = 0) AS __created`,
      [task.id, person, day, duration],
    )
    await recomputeDuration(client, task)
    if (rows[0].__created) await client.query('UPDATE person SET last_presence = GREATEST(COALESCE(last_presence, $2::date), $2::date) WHERE id = $1', [person, day])
    return { row: rows[0], created: !!rows[0].__created }
  })
  const opts = { projectId: task.project_id, userId: ctx.actor.id }
  await ctx.events.emitMany([
    { name: created ? 'time-spent:new' : 'time-spent:update', data: { time_spent_id: row.id }, ...opts },
    ...(created ? [{ name: 'person:update', data: { person_id: person }, userId: ctx.actor.id }] : []),
    { name: 'task:update', data: { task_id: task.id }, ...opts },
  ])
  return serializeTimeSpent(row)
}

/** DELETE …/time-spents/:date/persons/:person_id: 201 (sic) with the deleted row, duration 0. */
export async function deleteTimeSpent(ctx: Ctx, taskId: string, date: string, personId: string): Promise<Row> {
  const { task, personId: person, day } = await checkWrite(ctx, taskId, date, personId, 'delete')
  const row = await withTransaction(ctx.pool, async (client) => {
    const { rows } = await client.query(
      'DELETE FROM time_spent WHERE task_id = $1 AND person_id = $2 AND date = $3::date RETURNING *',
      [task.id, person, day],
    )
    if (!rows[0]) throw notFound()
    await recomputeDuration(client, task)
    return rows[0]
  })
  const opts = { projectId: task.project_id, userId: ctx.actor.id }
  await ctx.events.emitMany([
    { name: 'time-spent:delete', data: { time_spent_id: row.id }, ...opts },
    { name: 'task:update', data: { task_id: task.id }, ...opts },
  ])
  return serializeTimeSpent({ ...row, duration: 0 })
}

async function recomputeDuration(client: { query: (t: string, v: unknown[]) => Promise<unknown> }, task: TaskFacts) {
  await client.query(
    'UPDATE task SET duration = COALESCE((SELECT sum(duration) FROM time_spent WHERE task_id = $1), 0), updated_at = now() WHERE id = $1',
    [task.id],
  )
}
