// crud.md §11.14 (generic routes only; the comment workflow belongs to the tasks area): the
// single GET carries the author and attachment objects, an edit records its editor, and a
// status change moves the task's status with a task:status-changed event.
import type { Row } from '../../lib/serialize.ts'
import { fullName } from '../../services/persons.ts'
import type { Hooks, PendingEvent } from '../model.ts'

export const commentHooks: Hooks = {
  beforeUpdate(ctx, _row, data) {
    data.editor_id = ctx.actor.id
  },
  async afterWrite(_ctx, tx, row, before) {
    if (!before || !row.task_status_id || row.task_status_id === before.task_status_id) return
    const db = tx as { task: { update: (a: unknown) => Promise<unknown> } }
    await db.task.update({ where: { id: row.object_id }, data: { task_status_id: row.task_status_id } })
  },
  events(ctx, op, row, { before }) {
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
