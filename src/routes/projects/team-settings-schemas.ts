// Schemas of the team, settings and link routes (routes.md §7, §7.1). Bodies follow Zou's
// Pydantic models: unknown keys ignored, required keys and types checked (400 "Validation
// error."). Ids stay plain strings here: the services answer Zou's own messages for them.
import type { FastifyRequest } from 'fastify'
import { modelSchema, type JsonSchema } from '../../crud/model-schemas.ts'
import { crudByRoute } from '../../crud/models.ts'
import { responseExtras } from '../../crud/register-model.ts'

const str = { type: 'string' }
const id = { type: 'string', minLength: 1 }
const ids = { type: 'array', items: str }
const params = (...names: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(names.map((n) => [n, str])),
  required: names,
})

export const ProjectParams = params('project_id')
export const TeamMemberParams = params('project_id', 'person_id')
export const TaskTypeParams = params('project_id', 'task_type_id')
export const linkedParams = (name: string) => params('project_id', name)

export const NameQuery = { type: 'object', properties: { name: str } }
export const DateRangeQuery = { type: 'object', properties: { start_date: str, end_date: str } }

/** A per-project role; null clears it (admin is global only). */
const projectRole = { type: ['string', 'null'], enum: ['user', 'supervisor', 'manager', 'client', 'vendor', null] }

export const TeamAddBody = { type: 'object', properties: { person_id: id, role: projectRole }, required: ['person_id'] }
export const TeamRoleBody = { type: 'object', properties: { role: projectRole } }
export const linkBody = (key: string) => ({ type: 'object', properties: { [key]: id }, required: [key] })
export const TaskTypeSettingBody = {
  type: 'object',
  properties: { task_type_id: id, priority: { type: ['integer', 'null'] } },
  required: ['task_type_id'],
}
export const SettingsBatchBody = {
  type: 'object',
  properties: {
    task_types: { type: 'array', items: TaskTypeSettingBody },
    task_status_ids: ids,
    asset_type_ids: ids,
    replace_task_types: { type: 'boolean' },
  },
}

/** The project id of the path, lower-cased as memberships are keyed (malformed ids stay for the 400). */
export const projectIdOf = (req: { params: { project_id: string } }) => req.params.project_id.toLowerCase()

/** Zou validates the form and query values when a request has no JSON body. */
export async function bodyOrQuery(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) req.body = { ...(req.query as object) }
}

/** §7.1 "Args": query-string values first, then the JSON object body. */
export function readArgs(req: FastifyRequest): Record<string, unknown> {
  const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}
  return { ...(body as object), ...(req.query as object) }
}

/** A CRUD model's row schema (columns, relation keys, extras) plus keys of these routes. */
function rowSchema(route: string, extra: Record<string, JsonSchema> = {}): JsonSchema {
  const m = crudByRoute.get(route)!
  const { $id: _id, ...schema } = modelSchema(m.meta, m.hidden, { ...responseExtras(m), ...extra })
  return schema
}

const descriptor = {
  type: 'object',
  properties: {
    id: str, name: str, field_name: str, data_type: { type: ['string', 'null'] }, choices: {},
    for_client: { type: 'boolean' }, entity_type: str, task_type_id: { type: ['string', 'null'] },
    position: { type: ['integer', 'null'] }, departments: ids,
  },
}

/** Projects of the open/all listings: columns, relations, and the extra data keys. */
export const ProjectListing = {
  type: 'array',
  items: rowSchema('projects', {
    descriptors: { type: 'array', items: descriptor },
    task_types_priority: { type: 'object', additionalProperties: { type: ['integer', 'null'] } },
    task_statuses_link: {
      type: 'object',
      additionalProperties: { type: 'object', properties: { priority: { type: ['integer', 'null'] }, roles_for_board: ids } },
    },
  }),
}

const list = (ref: string) => ({ type: 'array', items: { $ref: `${ref}#` } })

export const TeamList = {
  type: 'array',
  items: rowSchema('persons', { project_role: { type: ['string', 'null'] } }),
}
export const TeamRole = {
  type: 'object',
  properties: { project_id: str, person_id: str, role: { type: ['string', 'null'] } },
}
export const TaskTypeList = list('TaskType')
export const TaskStatusList = list('TaskStatus')
export const StatusAutomationList = list('StatusAutomation')
export const PreviewBackgroundList = list('PreviewBackgroundFile')
export const TimeSpentsByPerson = { type: 'object', additionalProperties: list('TimeSpent') }
export const DayOffsByPerson = { type: 'object', additionalProperties: list('DayOff') }
export const TaskTypeLinkList = list('ProjectTaskTypeLink')
export const TaskStatusLinkList = list('ProjectTaskStatusLink')
