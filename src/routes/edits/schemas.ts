// Schemas of the edits blueprint (routes.md §15), and the entity shapes the concepts
// blueprint shares with it.
import { Type, type Static } from '@sinclair/typebox'
import { modelSchema } from '../../crud/model-schemas.ts'
import { modelMetaOf } from '../../crud/meta.ts'
import { responseExtras } from '../../crud/register-model.ts'
import { entityModel, taskObjectSchema } from '../../services/concepts-edits-shared.ts'
import { EDIT_TASK_FIELDS } from '../../services/edits.ts'

const { $id: _entity, ...entity } = modelSchema(modelMetaOf('Entity'), entityModel.hidden, responseExtras(entityModel))

/** One entity as the generic CRUD serializes it (relation keys when asked). */
export const EntityRow = entity as { type: 'object'; properties: Record<string, unknown> }
export const EntityList = { type: 'array', items: EntityRow }
/** Entities plus `project_name` (the criterions lists). */
export const EntityListWithProject = {
  type: 'array',
  items: { ...EntityRow, properties: { ...EntityRow.properties, project_name: { type: 'string' } } },
}
export const TaskTypeList = { type: 'array', items: { $ref: 'TaskType#' } }

export const str = { type: 'string' }
export const strOrNull = { type: ['string', 'null'] }
export const intOrNull = { type: ['integer', 'null'] }
export const boolOrNull = { type: ['boolean', 'null'] }

export const EditWithTasks = {
  type: 'object',
  properties: {
    canceled: boolOrNull, data: {}, description: strOrNull, entity_type_id: str, episode_id: strOrNull, episode_name: str,
    id: str, name: str, parent_id: strOrNull, preview_file_id: strOrNull, project_id: str, project_name: str,
    source_id: strOrNull, nb_entities_out: intOrNull, tasks: { type: 'array', items: taskObjectSchema(EDIT_TASK_FIELDS) }, type: str,
  },
}

export const EditVersionList = { type: 'array', items: { $ref: 'EntityVersion#' } }

export const EditIdParams = Type.Object({ edit_id: Type.String() })
export type EditIdParams = Static<typeof EditIdParams>
export const EpisodeIdParams = Type.Object({ episode_id: Type.String() })
export type EpisodeIdParams = Static<typeof EpisodeIdParams>
export const ProjectIdParams = Type.Object({ project_id: Type.String() })
export type ProjectIdParams = Static<typeof ProjectIdParams>

/** Query strings are read by the services (criterions, Zou's boolean args). */
export const AnyQuery = Type.Object({}, { additionalProperties: true })
export type AnyQuery = Record<string, unknown>

// Type arrays, not anyOf: with Ajv's type coercion an anyOf would turn a null into "".
export const OptionalText = Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] }))
export const OptionalObject = Type.Optional(Type.Unsafe<Record<string, unknown> | null>({ type: ['object', 'null'] }))

/** Zou's NewEditSchema (unknown keys ignored); `episode_id` is checked by the service. */
export const NewEditBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: OptionalText,
  data: OptionalObject,
  episode_id: OptionalText,
})
export type NewEditBody = Static<typeof NewEditBody>

