// Query string → Prisma `where`, paging and options, with Zou's filter rules (crud.md §3):
// equality on any column, JSON-array IN filters, case-insensitive `name` (ILIKE, `%` works)
// and e-mail, relation membership, booleans and UUIDs checked, uncastable values → 400.
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, parseDateInput, parseDateTimeInput } from '../lib/serialize.ts'
import type { FieldMeta } from './meta.ts'
import type { CrudModel } from './model.ts'

export type Where = Record<string, unknown>

export interface ListQuery {
  where: Where
  /** null: Zou's unpaginated mode (every row, no ORDER BY). */
  page: number | null
  limit: number
  relations: boolean
  fields: string[] | null
}

const RESERVED = new Set(['page', 'limit', 'relations', 'fields'])
const TRUE = new Set(['y', 'yes', 't', 'true', 'on', '1'])
const FALSE = new Set(['n', 'no', 'f', 'false', 'off', '0'])

function badValue(): never {
  throw wrongParameter('One of the provided values has an invalid format.')
}

/** One query-string value cast to the column's type (Zou casts in SQL; uncastable → 400). */
export function castFilterValue(field: FieldMeta, raw: string): unknown {
  switch (field.type) {
    case 'uuid':
      if (!isUuid(raw)) throw wrongParameter(`Invalid UUID value: ${raw}`)
      return raw.toLowerCase()
    case 'bool': {
      const v = raw.toLowerCase()
      if (TRUE.has(v)) return true
      if (FALSE.has(v)) return false
      throw wrongParameter(`Invalid boolean value: ${raw}`)
    }
    case 'int': case 'bigint': {
      if (!/^-?\d+$/.test(raw.trim())) badValue()
      const n = Number(raw)
      if (field.type === 'int' && (n > 2147483647 || n < -2147483648)) badValue()
      return field.type === 'bigint' ? BigInt(raw.trim()) : n
    }
    case 'float': {
      const n = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(n)) badValue()
      return n
    }
    case 'date': return parseDateInput(raw) ?? badValue()
    case 'datetime': return parseDateTimeInput(raw) ?? badValue()
    case 'json': badValue()
    // falls through (never: badValue throws)
    default:
      if (field.maxLength !== null && raw.length > field.maxLength) return raw // matches nothing
      return raw
  }
}

function likeFilter(value: string): Where {
  // SQL ILIKE with the value as given: `%` at the ends maps to contains/startsWith/endsWith.
  const inner = value.replace(/^%+|%+$/g, '')
  if (!value.includes('%') || inner.includes('%')) return { equals: value, mode: 'insensitive' }
  const lead = value.startsWith('%')
  const trail = value.endsWith('%')
  if (lead && trail) return { contains: inner, mode: 'insensitive' }
  return lead ? { endsWith: inner, mode: 'insensitive' } : { startsWith: inner, mode: 'insensitive' }
}

function columnFilter(field: FieldMeta, raw: string): unknown {
  if (raw.startsWith('[')) {
    let values: unknown
    try {
      values = JSON.parse(raw)
    } catch {
      throw wrongParameter(`Malformed list filter for field ${field.name}.`)
    }
    if (!Array.isArray(values)) throw wrongParameter(`Malformed list filter for field ${field.name}.`)
    return { in: values.map((v) => castFilterValue(field, String(v))) }
  }
  const value = castFilterValue(field, raw)
  if (field.isList) return { has: value }
  if (field.name === 'name' && typeof value === 'string') return likeFilter(value)
  if (field.name === 'email' && typeof value === 'string') return { equals: value, mode: 'insensitive' }
  return value
}

function intParam(raw: string | undefined, name: string): number | null {
  if (raw === undefined) return null
  if (!/^-?\d+$/.test(raw.trim())) throw wrongParameter(`${name} must be an integer.`)
  return Number(raw)
}

/**
 * Parses the list query of one model. `filterable` restricts which columns the caller may
 * filter on (persons, organisations); extra model parameters are handled by the model's
 * `listFilters` hook before this runs and removed from `query`.
 */
export function parseListQuery(model: CrudModel, query: Record<string, string>, filterable: ReadonlySet<string> | null, defaultLimit: number): ListQuery {
  const where: Where = {}
  for (const [key, raw] of Object.entries(query)) {
    if (RESERVED.has(key)) continue
    const relation = model.relations[key]
    if (relation) {
      if (filterable && !filterable.has(key)) throw wrongParameter(`Filtering on ${key} is not allowed.`)
      if (!isUuid(raw)) throw wrongParameter(`Invalid UUID value: ${raw}`)
      where[relation.include] = { some: { [relation.other]: raw.toLowerCase() } }
      continue
    }
    const field = model.meta.byName.get(key)
    if (!field) continue // Zou: unknown parameters are ignored
    if (model.hidden.has(key) || (filterable && !filterable.has(key))) {
      throw wrongParameter(`Filtering on ${key} is not allowed.`)
    }
    where[key] = columnFilter(field, typeof raw === 'string' ? raw : String(raw))
  }
  const pageRaw = query.page
  const page = intParam(pageRaw, 'page')
  const limit = intParam(query.limit, 'limit')
  return {
    where,
    page: page === null || page === -1 ? null : page,
    limit: limit && limit > 0 ? limit : defaultLimit,
    relations: (query.relations ?? '').toLowerCase() === 'true',
    fields: query.fields ? query.fields.split(',').map((f) => f.trim()).filter(Boolean) : null,
  }
}
