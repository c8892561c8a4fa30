import { Type, type Static } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { DetailedTaskList } from '../../services/entities/task-list.ts'

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
const Uuid = Type.String({ pattern: UUID_PATTERN })
// `type: [x, 'null']` rather than anyOf: Ajv's type coercion would turn a null into "" or false
// trying the first branch of an anyOf.
const OrNull = <T>(type: string, extra: object = {}) => Type.Unsafe<T | null>({ type: [type, 'null'], ...extra })

/** Every query-string parameter as a string (criterions are open-ended). */
export const OpenQuery = { type: 'object', additionalProperties: { type: 'string' } } as const
export type Query = Record<string, string>

export const AssetParams = Type.Object({ asset_id: Type.String() })
export const AssetTypeParams = Type.Object({ asset_type_id: Type.String() })
export const ProjectParams = Type.Object({ project_id: Type.String() })
export const ProjectAssetTypeParams = Type.Object({ project_id: Type.String(), asset_type_id: Type.String() })
export const ProjectEpisodeParams = Type.Object({ project_id: Type.String(), episode_id: Type.String() })
export const ShotParams = Type.Object({ shot_id: Type.String() })

// Zou's Pydantic bodies: unknown keys ignored, nulls allowed where the field is Optional.
export const NewAssetBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(OrNull<string>('string')),
  data: Type.Optional(OrNull<Record<string, unknown>>('object')),
  is_shared: Type.Optional(OrNull<boolean>('boolean')),
  episode_id: Type.Optional(OrNull<string>('string', { pattern: UUID_PATTERN })),
})
export type NewAssetBody = Static<typeof NewAssetBody>

export const ShareBody = Type.Object({
  is_shared: Type.Optional(OrNull<boolean>('boolean')),
  asset_ids: Type.Optional(OrNull<string[]>('array', { items: Uuid })),
})
export type ShareBody = Static<typeof ShareBody>

/** The asset type route reads only is_shared, and after its permission check. */
export const IsSharedBody = Type.Pick(ShareBody, ['is_shared'])

/** Zou validates `request.values` (query string, form) when there is no JSON body. */
export async function bodyOrQuery(req: FastifyRequest) {
  req.body ??= { ...(req.query as object) }
}

const open = { type: 'object', additionalProperties: true }
export const AssetList = { type: 'array', items: { $ref: 'Entity#' } }
export const AssetTypeList = { type: 'array', items: { $ref: 'EntityType#' } }
export const TaskTypeList = { type: 'array', items: { $ref: 'TaskType#' } }
export const FullAsset = open
export const WithTasksAnswer = {
  description: 'An array of assets with tasks; with compact=true an object of field lists and rows; with stream=true NDJSON.',
}
export { DetailedTaskList }
