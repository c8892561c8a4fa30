// Acknowledgements and replies of a comment (routes.md §5): ack toggles the caller, a reply is
// appended to the comment's `replies` JSON with its mentions, attachments and notifications,
// and a reply is deleted with its attachments and notifications. Each write is one
// transaction; events leave after it.
import { forbidden, notFound } from '../lib/errors.ts'
import { formatDateTime, modelRowSerializer, type Row } from '../lib/serialize.ts'
import type { Upload } from '../lib/multipart.ts'
import { requireEntityAccess, requireProjectAccess } from './access.ts'
import { fullName } from './persons.ts'
import { loadTaskContext } from './comments-context.ts'
import { findMentions } from './comments-mentions.ts'
import { storeAttachments } from './comments-attachments.ts'
import { notify } from './comments-notify.ts'
import { hasCommentAccess, requireUuid } from './comments.ts'
import { pgQuery, type Query } from './comments-task-state.ts'
import { runWrite, type Deps } from './write-scope.ts'
import { randomUUID } from 'node:crypto'

const serializeComment = modelRowSerializer('Comment')

const RELATIONS_SQL = `
  SELECT c.*,
    ARRAY(SELECT l.preview_file::text FROM comment_preview_link l WHERE l.comment = c.id) AS previews,
    ARRAY(SELECT m.person::text FROM comment_mentions m WHERE m.comment = c.id) AS mentions,
    ARRAY(SELECT d.department::text FROM comment_department_mentions d WHERE d.comment = c.id) AS department_mentions,
    ARRAY(SELECT a.person::text FROM comment_acknoledgments a WHERE a.comment = c.id) AS acknowledgements,
    ARRAY(SELECT f.id::text FROM attachment_file f WHERE f.comment_id = c.id ORDER BY f.created_at, f.id) AS attachment_files
  FROM comment c WHERE c.id = $1`

/** The comment "with relations": columns plus its relation keys as id arrays. */
export async function commentWithRelations(q: Query, id: string): Promise<Row> {
  const [row] = await q(RELATIONS_SQL, [id])
  if (!row) throw notFound()
  const out = serializeComment(row)
  for (const key of ['previews', 'mentions', 'department_mentions', 'acknowledgements', 'attachment_files']) out[key] = row[key]
  return out
}

