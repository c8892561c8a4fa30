// The data model's field facts, read from src/generated/model-meta.json (written by our
// Prisma generator from prisma/schema.prisma). Filters, input checks, JSON schemas and
// serializers are all derived from this one description.
import modelMeta from '../generated/model-meta.json' with { type: 'json' }

export type WireType = 'uuid' | 'string' | 'int' | 'bigint' | 'float' | 'bool' | 'date' | 'datetime' | 'json' | 'bytes' | 'enum'

export interface FieldMeta {
  name: string
  type: WireType
  isList: boolean
  nullable: boolean
  /** varchar(N) limit, when there is one. */
  maxLength: number | null
  hasDefault: boolean
}

export interface ModelMeta {
  name: string
  table: string
  /** Prisma client delegate key (`taskType` for TaskType). */
  delegate: string
  fields: FieldMeta[]
  byName: Map<string, FieldMeta>
  /** Back-relation fields by name, to build `include`s of link tables. */
  relationFields: Set<string>
}

interface RawField {
  name: string
  kind: string
  type: string
  nativeType: [string, string[]] | null
  isList: boolean
  isRequired: boolean
  hasDefault: boolean
}
interface RawModel { name: string; dbName: string; fields: RawField[] }

function wireType(f: RawField): WireType {
  const native = f.nativeType?.[0]
  if (f.kind === 'enum') return 'enum'
  switch (f.type) {
    case 'String': return native === 'Uuid' ? 'uuid' : 'string'
    case 'Int': return 'int'
    case 'BigInt': return 'bigint'
    case 'Float': case 'Decimal': return 'float'
    case 'Boolean': return 'bool'
    case 'DateTime': return native === 'Date' ? 'date' : 'datetime'
    case 'Json': return 'json'
    case 'Bytes': return 'bytes'
    default: throw new Error(`unmapped Prisma type ${f.type} on ${f.name}`)
  }
}

function load(): Map<string, ModelMeta> {
  const raw = modelMeta as unknown as { models: RawModel[] }
  const models = new Map<string, ModelMeta>()
  for (const m of raw.models) {
    const fields = m.fields
      .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
      .map((f): FieldMeta => ({
        name: f.name,
        type: wireType(f),
        isList: f.isList,
        nullable: !f.isRequired,
        maxLength: f.nativeType?.[0] === 'VarChar' && f.nativeType[1][0] ? Number(f.nativeType[1][0]) : null,
        hasDefault: f.hasDefault,
      }))
    models.set(m.name, {
      name: m.name,
      table: m.dbName,
      delegate: m.name[0].toLowerCase() + m.name.slice(1),
      fields,
      byName: new Map(fields.map((f) => [f.name, f])),
      relationFields: new Set(m.fields.filter((f) => f.kind === 'object').map((f) => f.name)),
    })
  }
  return models
}

export const MODELS = load()

export function modelMetaOf(name: string): ModelMeta {
  const meta = MODELS.get(name)
  if (!meta) throw new Error(`unknown model ${name}`)
  return meta
}

/** Zou: a column named `type` (notification) is serialized as `<table>_type`, since every
 * serialized row's `type` names its model. */
export function wireName(meta: ModelMeta, column: string): string {
  return column === 'type' ? `${meta.table}_type` : column
}
