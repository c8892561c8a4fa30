import { Type, type Static } from '@sinclair/typebox'

const Id = Type.String()

export const ProjectParams = Type.Object({ project_id: Id })
export const EpisodeParams = Type.Object({ project_id: Id, episode_id: Id })
export const ProjectPlaylistParams = Type.Object({ project_id: Id, playlist_id: Id })
export const PlaylistParams = Type.Object({ playlist_id: Id })
export const EntityParams = Type.Object({ entity_id: Id })
export const JobParams = Type.Object({ playlist_id: Id, build_job_id: Id })
export const TokenParams = Type.Object({ playlist_id: Id, token: Id })
export type ProjectParams = Static<typeof ProjectParams>
export type EpisodeParams = Static<typeof EpisodeParams>
export type ProjectPlaylistParams = Static<typeof ProjectPlaylistParams>
export type PlaylistParams = Static<typeof PlaylistParams>
export type EntityParams = Static<typeof EntityParams>
export type JobParams = Static<typeof JobParams>
export type TokenParams = Static<typeof TokenParams>

export const ListQuery = Type.Object({
  page: Type.Optional(Type.String()),
  sort_by: Type.Optional(Type.String()),
  task_type_id: Type.Optional(Type.String()),
})
export type ListQuery = Static<typeof ListQuery>
export const PageQuery = Type.Object({ page: Type.Optional(Type.String()) })
export type PageQuery = Static<typeof PageQuery>
export const FlagQuery = Type.Object({ full: Type.Optional(Type.String()), sort: Type.Optional(Type.String()) })
export type FlagQuery = Static<typeof FlagQuery>

export const TempBody = Type.Object({ task_ids: Type.Array(Type.String()) })
export type TempBody = Static<typeof TempBody>

const EntityToAdd = Type.Object({
  entity_id: Type.String({ format: 'uuid' }),
  preview_file_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
})
export const AddEntityBody = EntityToAdd
export type AddEntityBody = Static<typeof AddEntityBody>
export const AddEntitiesBody = Type.Object({ entities: Type.Array(EntityToAdd, { minItems: 1 }) })
export type AddEntitiesBody = Static<typeof AddEntitiesBody>

export const NotifyBody = Type.Union([
  Type.Object({ studio_id: Type.Optional(Type.String()), department_id: Type.Optional(Type.String()) }),
  Type.Null(),
])
export type NotifyBody = Static<typeof NotifyBody>

export const ShareBody = Type.Object({
  expiration_date: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  can_comment: Type.Optional(Type.Boolean()),
  password: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
})
export type ShareBody = Static<typeof ShareBody>

export const InviteBody = Type.Object({
  emails: Type.Optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 200 })),
  person_ids: Type.Optional(Type.Array(Type.String(), { maxItems: 200 })),
  message: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
})
export type InviteBody = Static<typeof InviteBody>

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()])

export const ShareLink = Type.Object({
  id: Type.String(), token: Type.String(), playlist_id: Type.String(), created_by: Nullable(Type.String()),
  expiration_date: Nullable(Type.String()), can_comment: Type.Boolean(), is_active: Type.Boolean(),
  has_password: Type.Boolean(), created_at: Nullable(Type.String()), updated_at: Nullable(Type.String()), type: Type.String(),
})
export const ShareLinks = Type.Array(ShareLink)

export const BuildJob = Type.Object({
  id: Type.String(), status: Type.String(), job_type: Type.String(), ended_at: Nullable(Type.String()),
  playlist_id: Type.String(), created_at: Nullable(Type.String()), updated_at: Nullable(Type.String()), type: Type.String(),
})
export const BuildJobs = Type.Array(BuildJob)

/** Playlist shapes carry free-form entries: open objects. */
export const OpenObject = { type: 'object', additionalProperties: true } as const
export const OpenObjects = { type: 'array', items: OpenObject } as const
export const Empty = { type: 'null' } as const
