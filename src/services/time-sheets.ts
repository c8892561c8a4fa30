// A person's time sheets (routes.md §6): the raw time spents of a date, a range or a month,
// and the per-task aggregates of a year, month, ISO week or day — each one SQL statement,
// the target person check included (persons-scope.ts).
import { forbidden, wrongParameter } from '../lib/errors.ts'
import { modelRowSerializer, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { requireAdmin } from './access.ts'
import { personReadScope, readForPerson, requireSelfOrAdmin, type ReadScope } from './persons-scope.ts'
import { dayPeriod, isoWeekPeriod, monthPeriod, yearPeriod, type Period } from './time-sheets-periods.ts'

const serializeTimeSpent = modelRowSerializer('TimeSpent')
export const INVALID_DATE = 'Invalid date format.'
export const INVALID_MONTH = 'Invalid month or year.'

/** Collects numbered parameters after the person id ($1). */
export class Params {
  readonly values: unknown[] = []
  constructor(private readonly offset = 1) {}
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length + this.offset}`
  }
}

/**
 * The scope's conditions on `t` (task) and `tt` (task type), Zou's way: a project list (an
 * empty one matches nothing) and a department list applied only when not empty.
 */
export function scopeConditions(scope: ReadScope, p: Params): string[] {
  const where: string[] = []
  if (scope.projectIds) where.push(`t.project_id = ANY(${p.add(scope.projectIds)}::uuid[])`)
  if (scope.departmentIds?.length) where.push(`tt.department_id = ANY(${p.add(scope.departmentIds)}::uuid[])`)
  return where
}

const SCOPED_FROM = `time_spent ts LEFT JOIN task t ON t.id = ts.task_id LEFT JOIN task_type tt ON tt.id = t.task_type_id`

/** GET /data/persons/:person_id/time-spents/:date — the date as PostgreSQL reads it, as in Zou. */
export async function timeSpentsOfDate(ctx: Ctx, personId: string, date: string): Promise<Row[]> {
  const rows = await readForPerson(ctx, personId, async () => {
    const scope = await personReadScope(ctx, personId)
    const p = new Params()
    const where = [`ts.person_id = $1`, `ts.date = ${p.add(date)}::date`, ...scopeConditions(scope, p)]
    return {
      text: `SELECT ts.* FROM ${SCOPED_FROM} WHERE ${where.join(' AND ')}`,
      params: p.values,
      orderBy: 'x.created_at, x.id',
      dateError: INVALID_MONTH,
    }
  })
  return rows.map(serializeTimeSpent)
}

/** GET /data/persons/:person_id/time-spents — admins; an inclusive start_date/end_date range. */
export async function timeSpentsOfRange(ctx: Ctx, personId: string, start: string | undefined, end: string | undefined): Promise<Row[]> {
  const rows = await readForPerson(ctx, personId, () => {
    requireAdmin(ctx)
    // Zou bug: with neither date Zou filters on a NULL date and answers []; every time spent
    // of the person is what the route means.
    if (!start && !end) return { text: 'SELECT ts.* FROM time_spent ts WHERE ts.person_id = $1', params: [], orderBy: 'x.date, x.created_at, x.id' }
    if (start === undefined || end === undefined) {
      throw wrongParameter('If querying for a range of dates, both a `start_date` and an `end_date` must be given.')
    }
    return {
      text: 'SELECT ts.* FROM time_spent ts WHERE ts.person_id = $1 AND ts.date BETWEEN $2::date AND $3::date',
      params: [start, end],
      orderBy: 'x.date, x.created_at, x.id',
      dateError: `Wrong date format for ${start} and/or ${end}`,
    }
  })
  return rows.map(serializeTimeSpent)
}

/** GET /data/persons/:person_id/time-spents/month/all/:year/:month — SELF-OR-ADMIN. */
export async function timeSpentsOfMonth(ctx: Ctx, personId: string, year: string, month: string): Promise<Row[]> {
  const rows = await readForPerson(ctx, personId, () => {
    requireSelfOrAdmin(ctx, personId)
    const period = monthPeriod(year, month)
    if (!period) throw wrongParameter(INVALID_MONTH)
    return {
      text: 'SELECT ts.* FROM time_spent ts WHERE ts.person_id = $1 AND ts.date >= $2::date AND ts.date < $3::date',
      params: [period.start, period.end],
      orderBy: 'x.date, x.created_at, x.id',
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
  const rows = await readForPerson(ctx, personId, async () => {
    const scope = await personReadScope(ctx, personId)
    if (projectArg && scope.projectIds && !scope.projectIds.includes(projectArg)) throw forbidden()
    const period = pathPeriod(unit, parts)
    const p = new Params()
    const where = [
      'ts.person_id = $1', `ts.date >= ${p.add(period.start)}::date`, `ts.date < ${p.add(period.end)}::date`,
      ...scopeConditions({ projectIds: projectArg ? [projectArg] : scope.projectIds, departmentIds: scope.departmentIds }, p),
    ]
    return {
      text: `SELECT t.id AS task_id, t.task_type_id, t.project_id, pr.name AS project_name, e.name AS entity_name,
          et.name AS entity_type_name, seq.name AS sequence_name, ep.name AS episode_name, SUM(ts.duration) AS duration
        FROM ${SCOPED_FROM}
        JOIN entity e ON e.id = t.entity_id
        JOIN entity_type et ON et.id = e.entity_type_id
        JOIN project pr ON pr.id = t.project_id
        LEFT JOIN entity seq ON seq.id = e.parent_id
        LEFT JOIN entity ep ON ep.id = seq.parent_id
        WHERE ${where.join(' AND ')}
        GROUP BY t.id, pr.id, e.id, et.id, seq.id, ep.id`,
      params: p.values,
      orderBy: 'x.project_name, x.episode_name NULLS FIRST, x.sequence_name NULLS FIRST, x.entity_type_name, x.entity_name, x.task_id',
    }
  })
  return rows as unknown as IntervalRow[]
}