/** The path's task (404), the caller's TA on it (PA + EA), and the comment (404). */
async function taskAndComment(deps: Deps, q: Query, taskId: string, commentId: string, lock = false) {
  requireUuid(taskId)
  requireUuid(commentId)
  const [row] = await q(
    `SELECT t.id::text AS task_id, t.project_id::text, t.entity_id::text, to_jsonb(c) AS comment
     FROM task t LEFT JOIN comment c ON c.id = $2 WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
    [taskId, commentId],
  )
  if (!row) throw notFound()
  const role = await requireProjectAccess(deps.ctx, row.project_id as string)
  await requireEntityAccess(deps.ctx, role, row.entity_id as string)
  if (!row.comment) throw notFound()
  const comment = row.comment as Row
  // Zou checks only the path's task; the comment's own task must be readable too.
  if (comment.object_id !== taskId) {
    const [own] = await q('SELECT project_id::text, entity_id::text FROM task WHERE id = $1', [comment.object_id])
    if (!own) throw forbidden()
    await requireEntityAccess(deps.ctx, await requireProjectAccess(deps.ctx, own.project_id as string), own.entity_id as string)
  }
  return { task: row, comment }
}

export async function acknowledgeComment(deps: Deps, taskId: string, commentId: string): Promise<Row> {
  const me = deps.ctx.actor.id
  return runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    const { task } = await taskAndComment(deps, q, taskId, commentId)
    const [{ added }] = await q(
      `WITH removed AS (DELETE FROM comment_acknoledgments WHERE comment = $1 AND person = $2 RETURNING 1),
            added AS (INSERT INTO comment_acknoledgments (comment, person) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM removed) RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM added) AS added`,
      [commentId, me],
    )
    w.events.push({
      name: added ? 'comment:acknowledge' : 'comment:unacknowledge',
      data: { comment_id: commentId, person_id: me },
      projectId: task.project_id as string,
      persist: false,
    })
    return commentWithRelations(q, commentId)
  })
}

export async function replyToComment(deps: Deps, taskId: string, commentId: string, text: string, files: Upload[]): Promise<Row> {
  const { ctx } = deps
  requireUuid(taskId)
  requireUuid(commentId)
  return runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    const task = await loadTaskContext(q, taskId, { mentionOf: { personId: ctx.actor.id, departments: await ctx.departments() } })
    if (!task) throw notFound()
    const [comment] = await q(
      `SELECT c.id::text, c.object_id::text, c.person_id::text, c.text, c.replies,
              a.role AS author_role, a.studio_id::text AS author_studio,
              (SELECT row_to_json(me) FROM (SELECT id, first_name, last_name, has_avatar, role, studio_id::text FROM person WHERE id = $2) me) AS me
       FROM comment c JOIN person a ON a.id = c.person_id WHERE c.id = $1 FOR UPDATE OF c`,
      [commentId, ctx.actor.id],
    )
    if (!comment) throw notFound()
    if (comment.object_id !== taskId) throw forbidden()
    const me = comment.me as Row
    if (comment.person_id !== ctx.actor.id) {
      if (!(await hasCommentAccess(ctx, task))) throw forbidden()
      const role = await ctx.projectRole(task.project_id)
      if (role === 'client' && comment.author_role === 'client' && comment.author_studio !== me.studio_id) throw forbidden()
    }
    const mentions = await findMentions(q, task.project_id, text)
    const now = new Date()
    const replyId = randomUUID()
    const reply: Row = {
      id: replyId,
      date: formatDateTime(now),
      person_id: ctx.actor.id,
      text,
      mentions: mentions.persons,
      department_mentions: mentions.departments,
      created_at: formatDateTime(now),
    }
    const attachments = await storeAttachments(w, q, { comment_id: commentId, reply_id: replyId }, files)
    if (attachments.length) reply.attachment_files = attachments
    await q(
      `UPDATE comment SET replies = (CASE WHEN jsonb_typeof(replies) = 'array' THEN replies ELSE '[]' END) || jsonb_build_array($2::jsonb), updated_at = now()
       WHERE id = $1`,
      [commentId, JSON.stringify(reply)],
    )
    w.events.push({ name: 'comment:reply', data: { task_id: taskId, comment_id: commentId, reply_id: replyId }, projectId: task.project_id })
    const earlier = Array.isArray(comment.replies) ? (comment.replies as Row[]).map((r) => r.person_id).filter((id): id is string => typeof id === 'string') : []
    const source = {
      task,
      author: { id: ctx.actor.id, first_name: me.first_name as string | null, full_name: fullName(me) },
      comment: { id: commentId, text },
      statusShortName: null,
    }
    await notify(w, q, ctx.config, source, { kind: 'reply', audience: true, persons: [...earlier, comment.person_id as string], replyId, createdAt: now })
    await notify(w, q, ctx.config, source, { kind: 'reply-mention', audience: false, persons: mentions.recipients, replyId })
    const person = { id: me.id, first_name: me.first_name, last_name: me.last_name, full_name: fullName(me), has_avatar: me.has_avatar, role: me.role }
    return { ...reply, person }
  })
}

export async function deleteReply(deps: Deps, taskId: string, commentId: string, replyId: string): Promise<Row> {
  const { ctx } = deps
  requireUuid(replyId)
  return runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    const { comment } = await taskAndComment(deps, q, taskId, commentId, true)
    const replies = Array.isArray(comment.replies) ? (comment.replies as Row[]) : []
    const reply = replies.find((r) => r.id === replyId)
    if (!reply) throw notFound()
    if (reply.person_id !== ctx.actor.id && !ctx.isAdmin) throw forbidden()
    await q('DELETE FROM attachment_file WHERE comment_id = $1 AND reply_id = $2', [commentId, replyId])
    await q('DELETE FROM notification WHERE reply_id = $1', [replyId])
    const [updated] = await q(
      `UPDATE comment SET replies = COALESCE((SELECT jsonb_agg(x.r ORDER BY x.i) FROM jsonb_array_elements(replies) WITH ORDINALITY AS x(r, i)
                                 WHERE x.r->>'id' IS DISTINCT FROM $2), '[]'),
              updated_at = now()
       WHERE id = $1 RETURNING *, (SELECT project_id::text FROM task WHERE id = comment.object_id) AS __project_id`,
      [commentId, replyId],
    )
    const projectId = updated.__project_id as string
    w.events.push({ name: 'comment:delete-reply', data: { task_id: updated.object_id, comment_id: commentId, reply_id: replyId }, projectId, persist: false })
    return serializeComment(updated)
  })
}
