// What the sequence and episode services share (routes.md §3): entity lists of one kind in
// one SQL statement (Zou's criterions, relation keys, vendor scoping and metadata masking
// included), the vendor scopes as SQL conditions, and get-or-create of a temporal entity.
import { getOrCreateEntity as getOrCreate, type NewEntity } from './entities/get-or-create.ts'
import type { Row } from '../lib/serialize.ts'
import { crudByRoute } from '../crud/models.ts'
import { parseListQuery } from '../crud/query.ts'
import { empty, join, raw, selectList, sql, type Sql } from '../crud/select.ts'
import { serialize } from '../crud/service.ts'
import { prepared } from '../db/client.ts'
import type { Ctx } from '../crud/context.ts'
import type { Role } from '../plugins/auth.ts'
import type { EntityKind, EntityRow } from './entities/load.ts'
import { assignedTask as sharedAssignedTask, hasAssignedTask, maskedData as sharedMaskedData } from './entities/vendor-scope.ts'

export const ENTITY = crudByRoute.get('entities')!

/** A query-string value as Zou reads it: the first of a repeated parameter. */
export function firstValue(v: unknown): string | undefined {
  const value = Array.isArray(v) ? v[0] : v
  return value === undefined || value === null ? undefined : String(value)
}

/** Zou's boolean query flags (`relations`, `force`): true only for the string "true". */
export const isTrueFlag = (v: unknown) => (firstValue(v) ?? '').toLowerCase() === 'true'

/** Entities (alias t) of one kind, by its type's name: an index lookup on entity_type_id. */
export const ofKind = (kind: EntityKind, alias = 't'): Sql =>
  sql`${raw(alias)}.entity_type_id = (SELECT et.id FROM entity_type et WHERE et.name = ${kind})`

/** A task (alias given) assigned to the caller. */
export const assignedTask = (ctx: Ctx, task: string): Sql => sharedAssignedTask(ctx, raw(`${task}.id`))

/** The entity (alias t) has a task assigned to the caller. */
export const assignedOnEntity = (ctx: Ctx): Sql => hasAssignedTask(ctx, sql`t.id`)

/** Zou's vendor scope of sequences: a child (shot, scene) with a task assigned to the caller. */
export const sequenceHoldsAssigned = (ctx: Ctx): Sql =>
  sql`EXISTS (SELECT 1 FROM entity c JOIN task tk ON tk.entity_id = c.id WHERE c.parent_id = t.id AND ${assignedTask(ctx, 'tk')})`

/** Zou's vendor scope of episodes: a shot (through its sequence) or an asset (main episode) assigned. */
export const episodeHoldsAssigned = (ctx: Ctx): Sql =>
  sql`(EXISTS (SELECT 1 FROM entity s JOIN entity c ON c.parent_id = s.id JOIN task tk ON tk.entity_id = c.id
         WHERE s.parent_id = t.id AND ${assignedTask(ctx, 'tk')})
    OR EXISTS (SELECT 1 FROM entity a JOIN task tk ON tk.entity_id = a.id WHERE a.source_id = t.id AND ${assignedTask(ctx, 'tk')}))`

/** VENDOR-SCOPE metadata of the entity (alias t). */
export const maskedData = ({ kind, departments }: Mask): Sql => sharedMaskedData(sql`t`, kind, departments)

export interface Mask {
  /** The descriptors' entity type (the listed kind). */
  kind: string
  departments: string[]
}

/** The metadata mask of a vendor (effective role) listing `kind`, or null for everyone else. */
export async function vendorMask(ctx: Ctx, role: Role, kind: EntityKind): Promise<Mask | null> {
  return role === 'vendor' ? { kind, departments: await ctx.departments() } : null
}

/** Keys the generic list reads as options; Zou's criterion lists ignore them (not columns). */
const NOT_CRITERIONS = new Set(['page', 'limit', 'relations', 'fields'])

/** Zou's criterions on entity columns (alias t), minus the keys a route reads itself. */
export function criterions(ctx: Ctx, query: Record<string, unknown>, omit: readonly string[] = []): Sql[] {
  const q: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) {
    if (omit.includes(k) || NOT_CRITERIONS.has(k)) continue
    const value = firstValue(v)
    if (value !== undefined) q[k] = value
  }
  return parseListQuery(ENTITY, q, null, ctx.config.nbRecordsPerPage).where
}

export interface EntityListOptions {
  where: Sql[]
  relations?: boolean
  /** A vendor's metadata mask (vendorMask). */
  mask?: Mask | null
  /** Extra selected columns, e.g. `p.name AS project_name`. */
  columns?: Sql
  /** Extra joins, e.g. the project for its name. */
  joins?: Sql
  /** Names of extra columns copied to each answer row, after the entity's own keys. */
  extra?: readonly string[]
  /** Zou's `order_by(Entity.name)`. */
  ordered?: boolean
}

/** Entity rows (serialized with their kind as `type`) in one statement. */
export async function listEntities(ctx: Ctx, opts: EntityListOptions): Promise<Row[]> {
  const relations = opts.relations ?? false
  const masked = opts.mask ? sql`, ${maskedData(opts.mask)} AS __masked_data` : empty
  const q = sql`SELECT ${selectList(ENTITY, relations)}${masked}${opts.columns ? sql`, ${opts.columns}` : empty}
    FROM entity t ${opts.joins ?? empty}
    WHERE ${join(opts.where, ' AND ')}
    ${opts.ordered === false ? empty : sql`ORDER BY t.name, t.id`}`
  const { rows } = await ctx.pool.query(prepared(q.text, q.values))
  return rows.map((row: Row) => {
    const out = serialize(ctx, ENTITY, row, relations, 'list')
    if (opts.mask) out.data = row.__masked_data
    for (const key of opts.extra ?? []) out[key] = row[key]
    return out
  })
}

/** An entity read by loadEntity, serialized (columns, no relations, its kind as `type`). */
export const serializeLoaded = (ctx: Ctx, entity: EntityRow): Row =>
  serialize(ctx, ENTITY, { ...entity, __entity_type_name: entity.entity_type_name }, false)


/**
 * Zou's get-or-create by (type, parent, project, name): the existing entity unchanged, or a
 * new one recording the caller as its creator, serialized. `created` tells which.
 */
export async function getOrCreateEntity(ctx: Ctx, e: Omit<NewEntity, 'createdBy'>): Promise<{ row: Row; created: boolean }> {
  const { row, created } = await getOrCreate(ctx.pool, { ...e, createdBy: ctx.actor.id }, true)
  return { row: serialize(ctx, ENTITY, row, false, 'new'), created }
}
