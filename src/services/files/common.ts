// What the working-file and output-file services share: serializers, the 400 bodies Zou
// answers on these routes, a malformed tree turned into the route's body, and the
// unique-violation check of the revision inserts.
import { AppError, wrongParameter } from '../../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../../lib/serialize.ts'
import { MalformedTree } from './render.ts'

export const serializeWorkingFile = modelRowSerializer('WorkingFile')
export const serializeOutputFile = modelRowSerializer('OutputFile')
export const serializeOutputType = modelRowSerializer('OutputType')

/** The working file with its relations (`outputs`: ids of the output files made from it). */
export const workingFileWithRelations = (row: Row): Row => ({ ...serializeWorkingFile(row), outputs: row.outputs ?? [] })

/** SQL: a working file `w` with its `outputs` id list. */
export const WORKING_FILE_WITH_OUTPUTS = `w.*, ARRAY(SELECT o.id::text FROM output_file o WHERE o.source_file_id = w.id ORDER BY o.created_at, o.id) AS outputs`

/** `{"error": <text>}` (no `error: true`): Zou's bodies on file creation. */
export const errorBody = (message: string) => new AppError(400, { error: message })
/** `{"message": <text>}`: Zou's bodies on instance output file creation. */
export const messageBody = (message: string) => new AppError(400, { message })

/** Runs a path computation; a malformed tree becomes the route's 400 body. */
export function withTreeErrors<T>(work: () => T, toError: (message: string) => AppError): T {
  try {
    return work()
  } catch (err) {
    if (err instanceof MalformedTree) throw toError(err.message)
    throw err
  }
}

/** The path routes' body: `{"message", "received_data"}`. */
export const pathRouteError = (received: unknown) => (message: string) => new AppError(400, { message, received_data: received ?? null })

export const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505'

/** An optional UUID filter argument: absent/empty → null; malformed → 400. */
export function uuidFilter(name: string, value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  if (v === undefined || v === null || v === '') return null
  if (!isUuid(v)) throw wrongParameter(`Invalid UUID value: ${String(v)}`)
  return v.toLowerCase()
}

/** An optional text filter argument (first value of a repeated one). */
export function textFilter(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  return v === undefined || v === null ? null : String(v)
}
