// A person's time spents (routes.md §6): raw rows of a date, a range or a month, and the
// per-task aggregates of a year, month, ISO week or day.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { idArg } from '../../services/persons-scope.ts'
import { timeSpentsByTask, timeSpentsOfDate, timeSpentsOfMonth, timeSpentsOfRange, type PeriodUnit } from '../../services/time-sheets.ts'
import {
  IntervalRows, PersonDateParams, PersonDayParams, PersonMonthParams, PersonParams, PersonWeekParams, PersonYearParams,
  ProjectQuery, RangeQuery, TimeSpentRows, tags,
} from './schemas.ts'

const config = { access: 'user' as const }

export default async function timeSheetRoutes(app: FastifyInstance) {
  app.get<{ Params: PersonParams; Querystring: RangeQuery }>('/data/persons/:person_id/time-spents', {
    schema: { tags, params: PersonParams, querystring: RangeQuery, response: { 200: TimeSpentRows } },
    // Admins only, checked after the target person (Zou's order).
    config,
  }, (req) => timeSpentsOfRange(createCtx(app, req), req.params.person_id, req.query.start_date, req.query.end_date))

  app.get<{ Params: PersonDateParams }>('/data/persons/:person_id/time-spents/:date', {
    schema: { tags, params: PersonDateParams, response: { 200: TimeSpentRows } },
    config,
  }, (req) => timeSpentsOfDate(createCtx(app, req), req.params.person_id, req.params.date))

  app.get<{ Params: PersonMonthParams }>('/data/persons/:person_id/time-spents/month/all/:year/:month', {
    schema: { tags, params: PersonMonthParams, response: { 200: TimeSpentRows } },
    config,
  }, (req) => timeSpentsOfMonth(createCtx(app, req), req.params.person_id, req.params.year, req.params.month))

  /** The period's path parts, in order, follow the person id. */
  const aggregate = (path: string, params: object, unit: PeriodUnit, parts: string[]) =>
    app.get<{ Params: Record<string, string>; Querystring: ProjectQuery }>(path, {
      schema: { tags, params, querystring: ProjectQuery, response: { 200: IntervalRows } },
      config,
    }, (req) => timeSpentsByTask(
      createCtx(app, req), req.params.person_id, unit, parts.map((k) => req.params[k]), idArg(req.query.project_id),
    ))

  aggregate('/data/persons/:person_id/time-spents/year/:year', PersonYearParams, 'year', ['year'])
  aggregate('/data/persons/:person_id/time-spents/month/:year/:month', PersonMonthParams, 'month', ['year', 'month'])
  aggregate('/data/persons/:person_id/time-spents/week/:year/:week', PersonWeekParams, 'week', ['year', 'week'])
  aggregate('/data/persons/:person_id/time-spents/day/:year/:month/:day', PersonDayParams, 'day', ['year', 'month', 'day'])
}
