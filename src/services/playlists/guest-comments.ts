// Guest comments on a shared playlist (routes.md §10.1): list the comments guests may see
// (flagged for clients or written by a guest) on the playlist's tasks, post one through the
// normal comment pipeline, edit or delete one's own, and manage its attachments.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../../lib/serialize.ts'
import type { Upload } from '../../lib/multipart.ts'
import { INLINE_MIMETYPES, sendStoredFile } from '../../lib/file-response.ts'
import { loadTaskContext } from '../comments-context.ts'
import { createComment, jsonArray } from '../comments-post.ts'
import { pgQuery, type Query } from '../comments-task-state.ts'
import { findMentions, linkMentions } from '../comments-mentions.ts'
import { attachmentKey, commentAttachments, storeAttachments } from '../comments-attachments.ts'
import { commentWithRelations } from '../comments-threads.ts'
import { deleteTaskComment } from '../tasks-comments.ts'
import { resetTaskData } from '../tasks-reset.ts'
import { runWrite } from '../write-scope.ts'
import { guestDeps, playlistTaskIds, requireCanComment, requireGuest, type GuestEnv, type Shared } from './guest.ts'

const serializeComment = modelRowSerializer('Comment')
const err = (status: number, error: string) => new AppError(status, { error })

const COMMENTS_SQL = `SELECT c.*,
    json_build_object('id', a.id, 'first_name', a.first_name, 'last_name', a.last_name,
      'full_name', trim(concat_ws(' ', NULLIF(a.first_name, ''), NULLIF(a.last_name, ''))),
      'has_avatar', a.has_avatar, 'role', a.role, 'is_guest', a.is_guest) AS __person,
    json_build_object('id', ts.id, 'name', ts.name, 'short_name', ts.short_name, 'color', ts.color) AS __task_status,
    ARRAY(SELECT m.person::text FROM comment_mentions m WHERE m.comment = c.id) AS __mentions,
    ARRAY(SELECT d.department::text FROM comment_department_mentions d WHERE d.comment = c.id) AS __department_mentions,
    ARRAY(SELECT k.person::text FROM comment_acknoledgments k WHERE k.comment = c.id) AS __acks,
    (SELECT COALESCE(json_agg(json_build_object('id', pf.id, 'task_id', pf.task_id, 'revision', pf.revision,
        'extension', pf.extension, 'width', pf.width, 'height', pf.height, 'duration', pf.duration,
        'status', pf.status, 'position', pf.position, 'annotations', pf.annotations)
        ORDER BY pf.revision, pf.position), '[]')
       FROM comment_preview_link l JOIN preview_file pf ON pf.id = l.preview_file
      WHERE l.comment = c.id AND pf.validation_status IS DISTINCT FROM 'rejected') AS __previews,
    (SELECT COALESCE(json_agg(json_build_object('id', af.id, 'name', af.name, 'extension', af.extension, 'size', af.size)
        ORDER BY af.created_at, af.id), '[]') FROM attachment_file af WHERE af.comment_id = c.id) AS __attachments
  FROM comment c JOIN person a ON a.id = c.person_id JOIN task_status ts ON ts.id = c.task_status_id
  WHERE c.object_id = ANY($1::uuid[]) AND (c.for_client OR a.is_guest)
  ORDER BY c.created_at DESC, c.id`

export async function guestComments(env: GuestEnv, shared: Shared): Promise<Row[]> {
  const taskIds = await playlistTaskIds(env.pool, shared.playlist)
  if (!taskIds.length) return []
  const { rows } = await env.pool.query(COMMENTS_SQL, [taskIds])
  return rows.map((r) => {
    const { __person, __task_status, __mentions, __department_mentions, __acks, __previews, __attachments, ...c } = r
    const out = serializeComment(c)
    return {
      ...out, person: __person, task_status: __task_status, mentions: __mentions, department_mentions: __department_mentions,
      acknowledgements: __acks, previews: __previews, attachment_files: __attachments,
      // Guests see replies without their authors' details (as clients do).
      replies: Array.isArray(c.replies) ? c.replies.map((reply: Row) => ({ ...reply, person: null })) : [],
    }
  })
}

