// The raw entity links of a project (routes.md §11, used for synchronisation): a list in
// creation order (plain, paginated, or after a created_at cursor) and a delete that touches
// nothing else (no event, counts left as they are — Zou's behaviour).
import type { Ctx } from '../crud/context.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, parseDateTimeInput, rowSerializer, type Row } from '../lib/serialize.ts'
import { requireManagerAccess } from './access.ts'

const serializeLink = rowSerializer(modelMetaOf('EntityLink'), 'EntityLink')
const DEFAULT_PAGE_SIZE = 100

/** A timestamp as Python's isoformat prints it: microseconds, none when they are zero. */
const micros = (column: string) =>
  `regexp_replace(to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.US'), '\\.000000$', '')`

const OF_PROJECT = 'entity_link l JOIN entity e ON e.id = l.entity_in_id WHERE e.project_id = $1'

export interface LinksQuery {
  page?: string
  limit?: string
  cursor_created_at?: string
}

function intArg(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  if (!/^\s*-?\d+\s*$/.test(value)) throw wrongParameter(`${name} must be an integer.`)
  return Number(value)
}

export async function listEntityLinks(ctx: Ctx, projectId: string, query: LinksQuery) {
  await requireManagerAccess(ctx, projectId)
  const page = intArg('page', query.page, -1)
  let limit = intArg('limit', query.limit, 0)
  if (page > 0) {
    if (limit < 1) limit = DEFAULT_PAGE_SIZE
    const offset = (page - 1) * limit
    const { rows } = await ctx.pool.query(
      `SELECT l.*, count(*) OVER () AS __total FROM ${OF_PROJECT} ORDER BY l.created_at, l.id LIMIT $2 OFFSET $3`,
      [projectId, limit, offset],
    )
    const total = rows.length ? Number(rows[0].__total) : await countLinks(ctx, projectId)
    const nbPages = Math.ceil(total / limit)
    // Zou: past the last page the total reads 0.
    if (total < offset) return { data: [], total: 0, nb_pages: nbPages, limit, offset, page }
    return { data: rows.map(serializeLink), total, nb_pages: nbPages, limit, offset, page }
  }
  if (query.cursor_created_at !== undefined) {
    if (!parseDateTimeInput(query.cursor_created_at)) {
      throw wrongParameter('Wrong date format for cursor_created_at. Expected format: 2020-01-05T13:23:10.123456')
    }
    if (limit < 1) limit = DEFAULT_PAGE_SIZE
    const { rows } = await ctx.pool.query(
      `SELECT l.id::text, l.entity_in_id::text, l.entity_out_id::text, l.data, l.nb_occurences, l.label,
         ${micros('l.created_at')} AS created_at, ${micros('l.updated_at')} AS updated_at
       FROM ${OF_PROJECT} AND l.created_at > $2::timestamp ORDER BY l.created_at, l.updated_at, l.id LIMIT $3`,
      [projectId, query.cursor_created_at, limit],
    )
    return { data: rows.map((r) => ({ ...r, type: 'EntityLink' })), total: await countLinks(ctx, projectId), limit }
  }
  const { rows } = await ctx.pool.query(
    `SELECT l.id::text, l.entity_in_id::text, l.entity_out_id::text, l.nb_occurences, l.label, l.data,
       ${micros('l.created_at')} AS created_at, 'EntityLink' AS type
     FROM ${OF_PROJECT} ORDER BY l.created_at, l.id ${limit > 0 ? 'LIMIT $2' : ''}`,
    limit > 0 ? [projectId, limit] : [projectId],
  )
  return rows
}

async function countLinks(ctx: Ctx, projectId: string): Promise<number> {
  const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM ${OF_PROJECT}`, [projectId])
  return rows[0].n
}

/** DELETE …/entity-links/:entity_link_id: 200 with the deleted link. */
export async function deleteEntityLink(ctx: Ctx, projectId: string, linkId: string): Promise<Row> {
  await requireManagerAccess(ctx, projectId)
  if (!isUuid(linkId)) throw notFound()
  const { rows } = await ctx.pool.query(
    `DELETE FROM entity_link l WHERE l.id = $1
       AND EXISTS (SELECT 1 FROM entity e WHERE e.id = l.entity_in_id AND e.project_id = $2)
     RETURNING l.*`,
    [linkId, projectId],
  )
  if (rows.length) return serializeLink(rows[0])
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM entity_link WHERE id = $1', [linkId])
  throw rowCount ? forbidden() : notFound()
}
