import { Type, type Static } from '@sinclair/typebox'

const Id = Type.String()

export const InstanceParams = Type.Object({ instance_id: Id })
export const ExtensionParams = Type.Object({ instance_id: Id, extension: Type.String() })
export const PreviewParams = Type.Object({ preview_file_id: Id })
export const AttachmentParams = Type.Object({ attachment_file_id: Id })
export type InstanceParams = Static<typeof InstanceParams>
export type ExtensionParams = Static<typeof ExtensionParams>
export type PreviewParams = Static<typeof PreviewParams>
export type AttachmentParams = Static<typeof AttachmentParams>

export const SetMainBody = Type.Object({ frame_number: Type.Optional(Type.Integer()) })
export type SetMainBody = Static<typeof SetMainBody>

export const PositionBody = Type.Object({ position: Type.Optional(Type.Integer({ minimum: 0 })) })
export type PositionBody = Static<typeof PositionBody>

const Frame = Type.Object({ time: Type.Number() }, { additionalProperties: true })
/** Zou's AnnotationsUpdateSchema: frames keyed by `time`; deletions list object ids. */
export const AnnotationsBody = Type.Object({
  additions: Type.Optional(Type.Array(Frame)),
  updates: Type.Optional(Type.Array(Frame)),
  deletions: Type.Optional(Type.Array(Type.Object({ time: Type.Number(), objects: Type.Array(Type.String()) }, { additionalProperties: true }))),
})
export type AnnotationsBody = Static<typeof AnnotationsBody>

/** Args read leniently (Zou's messages come from the service). */
export const FrameArgs = Type.Object({ frame_number: Type.Optional(Type.String()) })
export type FrameArgs = Static<typeof FrameArgs>

/** Validated as a schema by Zou: `frame_number` ≥ 1 when given. */
export const AnnotatedFrameQuery = Type.Object({ frame_number: Type.Optional(Type.Integer({ minimum: 1 })) })
export type AnnotatedFrameQuery = Static<typeof AnnotatedFrameQuery>

export const RunningQuery = Type.Object({ cursor_preview_file_id: Type.Optional(Type.String()), limit: Type.Optional(Type.String()) })
export type RunningQuery = Static<typeof RunningQuery>

export const OpenObject = { type: 'object', additionalProperties: true } as const
export const OpenObjects = { type: 'array', items: OpenObject } as const

/** Zou validates `request.values` (query and form) when no JSON body came. */
export async function bodyFromQuery(req: { body: unknown; query: unknown }) {
  req.body ??= { ...(req.query as object) }
}