export interface GuestCommentBody {
  guest_id: string
  task_id: string
  task_status_id: string
  text?: string
  checklist?: unknown
}

/** A status guests may use (client-allowed), else 400 as Zou words it. */
async function clientStatus(q: Query, statusId: unknown): Promise<Row> {
  const [status] = isUuid(statusId) ? await q('SELECT * FROM task_status WHERE id = $1', [statusId]) : []
  if (!status) throw err(400, 'Task status not found')
  if (status.is_client_allowed === false) throw err(400, 'Task status not allowed for guests')
  return status
}

export async function postGuestComment(env: GuestEnv, shared: Shared, body: GuestCommentBody): Promise<Row> {
  requireCanComment(shared, 'comments')
  const guest = await requireGuest(env, shared, body.guest_id)
  const taskIds = await playlistTaskIds(env.pool, shared.playlist)
  if (!isUuid(body.task_id) || !taskIds.includes(body.task_id.toLowerCase())) throw err(403, 'Task not part of this shared playlist')
  const checklist = jsonArray(body.checklist, 'checklist')
  const deps = guestDeps(env, guest.id as string)
  return runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    const status = await clientStatus(q, body.task_status_id)
    const task = await loadTaskContext(q, body.task_id.toLowerCase())
    if (!task) throw err(403, 'Task not part of this shared playlist')
    return createComment({ w, q, config: env.config, visited: new Set() }, {
      task, status: status as never, author: guest, text: body.text ?? '', checklist, links: [],
      forClient: false, createdAt: null, files: [], hashtags: true,
    })
  })
}

