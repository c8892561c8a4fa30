// routes.md §4 task comments: the comment list of a task with everything the task panel
// shows, filtered by the caller's role (one query), one comment (CA), and deleting a comment
// with its previews and attachments and recomputing the task (one transaction).
import { forbidden, notFound } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'
import { withTransaction } from '../db/client.ts'
import { canReadTask, loadTask, requireTaskRead } from './tasks-common.ts'
import { resetTaskData } from './tasks-reset.ts'
import type { Ctx } from '../crud/context.ts'

const serializeComment = modelRowSerializer('Comment')

/** A person's effective role on the task's project ($2), admin overrides ignored. */
const effectiveRole = (alias: string) =>
  `COALESCE((SELECT NULLIF(ppl.role, 'admin') FROM project_person_link ppl WHERE ppl.person_id = ${alias}.id AND ppl.project_id = $2), ${alias}.role)`

const personJson = (alias: string) => `json_build_object('id', ${alias}.id, 'first_name', ${alias}.first_name,
  'last_name', ${alias}.last_name, 'full_name', trim(concat_ws(' ', NULLIF(${alias}.first_name, ''), NULLIF(${alias}.last_name, ''))),
  'has_avatar', ${alias}.has_avatar, 'role', ${alias}.role)`

const COMMENTS_SQL = `SELECT c.*,
    ${personJson('a')} AS __person, ${effectiveRole('a')} AS __author_role,
    CASE WHEN ed.id IS NULL THEN NULL ELSE json_build_object('id', ed.id, 'first_name', ed.first_name,
      'last_name', ed.last_name, 'has_avatar', ed.has_avatar, 'role', ed.role) END AS __editor,
    CASE WHEN ed.id IS NULL THEN NULL ELSE ${effectiveRole('ed')} END AS __editor_role,
    json_build_object('id', ts.id, 'name', ts.name, 'short_name', ts.short_name, 'color', ts.color) AS __task_status,
    ARRAY(SELECT k.person::text FROM comment_acknoledgments k WHERE k.comment = c.id) AS __acks,
    ARRAY(SELECT m.person::text FROM comment_mentions m WHERE m.comment = c.id) AS __mentions,
    ARRAY(SELECT d.department::text FROM comment_department_mentions d WHERE d.comment = c.id) AS __department_mentions,
    (SELECT COALESCE(json_agg(json_build_object('id', pf.id, 'task_id', pf.task_id, 'revision', pf.revision,
        'extension', pf.extension, 'width', pf.width, 'height', pf.height, 'duration', pf.duration,
        'status', COALESCE(pf.status, 'ready'), 'validation_status', COALESCE(pf.validation_status, 'neutral'),
        'original_name', pf.original_name, 'position', pf.position, 'annotations', pf.annotations)
        ORDER BY pf.revision, pf.position, pf.created_at), '[]')
       FROM comment_preview_link cpl JOIN preview_file pf ON pf.id = cpl.preview_file WHERE cpl.comment = c.id) AS __previews,
    (SELECT COALESCE(json_agg(json_build_object('id', af.id, 'name', af.name, 'extension', af.extension,
        'reply_id', af.reply_id, 'size', af.size) ORDER BY af.created_at, af.id), '[]')
       FROM attachment_file af WHERE af.comment_id = c.id) AS __attachments,
    (SELECT json_object_agg(rp.id, json_build_object('person', ${personJson('rp')}, 'role', ${effectiveRole('rp')}))
       FROM person rp WHERE rp.id::text IN (
         SELECT r->>'person_id' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.replies) = 'array' THEN c.replies ELSE '[]'::jsonb END) r)
    ) AS __reply_persons
  FROM comment c
  JOIN person a ON a.id = c.person_id
  JOIN task_status ts ON ts.id = c.task_status_id
  LEFT JOIN person ed ON ed.id = c.editor_id
  WHERE c.object_id = $1
  ORDER BY c.created_at DESC, c.id`

interface Viewer {
  role: string
  isolated: boolean
}

