// Single-statement writes of the generic CRUD as SQL, for models whose write involves no
// link rows and no hook work in a transaction (most PUTs and POSTs): one round trip, and no
// pass through Prisma's query compiler (see select.ts). Other writes use a Prisma transaction.
import { Prisma } from '../generated/prisma/client.ts'
import { prepared } from '../db/client.ts'
import type { Row } from '../lib/serialize.ts'
import type { Ctx } from './context.ts'
import type { CrudModel } from './model.ts'
import { ident, join, raw, selectList, sql, type Sql } from './select.ts'

function value(m: CrudModel, column: string, v: unknown): Sql {
  const f = m.meta.byName.get(column)!
  if (v === Prisma.DbNull || v === null || v === undefined) return sql`NULL`
  if (f.type === 'json') {
    return f.isList ? sql`${(v as unknown[]).map((x) => JSON.stringify(x))}::jsonb[]` : sql`${JSON.stringify(v)}::jsonb`
  }
  if (f.type === 'uuid') return f.isList ? sql`${v}::uuid[]` : sql`${v}::uuid`
  return sql`${v}`
}

async function run(ctx: Ctx, q: Sql): Promise<Row[]> {
  const { rows } = await ctx.pool.query(prepared(q.text, q.values))
  return rows
}

/** INSERT … RETURNING the row as reads select it; absent columns get their defaults. */
export async function insertRow(ctx: Ctx, m: CrudModel, data: Row, relations: boolean): Promise<Row> {
  const columns = Object.keys(data)
  const table = ident(m.meta.table)
  const values = columns.length
    ? sql`(${join(columns.map(ident), ', ')}) VALUES (${join(columns.map((c) => value(m, c, data[c])), ', ')})`
    : sql`DEFAULT VALUES`
  return (await run(ctx, sql`INSERT INTO ${table} AS t ${values} RETURNING ${selectList(m, relations)}`))[0]
}

/** UPDATE of the given columns (updated_at refreshed like Prisma's @updatedAt), RETURNING the row. */
export async function updateRowById(ctx: Ctx, m: CrudModel, id: string, data: Row, relations: boolean): Promise<Row> {
  const sets = Object.keys(data).map((c) => sql`${ident(c)} = ${value(m, c, data[c])}`)
  if (m.meta.byName.has('updated_at') && !('updated_at' in data)) sets.push(raw(`"updated_at" = (now() AT TIME ZONE 'UTC')`))
  if (!sets.length) sets.push(raw('"id" = t."id"'))
  const q = sql`UPDATE ${ident(m.meta.table)} AS t SET ${join(sets, ', ')} WHERE t.id = ${id}::uuid RETURNING ${selectList(m, relations)}`
  return (await run(ctx, q))[0]
}
