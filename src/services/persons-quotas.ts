// Quota shots (routes.md §6): the shots of one task type a person worked on in a month, ISO
// week or day, with the share (`weight`) counted for them — Zou's shots_service rules. The
// shots, their names and the facts behind the weights come from one statement; the weights
// are then computed the way Python does (round() halves to even, float sums in order).
import { wrongParameter } from '../lib/errors.ts'
import { modelRowSerializer, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { sql, type Sql } from '../crud/select.ts'
import { requireManagerAccess } from './access.ts'
import { idArg, readForPerson, requireSelfOrAdmin } from './persons-scope.ts'
import { dayNumber, isoWeekday, type Period } from './time-sheets-periods.ts'
import { pathPeriod, type PeriodUnit } from './time-sheets.ts'

const serializeEntity = modelRowSerializer('Entity')
const DAY_MS = 86_400_000
const COUNT_MODES = ['weighted', 'weighteddone', 'feedback', 'done']

export interface QuotaQuery {
  project_id?: string
  task_type_id?: string
  count_mode?: string
}

/** Python's round(x, 2): the nearest two-decimal value, exact halves (odd eighths) to even. */
export function pyRound2(x: number): number {
  const eighths = x * 8
  if (Number.isInteger(eighths) && Math.abs(eighths) % 2 === 1) {
    const floor = Math.floor(x * 100)
    return (floor % 2 === 0 ? floor : floor + 1) / 100
  }
  return Number(x.toFixed(2))
}

/** Zou's get_business_days: weekdays among the whole days after `a` up to `b`. */
export function businessDays(a: number, b: number): number {
  const days = Math.floor((b - a) / DAY_MS)
  if (days <= 0) return 0
  const first = Math.floor(a / DAY_MS) + 1
  let count = Math.floor(days / 7) * 5
  for (let n = first + days - (days % 7); n < first + days; n++) if (isoWeekday(n) <= 5) count++
  return count
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      })
    } catch {
      return null
    }
    formatters.set(zone, f)
  }
  return f
}

/** Offset of the zone at an instant, in ms (local wall clock minus UTC). */
function zoneOffset(f: Intl.DateTimeFormat, utc: number): number {
  const p = Object.fromEntries(f.formatToParts(new Date(utc)).map((x) => [x.type, Number(x.value)]))
  const wall = dayNumber(p.year, p.month, p.day) * DAY_MS + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000
  return wall - Math.floor(utc / 1000) * 1000
}

/** A local wall-clock time (ms as if UTC) of the zone as a UTC instant. */
export function localToUtc(local: number, zone: string): number {
  const f = zoneFormatter(zone)
  if (!f) return local
  const guess = local - zoneOffset(f, local)
  return local - zoneOffset(f, guess)
}

const dayMs = (day: string) => dayNumber(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))) * DAY_MS

/**
 * Access: a caller whose effective role on `project_id` (global role without one, or when
 * outside the team) is manager needs MPA on it; anyone else reads only their own quotas.
 */
async function checkQuotaAccess(ctx: Ctx, personId: string, projectId: string | null): Promise<void> {
  const role = (projectId ? await ctx.projectRole(projectId) : null) ?? ctx.actor.role
  if (ctx.isAdmin || role === 'manager') await requireManagerAccess(ctx, projectId)
  else requireSelfOrAdmin(ctx, personId)
}

interface QuotaArgs {
  personId: string
  projectId: string | null
  taskTypeId: string | null
  /** The column closing a task: end_date (feedback) or done_date. */
  closed: Sql
  period: Period
  /** The period's bounds in UTC, for the task dates. */
  utcStart: Date
  utcEnd: Date
}

/** Shot tasks of the project and task type (Zou compares with NULL when one is absent). */
const shotTasks = (a: QuotaArgs) => sql`SELECT t.id, t.entity_id, t.duration, t.real_start_date, ${a.closed} AS closed_at
  FROM task t JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
  WHERE t.project_id IS NOT DISTINCT FROM ${a.projectId}::uuid AND t.task_type_id IS NOT DISTINCT FROM ${a.taskTypeId}::uuid`

const assigned = (a: QuotaArgs) => sql`EXISTS (SELECT 1 FROM task_person_link l WHERE l.task_id = st.id AND l.person_id = ${a.personId}::uuid)`

const SHOT_NAMES = sql`seq.name AS sequence_name, ep.name AS episode_name, seq.id IS NOT NULL AS has_sequence`
const SHOT_PARENTS = sql`LEFT JOIN entity seq ON seq.id = s.parent_id LEFT JOIN entity ep ON ep.id = seq.parent_id`

/**
 * Weighted: shots whose task got time from the person in the period (weight: their minutes
 * over the task's, summed), then shots of tasks with no time logged at all, assigned to the
 * person and running across the period (weight: the share of its business days).
 */
