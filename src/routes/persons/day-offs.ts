// Day offs by person and period (routes.md §6).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { dayOffOfDate, dayOffsOfMonth, dayOffsOfPerson } from '../../services/day-offs.ts'
import {
  DayOffOrEmpty, DayOffRows, MonthParams, PersonDateParams, PersonMonthParams, PersonParams, PersonWeekParams, PersonYearParams, tags,
} from './schemas.ts'

const config = { access: 'user' as const }

export default async function dayOffRoutes(app: FastifyInstance) {
  app.get<{ Params: MonthParams }>('/data/persons/day-offs/:year/:month', {
    schema: { tags, params: MonthParams, response: { 200: DayOffRows } },
    config,
  }, (req) => dayOffsOfMonth(createCtx(app, req), req.params.year, req.params.month))

  app.get<{ Params: PersonParams }>('/data/persons/:person_id/day-offs', {
    schema: { tags, params: PersonParams, response: { 200: DayOffRows } },
    config,
  }, (req) => dayOffsOfPerson(createCtx(app, req), req.params.person_id, null))

  app.get<{ Params: PersonDateParams }>('/data/persons/:person_id/day-offs/:date', {
    schema: { tags, params: PersonDateParams, response: { 200: DayOffOrEmpty } },
    config,
  }, (req) => dayOffOfDate(createCtx(app, req), req.params.person_id, req.params.date))

  app.get<{ Params: PersonWeekParams }>('/data/persons/:person_id/day-offs/week/:year/:week', {
    schema: { tags, params: PersonWeekParams, response: { 200: DayOffRows } },
    config,
  }, (req) => dayOffsOfPerson(createCtx(app, req), req.params.person_id, 'week', [req.params.year, req.params.week]))

  app.get<{ Params: PersonMonthParams }>('/data/persons/:person_id/day-offs/month/:year/:month', {
    schema: { tags, params: PersonMonthParams, response: { 200: DayOffRows } },
    config,
  }, (req) => dayOffsOfPerson(createCtx(app, req), req.params.person_id, 'month', [req.params.year, req.params.month]))

  app.get<{ Params: PersonYearParams }>('/data/persons/:person_id/day-offs/year/:year', {
    schema: { tags, params: PersonYearParams, response: { 200: DayOffRows } },
    config,
  }, (req) => dayOffsOfPerson(createCtx(app, req), req.params.person_id, 'year', [req.params.year]))
}
