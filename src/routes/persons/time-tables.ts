// The studio time-sheet tables (routes.md §6): minutes per person per year, month, ISO
// week or day of month; every caller gets what they may read (their own at least).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { timeSpentTable, type TableUnit } from '../../services/time-sheets-tables.ts'
import { MonthParams, TableQuery, TimeTable, YearParams, tags } from './schemas.ts'

const config = { access: 'user' as const }

export default async function timeTableRoutes(app: FastifyInstance) {
  /** The table's path parts, in order. */
  const table = (path: string, params: object | undefined, unit: TableUnit, parts: string[]) =>
    app.get<{ Params: Record<string, string>; Querystring: TableQuery }>(path, {
      schema: { tags, ...(params ? { params } : {}), querystring: TableQuery, response: { 200: TimeTable } },
      config,
    }, (req) => timeSpentTable(createCtx(app, req), unit, parts.map((k) => req.params[k]), req.query))

  table('/data/persons/time-spents/year-table', undefined, 'year', [])
  table('/data/persons/time-spents/month-table/:year', YearParams, 'month', ['year'])
  table('/data/persons/time-spents/week-table/:year', YearParams, 'week', ['year'])
  table('/data/persons/time-spents/day-table/:year/:month', MonthParams, 'day', ['year', 'month'])
}
