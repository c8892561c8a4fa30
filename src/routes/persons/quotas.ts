// Quota shots of a person (routes.md §6): per month, ISO week or day.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { quotaShots } from '../../services/persons-quotas.ts'
import { PersonDayParams, PersonMonthParams, PersonWeekParams, QuotaQuery, QuotaShots, tags } from './schemas.ts'

const config = { access: 'user' as const }

export default async function quotaRoutes(app: FastifyInstance) {
  app.get<{ Params: PersonMonthParams; Querystring: QuotaQuery }>('/data/persons/:person_id/quota-shots/month/:year/:month', {
    schema: { tags, params: PersonMonthParams, querystring: QuotaQuery, response: { 200: QuotaShots } },
    config,
  }, (req) => quotaShots(createCtx(app, req), req.params.person_id, 'month', [req.params.year, req.params.month], req.query))

  app.get<{ Params: PersonWeekParams; Querystring: QuotaQuery }>('/data/persons/:person_id/quota-shots/week/:year/:week', {
    schema: { tags, params: PersonWeekParams, querystring: QuotaQuery, response: { 200: QuotaShots } },
    config,
  }, (req) => quotaShots(createCtx(app, req), req.params.person_id, 'week', [req.params.year, req.params.week], req.query))

  app.get<{ Params: PersonDayParams; Querystring: QuotaQuery }>('/data/persons/:person_id/quota-shots/day/:year/:month/:day', {
    schema: { tags, params: PersonDayParams, querystring: QuotaQuery, response: { 200: QuotaShots } },
    config,
  }, (req) => quotaShots(createCtx(app, req), req.params.person_id, 'day', [req.params.year, req.params.month, req.params.day], req.query))
}
