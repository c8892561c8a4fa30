// routes.md §10 playlist lists: per project (pages of 20), per episode (`main`, `all` or an
// episode id), and the admin listing of every playlist of a project. One query each.
import { notFound, wrongParameter } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import { requireAdmin, requireNotVendor, requireProjectAccess } from '../access.ts'
import { MALFORMED_ID, requireId, serializePlaylist } from './access.ts'

const PAGE_SIZE = 20
const COLUMNS = new Set(['id', 'name', 'project_id', 'episode_id', 'task_type_id', 'for_client', 'for_entity', 'is_for_all', 'created_at', 'updated_at', 'created_by'])

export interface ListQuery {
  page?: string
  sort_by?: string
  task_type_id?: string
}

/** Zou's list row: every column but `shots`, `for_entity` defaulting to shot, the first entry's preview. */
export function playlistListRow(row: Row): Row {
  const shots = row.shots
  const out = serializePlaylist({ ...row, shots: null })
  delete out.shots
  out.for_entity ??= 'shot'
  const first = Array.isArray(shots) ? (shots[0] as Row | undefined) : undefined
  if (first && typeof first === 'object' && 'preview_file_id' in first) out.first_preview_file_id = first.preview_file_id
  return out
}

function orderBy(sortBy: string | undefined): string {
  const column = sortBy && COLUMNS.has(sortBy) ? sortBy : 'updated_at'
  const desc = column === 'created_at' || column === 'updated_at'
  return `ORDER BY ${column} ${desc ? 'DESC NULLS LAST' : 'ASC'}, id`
}

function pageOf(value: string | undefined): number {
  const page = Number.parseInt(value ?? '1', 10)
  return Number.isFinite(page) && page >= 1 ? page : 1
}

async function listWhere(ctx: Ctx, projectId: string, where: string[], values: unknown[], q: ListQuery): Promise<Row[]> {
  const role = await requireProjectAccess(ctx, projectId)
  if (role === 'client') where.push('for_client')
  if (q.task_type_id !== undefined && q.task_type_id !== '') {
    if (!isUuid(q.task_type_id)) throw wrongParameter(MALFORMED_ID)
    values.push(q.task_type_id)
    where.push(`task_type_id = $${values.length}`)
  }
  const offset = (pageOf(q.page) - 1) * PAGE_SIZE
  const { rows } = await ctx.pool.query(
    `SELECT * FROM playlist WHERE ${where.join(' AND ')} ${orderBy(q.sort_by)} LIMIT ${PAGE_SIZE} OFFSET ${offset}`,
    values,
  )
  return rows.map(playlistListRow)
}

/** GET /data/projects/:project_id/playlists. */
export async function projectPlaylists(ctx: Ctx, projectId: string, q: ListQuery): Promise<Row[]> {
  requireNotVendor(ctx)
  const id = requireId(projectId)
  return listWhere(ctx, id, ['project_id = $1'], [id], q)
}

/** GET /data/projects/:project_id/episodes/:episode_id/playlists. */
export async function episodePlaylists(ctx: Ctx, projectId: string, episodeId: string, q: ListQuery): Promise<Row[]> {
  requireNotVendor(ctx)
  const id = requireId(projectId)
  if (episodeId === 'main') return listWhere(ctx, id, ['project_id = $1', 'episode_id IS NULL', 'is_for_all IS NOT TRUE'], [id], q)
  if (episodeId === 'all') return listWhere(ctx, id, ['project_id = $1', 'episode_id IS NULL', 'is_for_all IS TRUE'], [id], q)
  const episode = requireId(episodeId)
  await requireProjectAccess(ctx, id)
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM entity WHERE id = $1', [episode])
  if (!rowCount) throw notFound()
  // Zou filters on the episode alone; the path's project is the one checked.
  return listWhere(ctx, id, ['episode_id = $1'], [episode], q)
}

/** GET /data/projects/:project_id/playlists/all (admins): relations included; `page` gives the envelope. */
export async function allProjectPlaylists(ctx: Ctx, projectId: string, pageArg: string | undefined): Promise<Row[] | Row> {
  requireAdmin(ctx)
  const id = requireId(projectId)
  await requireProjectAccess(ctx, id)
  const page = pageArg === undefined ? -1 : Number.parseInt(pageArg, 10)
  if (!Number.isFinite(page)) throw wrongParameter('Wrong value for parameter page.')
  const select = `SELECT p.*, ARRAY(SELECT b.id::text FROM build_job b WHERE b.playlist_id = p.id ORDER BY b.created_at) AS build_jobs
    FROM playlist p WHERE p.project_id = $1 ORDER BY p.created_at, p.id`
  const present = (r: Row) => ({ ...serializePlaylist(r), build_jobs: r.build_jobs })
  if (page === -1) return (await ctx.pool.query(select, [id])).rows.map(present)
  const limit = 100
  const offset = (page - 1) * limit
  const [{ rows: [{ total }] }, { rows }] = await Promise.all([
    ctx.pool.query('SELECT count(*)::int AS total FROM playlist WHERE project_id = $1', [id]),
    page < 1 ? Promise.resolve({ rows: [] as Row[] }) : ctx.pool.query(`${select} LIMIT ${limit} OFFSET ${offset}`, [id]),
  ])
  return { data: rows.map(present), total, nb_pages: Math.ceil(total / limit), limit, offset, page }
}
