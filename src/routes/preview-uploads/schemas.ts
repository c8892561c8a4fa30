import { Type, type Static } from '@sinclair/typebox'

export const InstanceParams = Type.Object({ instance_id: Type.String() })
export type InstanceParams = Static<typeof InstanceParams>

export const TaskParams = Type.Object({ task_id: Type.String() })
export type TaskParams = Static<typeof TaskParams>

export const UploadQuery = Type.Object({
  normalize: Type.Optional(Type.String()),
  no_job: Type.Optional(Type.String()),
})
export type UploadQuery = Static<typeof UploadQuery>

export const OpenObject = Type.Object({}, { additionalProperties: true })
export const OpenObjects = Type.Array(OpenObject)

export const ThumbnailPath = Type.Object({ thumbnail_path: Type.String() })
