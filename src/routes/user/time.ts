// The caller's time spents, day offs and desktop login logs (auth.md §7.4).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import * as time from '../../services/user-time.ts'
import { formFallback } from '../auth/form-fallback.ts'
import { DateParams, DateRangeQuery, DesktopLogBody, list, open, TaskDateParams, type Params } from './schemas.ts'

const tags = ['user']

export default async function timeRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { start_date?: string; end_date?: string } }>('/data/user/time-spents', {
    schema: { tags, querystring: DateRangeQuery, response: { 200: list('TimeSpent') } },
    config: { access: 'person' },
  }, (req) => time.timeSpentsInRange(createCtx(app, req), req.query.start_date, req.query.end_date))

  app.get<{ Params: Params<'date'> }>('/data/user/time-spents/:date', {
    schema: { tags, params: DateParams, response: { 200: list('TimeSpent') } },
    config: { access: 'person' },
  }, (req) => time.timeSpentsOn(createCtx(app, req), req.params.date))

  app.get<{ Params: Params<'task_id' | 'date'> }>('/data/user/tasks/:task_id/time-spents/:date', {
    schema: { tags, params: TaskDateParams, response: { 200: { anyOf: [{ $ref: 'TimeSpent#' }, { type: 'null' }] } } },
    config: { access: 'person' },
  }, async (req, reply) => {
    const row = await time.taskTimeSpentOn(createCtx(app, req), req.params.task_id, req.params.date)
    // A null answer must be the JSON `null`, which Fastify would otherwise send as an empty body.
    return row ?? reply.type('application/json; charset=utf-8').send('null')
  })

  app.get<{ Params: Params<'date'> }>('/data/user/day-offs/:date', {
    schema: { tags, params: DateParams, response: { 200: { anyOf: [{ $ref: 'DayOff#' }, open] } } },
    config: { access: 'person' },
  }, (req) => time.dayOffOn(createCtx(app, req), req.params.date))

  app.get('/data/user/desktop-login-logs', {
    schema: { tags, response: { 200: list('DesktopLoginLog') } },
    config: { access: 'person' },
  }, (req) => time.desktopLoginLogs(createCtx(app, req)))

  app.post<{ Body: { date?: string } }>('/data/user/desktop-login-logs', {
    schema: { tags, body: DesktopLogBody, response: { 201: { $ref: 'DesktopLoginLog#' } } },
    config: { access: 'person' },
    preValidation: formFallback,
  }, async (req, reply) => reply.code(201).send(await time.addDesktopLoginLog(createCtx(app, req), req.body.date)))
}
