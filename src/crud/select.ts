// The read path of the generic CRUD, as SQL built with Prisma.sql and run on the shared pg
// pool. Why not the Prisma client here: measured on this machine, a Prisma findUnique costs
// ~0.5 ms of CPU in its WebAssembly query compiler on top of the database round trip — more
// than the whole budget of a single-row GET at the speed targets. Lists stay one SQL query
// whatever their length: relation keys are subqueries of the same statement.
import { Prisma } from '../generated/prisma/client.ts'
import type { Row } from '../lib/serialize.ts'
import { MODELS } from './meta.ts'
import type { CrudModel } from './model.ts'
import type { Ctx } from './context.ts'
import { prepared } from '../db/client.ts'
import { CHANGE_VERSION_SQL, cachedTotal, countAndCache } from './count-cache.ts'

export type Sql = Prisma.Sql
export const { sql, join, raw, empty } = Prisma

/** A double-quoted SQL identifier (names come from the schema, never from requests). */
export const ident = (name: string): Sql => raw(`"${name.replace(/"/g, '""')}"`)

/** Alias under which a relation key's id array is selected. */
export const relationAlias = (key: string) => `__rel_${key}`

const columnCache = new WeakMap<CrudModel, Sql>()

/** Every column the API may serialize (bytea and hidden columns are never read). */
function baseColumns(m: CrudModel): Sql {
  let cols = columnCache.get(m)
  if (!cols) {
    const names = m.meta.fields.filter((f) => f.type !== 'bytes' && !m.hidden.has(f.name)).map((f) => `t."${f.name}"`)
    const extra = Object.entries(m.extraSelect ?? {}).map(([alias, expr]) => `${expr} AS "${alias}"`)
    cols = raw([...names, ...extra].join(', '))
    columnCache.set(m, cols)
  }
  return cols
}

function relationColumns(m: CrudModel): Sql[] {
  return Object.entries(m.relations).map(([key, r]) => {
    const link = MODELS.get(r.link)!.table
    // Comma-joined ids (uuids hold no comma): measured ~30 % cheaper for PostgreSQL than
    // json_agg, and than a text[] for the driver to parse. See relationIds().
    return raw(`(SELECT string_agg(l."${r.other}"::text, ',') FROM "${link}" l WHERE l."${r.self}" = t.id) AS "${relationAlias(key)}"`)
  })
}

/** A relation key's ids from the comma-joined column selected by relationColumns(). */
export function relationIds(row: Row, key: string): string[] {
  const joined = row[relationAlias(key)] as string | null | undefined
  return joined ? joined.split(',') : []
}

export function selectList(m: CrudModel, relations: boolean): Sql {
  return relations ? join([baseColumns(m), ...relationColumns(m)], ', ') : baseColumns(m)
}

export function whereClause(conditions: Sql[]): Sql {
  return conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : empty
}

export interface SelectOptions {
  where: Sql[]
  relations: boolean
  page?: { limit: number; offset: number }
  limit?: number
}

const ZOU_PAGE_ORDER = raw('ORDER BY t.updated_at DESC, t.created_at DESC, t.id ASC')

export async function selectRows(ctx: Ctx, m: CrudModel, opts: SelectOptions): Promise<Row[]> {
  const table = ident(m.meta.table)
  const columns = selectList(m, opts.relations)
  let q: Sql
  if (opts.page) {
    // The page's ids first (an index-only scan when the filters allow), then only those rows:
    // deep pages skip fetching every row they pass over.
    const ids = sql`SELECT t.id FROM ${table} t ${whereClause(opts.where)} ${ZOU_PAGE_ORDER} LIMIT ${opts.page.limit} OFFSET ${opts.page.offset}`
    q = sql`SELECT ${columns}, ${raw(CHANGE_VERSION_SQL)} AS __v FROM ${table} t WHERE t.id = ANY(ARRAY(${ids})) ${ZOU_PAGE_ORDER}`
  } else {
    q = sql`SELECT ${columns} FROM ${table} t ${whereClause(opts.where)} ${opts.limit ? sql`LIMIT ${opts.limit}` : empty}`
  }
  const { rows } = await ctx.pool.query(prepared(q.text, q.values))
  return rows
}

/** The total of a list, from the cache while the database is unchanged since it was counted. */
export async function countRows(ctx: Ctx, m: CrudModel, where: Sql[], version: string | null): Promise<number> {
  const q = sql`SELECT count(*) FROM ${ident(m.meta.table)} t ${whereClause(where)}`
  const key = `${q.text}\u0000${JSON.stringify(q.values)}`
  return cachedTotal(key, version) ?? countAndCache(ctx.pool, key, q)
}

export async function selectById(ctx: Ctx, m: CrudModel, id: string, relations: boolean): Promise<Row | null> {
  const rows = await selectRows(ctx, m, { where: [sql`t.id = ${id}::uuid`], relations })
  return rows[0] ?? null
}
