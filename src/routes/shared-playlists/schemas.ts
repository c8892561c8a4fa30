import { Type, type Static } from '@sinclair/typebox'

const Id = Type.String()

export const TokenParams = Type.Object({ token: Id })
export const CommentParams = Type.Object({ token: Id, comment_id: Id })
export const AttachmentParams = Type.Object({ token: Id, comment_id: Id, attachment_file_id: Id })
export const FileParams = Type.Object({ token: Id, attachment_file_id: Id, file_name: Type.String() })
export const PreviewParams = Type.Object({ token: Id, preview_file_id: Id })
export const PreviewExtParams = Type.Object({ token: Id, preview_file_id: Id, extension: Type.String() })
export type TokenParams = Static<typeof TokenParams>
export type CommentParams = Static<typeof CommentParams>
export type AttachmentParams = Static<typeof AttachmentParams>
export type FileParams = Static<typeof FileParams>
export type PreviewParams = Static<typeof PreviewParams>
export type PreviewExtParams = Static<typeof PreviewExtParams>

export const PasswordQuery = Type.Object({ password: Type.Optional(Type.String()) })
export type PasswordQuery = Static<typeof PasswordQuery>

export const GuestBody = Type.Union([Type.Object({
  first_name: Type.Optional(Type.String({ maxLength: 80 })),
  last_name: Type.Optional(Type.String({ maxLength: 80 })),
  guest_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
}), Type.Null()])
export type GuestBody = Static<typeof GuestBody>

export const CommentBody = Type.Object({
  guest_id: Type.String({ format: 'uuid' }),
  task_id: Type.String({ format: 'uuid' }),
  task_status_id: Type.String({ format: 'uuid' }),
  text: Type.Optional(Type.String()),
  checklist: Type.Optional(Type.Unknown()),
})
export type CommentBody = Static<typeof CommentBody>

export const EditBody = Type.Object({
  guest_id: Type.String({ format: 'uuid' }),
  text: Type.Optional(Type.String()),
  checklist: Type.Optional(Type.Unknown()),
  task_status_id: Type.Optional(Type.String({ format: 'uuid' })),
})
export type EditBody = Static<typeof EditBody>

export const GuestIdBody = Type.Object({ guest_id: Type.String({ format: 'uuid' }) })
export type GuestIdBody = Static<typeof GuestIdBody>

const Frames = Type.Array(Type.Object({ time: Type.Number() }, { additionalProperties: true }))
export const AnnotationsBody = Type.Object({
  guest_id: Type.String({ format: 'uuid' }),
  preview_file_id: Type.String({ format: 'uuid' }),
  additions: Type.Optional(Frames),
  updates: Type.Optional(Frames),
  deletions: Type.Optional(Type.Array(Type.Object({ time: Type.Number(), objects: Type.Array(Type.String()) }))),
})
export type AnnotationsBody = Static<typeof AnnotationsBody>

export const OpenObject = { type: 'object', additionalProperties: true } as const
export const OpenObjects = { type: 'array', items: OpenObject } as const
export const Empty = { type: 'null' } as const
