// Response shape of an upload record (GET /data/uploads/:id).
import { Type } from '@sinclair/typebox'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

export const UploadRecord = Type.Object({
  id: Type.String(),
  type: Type.Literal('Upload'),
  person_id: Type.String(),
  target_type: Type.String(),
  target_id: Type.String(),
  filename: Type.String(),
  size: Type.Number(),
  offset: Type.Number(),
  status: Type.String(),
  sha256: Nullable(Type.String()),
  error: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
})
