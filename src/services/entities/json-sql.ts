// JSON text built by PostgreSQL with || on text (measured: a third of json_build_object's
// cost, which re-reads every key per row, and cheaper than concat()); Node then only joins
// the row texts, never parsing or re-serializing tens of megabytes. Expressions are code
// constants (columns, subqueries), never request values.
import { wireName, type ModelMeta } from '../../crud/meta.ts'

/** How a value is written: uuid/text as JSON strings, ts as Zou's datetime string. */
export type JsonKind = 'uuid' | 'text' | 'num' | 'bool' | 'ts' | 'date' | 'json' | 'raw'
export type JsonField = readonly [key: string, expr: string, kind: JsonKind]

/** The JSON text of one value (never SQL NULL: `null` instead). */
export function jsonValue(expr: string, kind: JsonKind): string {
  switch (kind) {
    case 'uuid': return `COALESCE('"' || (${expr})::text || '"', 'null')`
    case 'text': return `COALESCE(to_json((${expr})::text)::text, 'null')`
    case 'num': case 'bool': return `COALESCE((${expr})::text, 'null')`
    case 'ts': return `COALESCE('"' || to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS') || '"', 'null')`
    case 'date': return `COALESCE('"' || to_char(${expr}, 'YYYY-MM-DD') || '"', 'null')`
    case 'json': return `COALESCE((${expr})::text, 'null')`
    case 'raw': return `(${expr})`
  }
}

/** `{"key":value,…}` in the fields' order. */
export function jsonObjectSql(fields: readonly JsonField[]): string {
  const parts = fields.map(([key, expr, kind], i) => `'${i ? ',' : '{'}"${key}":' || ${jsonValue(expr, kind)}`)
  return `(${parts.join(' || ')} || '}')`
}

/** `[value,…]` in the fields' order (Zou's compact rows). */
export function jsonArraySql(fields: readonly JsonField[]): string {
  return `('[' || ${fields.map(([, expr, kind]) => jsonValue(expr, kind)).join(` || ',' || `)} || ']')`
}

/** The fields in the order of `keys` (compact layouts order fields differently). */
export function pickFields(fields: readonly JsonField[], keys: readonly string[]): JsonField[] {
  const byKey = new Map(fields.map((f) => [f[0], f]))
  return keys.map((k) => {
    const f = byKey.get(k)
    if (!f) throw new Error(`no JSON field ${k}`)
    return f
  })
}


const KIND_OF: Record<string, JsonKind> = {
  uuid: 'uuid', string: 'text', enum: 'text', int: 'num', bigint: 'num', float: 'num', bool: 'bool', datetime: 'ts', date: 'date', json: 'json',
}

/**
 * A model row's fields as rowSerializer writes them (every column but bytes and `hidden`, in
 * the model's order), read from `alias`; `overrides` replaces a column's expression.
 */
export function modelJsonFields(meta: ModelMeta, alias: string, overrides: Record<string, string> = {}, hidden: ReadonlySet<string> = new Set()): JsonField[] {
  return meta.fields
    .filter((f) => f.type !== 'bytes' && !hidden.has(f.name))
    .map((f) => {
      if (f.isList) throw new Error(`${meta.name}.${f.name}: list columns have no JSON text form here`)
      return [wireName(meta, f.name), overrides[f.name] ?? `${alias}."${f.name}"`, KIND_OF[f.type]] as const
    })
}
