// Schemas of the files blueprint (routes.md §8): Zou's pydantic bodies (unknown keys
// ignored), path params, and the response shapes.
import { Type, type Static } from '@sinclair/typebox'
import { modelSchema } from '../../crud/model-schemas.ts'
import { modelMetaOf } from '../../crud/meta.ts'

const Text = (def?: string) => Type.Optional(Type.String(def === undefined ? {} : { default: def }))
const OptionalId = Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] }))
const Int = Type.Optional(Type.Integer())
const RequiredId = Type.String({ minLength: 1 })

export const NewWorkingFileBody = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: Text(),
  mode: Text(),
  comment: Text(),
  person_id: OptionalId,
  software_id: OptionalId,
  revision: Int,
  sep: Text(),
})
export type NewWorkingFileBody = Static<typeof NewWorkingFileBody>

export const WorkingFilePathBody = Type.Object({
  name: Text(), mode: Text(), software_id: OptionalId, comment: Text(), revision: Int, sep: Text(),
})
export type WorkingFilePathBody = Static<typeof WorkingFilePathBody>

export const OutputFilePathBody = Type.Object({
  name: Text(), mode: Text(), output_type_id: RequiredId, task_type_id: RequiredId, revision: Int,
  extension: Text(), representation: Text(), separator: Text(),
})
export type OutputFilePathBody = Static<typeof OutputFilePathBody>

export const NewOutputFileBody = Type.Object({
  name: Text(), mode: Text(), output_type_id: RequiredId, task_type_id: RequiredId, person_id: OptionalId,
  working_file_id: OptionalId, comment: Text(), revision: Int, extension: Text(), representation: Text(),
  nb_elements: Int, sep: Text(), file_status_id: OptionalId,
})
export type NewOutputFileBody = Static<typeof NewOutputFileBody>

export const NextRevisionBody = Type.Object({ name: Text(), output_type_id: RequiredId, task_type_id: RequiredId })
export type NextRevisionBody = Static<typeof NextRevisionBody>

export const SetTreeBody = Type.Object({ tree_name: Type.String({ minLength: 1 }) })
export type SetTreeBody = Static<typeof SetTreeBody>

export const GuessBody = Type.Object({ project_id: RequiredId, file_path: Type.String({ minLength: 1 }), sep: Text() })
export type GuessBody = Static<typeof GuessBody>

export const CommentBody = Type.Object({ comment: Type.String({ minLength: 1 }) })
export type CommentBody = Static<typeof CommentBody>

export const AnyQuery = Type.Object({}, { additionalProperties: true })
export type AnyQuery = Record<string, unknown>

export const FileIdParams = Type.Object({ file_id: Type.String() })
export const TaskIdParams = Type.Object({ task_id: Type.String() })
export const EntityIdParams = Type.Object({ entity_id: Type.String() })
export const EntityOutputTypeParams = Type.Object({ entity_id: Type.String(), output_type_id: Type.String() })
export const ProjectIdParams = Type.Object({ project_id: Type.String() })
export const InstanceParams = Type.Object({ asset_instance_id: Type.String() })
export const InstanceTemporalParams = Type.Object({ asset_instance_id: Type.String(), temporal_entity_id: Type.String() })
export const InstanceOutputTypeParams = Type.Object({
  asset_instance_id: Type.String(), temporal_entity_id: Type.String(), output_type_id: Type.String(),
})
export const WorkingFileIdParams = Type.Object({ working_file_id: Type.String() })

const str = { type: 'string' }
export const WorkingFileRef = { $ref: 'WorkingFile#' }
export const OutputFileRef = { $ref: 'OutputFile#' }
export const WorkingFileList = { type: 'array', items: WorkingFileRef }
export const OutputFileList = { type: 'array', items: OutputFileRef }
export const OutputTypeList = { type: 'array', items: { $ref: 'OutputType#' } }
export const WorkingFilesByName = { type: 'object', additionalProperties: WorkingFileRef }
/** A new output file: the row plus its `folder_path` and `file_name`. */
export const NewOutputFile = (() => {
  const { $id: _id, ...schema } = modelSchema(modelMetaOf('OutputFile'), new Set(), { folder_path: str, file_name: str })
  return schema
})()
/** GET /data/files/:id answers a working file (with relations) or an output file: both shapes' keys. */
export const AnyFile = (() => {
  const working = modelSchema(modelMetaOf('WorkingFile'), new Set(), { outputs: { type: 'array', items: str } })
  const output = modelSchema(modelMetaOf('OutputFile'), new Set())
  return { type: 'object', properties: { ...(output.properties as object), ...(working.properties as object) } }
})()
export const WorkingFilePath = { type: 'object', properties: { path: str, name: str } }
export const OutputFilePath = { type: 'object', properties: { folder_path: str, file_name: str } }
export const NextRevision = { type: 'object', properties: { next_revision: { type: 'integer' } } }
export const GuessList = { type: 'array', items: { type: 'object', additionalProperties: str } }
