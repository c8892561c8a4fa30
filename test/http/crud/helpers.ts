// Shared by the /data CRUD test files: the route table of crud.md §1, request and event
// helpers, and bot identities.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { createPerson } from '../../helpers/fixtures.ts'
import type { Role } from '../../../src/plugins/auth.ts'

/** crud.md §1: every /data/<route> pair and its model (the text says 47; the table lists 46). */
export const CRUD_ROUTES: ReadonlyArray<readonly [route: string, model: string]> = [
  ['persons', 'Person'], ['projects', 'Project'], ['project-status', 'ProjectStatus'],
  ['project-templates', 'ProjectTemplate'], ['entity-types', 'EntityType'], ['entities', 'Entity'],
  ['task-types', 'TaskType'], ['task-status', 'TaskStatus'], ['tasks', 'Task'], ['departments', 'Department'],
  ['organisations', 'Organisation'], ['file-status', 'FileStatus'], ['softwares', 'Software'],
  ['hardware-items', 'HardwareItem'], ['output-files', 'OutputFile'], ['output-types', 'OutputType'],
  ['preview-files', 'PreviewFile'], ['working-files', 'WorkingFile'], ['attachment-files', 'AttachmentFile'],
  ['comments', 'Comment'], ['time-spents', 'TimeSpent'], ['day-offs', 'DayOff'], ['custom-actions', 'CustomAction'],
  ['status-automations', 'StatusAutomation'], ['asset-instances', 'AssetInstance'], ['playlists', 'Playlist'],
  ['events', 'ApiEvent'], ['notifications', 'Notification'], ['search-filters', 'SearchFilter'],
  ['search-filter-groups', 'SearchFilterGroup'], ['schedule-items', 'ScheduleItem'], ['news', 'News'],
  ['milestones', 'Milestone'], ['metadata-descriptors', 'MetadataDescriptor'], ['subscriptions', 'Subscription'],
  ['entity-links', 'EntityLink'], ['chats', 'Chat'], ['chat-messages', 'ChatMessage'],
  ['preview-background-files', 'PreviewBackgroundFile'], ['studios', 'Studio'], ['salary-scales', 'SalaryScale'],
  ['budgets', 'Budget'], ['budget-entries', 'BudgetEntry'], ['plugins', 'Plugin'],
  ['production-schedule-versions', 'ProductionScheduleVersion'],
  ['production-schedule-version-task-links', 'ProductionScheduleVersionTaskLink'],
]

export const FORBIDDEN = {
  error: true,
  message: "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
}

export type Headers = { authorization: string }

/** app.inject with a JSON body; returns status, parsed body (or null) and raw text. */
export async function call(app: FastifyInstance, method: InjectOptions['method'], url: string, headers: Headers, payload?: unknown) {
  const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}) })
  let body: unknown = null
  try {
    body = res.body ? JSON.parse(res.body) : null
  } catch {
    body = res.body
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.statusCode, body: body as any, text: res.body }
}

/** A bot person and an API token for it (auth.md §5), as Slate mints them. */
export async function asBot(app: FastifyInstance, role: Role = 'user') {
  const bot = await createPerson(app, role, { is_bot: true })
  const jti = randomUUID()
  await app.db.person.update({ where: { id: bot.id }, data: { jti } })
  const iat = Math.floor(Date.now() / 1000)
  const token = app.jwt.sign(
    { fresh: false, iat, nbf: iat, jti, type: 'access', sub: bot.id, identity_type: 'bot' } as never,
    { noTimestamp: true },
  )
  return { id: bot.id, role, token, headers: { authorization: `Bearer ${token}` } }
}

/** The api_event rows of one name and subject id (the payload's `<subject>_id`). */
export async function eventsFor(app: FastifyInstance, name: string, key: string, id: string) {
  const { rows } = await app.pool.query(
    `SELECT name, data, project_id FROM api_event WHERE name = $1 AND data->>$2 = $3`,
    [name, key, id],
  )
  return rows as Array<{ name: string; data: Record<string, unknown>; project_id: string | null }>
}

export async function rowExists(app: FastifyInstance, table: string, id: string): Promise<boolean> {
  const { rowCount } = await app.pool.query(`SELECT 1 FROM "${table}" WHERE id = $1`, [id])
  return !!rowCount
}

export async function countRows(app: FastifyInstance, table: string): Promise<number> {
  const { rows } = await app.pool.query(`SELECT count(*)::int AS n FROM "${table}"`)
  return rows[0].n
}

export const uniq = (prefix: string, n = 6) => `${prefix}${randomUUID().slice(0, n)}`