function weightedQuery(a: QuotaArgs): Sql {
  return sql`WITH st AS (${shotTasks(a)}),
    logged AS (
      SELECT st.entity_id, json_agg(COALESCE(ts.duration / NULLIF(st.duration, 0), 0) ORDER BY ts.date, ts.id) AS ratios
      FROM st JOIN time_spent ts ON ts.task_id = st.id
      WHERE ts.person_id = ${a.personId}::uuid AND ts.date >= ${a.period.start}::date AND ts.date < ${a.period.end}::date
        AND st.closed_at IS NOT NULL
      GROUP BY st.entity_id),
    spread AS (
      SELECT DISTINCT ON (st.entity_id) st.entity_id, st.real_start_date, st.closed_at
      FROM st
      WHERE st.real_start_date IS NOT NULL AND st.closed_at IS NOT NULL AND ${assigned(a)}
        AND st.real_start_date <= ${a.utcEnd}::timestamp AND st.closed_at >= ${a.utcStart}::timestamp
        AND NOT EXISTS (SELECT 1 FROM time_spent ts WHERE ts.task_id = st.id)
        AND st.entity_id NOT IN (SELECT entity_id FROM logged)
      ORDER BY st.entity_id, st.real_start_date, st.id)
    SELECT s.*, ${SHOT_NAMES}, l.ratios, sp.real_start_date AS task_start, sp.closed_at AS task_end
    FROM entity s LEFT JOIN logged l ON l.entity_id = s.id LEFT JOIN spread sp ON sp.entity_id = s.id ${SHOT_PARENTS}
    WHERE s.id IN (SELECT entity_id FROM logged UNION ALL SELECT entity_id FROM spread)`
}

/** Raw: shots of tasks assigned to the person whose feedback (or done) date is in the period. */
function rawQuery(a: QuotaArgs): Sql {
  return sql`WITH st AS (${shotTasks(a)})
    SELECT s.*, ${SHOT_NAMES} FROM entity s ${SHOT_PARENTS}
    WHERE s.id IN (SELECT st.entity_id FROM st WHERE ${assigned(a)} AND st.closed_at BETWEEN ${a.utcStart}::timestamp AND ${a.utcEnd}::timestamp)`
}

/**
 * The share of a task without time spents: its business days inside the period over all of
 * them. Zou: the task's UTC dates are compared with the period's local bounds here.
 */
function spreadWeight(taskStart: number, taskEnd: number, start: number, end: number): number {
  const span = businessDays(taskStart, taskEnd) + 1
  let share = 1
  if (taskStart >= start && taskEnd <= end) share = span
  else if (taskStart >= start) share = businessDays(taskStart, end) + 1
  else if (taskEnd <= end) share = businessDays(start, taskEnd) + 1
  return pyRound2(share / span)
}

/** GET /data/persons/:person_id/quota-shots/{month,week,day}/… */
export async function quotaShots(ctx: Ctx, personId: string, unit: Exclude<PeriodUnit, 'year'>, parts: string[], q: QuotaQuery): Promise<Row[]> {
  let bounds = { start: 0, end: 0 }
  let weighted = true
  const rows = await readForPerson(ctx, personId, async (id) => {
    const mode = q.count_mode === undefined || q.count_mode === '' ? 'weighted' : q.count_mode
    if (!COUNT_MODES.includes(mode)) throw wrongParameter('count_mode must be equal to weighted, weighteddone, feedback, or done')
    const projectId = idArg(q.project_id)
    const taskTypeId = idArg(q.task_type_id)
    await checkQuotaAccess(ctx, id, projectId)
    const period = pathPeriod(unit, parts)
    weighted = mode.includes('weighted')
    // The period is in the caller's time zone: time spent days compare as they are, task
    // dates (UTC instants) against the period's bounds converted to UTC.
    const { rows: me } = await ctx.pool.query('SELECT timezone FROM person WHERE id = $1', [ctx.actor.id])
    const zone = [me[0]?.timezone, ctx.config.defaultTimezone].find((z) => z && zoneFormatter(z)) ?? 'UTC'
    bounds = { start: dayMs(period.start), end: dayMs(period.end) }
    const args: QuotaArgs = {
      personId: id, projectId, taskTypeId, period,
      closed: mode.includes('done') ? sql`t.done_date` : sql`t.end_date`,
      utcStart: new Date(localToUtc(bounds.start, zone)),
      utcEnd: new Date(localToUtc(bounds.end, zone)),
    }
    return { query: weighted ? weightedQuery(args) : rawQuery(args), orderBy: 'x.id' }
  })
  const shots = rows.map((row) => {
    const shot = serializeEntity(row)
    // Zou: "<episode> / <sequence> / <shot>", the episode only when the sequence has a parent.
    shot.full_name = [row.episode_name, row.has_sequence ? row.sequence_name : null, row.name].filter((n) => n != null).join(' / ')
    if (!weighted) shot.weight = 1
    else if (row.ratios) shot.weight = (row.ratios as number[]).reduce((sum, r) => sum + pyRound2(r), 0)
    else shot.weight = spreadWeight((row.task_start as Date).getTime(), (row.task_end as Date).getTime(), bounds.start, bounds.end)
    return shot
  })
  // Python's sorted(): stable, by code point.
  const name = (shot: Row) => shot.full_name as string
  return shots.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0))
}
