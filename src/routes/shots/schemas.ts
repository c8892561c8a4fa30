// Schemas of the shots blueprint routes: bodies as Zou's Pydantic models (TypeBox, so the
// 400 is the "Validation error." body), and response schemas built on the generated models.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { crudByRoute } from '../../crud/models.ts'
import { modelMetaOf } from '../../crud/meta.ts'
import { modelSchema, type JsonSchema } from '../../crud/model-schemas.ts'
import { responseExtras } from '../../crud/register-model.ts'

const Nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]))
const Uuid = Type.String({ format: 'uuid' })
const Dict = Type.Object({}, { additionalProperties: true })

export const NewShotBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  sequence_id: Nullable(Uuid),
  data: Nullable(Dict),
  nb_frames: Nullable(Type.Integer()),
  description: Nullable(Type.String()),
})
export type NewShotBody = Static<typeof NewShotBody>

export const NewSceneBody = Type.Object({ name: Type.String({ minLength: 1 }), sequence_id: Nullable(Uuid) })
export type NewSceneBody = Static<typeof NewSceneBody>

/** Zou's UpdateShotSchema: these columns are typed, any other key passes through. */
export const UpdateShotBody = Type.Object({
  name: Nullable(Type.String({ minLength: 1 })),
  description: Nullable(Type.String()),
  nb_frames: Nullable(Type.Integer()),
  data: Nullable(Dict),
  parent_id: Nullable(Uuid),
  canceled: Nullable(Type.Boolean()),
}, { additionalProperties: true })

export const AddShotToSceneBody = Type.Object({ shot_id: Uuid })
export type AddShotToSceneBody = Static<typeof AddShotToSceneBody>

export const AnyQuery = { type: 'object', additionalProperties: { type: 'string' } }
export type Query = Record<string, string>

const props = (name: string, extra: Record<string, JsonSchema> = {}) =>
  (modelSchema(modelMetaOf(name), new Set(), extra).properties as Record<string, JsonSchema>)

const entityProps = props('Entity', responseExtras(crudByRoute.get('entities')!))
const S = { type: ['string', 'null'] }

/** An entity row plus the given extra keys. */
export const entityRow = (extra: Record<string, JsonSchema> = {}): JsonSchema =>
  ({ type: 'object', properties: { ...entityProps, ...extra } })
export const entityList = (extra: Record<string, JsonSchema> = {}): JsonSchema => ({ type: 'array', items: entityRow(extra) })

export const ShotListRow = entityRow({ project_name: S, sequence_name: S })
export const SceneFull = entityRow({ project_name: S, sequence_id: S, sequence_name: S, episode_id: S, episode_name: S })
export const TaskTypeList = { type: 'array', items: { $ref: 'TaskType#' } }
export const ShotVersionList = { type: 'array', items: { type: 'object', properties: props('EntityVersion') } }
/** Open shapes: built by one query with Zou's keys (with-tasks rows, quotas). */
export const OpenObject = { type: 'object', additionalProperties: true }
export const OpenArray = { type: 'array', items: OpenObject }
export const FramesList = { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, nb_frames: { type: 'integer' } } } }
