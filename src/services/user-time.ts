// routes.md §23 and auth.md §7.4: the caller's time spents and day offs, desktop login logs
// (each log refreshes `last_presence`), and clearing the caller's avatar.
import type { Ctx } from '../crud/context.ts'
import { sql } from '../crud/select.ts'
import { notFound, wrongParameter } from '../lib/errors.ts'
import { modelRowSerializer, parseDateInput, parseDateTimeInput, type Row } from '../lib/serialize.ts'
import { checkId, emitOptions, rows } from './user-shared.ts'

const timeSpentRow = modelRowSerializer('TimeSpent')
const dayOffRow = modelRowSerializer('DayOff')
const loginLogRow = modelRowSerializer('DesktopLoginLog')

/**
 * GET /data/user/time-spents. Zou: without dates it filters on a null date, so it answers
 * [] (kept); one date alone is refused; both give the inclusive range.
 */
export async function timeSpentsInRange(ctx: Ctx, start: string | undefined, end: string | undefined): Promise<Row[]> {
  if (!start && !end) return []
  if (start === undefined || end === undefined) {
    throw wrongParameter('If querying for a range of dates, both a `start_date` and an `end_date` must be given.')
  }
  const from = parseDateInput(start)
  const to = parseDateInput(end)
  if (!from || !to) throw wrongParameter(`Wrong date format for ${start} and/or ${end}`)
  const found = await rows(ctx, sql`SELECT * FROM time_spent WHERE person_id = ${ctx.actor.id}::uuid
    AND date BETWEEN ${from}::date AND ${to}::date ORDER BY date, created_at, id`)
  return found.map(timeSpentRow)
}

/** GET /data/user/time-spents/:date. */
export async function timeSpentsOn(ctx: Ctx, date: string): Promise<Row[]> {
  const day = parseDateInput(date)
  if (!day) throw wrongParameter('Wrong date format.')
  const found = await rows(ctx, sql`SELECT * FROM time_spent WHERE person_id = ${ctx.actor.id}::uuid AND date = ${day}::date
    ORDER BY created_at, id`)
  return found.map(timeSpentRow)
}

/** GET /data/user/tasks/:task_id/time-spents/:date: the row or null (Zou: 404 for a bad date). */
export async function taskTimeSpentOn(ctx: Ctx, taskId: string, date: string): Promise<Row | null> {
  checkId(taskId)
  const day = parseDateInput(date)
  if (!day) throw notFound()
  const [row] = await rows(ctx, sql`SELECT * FROM time_spent WHERE person_id = ${ctx.actor.id}::uuid
    AND task_id = ${taskId}::uuid AND date = ${day}::date`)
  return row ? timeSpentRow(row) : null
}

/** GET /data/user/day-offs/:date: the day off covering the date, or {} (Zou: 404 for a bad date). */
export async function dayOffOn(ctx: Ctx, date: string): Promise<Row> {
  const day = parseDateInput(date)
  if (!day) throw notFound()
  const [row] = await rows(ctx, sql`SELECT * FROM day_off WHERE person_id = ${ctx.actor.id}::uuid
    AND date <= ${day}::date AND end_date >= ${day}::date ORDER BY date LIMIT 1`)
  return row ? dayOffRow(row) : {}
}

/** GET /data/user/desktop-login-logs: newest first. */
export async function desktopLoginLogs(ctx: Ctx): Promise<Row[]> {
  const found = await rows(ctx, sql`SELECT * FROM desktop_login_log WHERE person_id = ${ctx.actor.id}::uuid ORDER BY date DESC, id`)
  return found.map(loginLogRow)
}

/**
 * POST /data/user/desktop-login-logs: the log (date as given, default now), and the caller's
 * `last_presence` = the later of their last log and last time spent, in one statement.
 * Zou bug: it keeps the log date only when a time spent exists too (else null); Slate takes
 * the later of the two whichever exist.
 */
export async function addDesktopLoginLog(ctx: Ctx, date: string | undefined): Promise<Row> {
  let at = new Date()
  if (date !== undefined) {
    const parsed = parseDateTimeInput(date)
    if (!parsed) throw wrongParameter('Wrong value for parameter date.')
    at = parsed
  }
  const me = ctx.actor.id
  const [row] = await rows(ctx, sql`
    WITH log AS (INSERT INTO desktop_login_log (person_id, date) VALUES (${me}::uuid, ${at}::timestamp) RETURNING *),
    presence AS (
      UPDATE person SET last_presence = GREATEST(
        (SELECT date::date FROM log),
        (SELECT max(d.date)::date FROM desktop_login_log d WHERE d.person_id = ${me}::uuid),
        (SELECT max(ts.date) FROM time_spent ts WHERE ts.person_id = ${me}::uuid)), updated_at = now()
      WHERE id = ${me}::uuid RETURNING 1)
    SELECT log.* FROM log, presence`)
  await ctx.events.emit('person:update', { person_id: me }, emitOptions(ctx))
  return loginLogRow(row)
}

/** DELETE /actions/user/clear-avatar. */
export async function clearAvatar(ctx: Ctx): Promise<void> {
  const { rowCount } = await ctx.pool.query('UPDATE person SET has_avatar = false, updated_at = now() WHERE id = $1', [ctx.actor.id])
  if (!rowCount) throw notFound()
  await ctx.events.emit('person:update', { person_id: ctx.actor.id }, emitOptions(ctx))
}
