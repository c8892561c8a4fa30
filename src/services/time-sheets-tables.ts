// The studio time-sheet tables (routes.md §6): minutes per person per year, month, ISO week
// or day of month, summed by PostgreSQL in one statement, scoped to what the caller may read.
import { forbidden, wrongParameter } from '../lib/errors.ts'
import type { Ctx } from '../crud/context.ts'
import { idArg } from './persons-scope.ts'
import { sql, whereClause } from '../crud/select.ts'
import { SCOPED_TIME_SPENTS, scopeConditions, INVALID_DATE, INVALID_MONTH } from './time-sheets.ts'
import { monthPeriod, yearDays, type DayRange } from './time-sheets-periods.ts'

export type TableUnit = 'year' | 'month' | 'week' | 'day'

/** `{ <unit>: { <person id>: <minutes> } }`. */
export type TimeTable = Record<string, Record<string, number>>

const UNIT_SQL = {
  year: sql`EXTRACT(YEAR FROM ts.date)::int`,
  month: sql`EXTRACT(MONTH FROM ts.date)::int`,
  // ISO week number, as Python's isocalendar(): the last days of December can be week 1.
  week: sql`EXTRACT(WEEK FROM ts.date)::int`,
  day: sql`EXTRACT(DAY FROM ts.date)::int`,
}

export interface TableQuery {
  project_id?: string
  department_id?: string
  studio_id?: string
}

interface TableScope {
  personId: string | null
  projectIds: string[] | null
  departmentIds: string[] | null
  studioId: string | null
}

/**
 * Admins: the filters as given. Global managers and supervisors: their projects (a project
 * outside them → 403), supervisors their departments (another one → 400). Others: only
 * their own time spents.
 */
async function tableScope(ctx: Ctx, q: TableQuery): Promise<TableScope> {
  const projectId = idArg(q.project_id)
  const departmentId = idArg(q.department_id)
  const studioId = idArg(q.studio_id)
  const scope: TableScope = {
    personId: null,
    projectIds: projectId ? [projectId] : null,
    departmentIds: departmentId ? [departmentId] : null,
    studioId,
  }
  if (ctx.isAdmin) return scope
  const role = ctx.actor.role
  if (role !== 'manager' && role !== 'supervisor') return { ...scope, personId: ctx.actor.id }
  const mine = [...(await ctx.memberships()).keys()]
  if (!projectId) scope.projectIds = mine
  else if (!mine.includes(projectId)) throw forbidden()
  if (role === 'supervisor') {
    const departments = await ctx.departments()
    if (departmentId && !departments.includes(departmentId)) throw wrongParameter('Supervisor not allowed to access this department')
    if (!departmentId) scope.departmentIds = departments
  }
  return scope
}

/** GET /data/persons/time-spents/{year-table,month-table/:year,week-table/:year,day-table/:year/:month}. */
export async function timeSpentTable(ctx: Ctx, unit: TableUnit, parts: string[], q: TableQuery): Promise<TimeTable> {
  const scope = await tableScope(ctx, q)
  let days: DayRange | null = null
  if (unit === 'month' || unit === 'week') {
    days = yearDays(parts[0])
    if (!days) throw wrongParameter(INVALID_DATE)
  } else if (unit === 'day') {
    days = monthPeriod(parts[0], parts[1])
    if (!days) throw wrongParameter(INVALID_MONTH)
  }
  const where = scopeConditions(scope)
  if (days) where.push(sql`ts.date BETWEEN ${days.start}::date AND ${days.last}::date`)
  if (scope.personId) where.push(sql`ts.person_id = ${scope.personId}::uuid`)
  if (scope.studioId) where.push(sql`ts.person_id IN (SELECT id FROM person WHERE studio_id = ${scope.studioId}::uuid)`)
  const statement = sql`SELECT ${UNIT_SQL[unit]} AS unit, COALESCE(ts.person_id::text, 'None') AS person_id, SUM(ts.duration) AS minutes
     FROM ${SCOPED_TIME_SPENTS} ${whereClause(where)}
     GROUP BY 1, 2 ORDER BY 1, 2`
  const { rows } = await ctx.pool.query(statement.text, statement.values)
  const table: TimeTable = {}
  for (const row of rows) (table[String(row.unit)] ??= {})[row.person_id] = row.minutes
  return table
}
