// JSON schemas generated from the model metadata, one per model with `$id` = model name.
// They drive fast-json-stringify: only declared properties are written, so the generator
// lists every serialized column (secrets excluded) and declares JSON columns as open values.
import { wireName, type FieldMeta, type ModelMeta } from './meta.ts'

export type JsonSchema = Record<string, unknown>

function scalarSchema(f: FieldMeta): JsonSchema {
  switch (f.type) {
    case 'int': case 'bigint': return { type: 'integer' }
    case 'float': return { type: 'number' }
    case 'bool': return { type: 'boolean' }
    case 'json': return {}
    default: return { type: 'string' }
  }
}

function nullable(schema: JsonSchema): JsonSchema {
  if (!('type' in schema)) return schema
  return { ...schema, type: [schema.type as string, 'null'] }
}

export function fieldSchema(f: FieldMeta): JsonSchema {
  if (f.isList) return { type: ['array', 'null'], items: f.type === 'json' ? {} : scalarSchema(f) }
  return f.nullable || f.type === 'json' ? nullable(scalarSchema(f)) : scalarSchema(f)
}

export const idArray: JsonSchema = { type: 'array', items: { type: 'string' } }

/**
 * The model's response schema: every column but `hidden`, `type`, and the extra keys the
 * model serializes (relation id arrays, computed fields).
 */
export function modelSchema(meta: ModelMeta, hidden: ReadonlySet<string>, extra: Record<string, JsonSchema> = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  for (const f of meta.fields) {
    if (f.type === 'bytes' || hidden.has(f.name)) continue
    properties[wireName(meta, f.name)] = fieldSchema(f)
  }
  properties.type = { type: 'string' }
  Object.assign(properties, extra)
  return { $id: meta.name, type: 'object', properties }
}