/** GET /data/tasks/:task_id/comments. */
export async function taskComments(ctx: Ctx, taskId: string): Promise<Row[]> {
  const task = await loadTask(ctx, taskId)
  const role = await requireTaskRead(ctx, task)
  const { rows } = await ctx.pool.query(
    COMMENTS_SQL,
    [task.id, task.project_id],
  )
  let isolated = false
  if (role === 'client' && rows.length) {
    const p = await ctx.pool.query('SELECT is_clients_isolated FROM project WHERE id = $1', [task.project_id])
    isolated = !!p.rows[0]?.is_clients_isolated
  }
  const viewer: Viewer = { role, isolated }
  const out: Row[] = []
  for (const r of rows) {
    const comment = filterForViewer(ctx, viewer, r)
    if (comment) out.push(comment)
  }
  return out
}

function buildComment(r: Row, client: boolean): Row {
  const out = serializeComment(r)
  out.person = r.__person
  if (r.editor_id) out.editor = r.__editor
  out.task_status = r.__task_status
  out.acknowledgements = r.__acks
  out.mentions = r.__mentions
  out.department_mentions = r.__department_mentions
  const previews = r.__previews as Row[]
  out.previews = client ? previews.filter((p) => p.validation_status !== 'rejected') : previews
  out.attachment_files = r.__attachments
  const persons = (r.__reply_persons ?? {}) as Record<string, { person: Row; role: string }>
  if (Array.isArray(out.replies)) {
    out.replies = (out.replies as Row[]).map((reply) => {
      const author = persons[String(reply?.person_id)]
      const hide = client && author?.role !== 'client'
      return { ...reply, person: author && !hide ? author.person : null }
    })
  }
  return out
}

/** routes.md §4 role filtering; null when the viewer may not see the comment. */
function filterForViewer(ctx: Ctx, viewer: Viewer, r: Row): Row | null {
  const authorIsClient = r.__author_role === 'client'
  if (viewer.role === 'admin' || viewer.role === 'manager' || viewer.role === 'supervisor') return buildComment(r, false)
  if (viewer.role !== 'client') return authorIsClient ? null : buildComment(r, false)
  const out = buildComment(r, true)
  if (!authorIsClient) out.person = null
  if (r.editor_id && r.__editor_role !== 'client') {
    out.editor = null
    out.editor_id = null
  }
  if (r.for_client) return out
  const ownAllowed = viewer.isolated ? r.person_id === ctx.actor.id : authorIsClient
  if (ownAllowed) return out
  if ((out.previews as Row[]).length && !authorIsClient) {
    return { ...out, text: '', attachment_files: [], checklist: [], replies: [] }
  }
  return null
}

/** One comment with the facts of its task and author for CA, in one query. */
async function loadCommentWithTask(ctx: Ctx, taskId: string, commentId: string) {
  if (!isUuid(commentId) || !isUuid(taskId)) throw notFound()
  const { rows } = await ctx.pool.query(
    `SELECT c.*, COALESCE((SELECT NULLIF(l.role, 'admin') FROM project_person_link l
                          WHERE l.person_id = a.id AND l.project_id = t.project_id), a.role) AS __author_role,
            p.is_clients_isolated AS __isolated
       FROM comment c JOIN person a ON a.id = c.person_id
       LEFT JOIN task t ON t.id = c.object_id LEFT JOIN project p ON p.id = t.project_id
      WHERE c.id = $1`,
    [commentId],
  )
  const comment = rows[0]
  if (!comment || comment.object_id !== taskId.toLowerCase()) throw notFound()
  return comment as Row & { person_id: string; object_id: string; for_client: boolean | null; __author_role: string; __isolated: boolean | null }
}

/** GET /data/tasks/:task_id/comments/:comment_id (CA). */
export async function taskComment(ctx: Ctx, taskId: string, commentId: string): Promise<Row> {
  const comment = await loadCommentWithTask(ctx, taskId, commentId)
  if (!ctx.isAdmin) {
    const task = await loadTask(ctx, comment.object_id)
    const role = await canReadTask(ctx, task)
    if (!role) throw forbidden()
    if (role === 'client') {
      const visible = comment.for_client || comment.__author_role === 'client'
      if (!visible || (comment.__isolated && !comment.for_client && comment.person_id !== ctx.actor.id)) throw forbidden()
    } else if (role !== 'manager' && role !== 'supervisor' && comment.__author_role === 'client') {
      throw forbidden()
    }
  }
  return serializeComment(comment)
}