/** The guest's own comment on a playlist task: 404 `Comment not found`, 403 `Forbidden`. */
async function ownComment(q: Query, shared: Shared, taskIds: string[], guestId: string, commentId: string, lock = false): Promise<Row> {
  const [comment] = isUuid(commentId) ? await q(`SELECT * FROM comment WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [commentId]) : []
  if (!comment || !taskIds.includes(comment.object_id as string)) throw err(404, 'Comment not found')
  if (comment.person_id !== guestId) throw err(403, 'Forbidden')
  return comment
}

export interface GuestEditBody {
  guest_id: string
  text?: string
  checklist?: unknown
  task_status_id?: string
}

export async function editGuestComment(env: GuestEnv, shared: Shared, commentId: string, body: GuestEditBody): Promise<Row> {
  requireCanComment(shared, 'comments')
  const guest = await requireGuest(env, shared, body.guest_id)
  const taskIds = await playlistTaskIds(env.pool, shared.playlist)
  const deps = guestDeps(env, guest.id as string)
  return runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    const comment = await ownComment(q, shared, taskIds, guest.id as string, commentId, true)
    const [task] = await q('SELECT id::text, project_id::text FROM task WHERE id = $1 FOR UPDATE', [comment.object_id])
    const statusId = body.task_status_id !== undefined ? (await clientStatus(q, body.task_status_id)).id : comment.task_status_id
    const text = body.text ?? (comment.text as string)
    const checklist = body.checklist !== undefined ? jsonArray(body.checklist, 'checklist') : comment.checklist
    await q(
      `UPDATE comment SET text = $2, checklist = $3::jsonb, task_status_id = $4, editor_id = $5, updated_at = now() WHERE id = $1`,
      [comment.id, text, JSON.stringify(checklist ?? []), statusId, guest.id],
    )
    await q('DELETE FROM comment_mentions WHERE comment = $1', [comment.id])
    await q('DELETE FROM comment_department_mentions WHERE comment = $1', [comment.id])
    await linkMentions(q, comment.id as string, await findMentions(q, task.project_id as string, text))
    if (statusId !== comment.task_status_id) {
      const reset = await resetTaskData(w.client, task.id as string)
      if (reset.previousStatusId !== reset.statusId) {
        w.events.push({
          name: 'task:status-changed',
          data: { task_id: task.id, new_task_status_id: reset.statusId, previous_task_status_id: reset.previousStatusId, person_id: guest.id },
          projectId: task.project_id as string,
        })
      }
    }
    w.events.push({ name: 'comment:update', data: { comment_id: comment.id, task_id: task.id }, projectId: task.project_id as string })
    const out = await commentWithRelations(q, comment.id as string)
    out.attachment_files = await commentAttachments(q, comment.id as string)
    return out
  })
}

export async function deleteGuestComment(env: GuestEnv, shared: Shared, commentId: string, guestId: unknown): Promise<void> {
  requireCanComment(shared, 'comments')
  const guest = await requireGuest(env, shared, guestId)
  const taskIds = await playlistTaskIds(env.pool, shared.playlist)
  const comment = await ownComment(pgQuery(env.pool), shared, taskIds, guest.id as string, commentId)
  // The authenticated deletion, acting as the guest author (the author may delete their comment).
  await deleteTaskComment(guestDeps(env, guest.id as string).ctx, comment.object_id as string, comment.id as string)
}

export async function addGuestAttachments(env: GuestEnv, shared: Shared, commentId: string, guestId: unknown, files: Upload[]): Promise<Row> {
  requireCanComment(shared, 'comments')
  const guest = await requireGuest(env, shared, guestId)
  const taskIds = await playlistTaskIds(env.pool, shared.playlist)
  return runWrite(guestDeps(env, guest.id as string), async (w) => {
    const q = pgQuery(w.client)
    const comment = await ownComment(q, shared, taskIds, guest.id as string, commentId, true)
    await storeAttachments(w, q, { comment_id: comment.id as string }, files)
    const out = await commentWithRelations(q, comment.id as string)
    out.attachment_files = await commentAttachments(q, comment.id as string)
    return out
  })
}

export async function deleteGuestAttachment(env: GuestEnv, shared: Shared, commentId: string, attachmentId: string, guestId: unknown): Promise<void> {
  requireCanComment(shared, 'comments')
  const guest = await requireGuest(env, shared, guestId)
  const taskIds = await playlistTaskIds(env.pool, shared.playlist)
  await runWrite(guestDeps(env, guest.id as string), async (w) => {
    const q = pgQuery(w.client)
    const comment = await ownComment(q, shared, taskIds, guest.id as string, commentId, true)
    const [row] = isUuid(attachmentId) ? await q('SELECT comment_id::text FROM attachment_file WHERE id = $1', [attachmentId]) : []
    if (!row || row.comment_id !== comment.id) throw err(404, 'Attachment not found')
    await q('DELETE FROM attachment_file WHERE id = $1', [attachmentId])
  })
}

export async function guestAttachmentFile(env: GuestEnv, shared: Shared, req: FastifyRequest, reply: FastifyReply, attachmentId: string) {
  const taskIds = await playlistTaskIds(env.pool, shared.playlist)
  const { rows } = isUuid(attachmentId) ? await env.pool.query(
    `SELECT af.* FROM attachment_file af JOIN comment c ON c.id = af.comment_id JOIN person a ON a.id = c.person_id
      WHERE af.id = $1 AND c.object_id = ANY($2::uuid[]) AND (c.for_client OR a.is_guest)`,
    [attachmentId, taskIds],
  ) : { rows: [] }
  const row = rows[0]
  if (!row) throw err(404, 'Attachment not found')
  const mimetype = (row.mimetype as string | null) ?? 'application/octet-stream'
  return sendStoredFile(req, reply, env.storage, {
    bucket: 'files', key: attachmentKey(row.id), mimetype, updatedAt: row.updated_at,
    downloadName: row.name ?? row.id, inline: INLINE_MIMETYPES.has(mimetype.toLowerCase()),
  })
}
