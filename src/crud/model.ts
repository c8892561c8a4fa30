// What one entry of the model table (models.ts) says about a /data/<route> model: its access
// rules, relation keys, visibility scope and hooks. The defaults are Zou's base resource:
// admin-only writes, relation keys as id arrays, events named after the table.
import type { Row } from '../lib/serialize.ts'
import { rowSerializer, type RowSerializer } from '../lib/serialize.ts'
import { modelMetaOf, MODELS, type ModelMeta } from './meta.ts'
import type { Ctx } from './context.ts'
import type { JsonSchema } from './model-schemas.ts'
import { admin, any, type ProjectOf, type Rule } from './rules.ts'
import type { Sql } from './select.ts'

/** A relation key: ids of `other` in the link model rows whose `self` is this row's id. */
export interface Relation {
  link: string
  self: string
  other: string
  /** Model the ids point at (unknown ids are dropped on write); null: read-only key. */
  target: string | null
}

export type Op = 'list' | 'get' | 'new' | 'update'

/** Relation key → ids linked and unlinked by a write. */
export type LinkChanges = Record<string, { added: string[]; removed: string[] }>

export interface PendingEvent {
  name: string
  data: Record<string, unknown>
  projectId?: string | null
}

export interface Hooks {
  /** Extra list parameters (not columns): read them, return a where fragment, delete them. */
  listFilters?(ctx: Ctx, query: Record<string, string>): Promise<Sql | null> | Sql | null
  /** Validate or adjust a create body's data before the insert (throw AppError to refuse). */
  beforeCreate?(ctx: Ctx, data: Row, body: Row): Promise<void> | void
  /** Validate or adjust an update's data; `row` is the stored row. */
  beforeUpdate?(ctx: Ctx, row: Row, data: Row, body: Row): Promise<void> | void
  /** Work inside the create transaction after the insert (derived rows). */
  afterCreate?(ctx: Ctx, tx: unknown, row: Row): Promise<void> | void
  /** Work inside the update transaction after the update; `before` is the stored row. */
  afterUpdate?(ctx: Ctx, tx: unknown, row: Row, before: Row): Promise<void> | void
  /** Work inside the transaction after relation keys were rewritten (what was linked/unlinked). */
  afterLinks?(ctx: Ctx, tx: unknown, row: Row, links: LinkChanges): Promise<void> | void
  /** Clean-up inside the delete transaction, before the row goes. */
  beforeDelete?(ctx: Ctx, tx: unknown, row: Row, query: Record<string, string>): Promise<void> | void
  /** Work inside the delete transaction, after the row is gone (derived fields). */
  afterDelete?(ctx: Ctx, tx: unknown, row: Row): Promise<void> | void
  /** Extra events after commit (the generic one is added by the service). */
  events?(ctx: Ctx, op: 'new' | 'update' | 'delete', row: Row, change: { before: Row | null; links: LinkChanges }): PendingEvent[]
  /** Extra keys of the generic event's payload. */
  eventPayload?(op: 'new' | 'update' | 'delete', row: Row): Record<string, unknown>
  /** Adjusts a serialized row for the caller (variants, masking, extra keys). */
  serialize?(ctx: Ctx, out: Row, row: Row, op: Op): Row
  /** Last touch of a single-row response that needs queries (comment author, first episode). */
  respond?(ctx: Ctx, op: 'get' | 'new' | 'update', out: Row, query: Record<string, string>): Promise<Row>
  /** Refusals Zou makes before the delete permission check (open project, used automation). */
  guardDelete?(ctx: Ctx, row: Row): Promise<void>
  /** Replaces the generic list entirely (e.g. salary scales). */
  list?(ctx: Ctx, query: Record<string, string>): Promise<Row[]>
}

