// POST /actions/tasks/:task_id/comments/:comment_id/move (routes.md §5): a comment moves to
// another task of the same entity; its notifications and news go, both tasks are recomputed
// from their comments, and the target's audience is notified as for a new comment. One
// transaction; events after it.
import { notFound, wrongParameter } from '../lib/errors.ts'
import type { Row } from '../lib/serialize.ts'
import { requireEntityAccess, requireProjectAccess } from './access.ts'
import { fullName } from './persons.ts'
import { loadTaskContexts, type TaskContext } from './comments-context.ts'
import { createNews, notify } from './comments-notify.ts'
import { requireUuid } from './comments.ts'
import { pgQuery, recomputeTaskFromComments } from './comments-task-state.ts'
import { commentWithRelations } from './comments-threads.ts'
import { runWrite, type Deps } from './write-scope.ts'

async function requireTaskAccess(deps: Deps, task: TaskContext) {
  const role = await requireProjectAccess(deps.ctx, task.project_id)
  await requireEntityAccess(deps.ctx, role, task.entity_id)
}

export async function moveComment(deps: Deps, taskId: string, commentId: string, targetTaskId: string): Promise<Row> {
  requireUuid(taskId)
  requireUuid(commentId)
  requireUuid(targetTaskId)
  return runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    const tasks = await loadTaskContexts(q, [taskId, targetTaskId])
    const source = tasks.get(taskId)
    const target = tasks.get(targetTaskId)
    if (!source || !target) throw notFound()
    await requireTaskAccess(deps, source)
    await requireTaskAccess(deps, target)
    const [comment] = await q(
      `SELECT c.*, EXISTS (SELECT 1 FROM comment_preview_link l WHERE l.comment = c.id) AS has_previews,
              p.first_name, p.last_name, s.short_name AS status_short_name
       FROM comment c JOIN person p ON p.id = c.person_id LEFT JOIN task_status s ON s.id = c.task_status_id
       WHERE c.id = $1 FOR UPDATE OF c`,
      [commentId],
    )
    if (!comment) throw notFound()
    if (comment.object_id !== taskId) throw wrongParameter('Comment does not belong to the given task.')
    if (taskId === targetTaskId) throw wrongParameter('Source and target tasks must be different.')
    if (source.entity_id !== target.entity_id) throw wrongParameter('A comment can only be moved between tasks of the same entity.')
    if (comment.has_previews || comment.preview_file_id) throw wrongParameter('A comment attached to a preview revision cannot be moved.')

    await q('DELETE FROM notification WHERE comment_id = $1', [commentId])
    const removed = await q('DELETE FROM news WHERE comment_id = $1 RETURNING id::text', [commentId])
    for (const n of removed) w.events.push({ name: 'news:delete', data: { news_id: n.id }, projectId: source.project_id })
    await q('UPDATE comment SET object_id = $2, updated_at = now() WHERE id = $1', [commentId, targetTaskId])
    for (const task of [source, target]) {
      await recomputeTaskFromComments(q, task.id)
      w.events.push({ name: 'task:update', data: { task_id: task.id }, projectId: task.project_id })
    }
    w.events.push(
      { name: 'comment:delete', data: { comment_id: commentId }, projectId: source.project_id },
      { name: 'comment:new', data: { comment_id: commentId, task_id: targetTaskId, task_status_id: comment.task_status_id }, projectId: target.project_id },
    )
    const author = { id: comment.person_id as string, first_name: comment.first_name as string | null, full_name: fullName(comment) }
    const fanout = { task: target, author, comment: { id: commentId, text: (comment.text as string | null) ?? '' }, statusShortName: comment.status_short_name as string | null }
    await notify(w, q, deps.ctx.config, fanout, { kind: 'comment', audience: true, persons: [] })
    const mentioned = await q('SELECT person::text AS id FROM comment_mentions WHERE comment = $1', [commentId])
    await notify(w, q, deps.ctx.config, fanout, { kind: 'mention', audience: false, persons: mentioned.map((m) => m.id as string) })
    await createNews(w, q, target, { id: commentId, person_id: author.id, task_status_id: comment.task_status_id as string | null, created_at: comment.created_at as Date }, false)
    return commentWithRelations(q, commentId)
  })
}
