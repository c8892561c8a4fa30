// routes.md §23: the caller's notifications (the 100 newest, filtered), one of them, the read
// flag, and "mark all as read". The listing is one statement: the comment's status, text,
// mentions and first preview, the reply's text and mentions, the task's project, the
// caller's subscription, the entity's full name and the playlist are joins and subqueries.
import type { Ctx } from '../crud/context.ts'
import { join, raw, sql, type Sql } from '../crud/select.ts'
import { notFound, wrongParameter } from '../lib/errors.ts'
import { formatDateTime, isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'
import { emitOptions, fullNameJoins, FULL_ENTITY_NAME, FULL_NAME_EPISODE_ID, rows } from './user-shared.ts'

const notificationRow = modelRowSerializer('Notification')

export interface NotificationFilters {
  after?: string
  before?: string
  task_type_id?: string
  task_status_id?: string
  type?: string
  read?: string
  watching?: string
}

const isTrue = (v: string) => v.toLowerCase() === 'true'

function checkUuid(field: string, value: string | undefined): void {
  if (value !== undefined && !isUuid(value)) throw wrongParameter(`Invalid UUID format for ${field}: ${value}`)
}

function conditions(ctx: Ctx, f: NotificationFilters & { id?: string }): Sql[] {
  checkUuid('notification_id', f.id)
  checkUuid('task_type_id', f.task_type_id)
  checkUuid('task_status_id', f.task_status_id)
  const where: Sql[] = [sql`n.person_id = ${ctx.actor.id}::uuid`]
  if (f.id !== undefined) where.push(sql`n.id = ${f.id}::uuid`)
  // Zou casts the dates in SQL: whatever PostgreSQL reads as a timestamp is accepted.
  if (f.after !== undefined) where.push(sql`n.created_at > ${f.after}::timestamp`)
  if (f.before !== undefined) where.push(sql`n.created_at < ${f.before}::timestamp`)
  if (f.task_type_id !== undefined) where.push(sql`t.task_type_id = ${f.task_type_id}::uuid`)
  if (f.task_status_id !== undefined) where.push(sql`t.task_status_id = ${f.task_status_id}::uuid`)
  if (f.type !== undefined) where.push(sql`n.type = ${f.type}`)
  if (f.read !== undefined) where.push(sql`n.read = ${isTrue(f.read)}::boolean`)
  if (f.watching !== undefined) where.push(raw(isTrue(f.watching) ? 's.id IS NOT NULL' : 's.id IS NULL'))
  return where
}

const LISTING = (ctx: Ctx, where: Sql[]) => sql`
  SELECT n.id, n.type, n.author_id, n.comment_id, n.task_id, n.playlist_id, n.created_at, n.read, n.change,
    t.task_type_id, c.task_status_id, c.text AS comment_text, a.role AS author_role, s.id AS subscription_id,
    p.id AS project_id, p.name AS project_name,
    CASE WHEN n.type IN ('reply', 'reply-mention') THEN
      (SELECT r FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.replies) = 'array' THEN c.replies ELSE '[]' END) r
        WHERE r->>'id' = n.reply_id::text LIMIT 1) END AS reply,
    ARRAY(SELECT m.person::text FROM comment_mentions m WHERE m.comment = c.id) AS mentions,
    ARRAY(SELECT d.department::text FROM comment_department_mentions d WHERE d.comment = c.id) AS department_mentions,
    (SELECT cp.preview_file FROM comment_preview_link cp JOIN preview_file pf ON pf.id = cp.preview_file
      WHERE cp.comment = c.id ORDER BY pf.created_at, pf.id LIMIT 1) AS preview_file_id,
    ${FULL_ENTITY_NAME} AS full_entity_name, ${FULL_NAME_EPISODE_ID} AS entity_episode_id,
    fe.preview_file_id AS entity_preview_file_id,
    pl.name AS playlist_name, pl.for_entity AS playlist_for_entity, pl.is_for_all AS playlist_is_for_all,
    pl.episode_id AS playlist_episode_id, pl.project_id AS playlist_project_id, plp.name AS playlist_project_name
  FROM notification n
  JOIN person a ON a.id = n.author_id
  LEFT JOIN task t ON t.id = n.task_id
  LEFT JOIN project p ON p.id = t.project_id
  LEFT JOIN subscription s ON s.task_id = t.id AND s.person_id = ${ctx.actor.id}::uuid
  LEFT JOIN comment c ON c.id = n.comment_id
  ${fullNameJoins('t.entity_id')}
  LEFT JOIN playlist pl ON pl.id = n.playlist_id
  LEFT JOIN project plp ON plp.id = pl.project_id
  WHERE ${join(where, ' AND ')}
  ORDER BY n.created_at DESC, n.id
  LIMIT 100`

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [])

