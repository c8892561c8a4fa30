// Day offs read by person and period (routes.md §6): SELF-OR-ADMIN, one statement each with
// the target person check; a day off is listed when it overlaps the period.
import { wrongParameter } from '../lib/errors.ts'
import { modelRowSerializer, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { sql, whereClause, type Sql } from '../crud/select.ts'
import { readForPerson, requireSelfOrAdmin } from './persons-scope.ts'
import { INVALID_DATE, INVALID_MONTH, pathPeriod, type PeriodUnit } from './time-sheets.ts'
import { monthPeriod, type Period } from './time-sheets-periods.ts'

const serializeDayOff = modelRowSerializer('DayOff')

// Zou bug: Zou compares the start of the following period with `>=`, so a day off starting
// the day after the period is listed too; only overlapping ones are listed here.
const overlaps = (period: Period): Sql => sql`d.end_date >= ${period.start}::date AND d.date < ${period.end}::date`
const BY_DATE = 'x.date, x.id'

/** GET /data/persons/:person_id/day-offs/:date — the day off covering that date, or `{}`. */
export async function dayOffOfDate(ctx: Ctx, personId: string, date: string): Promise<Row> {
  const rows = await readForPerson(ctx, personId, (id) => {
    requireSelfOrAdmin(ctx, id)
    return {
      query: sql`SELECT d.* FROM day_off d WHERE d.person_id = ${id}::uuid AND ${date}::date BETWEEN d.date AND d.end_date`,
      orderBy: BY_DATE,
      dateError: INVALID_DATE,
    }
  })
  return rows.length ? serializeDayOff(rows[0]) : {}
}

/** GET /data/persons/:person_id/day-offs[/{week,month,year}/…] — all of them without a period. */
export async function dayOffsOfPerson(ctx: Ctx, personId: string, unit: Exclude<PeriodUnit, 'day'> | null, parts: string[] = []): Promise<Row[]> {
  const rows = await readForPerson(ctx, personId, (id) => {
    requireSelfOrAdmin(ctx, id)
    const mine = sql`SELECT d.* FROM day_off d WHERE d.person_id = ${id}::uuid`
    return { query: unit ? sql`${mine} AND ${overlaps(pathPeriod(unit, parts))}` : mine, orderBy: BY_DATE }
  })
  return rows.map(serializeDayOff)
}

/** GET /data/persons/day-offs/:year/:month — admins get everyone's, others their own. */
export async function dayOffsOfMonth(ctx: Ctx, year: string, month: string): Promise<Row[]> {
  const period: Period | null = monthPeriod(year, month)
  if (!period) throw wrongParameter(INVALID_MONTH)
  const where = ctx.isAdmin ? [overlaps(period)] : [sql`d.person_id = ${ctx.actor.id}::uuid`, overlaps(period)]
  const q = sql`SELECT d.* FROM day_off d ${whereClause(where)} ORDER BY d.date, d.person_id, d.id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map(serializeDayOff)
}
