// Event log read-back (routes.md §17): newest first with cursor paging, for managers (only
// their projects' events unless admin) and the login log for admins.
import type { FastifyInstance } from 'fastify'
import { forbidden, wrongParameter } from '../../lib/errors.ts'
import { isUuid, parseDateTimeInput } from '../../lib/serialize.ts'
import { createCtx } from '../../crud/context.ts'
import { eventsQuery, loginLogsQuery, EventRow, LoginLogRow, type EventsQuery, type LoginLogsQuery } from './schemas.ts'
import { readEvents, readEventNames, readLoginLogs } from '../../services/events-log.ts'

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

function dateArg(name: string, value: string | undefined): Date | null {
  if (value === undefined || value === '') return null
  const date = parseDateTimeInput(value)
  if (!date) throw wrongParameter(`Wrong date format for ${name} argument.Expected format: 2020-01-05T13:23:10 or 2020-01-05`)
  return date
}

function limitArg(value: string | undefined): number {
  if (value === undefined || value === '') return 100
  if (!/^\d+$/.test(value)) throw wrongParameter('Wrong value for parameter limit.')
  return Math.min(Math.max(Number(value), 1), 1000)
}

function idList(name: string, values: string[]): string[] {
  for (const v of values) if (!isUuid(v)) throw wrongParameter(`The ${name} parameter contains an invalid id`)
  return values
}

export default async function eventRoutes(app: FastifyInstance) {
  app.get<{ Querystring: EventsQuery }>('/data/events/last', {
    schema: { tags: ['events'], querystring: eventsQuery, response: { 200: { type: 'array', items: EventRow } } },
    config: { access: 'user' },
  }, async (req) => {
    const ctx = createCtx(app, req)
    const q = req.query
    const projectId = q.project_id || null
    if (projectId && !isUuid(projectId)) throw wrongParameter('The project_id parameter is not a valid id')
    // Managers: global managers, or project managers of the requested project.
    const role = projectId ? await ctx.projectRole(projectId) : ctx.actor.role
    const globalManager = ctx.actor.role === 'manager' || ctx.isAdmin
    if (!ctx.isAdmin && !(role === 'manager' || (globalManager && !projectId))) throw forbidden()
    const prefixes = asList(q.name_prefixes)
    const suffixes = asList(q.name_suffixes)
    if (prefixes.some((p) => !/^[a-z0-9-]+$/.test(p))) throw wrongParameter('The name_prefixes parameter contains an invalid value')
    if (suffixes.some((p) => !/^[a-z0-9-]+$/.test(p))) throw wrongParameter('The name_suffixes parameter contains an invalid value')
    if (q.cursor_event_id !== undefined && !isUuid(q.cursor_event_id)) {
      throw wrongParameter('The cursor_event_id parameter is not a valid id')
    }
    const visibleProjects = ctx.isAdmin ? null : [...(await ctx.memberships()).keys()]
    const rows = await readEvents(app.pool, {
      after: dateArg('after', q.after),
      before: dateArg('before', q.before),
      onlyFiles: (q.only_files ?? '').toLowerCase() === 'true',
      cursorEventId: q.cursor_event_id ?? null,
      limit: limitArg(q.limit),
      projectId,
      name: q.name || null,
      prefixes,
      suffixes,
      personIds: idList('person_ids', asList(q.person_ids)),
      visibleProjects,
    })
    return rows
  })

  app.get('/data/events/names', {
    schema: { tags: ['events'], response: { 200: { type: 'array', items: { type: 'string' } } } },
    config: { access: 'manager' },
  }, () => readEventNames(app.pool))

  app.get<{ Querystring: LoginLogsQuery }>('/data/events/login-logs/last', {
    schema: { tags: ['events'], querystring: loginLogsQuery, response: { 200: { type: 'array', items: LoginLogRow } } },
    config: { access: 'admin' },
  }, async (req) => {
    const q = req.query
    if (q.cursor_login_log_id !== undefined && !isUuid(q.cursor_login_log_id)) {
      throw wrongParameter('The cursor_login_log_id parameter is not a valid id')
    }
    const rows = await readLoginLogs(app.pool, {
      after: dateArg('after', q.after),
      before: dateArg('before', q.before),
      cursorId: q.cursor_login_log_id ?? null,
      limit: limitArg(q.limit),
      personIds: idList('person_ids', asList(q.person_ids)),
    })
    return rows
  })
}
