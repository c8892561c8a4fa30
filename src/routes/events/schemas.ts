import { Type, type Static } from '@sinclair/typebox'

const Str = Type.Optional(Type.String())
const StrOrList = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]))

export const eventsQuery = Type.Object({
  after: Str, before: Str, only_files: Str, cursor_event_id: Str, limit: Str, project_id: Str, name: Str,
  name_prefixes: StrOrList, name_suffixes: StrOrList, person_ids: StrOrList,
})
export type EventsQuery = Static<typeof eventsQuery>

export const loginLogsQuery = Type.Object({ after: Str, before: Str, cursor_login_log_id: Str, limit: Str, person_ids: StrOrList })
export type LoginLogsQuery = Static<typeof loginLogsQuery>

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()])

export const EventRow = Type.Object({
  id: Type.String(), created_at: Type.String(), name: Type.String(),
  user_id: Nullable(Type.String()), project_id: Nullable(Type.String()), data: Type.Any(),
})

export const LoginLogRow = Type.Object({
  id: Type.String(), created_at: Type.String(), ip_address: Nullable(Type.String()),
  person_id: Type.String(), origin: Nullable(Type.String()),
})
