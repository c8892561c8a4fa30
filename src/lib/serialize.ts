// Zou's wire formats, produced in one place (reference crud.md §9): datetimes as naive UTC
// "YYYY-MM-DDTHH:MM:SS", dates "YYYY-MM-DD", bigints as numbers, bytea never, plus `type`.
import { modelMetaOf, wireName, type FieldMeta, type ModelMeta } from '../crud/meta.ts'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_RE.test(value)

export function formatDateTime(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 19) : null
}

export function formatDate(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 10) : null
}

/** The "milliseconds" variant some event routes use: fraction kept, trailing zeros dropped. */
export function formatDateTimeMs(d: Date): string {
  const iso = d.toISOString().slice(0, 23)
  return iso.endsWith('.000') ? iso.slice(0, 19) : `${iso}000`
}

type Convert = (v: unknown) => unknown
const identity: Convert = (v) => (v === undefined ? null : v)

function converter(f: FieldMeta): Convert | null {
  switch (f.type) {
    case 'bytes': return null // never serialized
    case 'datetime': return f.isList ? (v) => (v as Date[] | null)?.map(formatDateTime) ?? null : (v) => formatDateTime(v as Date)
    case 'date': return f.isList ? (v) => (v as Date[] | null)?.map(formatDate) ?? null : (v) => formatDate(v as Date)
    case 'bigint': return (v) => (v === null || v === undefined ? null : Number(v))
    default: return identity
  }
}

export type Row = Record<string, unknown>
export type RowSerializer = (row: Row) => Row

/** Compiles the serializer of one model: every column but the hidden ones, then `type`. */
export function rowSerializer(meta: ModelMeta, typeName: string, hidden: ReadonlySet<string> = new Set()): RowSerializer {
  const plan = meta.fields
    .filter((f) => !hidden.has(f.name))
    .map((f) => [f.name, wireName(meta, f.name), converter(f)] as const)
    .filter((p): p is readonly [string, string, Convert] => p[2] !== null)
  return (row) => {
    const out: Row = {}
    for (const [name, wire, convert] of plan) out[wire] = convert(row[name])
    out.type = typeName
    return out
  }
}

const plainSerializers = new Map<string, RowSerializer>()

/** A model's plain serializer (every column, `type` = the model name), compiled once: for
 * feature routes that read rows with `SELECT *` and answer them as Zou's `serialize()`. */
export function modelRowSerializer(model: string): RowSerializer {
  let s = plainSerializers.get(model)
  if (!s) plainSerializers.set(model, (s = rowSerializer(modelMetaOf(model), model)))
  return s
}

/** Zou's datetime inputs: ISO 8601 date or datetime, offsets and Z allowed, read as UTC. */
export function parseDateTimeInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim())
  if (!m) return null
  // Zou stores the wall-clock value as given (a client offset is not applied): keep that.
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = ''] = m
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return null
  return date
}

export function parseDateInput(value: string): Date | null {
  const date = parseDateTimeInput(value)
  return date ? new Date(date.toISOString().slice(0, 10) + 'T00:00:00Z') : null
}
