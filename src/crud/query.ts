// Query string → SQL conditions, paging and options, with Zou's filter rules (crud.md §3):
// equality on any column (the value cast to the column's type; uncastable → 400), JSON-array
// IN filters, `name` as ILIKE with the value as given, case-insensitive e-mail, relation
// membership, booleans and UUIDs checked.
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, parseDateInput, parseDateTimeInput } from '../lib/serialize.ts'
import type { FieldMeta } from './meta.ts'
import { MODELS } from './meta.ts'
import type { CrudModel } from './model.ts'
import { ident, raw, sql, type Sql } from './select.ts'

export interface ListQuery {
  where: Sql[]
  /** null: Zou's unpaginated mode (every row, no ORDER BY). */
  page: number | null
  limit: number
  relations: boolean
  fields: string[] | null
}

const RESERVED = new Set(['page', 'limit', 'relations', 'fields'])
const TRUE = new Set(['y', 'yes', 't', 'true', 'on', '1'])
const FALSE = new Set(['n', 'no', 'f', 'false', 'off', '0'])

/** PostgreSQL element type of a column, for typed array parameters. */
const PG_TYPE: Record<string, string> = {
  uuid: 'uuid', string: 'text', enum: 'text', int: 'int4', bigint: 'int8', float: 'float8', bool: 'bool',
  date: 'date', datetime: 'timestamp', json: 'jsonb',
}

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
      return field.type === 'bigint' ? raw.trim() : n
    }
    case 'float': {
      const n = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(n)) badValue()
      return n
    }
    case 'date': return parseDateInput(raw)?.toISOString().slice(0, 10) ?? badValue()
    case 'datetime': return parseDateTimeInput(raw) ?? badValue()
    case 'json': case 'bytes': return badValue()
    default: return raw
  }
}

function columnCondition(field: FieldMeta, value: string): Sql {
  const col = sql`t.${ident(field.name)}`
  const type = raw(PG_TYPE[field.type])
  if (value.startsWith('[')) {
    let values: unknown
    try {
      values = JSON.parse(value)
    } catch {
      throw wrongParameter(`Malformed list filter for field ${field.name}.`)
    }
    if (!Array.isArray(values)) throw wrongParameter(`Malformed list filter for field ${field.name}.`)
    const cast = values.map((v) => castFilterValue(field, String(v)))
    return field.isList ? sql`${col} && ${cast}::${type}[]` : sql`${col} = ANY(${cast}::${type}[])`
  }
  const cast = castFilterValue(field, value)
  if (field.isList) return sql`${cast}::${type} = ANY(${col})`
  // Zou: `name` is an ILIKE with the value as given (`%` works as a wildcard).
  if (field.name === 'name') return sql`${col} ILIKE ${cast}`
  if (field.name === 'email') return sql`lower(${col}) = lower(${cast})`
  return sql`${col} = ${cast}::${type}`
}

function intParam(value: string | undefined, name: string): number | null {
  if (value === undefined) return null
  if (!/^-?\d+$/.test(String(value).trim())) throw wrongParameter(`${name} must be an integer.`)
  return Number(value)
}

/**
 * Parses the list query of one model. `filterable` restricts which columns the caller may
 * filter on (persons, organisations); extra model parameters are handled by the model's
 * `listFilters` hook before this runs and removed from `query`.
 */
export function parseListQuery(model: CrudModel, query: Record<string, string>, filterable: ReadonlySet<string> | null, defaultLimit: number): ListQuery {
  const where: Sql[] = []
  for (const [key, rawValue] of Object.entries(query)) {
    if (RESERVED.has(key)) continue
    // A repeated parameter arrives as an array: Zou reads the first value.
    const value = String(Array.isArray(rawValue) ? rawValue[0] : rawValue)
    const relation = model.relations[key]
    if (relation) {
      if (filterable && !filterable.has(key)) throw wrongParameter(`Filtering on ${key} is not allowed.`)
      if (!isUuid(value)) throw wrongParameter(`Invalid UUID value: ${value}`)
      const link = raw(`"${MODELS.get(relation.link)!.table}"`)
      where.push(sql`EXISTS (SELECT 1 FROM ${link} l WHERE l.${ident(relation.self)} = t.id AND l.${ident(relation.other)} = ${value.toLowerCase()}::uuid)`)
      continue
    }
    const field = model.meta.byName.get(key)
    if (!field) continue // Zou: unknown parameters are ignored
    if (model.hidden.has(key) || (filterable && !filterable.has(key))) {
      throw wrongParameter(`Filtering on ${key} is not allowed.`)
    }
    where.push(columnCondition(field, value))
  }
  const page = intParam(query.page, 'page')
  const limit = intParam(query.limit, 'limit')
  return {
    where,
    page: page === null || page === -1 ? null : page,
    limit: limit && limit > 0 ? limit : defaultLimit,
    relations: String(query.relations ?? '').toLowerCase() === 'true',
    fields: query.fields ? String(query.fields).split(',').map((f) => f.trim()).filter(Boolean) : null,
  }
}
