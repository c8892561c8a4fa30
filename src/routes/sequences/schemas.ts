// Schemas of the sequence and episode routes: path ids, creation bodies (Zou's Pydantic
// NewSequenceSchema / NewEpisodeSchema) and the entity rows they answer.
import { Type, type Static } from '@sinclair/typebox'
import { modelSchema, type JsonSchema } from '../../crud/model-schemas.ts'
import { responseExtras } from '../../crud/register-model.ts'
import { ENTITY } from '../../services/sequences-common.ts'

export const SequenceParams = Type.Object({ sequence_id: Type.String() })
export type SequenceParams = Static<typeof SequenceParams>
export const EpisodeParams = Type.Object({ episode_id: Type.String() })
export type EpisodeParams = Static<typeof EpisodeParams>
export const ProjectParams = Type.Object({ project_id: Type.String() })
export type ProjectParams = Static<typeof ProjectParams>

export type Query = Record<string, unknown>

/** Pydantic's UUID: hex digits with or without hyphens, any case. */
const UUID_PATTERN = '^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$'
const text = { type: ['string', 'null'] }
const data = { type: ['object', 'null'], additionalProperties: true }

/** Body schemas stay plain JSON schema: `type` lists coerce predictably (no anyOf). */
export const NewSequenceBody = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 }, episode_id: { type: ['string', 'null'], pattern: UUID_PATTERN }, description: text, data },
}

export const NewEpisodeBody = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 }, status: text, description: text, data },
}

/** An entity row: every column, the relation keys when asked, `type`, plus `extra` keys. */
export function entityRow(extra: Record<string, JsonSchema> = {}): JsonSchema {
  const { $id: _id, ...row } = modelSchema(ENTITY.meta, ENTITY.hidden, responseExtras(ENTITY))
  return { ...row, properties: { ...(row.properties as object), ...extra } }
}

const str = { type: 'string' }
export const EntityList = { type: 'array', items: entityRow() }
export const ShotList = { type: 'array', items: entityRow({ project_name: str, sequence_name: str }) }
export const SequenceRow = entityRow({ project_name: str, episode_id: str, episode_name: str })
export const EpisodeRow = entityRow({ project_name: str })
export const TaskTypeList = { type: 'array', items: { $ref: 'TaskType#' } }
/** Dynamic keys (ids), built by the service. */
export const OpenObject = { type: 'object', additionalProperties: true }

/** The entities-and-tasks rows (sent as JSON text built by PostgreSQL; for the docs). */
export const EntitiesAndTasks = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: str, name: str, status: str, episode_id: str, description: { type: ['string', 'null'] },
      frame_in: {}, frame_out: {}, fps: {}, preview_file_id: str, canceled: { type: ['boolean', 'null'] }, data: {},
      tasks: { type: 'array', items: { type: 'object', additionalProperties: true } },
    },
  },
}