export interface CrudModel {
  route: string
  model: string
  meta: ModelMeta
  typeName: string
  relations: Record<string, Relation>
  access: { list: Rule; create: Rule; read: Rule; update: Rule; delete: Rule }
  /** Visibility filter added to every list for non-admins (null: everything visible). */
  scope?: (ctx: Ctx) => Promise<Sql | null> | Sql | null
  /** The project a row belongs to, for events (default: its project_id column). */
  projectOf: ProjectOf | null
  /** Columns never serialized nor filterable. */
  hidden: ReadonlySet<string>
  /** Body keys accepted but not stored as given (a hook reads them: person.password). */
  writeOnly: ReadonlySet<string>
  /** Columns silently dropped from update bodies (beyond id/created_at/updated_at/project_id). */
  protectedOnUpdate: ReadonlySet<string>
  /** Enum columns and their allowed codes (validated on write → 400 "Invalid <column>"). */
  enums: Record<string, readonly string[]>
  /** Zou's wording for some enum refusals, when it is not "Invalid <column>". */
  enumMessages: Record<string, string>
  /** Columns the caller may filter on (null: every serialized column). */
  filterable?: (ctx: Ctx) => ReadonlySet<string> | null
  /** Event name prefix (default: table name with dashes) or per-row (entities). */
  eventPrefix: (row: Row) => string
  /** Extra SQL expressions every read selects, by alias (e.g. an entity's type name). */
  extraSelect?: Record<string, string>
  /** Row cap of the unpaginated list (Zou caps the event log at 1000). */
  unpaginatedLimit?: number
  /** Extra serialized keys, for the response schema. */
  extraSchema: Record<string, JsonSchema>
  /** The only body keys a create keeps; the others are dropped, not refused (project templates). */
  createKeys?: ReadonlySet<string>
  /** Update/delete check the permission before looking the row up (Zou's service-backed writes). */
  checkBeforeFind?: boolean
  /** Update/delete 404 body for an unknown or malformed id, when not Zou's generic one. */
  writeNotFound?: Record<string, unknown>
  /** Single-row responses: which keys carry relations by default. */
  responses: { create: 'relations' | 'plain'; update: 'relations' | 'plain'; get: 'relations' | 'plain' | 'query' }
  hooks: Hooks
  serializer: RowSerializer
}

export type CrudOptions = Partial<Omit<CrudModel, 'route' | 'model' | 'meta' | 'access' | 'hidden' | 'protectedOnUpdate' | 'writeOnly' | 'serializer'>> & {
  access?: Partial<CrudModel['access']>
  /** Shorthand: who may read (list + get); writes stay admin unless given. */
  read?: Rule
  hidden?: Iterable<string>
  protectedOnUpdate?: Iterable<string>
  writeOnly?: Iterable<string>
}

function snake(modelName: string): string {
  return MODELS.get(modelName)!.table
}

/** One line of the model table. */
export function crud(route: string, model: string, opts: CrudOptions = {}): CrudModel {
  const meta = modelMetaOf(model)
  const relations = opts.relations ?? {}
  // A relation key must match a foreign key of the schema (its back-relation `<link>__<self>`).
  for (const [key, r] of Object.entries(relations)) {
    if (!meta.relationFields.has(`${snake(r.link)}__${r.self}`)) throw new Error(`${model}.${key}: ${r.link}.${r.self} is not a relation to ${model}`)
  }
  const hidden = new Set(opts.hidden ?? [])
  const readRule = opts.read ?? any
  const typeName = opts.typeName ?? model
  return {
    route,
    model,
    meta,
    typeName,
    relations,
    access: { list: readRule, read: readRule, create: admin, update: admin, delete: admin, ...opts.access },
    scope: opts.scope,
    projectOf: opts.projectOf !== undefined ? opts.projectOf : meta.byName.has('project_id') ? (_c, r) => (r.project_id as string) ?? null : null,
    hidden,
    protectedOnUpdate: new Set(opts.protectedOnUpdate ?? []),
    writeOnly: new Set(opts.writeOnly ?? []),
    enums: opts.enums ?? {},
    enumMessages: opts.enumMessages ?? {},
    filterable: opts.filterable,
    eventPrefix: opts.eventPrefix ?? (() => meta.table.replace(/_/g, '-')),
    extraSchema: opts.extraSchema ?? {},
    unpaginatedLimit: opts.unpaginatedLimit,
    extraSelect: opts.extraSelect,
    createKeys: opts.createKeys,
    checkBeforeFind: opts.checkBeforeFind,
    writeNotFound: opts.writeNotFound,
    responses: { create: 'relations', update: 'plain', get: 'query', ...opts.responses },
    hooks: opts.hooks ?? {},
    serializer: rowSerializer(meta, typeName, hidden),
  }
}

