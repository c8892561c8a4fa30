// The news feed (routes.md §21): news rows of comments with what the feed shows (task type,
// comment status, entity full name, preview, author), newest first, paged, with the count of
// status-changing news per status. One statement for the page, one for the totals.
import { notFound, wrongParameter } from '../lib/errors.ts'
import { formatDateTime, isUuid, parseDateTimeInput, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { requireNotVendor, requireProjectAccess } from './access.ts'
import { fullNameJoins, fullNameSql } from './entities/full-name.ts'
import { MALFORMED_ID } from './comments.ts'

export interface NewsQuery {
  only_preview?: string
  task_type_id?: string
  task_status_id?: string
  person_id?: string
  episode_id?: string
  project_id?: string
  page?: string
  limit?: string
  after?: string
  before?: string
}

export interface NewsScope {
  /** News of these projects; null: no project filter (admins). */
  projectIds: string[] | null
  /** News of this entity's tasks. */
  entityId?: string
  /** Non-admins without open projects: projects whose team they are in. */
  teamOf?: string
  newsId?: string
}

const fullName = fullNameSql('e', 'et')

const FROM = `FROM news n
  JOIN task t ON t.id = n.task_id
  JOIN project p ON p.id = t.project_id
  JOIN entity e ON e.id = t.entity_id
  LEFT JOIN entity_type et ON et.id = e.entity_type_id
  ${fullNameJoins('e')}
  LEFT JOIN comment c ON c.id = n.comment_id
  LEFT JOIN preview_file pf ON pf.id = n.preview_file_id`

function intArg(name: string, value: string | undefined, def: number): number {
  if (value === undefined || value === '') return def
  if (!/^-?\d+$/.test(value.trim())) throw wrongParameter(`Wrong value for parameter ${name}.`)
  return Math.max(1, Number(value))
}

function dateArg(name: string, value: string | undefined): Date | null {
  if (value === undefined || value === '') return null
  const date = parseDateTimeInput(value)
  if (!date) throw wrongParameter(`Wrong date format for ${name} argument.Expected format: 2020-01-05T13:23:10 or 2020-01-05`)
  return date
}

function idArg(value: string | undefined): string | null {
  if (value === undefined || value === '') return null
  if (!isUuid(value)) throw wrongParameter(MALFORMED_ID)
  return value
}

/**
 * A page of news rows with its totals; `stats` (status → count of status-changing news)
 * unless `withStats` is false. Shared with GET /data/entities/:id/news.
 */
export async function newsPage(ctx: Ctx, scope: NewsScope, query: NewsQuery, withStats = true) {
  const onlyPreview = (query.only_preview ?? '').toLowerCase() === 'true'
  const page = intArg('page', query.page, 1)
  const limit = intArg('limit', query.limit, 50)
  const where: string[] = []
  const params: unknown[] = []
  const p = (v: unknown) => `$${params.push(v)}`
  if (scope.projectIds) where.push(`t.project_id = ANY(${p(scope.projectIds)}::uuid[])`)
  if (scope.teamOf) where.push(`EXISTS (SELECT 1 FROM project_person_link l WHERE l.project_id = t.project_id AND l.person_id = ${p(scope.teamOf)})`)
  if (scope.newsId) where.push(`n.id = ${p(scope.newsId)}`)
  if (scope.entityId) where.push(`t.entity_id = ${p(scope.entityId)}`)
  const episodeId = idArg(query.episode_id)
  if (episodeId) where.push(`e_par.parent_id = ${p(episodeId)}`)
  const statusId = idArg(query.task_status_id)
  if (statusId) where.push(`c.task_status_id = ${p(statusId)}`)
  const taskTypeId = idArg(query.task_type_id)
  if (taskTypeId) where.push(`t.task_type_id = ${p(taskTypeId)}`)
  const authorId = idArg(query.person_id)
  if (authorId) where.push(`n.author_id = ${p(authorId)}`)
  if (onlyPreview) where.push('n.preview_file_id IS NOT NULL')
  const after = dateArg('after', query.after)
  if (after) where.push(`n.created_at > ${p(after)}`)
  const before = dateArg('before', query.before)
  if (before) where.push(`n.created_at < ${p(before)}`)
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const offset = (page - 1) * limit
  const previews = onlyPreview
    ? `, (SELECT coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'extension', x.extension, 'revision', x.revision,
          'position', x.position, 'status', x.status) ORDER BY x.position), '[]')
        FROM preview_file x WHERE x.task_id = n.task_id AND x.revision = pf.revision) AS preview_files`
    : ''
  const [rows, totals] = await Promise.all([
    ctx.pool.query(
      `SELECT n.id::text, n.author_id::text, n.comment_id::text, n.task_id::text, t.task_type_id::text,
              c.task_status_id::text, t.entity_id::text AS task_entity_id, n.preview_file_id::text,
              pf.extension AS preview_file_extension, pf.revision AS preview_file_revision,
              p.id::text AS project_id, p.name AS project_name, n.created_at, n.change,
              ${fullName.name} AS full_entity_name, (${fullName.episodeId})::text AS episode_id,
              e.preview_file_id::text AS entity_preview_file_id,
              (SELECT json_build_object('id', a.id, 'first_name', a.first_name, 'last_name', a.last_name,
                 'full_name', concat_ws(' ', NULLIF(a.first_name, ''), NULLIF(a.last_name, '')),
                 'has_avatar', a.has_avatar, 'role', a.role) FROM person a WHERE a.id = n.author_id) AS person
              ${previews}
       ${FROM} ${whereSql} ORDER BY n.created_at DESC, n.id DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    ),
    ctx.pool.query(
      `SELECT c.task_status_id::text AS status, count(*)::int AS total,
              count(*) FILTER (WHERE n.change AND c.id IS NOT NULL)::int AS changes
       ${FROM} ${whereSql} GROUP BY c.task_status_id`,
      params,
    ),
  ])
  const data = rows.rows.map((r: Row) => ({ ...r, type: 'News', created_at: formatDateTime(r.created_at as Date) }))
  const total = totals.rows.reduce((sum: number, r: Row) => sum + (r.total as number), 0)
  const stats: Record<string, number> = {}
  for (const r of totals.rows) if (r.status && r.changes > 0) stats[r.status] = r.changes
  const out = { data, total, nb_pages: Math.ceil(total / limit), limit, offset, page }
  return withStats ? { ...out, stats } : out
}

/** GET /data/projects/news: the caller's open projects (admins: every open project). */
export async function listNews(ctx: Ctx, query: NewsQuery) {
  let projectIds: string[]
  if (ctx.isAdmin) {
    const { rows } = await ctx.pool.query(
      `SELECT p.id::text FROM project p JOIN project_status s ON s.id = p.project_status_id WHERE s.name = 'Open'`,
    )
    projectIds = rows.map((r) => r.id)
  } else {
    projectIds = [...(await ctx.memberships()).entries()].filter(([, m]) => m.open).map(([id]) => id)
  }
  const wanted = query.project_id?.toLowerCase()
  if (wanted && projectIds.includes(wanted)) projectIds = [wanted]
  if (projectIds.length) return newsPage(ctx, { projectIds }, query)
  return newsPage(ctx, { projectIds: null, teamOf: ctx.isAdmin ? undefined : ctx.actor.id }, query)
}

export async function listProjectNews(ctx: Ctx, projectId: string, query: NewsQuery) {
  await requireProjectAccess(ctx, projectId)
  return newsPage(ctx, { projectIds: [projectId] }, query)
}

export async function getProjectNews(ctx: Ctx, projectId: string, newsId: string) {
  const role = await requireProjectAccess(ctx, projectId)
  requireNotVendor(ctx, role)
  if (!isUuid(newsId)) throw notFound()
  const { data } = await newsPage(ctx, { projectIds: [projectId], newsId }, {})
  if (!data.length) throw notFound()
  return data[0]
}
