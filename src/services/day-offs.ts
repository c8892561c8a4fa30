// Day offs read by person and period (routes.md §6): SELF-OR-ADMIN, one statement each with
// the target person check; a day off is listed when it overlaps the period.
import { wrongParameter } from '../lib/errors.ts'
import { modelRowSerializer, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { readForPerson, requireSelfOrAdmin } from './persons-scope.ts'
import { INVALID_DATE, INVALID_MONTH, pathPeriod, type PeriodUnit } from './time-sheets.ts'
import { monthPeriod, type Period } from './time-sheets-periods.ts'

const serializeDayOff = modelRowSerializer('DayOff')

// Zou bug: Zou compares the start of the following period with `>=`, so a day off starting
// the day after the period is listed too; only overlapping ones are listed here.
const OVERLAPS = 'd.end_date >= $2::date AND d.date < $3::date'

/** GET /data/persons/:person_id/day-offs/:date — the day off covering that date, or `{}`. */
export async function dayOffOfDate(ctx: Ctx, personId: string, date: string): Promise<Row> {
  const rows = await readForPerson(ctx, personId, () => {
    requireSelfOrAdmin(ctx, personId)
    return {
      text: 'SELECT d.* FROM day_off d WHERE d.person_id = $1 AND $2::date BETWEEN d.date AND d.end_date',
      params: [date],
      orderBy: 'x.date, x.id',
      dateError: INVALID_DATE,
    }
  })
  return rows.length ? serializeDayOff(rows[0]) : {}
}

/** GET /data/persons/:person_id/day-offs[/{week,month,year}/…] — all of them without a period. */
export async function dayOffsOfPerson(ctx: Ctx, personId: string, unit: Exclude<PeriodUnit, 'day'> | null, parts: string[] = []): Promise<Row[]> {
  const rows = await readForPerson(ctx, personId, () => {
    requireSelfOrAdmin(ctx, personId)
    if (!unit) return { text: 'SELECT d.* FROM day_off d WHERE d.person_id = $1', params: [], orderBy: 'x.date, x.id' }
    const period = pathPeriod(unit, parts)
    return { text: `SELECT d.* FROM day_off d WHERE d.person_id = $1 AND ${OVERLAPS}`, params: [period.start, period.end], orderBy: 'x.date, x.id' }
  })
  return rows.map(serializeDayOff)
}

/** GET /data/persons/day-offs/:year/:month — admins get everyone's, others their own. */
export async function dayOffsOfMonth(ctx: Ctx, year: string, month: string): Promise<Row[]> {
  const period: Period | null = monthPeriod(year, month)
  if (!period) throw wrongParameter(INVALID_MONTH)
  const { rows } = await ctx.pool.query(
    `SELECT d.* FROM day_off d WHERE ($1::uuid IS NULL OR d.person_id = $1) AND ${OVERLAPS} ORDER BY d.date, d.person_id, d.id`,
    [ctx.isAdmin ? null : ctx.actor.id, period.start, period.end],
  )
  return rows.map(serializeDayOff)
}
