import { Type, type Static } from '@sinclair/typebox'

const Id = Type.String()

export const TaskParams = Type.Object({ task_id: Id })
export const ProjectParams = Type.Object({ project_id: Id })
export const CommentParams = Type.Object({ task_id: Id, comment_id: Id })
export const ReplyParams = Type.Object({ task_id: Id, comment_id: Id, reply_id: Id })
export const AttachmentParams = Type.Object({ task_id: Id, comment_id: Id, attachment_file_id: Id })
export const DownloadParams = Type.Object({ attachment_file_id: Id, file_name: Type.String() })
export type TaskParams = Static<typeof TaskParams>
export type ProjectParams = Static<typeof ProjectParams>
export type CommentParams = Static<typeof CommentParams>
export type ReplyParams = Static<typeof ReplyParams>
export type AttachmentParams = Static<typeof AttachmentParams>
export type DownloadParams = Static<typeof DownloadParams>

/** Zou's CommentTaskResource body (JSON or form fields; checklist/links may be JSON strings). */
export const CommentBody = Type.Object({
  task_status_id: Type.String(),
  comment: Type.Optional(Type.String()),
  person_id: Type.Optional(Type.String()),
  created_at: Type.Optional(Type.String()),
  checklist: Type.Optional(Type.Unknown()),
  links: Type.Optional(Type.Unknown()),
  // Read leniently in the service (form values such as "True" are booleans for Zou).
  for_client: Type.Optional(Type.Unknown()),
})
export type CommentBody = Static<typeof CommentBody>

export const ReplyBody = Type.Object({ text: Type.Optional(Type.String()) })
export type ReplyBody = Static<typeof ReplyBody>

export const MoveBody = Type.Object({ target_task_id: Type.String() })
export type MoveBody = Static<typeof MoveBody>

/** Comment shapes carry relation arrays, the status and the author: open objects. */
export const OpenObject = { type: 'object', additionalProperties: true } as const
export const OpenObjects = { type: 'array', items: OpenObject } as const

export const AttachmentEntries = Type.Array(Type.Object({
  id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), extension: Type.Union([Type.String(), Type.Null()]), size: Type.Union([Type.Integer(), Type.Null()]),
}))

export const Empty = { type: 'null' } as const
