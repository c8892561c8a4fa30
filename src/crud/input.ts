// Request bodies → Prisma data for create/update (crud.md §5–§6): unknown keys refused on
// create and ignored on update, protected keys dropped, values checked against the column
// type (a wrong type is a 400, never a database crash), dates parsed as naive UTC, enums
// validated, relation keys split off as id arrays.
import { badRequest, wrongParameter } from '../lib/errors.ts'
import { isUuid, parseDateInput, parseDateTimeInput, type Row } from '../lib/serialize.ts'
import { DB_MESSAGES } from '../lib/errors.ts'
import { Prisma } from '../generated/prisma/client.ts'
import type { FieldMeta } from './meta.ts'
import type { CrudModel } from './model.ts'

const ALWAYS_PROTECTED = ['id', 'created_at', 'updated_at']

export interface WriteInput {
  data: Row
  /** Relation key → ids (replace semantics on update). */
  links: Record<string, string[]>
}

/** Zou answers 400 with the empty-data message for a JSON null body; non-objects too. */
export function requireObjectBody(body: unknown): Row {
  if (body === null || body === undefined) {
    throw wrongParameter('Data are empty. Please verify that you sent JSON data and that you set the right headers.')
  }
  if (typeof body !== 'object' || Array.isArray(body)) throw wrongParameter('The body must be a JSON object.')
  return body as Row
}

const invalidFormat = () => badRequest(DB_MESSAGES.format)

function convertScalar(f: FieldMeta, v: unknown, mode: 'create' | 'update'): unknown {
  if (v === null) return null
  switch (f.type) {
    case 'uuid':
      if (!isUuid(v)) throw invalidFormat()
      return (v as string).toLowerCase()
    case 'string': case 'enum':
      if (typeof v === 'number' || typeof v === 'boolean') v = String(v)
      if (typeof v !== 'string') throw invalidFormat()
      if (f.maxLength !== null && v.length > f.maxLength) throw invalidFormat()
      return v
    case 'int': case 'bigint': {
      const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v
      if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidFormat()
      if (f.type === 'int' && (n > 2147483647 || n < -2147483648)) throw invalidFormat()
      return f.type === 'bigint' ? BigInt(n) : n
    }
    case 'float': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
      if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidFormat()
      return n
    }
    case 'bool':
      if (typeof v !== 'boolean') throw invalidFormat()
      return v
    case 'date': case 'datetime': {
      const parsed = typeof v === 'string' ? (f.type === 'date' ? parseDateInput(v) : parseDateTimeInput(v)) : null
      if (!parsed) {
        if (mode === 'update' && typeof v === 'string') {
          throw wrongParameter(`Invalid date format for '${f.name}': '${v}'. Expected an ISO 8601 date or datetime.`)
        }
        throw invalidFormat()
      }
      return parsed
    }
    case 'json':
      return v
    case 'bytes':
      throw invalidFormat()
  }
}

function convert(f: FieldMeta, v: unknown, mode: 'create' | 'update'): unknown {
  if (f.isList) {
    if (v === null) return f.nullable ? null : []
    if (!Array.isArray(v)) throw invalidFormat()
    return v.map((item) => convertScalar(f, item, mode))
  }
  // Zou's JSON columns store an explicit null as SQL NULL; Prisma needs its marker for that.
  if (v === null && f.type === 'json') return Prisma.DbNull
  return convertScalar(f, v, mode)
}

function idsOf(v: unknown): string[] {
  if (v === null) return []
  if (!Array.isArray(v)) throw invalidFormat()
  return v.map((item) => {
    const id = item && typeof item === 'object' ? (item as Row).id : item
    if (!isUuid(id)) throw invalidFormat()
    return (id as string).toLowerCase()
  }).filter((id, i, all) => all.indexOf(id) === i)
}

export function parseWriteBody(model: CrudModel, body: Row, mode: 'create' | 'update'): WriteInput {
  const data: Row = {}
  const links: Record<string, string[]> = {}
  for (const [key, value] of Object.entries(body)) {
    if (ALWAYS_PROTECTED.includes(key) || model.writeOnly.has(key)) continue
    if (mode === 'create' && model.createKeys && !model.createKeys.has(key)) continue
    if (mode === 'update' && (key === 'project_id' || model.protectedOnUpdate.has(key))) continue
    const relation = model.relations[key]
    if (relation) {
      if (relation.target) links[key] = idsOf(value)
      continue
    }
    const field = model.meta.byName.get(key)
    if (!field || model.hidden.has(key)) {
      if (mode === 'create') throw badRequest(`'${key}' is an invalid keyword argument for ${model.model}`)
      continue
    }
    if (value === null && !field.nullable && !field.isList) {
      // On create a null for a column with a default means "the default" (Zou's project
      // production_style rule); elsewhere it is the NOT NULL refusal.
      if (mode === 'create' && field.hasDefault) continue
      throw badRequest(DB_MESSAGES.notNull)
    }
    const allowed = model.enums[key]
    if (allowed && value !== null && !allowed.includes(value as string)) {
      throw wrongParameter(model.enumMessages[key] ?? `Invalid ${key}`)
    }
    data[key] = convert(field, value, mode)
  }
  return { data, links }
}

/** Required columns without a default that a create body lacks → Zou's NOT NULL 400. */
export function checkRequired(model: CrudModel, data: Row): void {
  for (const f of model.meta.fields) {
    if (!f.nullable && !f.hasDefault && !f.isList && !(f.name in data) && f.name !== 'id') {
      throw badRequest(DB_MESSAGES.notNull)
    }
  }
}
