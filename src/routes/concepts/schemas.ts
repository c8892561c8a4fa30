// Schemas of the concepts blueprint (routes.md §13); entity shapes shared with the edits one.
import { Type, type Static } from '@sinclair/typebox'
import { taskObjectSchema } from '../../services/concepts-edits-shared.ts'
import { CONCEPT_TASK_FIELDS } from '../../services/concepts.ts'
import { boolOrNull, EntityRow, intOrNull, OptionalObject, OptionalText, str, strOrNull } from '../edits/schemas.ts'

export { AnyQuery, EntityList, EntityListWithProject, EntityRow, ProjectIdParams, TaskTypeList } from '../edits/schemas.ts'

const withTasksProperties = {
  canceled: boolOrNull, data: {}, description: strOrNull, entity_type_id: str, fps: {}, frame_in: {}, frame_out: {},
  id: str, name: str, nb_frames: intOrNull, parent_id: strOrNull, preview_file_id: strOrNull, project_id: str,
  project_name: str, source_id: strOrNull, nb_entities_out: intOrNull, is_casting_standby: boolOrNull,
  tasks: { type: 'array', items: taskObjectSchema(CONCEPT_TASK_FIELDS) },
  entity_concept_links: { type: 'array', items: str }, type: str, updated_at: strOrNull, created_at: strOrNull,
  created_by: strOrNull,
}

export const ConceptWithTasks = { type: 'object', properties: withTasksProperties }
/** GET /data/concepts/:id: the with-tasks row merged with the concept and its relation keys. */
export const FullConcept = { type: 'object', properties: { ...withTasksProperties, ...EntityRow.properties } }

export const ConceptIdParams = Type.Object({ concept_id: Type.String() })
export type ConceptIdParams = Static<typeof ConceptIdParams>

/** Zou's NewConceptSchema; link items are `{id}` objects (what Zou can use) or bare ids. */
export const NewConceptBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  data: OptionalObject,
  description: OptionalText,
  entity_concept_links: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Object({ id: Type.String() })]))),
})
export type NewConceptBody = Static<typeof NewConceptBody>
