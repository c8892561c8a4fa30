// A person's time sheets (routes.md §6): the raw time spents of a date, a range or a month,
// and the per-task aggregates of a year, month, ISO week or day — each one SQL statement,
// the target person check included (persons-scope.ts).
import { forbidden, wrongParameter } from '../lib/errors.ts'
import { modelRowSerializer, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { join, sql, whereClause, type Sql } from '../crud/select.ts'
import { requireAdmin } from './access.ts'
import { personReadScope, readForPerson, requireSelfOrAdmin, type ReadScope } from './persons-scope.ts'
import { dayPeriod, isoWeekPeriod, monthPeriod, yearPeriod, type Period } from './time-sheets-periods.ts'

const serializeTimeSpent = modelRowSerializer('TimeSpent')
export const INVALID_DATE = 'Invalid date format.'
export const INVALID_MONTH = 'Invalid month or year.'

/** Time spents with their task (`t`) and task type (`tt`), for the scope's conditions. */
export const SCOPED_TIME_SPENTS = sql`time_spent ts LEFT JOIN task t ON t.id = ts.task_id LEFT JOIN task_type tt ON tt.id = t.task_type_id`

/**
 * The scope's conditions, Zou's way: a project list (an empty one matches nothing) and a
 * department list applied only when not empty.
 */
export function scopeConditions(scope: ReadScope): Sql[] {
  const where: Sql[] = []
  if (scope.projectIds) where.push(sql`t.project_id = ANY(${scope.projectIds}::uuid[])`)
  if (scope.departmentIds?.length) where.push(sql`tt.department_id = ANY(${scope.departmentIds}::uuid[])`)
  return where
}

const BY_DATE = 'x.date, x.created_at, x.id'

/** GET /data/persons/:person_id/time-spents/:date — the date as PostgreSQL reads it, as in Zou. */
export async function timeSpentsOfDate(ctx: Ctx, personId: string, date: string): Promise<Row[]> {
  const rows = await readForPerson(ctx, personId, async (id) => {
    const scope = await personReadScope(ctx, id)
    const where = [sql`ts.person_id = ${id}::uuid`, sql`ts.date = ${date}::date`, ...scopeConditions(scope)]
    return { query: sql`SELECT ts.* FROM ${SCOPED_TIME_SPENTS} ${whereClause(where)}`, orderBy: BY_DATE, dateError: INVALID_MONTH }
  })
  return rows.map(serializeTimeSpent)
}

/** GET /data/persons/:person_id/time-spents — admins; an inclusive start_date/end_date range. */
export async function timeSpentsOfRange(ctx: Ctx, personId: string, start: string | undefined, end: string | undefined): Promise<Row[]> {
  const rows = await readForPerson(ctx, personId, (id) => {
    requireAdmin(ctx)
    const mine = sql`SELECT ts.* FROM time_spent ts WHERE ts.person_id = ${id}::uuid`
    // Zou bug: with neither date Zou filters on a NULL date and answers []; every time spent
    // of the person is what the route means.
    if (!start && !end) return { query: mine, orderBy: BY_DATE }
    if (start === undefined || end === undefined) {
      throw wrongParameter('If querying for a range of dates, both a `start_date` and an `end_date` must be given.')
    }
    return {
      query: sql`${mine} AND ts.date BETWEEN ${start}::date AND ${end}::date`,
      orderBy: BY_DATE,
      dateError: `Wrong date format for ${start} and/or ${end}`,
    }
  })
  return rows.map(serializeTimeSpent)
}

/** GET /data/persons/:person_id/time-spents/month/all/:year/:month — SELF-OR-ADMIN. */
export async function timeSpentsOfMonth(ctx: Ctx, personId: string, year: string, month: string): Promise<Row[]> {
  const rows = await readForPerson(ctx, personId, (id) => {
    requireSelfOrAdmin(ctx, id)
    const period = monthPeriod(year, month)
    if (!period) throw wrongParameter(INVALID_MONTH)
    return {
      query: sql`SELECT ts.* FROM time_spent ts
        WHERE ts.person_id = ${id}::uuid AND ts.date >= ${period.start}::date AND ts.date < ${period.end}::date`,
      orderBy: BY_DATE,
    }
  })
  return rows.map(serializeTimeSpent)
}

export type PeriodUnit = 'year' | 'month' | 'week' | 'day'

/** The period of a path, or the route's 400 (`Invalid date format.` for a year). */
export function pathPeriod(unit: PeriodUnit, parts: string[]): Period {
  const [a, b = '', c = ''] = parts
  const period = unit === 'year' ? yearPeriod(a) : unit === 'month' ? monthPeriod(a, b) : unit === 'week' ? isoWeekPeriod(a, b) : dayPeriod(a, b, c)
  if (!period) throw wrongParameter(unit === 'year' ? INVALID_DATE : INVALID_MONTH)
  return period
}

export interface IntervalRow {
  task_id: string
  task_type_id: string
  project_id: string
  project_name: string
  entity_name: string
  entity_type_name: string
  sequence_name: string | null
  episode_name: string | null
  duration: number
}

/**
 * GET /data/persons/:person_id/time-spents/{year,month,week,day}/… — PERSON-READ: the minutes
 * of each task the person logged time on in the period, with its project and entity names.
 */
export async function timeSpentsByTask(
  ctx: Ctx, personId: string, unit: PeriodUnit, parts: string[], projectArg: string | null,
): Promise<IntervalRow[]> {
  const rows = await readForPerson(ctx, personId, async (id) => {
    const scope = await personReadScope(ctx, id)
    if (projectArg && scope.projectIds && !scope.projectIds.includes(projectArg)) throw forbidden()
    const period = pathPeriod(unit, parts)
    const where = [
      sql`ts.person_id = ${id}::uuid`, sql`ts.date >= ${period.start}::date`, sql`ts.date < ${period.end}::date`,
      ...scopeConditions({ projectIds: projectArg ? [projectArg] : scope.projectIds, departmentIds: scope.departmentIds }),
    ]
    return {
      query: sql`SELECT t.id AS task_id, t.task_type_id, t.project_id, pr.name AS project_name, e.name AS entity_name,
          et.name AS entity_type_name, seq.name AS sequence_name, ep.name AS episode_name, SUM(ts.duration) AS duration
        FROM ${SCOPED_TIME_SPENTS}
        JOIN entity e ON e.id = t.entity_id
        JOIN entity_type et ON et.id = e.entity_type_id
        JOIN project pr ON pr.id = t.project_id
        LEFT JOIN entity seq ON seq.id = e.parent_id
        LEFT JOIN entity ep ON ep.id = seq.parent_id
        WHERE ${join(where, ' AND ')}
        GROUP BY t.id, pr.id, e.id, et.id, seq.id, ep.id`,
      orderBy: 'x.project_name, x.episode_name NULLS FIRST, x.sequence_name NULLS FIRST, x.entity_type_name, x.entity_name, x.task_id',
    }
  })
  return rows as unknown as IntervalRow[]
}
