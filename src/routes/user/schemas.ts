// Schemas of the user blueprint (routes.md §23). Bodies mirror Zou's Pydantic models
// (defaults applied, unknown keys ignored); model rows $ref the generated model schemas.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { PersonTaskRow as PersonTaskRowSchema } from '../../services/person-task-rows.ts'

const Nullable = <T extends TSchema>(t: T) => Type.Unsafe<Static<T> | null>({ ...t, type: [t.type as string, 'null'] })
const Str = Type.String()
const OptStr = Type.Optional(Nullable(Type.String()))
const OptBool = Type.Optional(Nullable(Type.Boolean()))

export const list = (ref: string) => ({ type: 'array', items: { $ref: `${ref}#` } })
export const EMPTY = { 204: { type: 'null', description: 'Empty body' } }
export const open = { type: 'object', additionalProperties: true }
const ids = { type: 'array', items: { type: 'string' } }
const strOrNull = { type: ['string', 'null'] }

export const AssetParams = Type.Object({ asset_id: Str })
export const ShotParams = Type.Object({ shot_id: Str })
export const SceneParams = Type.Object({ scene_id: Str })
export const SequenceParams = Type.Object({ sequence_id: Str })
export const ProjectParams = Type.Object({ project_id: Str })
export const AssetTypeParams = Type.Object({ project_id: Str, asset_type_id: Str })
export const FilterParams = Type.Object({ filter_id: Str })
export const FilterGroupParams = Type.Object({ filter_group_id: Str })
export const DateParams = Type.Object({ date: Str })
export const TaskParams = Type.Object({ task_id: Str })
export const TaskDateParams = Type.Object({ task_id: Str, date: Str })
export const NotificationParams = Type.Object({ notification_id: Str })
export const SequenceTaskTypeParams = Type.Object({ sequence_id: Str, task_type_id: Str })
export const ProjectTaskTypeParams = Type.Object({ project_id: Str, task_type_id: Str })
export const EntityParams = Type.Object({ entity_id: Str })
export type Params<K extends string> = Record<K, string>

export const NameQuery = Type.Object({ name: Type.Optional(Str) })
export const DateRangeQuery = Type.Object({ start_date: Type.Optional(Str), end_date: Type.Optional(Str) })
export const NotificationsQuery = Type.Object({
  after: Type.Optional(Str), before: Type.Optional(Str), task_type_id: Type.Optional(Str), task_status_id: Type.Optional(Str),
  type: Type.Optional(Str), read: Type.Optional(Str), watching: Type.Optional(Str),
})
export type NotificationsQuery = Static<typeof NotificationsQuery>

export const FilterCreateBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  query: Type.String({ minLength: 1 }),
  list_type: Type.Optional(Type.String({ default: 'todo' })),
  project_id: OptStr,
  entity_type: OptStr,
  is_shared: Type.Optional(Nullable(Type.Boolean({ default: false }))),
  search_filter_group_id: OptStr,
  department_id: OptStr,
})
export type FilterCreateBody = Static<typeof FilterCreateBody>

export const FilterUpdateBody = Type.Object({
  name: OptStr, search_query: OptStr, search_filter_group_id: OptStr, is_shared: OptBool, project_id: OptStr, department_id: OptStr,
})
export type FilterUpdateBody = Static<typeof FilterUpdateBody>

export const GroupCreateBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  color: Type.Optional(Nullable(Type.String({ default: '' }))),
  list_type: Type.Optional(Type.String({ default: 'todo' })),
  project_id: OptStr,
  is_shared: Type.Optional(Nullable(Type.Boolean({ default: false }))),
  entity_type: OptStr,
  department_id: OptStr,
})
export type GroupCreateBody = Static<typeof GroupCreateBody>

export const GroupUpdateBody = Type.Object({ name: OptStr, color: OptStr, is_shared: OptBool, project_id: OptStr, department_id: OptStr })
export type GroupUpdateBody = Static<typeof GroupUpdateBody>

/** Zou's model has `read: Optional[bool] = None` and then stores it in a NOT NULL column (a
 * 500 without it): Slate requires it. */
export const NotificationUpdateBody = Type.Object({ read: Type.Boolean() })
export type NotificationUpdateBody = Static<typeof NotificationUpdateBody>

export const TaskIdsBody = Type.Object({ task_ids: Type.Array(Type.String(), { minItems: 1 }) })
export type TaskIdsBody = Static<typeof TaskIdsBody>

export const DesktopLogBody = Type.Object({ date: Type.Optional(Str) })
export type DesktopLogBody = Static<typeof DesktopLogBody>

export const PersonTaskRows = { type: 'array', items: PersonTaskRowSchema }

/** { list_type: { project_id | "all": [rows] } } */
export const Grouped = (ref: string) => ({ type: 'object', additionalProperties: { type: 'object', additionalProperties: list(ref) } })

export const NotificationRow = {
  type: 'object',
  properties: {
    id: { type: 'string' }, type: { type: 'string' }, notification_type: { type: 'string' },
    author_id: { type: 'string' }, comment_id: strOrNull, task_id: strOrNull, task_type_id: strOrNull,
    task_status_id: strOrNull, mentions: ids, department_mentions: ids, reply_mentions: ids,
    reply_department_mentions: ids, preview_file_id: strOrNull, project_id: strOrNull, project_name: strOrNull,
    comment_text: strOrNull, reply_text: { type: 'string' }, created_at: strOrNull, read: { type: 'boolean' },
    change: { type: 'boolean' }, full_entity_name: { type: 'string' }, episode_id: strOrNull,
    entity_preview_file_id: strOrNull, subscription_id: strOrNull, playlist_id: strOrNull,
    playlist_name: strOrNull, playlist_for_entity: strOrNull, playlist_is_for_all: { type: 'boolean' },
  },
}

export const ChatSummary = {
  type: 'object',
  properties: {
    id: { type: 'string' }, object_id: { type: 'string' }, last_message: strOrNull, entity_name: { type: 'string' },
    project_id: strOrNull, preview_file_id: strOrNull,
  },
}

export const Context = {
  type: 'object',
  properties: {
    asset_types: { type: 'array', items: open },
    custom_actions: { type: 'array', items: open },
    status_automations: { type: 'array', items: open },
    departments: { type: 'array', items: open },
    studios: { type: 'array', items: open },
    notification_count: { type: 'integer' },
    persons: { type: 'array', items: open },
    project_status: { type: 'array', items: open },
    project_roles: { type: 'object', additionalProperties: { type: 'string' } },
    projects: { type: 'array', items: open },
    task_types: { type: 'array', items: open },
    task_status: { type: 'array', items: open },
    search_filters: open,
    search_filter_groups: open,
    preview_background_files: { type: 'array', items: open },
    plugins: { type: 'array', items: open },
    user_limit: { type: 'integer' },
  },
}