function present(r: Row, callerIsArtist: boolean): Row {
  const forPlaylist = r.playlist_id !== null
  const reply = r.reply as Row | null
  const hideText = callerIsArtist && r.author_role === 'client'
  return {
    id: r.id,
    type: 'Notification',
    notification_type: r.type,
    author_id: r.author_id,
    comment_id: r.comment_id,
    task_id: r.task_id,
    task_type_id: r.task_type_id,
    task_status_id: r.task_status_id,
    mentions: r.comment_id ? r.mentions : [],
    department_mentions: r.comment_id ? r.department_mentions : [],
    reply_mentions: strings(reply?.mentions),
    reply_department_mentions: strings(reply?.department_mentions),
    preview_file_id: r.preview_file_id,
    project_id: forPlaylist ? r.playlist_project_id : r.project_id,
    project_name: forPlaylist ? r.playlist_project_name : r.project_name,
    comment_text: hideText ? '' : r.comment_text,
    reply_text: hideText ? '' : ((reply?.text as string | undefined) ?? ''),
    created_at: formatDateTime(r.created_at as Date),
    read: r.read,
    change: r.change,
    full_entity_name: forPlaylist ? '' : r.full_entity_name,
    episode_id: forPlaylist ? r.playlist_episode_id : r.entity_episode_id,
    entity_preview_file_id: forPlaylist ? null : r.entity_preview_file_id,
    subscription_id: r.subscription_id,
    playlist_id: r.playlist_id,
    playlist_name: forPlaylist ? r.playlist_name : '',
    playlist_for_entity: forPlaylist ? r.playlist_for_entity : '',
    playlist_is_for_all: forPlaylist ? !!r.playlist_is_for_all : false,
  }
}

async function read(ctx: Ctx, f: NotificationFilters & { id?: string }): Promise<Row[]> {
  const q = LISTING(ctx, conditions(ctx, f))
  let found: Row[]
  try {
    found = await rows(ctx, q)
  } catch (err) {
    // 22007 invalid_datetime_format, 22008 datetime_field_overflow (Zou's DataError).
    if (typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('22')) {
      throw wrongParameter('Wrong date format for after or before.')
    }
    throw err
  }
  const artist = ctx.actor.role === 'user'
  return found.map((r) => present(r, artist))
}

/** GET /data/user/notifications. */
export const listNotifications = (ctx: Ctx, f: NotificationFilters) => read(ctx, f)

/** GET /data/user/notifications/:notification_id. */
export async function getNotification(ctx: Ctx, id: string): Promise<Row> {
  const [found] = await read(ctx, { id })
  if (!found) throw notFound()
  return found
}

/** PUT /data/user/notifications/:notification_id: sets the read flag, then the event. */
export async function setNotificationRead(ctx: Ctx, id: string, readFlag: boolean): Promise<Row> {
  if (!isUuid(id)) throw notFound()
  const [row] = await rows(ctx, sql`
    UPDATE notification SET read = ${readFlag}::boolean, updated_at = now()
    WHERE id = ${id}::uuid AND person_id = ${ctx.actor.id}::uuid RETURNING *`)
  if (!row) throw notFound()
  await ctx.events.emit(readFlag ? 'notification:read' : 'notification:unread', { person_id: ctx.actor.id, notification_id: id }, emitOptions(ctx))
  return notificationRow(row)
}

/** POST /actions/user/notifications/mark-all-as-read. */
export async function markAllRead(ctx: Ctx): Promise<void> {
  await ctx.pool.query(
    `UPDATE notification SET read = true, updated_at = now() WHERE person_id = $1 AND read = false`,
    [ctx.actor.id],
  )
  await ctx.events.emit('notification:all-read', { person_id: ctx.actor.id }, emitOptions(ctx))
}

/** The unread count of the context. */
export const UNREAD_COUNT = (ctx: Ctx) =>
  sql`(SELECT count(*) FROM notification n WHERE n.person_id = ${ctx.actor.id}::uuid AND n.read = false)`