/** DELETE /data/tasks/:task_id/comments/:comment_id. */
export async function deleteTaskComment(ctx: Ctx, taskId: string, commentId: string): Promise<void> {
  const comment = await loadCommentWithTask(ctx, taskId, commentId)
  const task = await loadTask(ctx, comment.object_id)
  const role = await ctx.projectRole(task.project_id)
  // Zou: managers of the project (PA), otherwise only the author (or an admin).
  if (!ctx.isAdmin && role !== 'manager' && comment.person_id !== ctx.actor.id) throw forbidden()
  const result = await withTransaction(ctx.pool, async (client) => {
    const id = comment.id
    await client.query('DELETE FROM notification WHERE comment_id = $1', [id])
    await client.query('DELETE FROM news WHERE comment_id = $1', [id])
    const { rows: previews } = await client.query(
      `SELECT preview_file AS id FROM comment_preview_link WHERE comment = $1
       UNION SELECT preview_file_id FROM comment WHERE id = $1 AND preview_file_id IS NOT NULL`,
      [id],
    )
    await client.query('UPDATE comment SET preview_file_id = NULL WHERE id = $1', [id])
    await removePreviewRows(client, previews.map((p) => p.id))
    for (const table of ['comment_mentions', 'comment_department_mentions', 'comment_acknoledgments']) {
      await client.query(`DELETE FROM ${table} WHERE comment = $1`, [id])
    }
    await client.query('DELETE FROM attachment_file WHERE comment_id = $1', [id])
    await client.query('DELETE FROM comment WHERE id = $1', [id])
    return resetTaskData(client, task.id)
  })
  const opts = { projectId: task.project_id, userId: ctx.actor.id }
  const events: Array<{ name: string; data: Row; projectId?: string | null; userId?: string }> = []
  if (result.createdStatus) events.push({ name: 'task-status:new', data: { task_status_id: result.createdStatus.id }, userId: ctx.actor.id })
  events.push({ name: 'comment:delete', data: { comment_id: comment.id }, ...opts })
  events.push({ name: 'task:update', data: { task_id: task.id }, ...opts })
  if (result.previousStatusId !== result.statusId) {
    events.push({
      name: 'task:status-changed',
      data: { task_id: task.id, new_task_status_id: result.statusId, previous_task_status_id: result.previousStatusId, person_id: comment.person_id },
      ...opts,
    })
  }
  await ctx.events.emitMany(events)
}

/**
 * Deletes preview rows and unhooks what points at them (comment links, news, entity
 * thumbnails, comments' legacy preview, tasks' last preview). Runs on the caller's transaction.
 */
export async function removePreviewRows(client: { query: (text: string, values: unknown[]) => Promise<unknown> }, ids: string[]) {
  if (!ids.length) return
  const steps = [
    'DELETE FROM comment_preview_link WHERE preview_file = ANY($1::uuid[])',
    'UPDATE news SET preview_file_id = NULL WHERE preview_file_id = ANY($1::uuid[])',
    'UPDATE entity SET preview_file_id = NULL WHERE preview_file_id = ANY($1::uuid[])',
    'UPDATE comment SET preview_file_id = NULL WHERE preview_file_id = ANY($1::uuid[])',
    'DELETE FROM preview_file WHERE id = ANY($1::uuid[])',
  ]
  for (const text of steps) await client.query(text, [ids])
  // The tasks that showed one of them as their last preview move to their newest remaining one.
  await client.query(
    `UPDATE task t SET last_preview_file_id = (
        SELECT pf.id FROM preview_file pf WHERE pf.task_id = t.id ORDER BY pf.revision DESC, pf.position, pf.created_at DESC LIMIT 1)
      WHERE t.last_preview_file_id = ANY($1::uuid[])`,
    [ids],
  )
}
