// crud.md §11.14 (generic routes only; the comment workflow belongs to the tasks area): the
// single GET carries the author and attachment objects, an edit records its editor, and a
// status change moves the task's status with a task:status-changed event. A delete takes the
// comment's notifications, news, links, attachments and previews with it, then recomputes
// the task from the comments left (services/comments-task-state.ts, shared with the
// comment routes).
import type { Row } from '../../lib/serialize.ts'
import { fullName } from '../../services/persons.ts'
import type { Hooks, PendingEvent } from '../model.ts'
import { detachPreviews } from './preview-files.ts'
import { prismaQuery, recomputeTaskFromComments } from '../../services/comments-task-state.ts'

type Raw = {
  $executeRaw: (q: TemplateStringsArray, ...v: unknown[]) => Promise<number>
  $queryRaw: <T>(q: TemplateStringsArray, ...v: unknown[]) => Promise<T>
}

// The task's status before and after a delete, kept on the row the service hands from
// beforeDelete through afterDelete to events (never serialized).
const PREVIOUS_STATUS = '__previous_task_status_id'
const NEW_STATUS = '__new_task_status_id'

/** Removes what hangs off the comment; its previews go too (Zou's remove_preview_file). */
async function deleteCommentRows(db: Raw, id: string): Promise<void> {
  const previews = await db.$queryRaw<Array<{ id: string }>>`SELECT preview_file AS id FROM comment_preview_link WHERE comment = ${id}::uuid`
  await db.$executeRaw`DELETE FROM notification WHERE comment_id = ${id}::uuid`
  await db.$executeRaw`DELETE FROM news WHERE comment_id = ${id}::uuid`
  await db.$executeRaw`DELETE FROM comment_preview_link WHERE comment = ${id}::uuid`
  await db.$executeRaw`DELETE FROM comment_mentions WHERE comment = ${id}::uuid`
  await db.$executeRaw`DELETE FROM comment_department_mentions WHERE comment = ${id}::uuid`
  await db.$executeRaw`DELETE FROM comment_acknoledgments WHERE comment = ${id}::uuid`
  await db.$executeRaw`DELETE FROM attachment_file WHERE comment_id = ${id}::uuid`
  if (!previews.length) return
  const ids = previews.map((p) => p.id)
  await detachPreviews(db, ids)
  await db.$executeRaw`DELETE FROM preview_file WHERE id = ANY(${ids}::uuid[])`
}

export const commentHooks: Hooks = {
  beforeUpdate(ctx, _row, data) {
    data.editor_id = ctx.actor.id
  },
  async afterUpdate(_ctx, tx, row, before) {
    if (!row.task_status_id || row.task_status_id === before.task_status_id) return
    const db = tx as { task: { update: (a: unknown) => Promise<unknown> } }
    await db.task.update({ where: { id: row.object_id }, data: { task_status_id: row.task_status_id } })
  },
  async beforeDelete(_ctx, tx, row) {
    await deleteCommentRows(tx as Raw, row.id as string)
  },
  async afterDelete(_ctx, tx, row) {
    const state = await recomputeTaskFromComments(prismaQuery(tx), row.object_id as string)
    if (!state) return
    row[PREVIOUS_STATUS] = state.previous
    row[NEW_STATUS] = state.current
  },
  events(ctx, op, row, { before }) {
    if (op === 'delete') {
      if (!(NEW_STATUS in row) || row[NEW_STATUS] === row[PREVIOUS_STATUS]) return []
      return [{
        name: 'task:status-changed',
        data: { task_id: row.object_id, new_task_status_id: row[NEW_STATUS], previous_task_status_id: row[PREVIOUS_STATUS], person_id: ctx.actor.id },
      }]
    }
    if (op !== 'update') return []
    const events: PendingEvent[] = [{ name: 'comment:update', data: { comment_id: row.id, task_id: row.object_id } }]
    if (before && row.task_status_id && row.task_status_id !== before.task_status_id) {
      events.push({
        name: 'task:status-changed',
        data: { task_id: row.object_id, new_task_status_id: row.task_status_id, previous_task_status_id: before.task_status_id, person_id: ctx.actor.id },
      })
    }
    return events
  },
  async respond(ctx, op, out, query) {
    if (op !== 'get') return out
    const ids = (out.attachment_files as string[] | undefined) ?? []
    const [author, attachments, previews] = await Promise.all([
      ctx.db.person.findUnique({ where: { id: out.person_id as string }, select: { id: true, first_name: true, last_name: true, has_avatar: true, role: true } }),
      ids.length ? ctx.db.attachmentFile.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, extension: true, size: true } }) : [],
      (query.with_previews ?? '').toLowerCase() === 'true' && (out.previews as string[] | undefined)?.length
        ? ctx.db.previewFile.findMany({ where: { id: { in: out.previews as string[] } } })
        : null,
    ])
    out.person = author ? { ...author, full_name: fullName(author) } : null
    if (ctx.actor.role === 'client' && author?.role !== 'client') out.person = null
    out.attachment_files = attachments
    if (previews) out.previews = previews as Row[]
    return out
  },
}
