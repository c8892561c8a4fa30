// Desktop login logs and the monthly presence sheet (routes.md §6, auth.md §7.4).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { createDesktopLoginLog, listDesktopLoginLogs, presenceSheet } from '../../services/persons-presence.ts'
import { Csv, DesktopLoginLogRows, MonthDateParams, PersonParams, tags } from './schemas.ts'

export default async function presenceRoutes(app: FastifyInstance) {
  app.get<{ Params: PersonParams }>('/data/persons/:person_id/desktop-login-logs', {
    schema: { tags, params: PersonParams, response: { 200: DesktopLoginLogRows } },
    config: { access: 'user' },
  }, (req) => listDesktopLoginLogs(createCtx(app, req), req.params.person_id))

  app.post<{ Params: PersonParams }>('/data/persons/:person_id/desktop-login-logs', {
    schema: { tags, params: PersonParams, response: { 201: { $ref: 'DesktopLoginLog#' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    // Zou falls back to the form/query values when there is no JSON body.
    const body = req.body ?? (Object.keys(req.query as object).length ? req.query : undefined)
    return reply.code(201).send(await createDesktopLoginLog(createCtx(app, req), req.params.person_id, body))
  })

  app.get<{ Params: MonthDateParams }>('/data/persons/presence-logs/:month_date', {
    schema: { tags, params: MonthDateParams, response: { 200: Csv } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const csv = await presenceSheet(createCtx(app, req), req.params.month_date)
    return reply.type('text/csv').header('Content-Disposition', 'attachment; filename=kitsu_export.csv').send(csv)
  })
}
