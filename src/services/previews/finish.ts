// What an accepted upload changes around its preview (routes.md §9): a position-1 preview
// becomes its task's last preview, and the entity's main preview when the project automates
// it; then comment:update and preview-file:add-file (events.md §3.2).
import type { Ctx } from '../../crud/context.ts'
import type { Row } from '../../lib/serialize.ts'
import { withTransaction } from '../../db/client.ts'
import { entityKind } from '../../crud/hooks/entities.ts'
import type { TaskFacts } from '../tasks-common.ts'

export async function finishUpload(ctx: Ctx, task: TaskFacts, preview: Row): Promise<void> {
  const id = preview.id as string
  const result = await withTransaction(ctx.pool, async (client) => {
    let setMain = false
    if (preview.position === 1) {
      await client.query('UPDATE task SET last_preview_file_id = $2, updated_at = now() WHERE id = $1', [task.id, id])
      const { rowCount } = await client.query(
        `UPDATE entity e SET preview_file_id = $2, updated_at = now() FROM project p
          WHERE e.id = $1 AND p.id = $3 AND p.is_set_preview_automated`,
        [task.entity_id, id, task.project_id],
      )
      setMain = !!rowCount
    }
    const { rows } = await client.query(
      'SELECT comment::text AS id FROM comment_preview_link WHERE preview_file = $1 ORDER BY comment LIMIT 1',
      [id],
    )
    return { setMain, commentId: (rows[0]?.id as string | undefined) ?? null }
  })
  const opts = { projectId: task.project_id, userId: ctx.actor.id }
  const events: Array<{ name: string; data: Row } & typeof opts> = []
  if (preview.position === 1) events.push({ name: 'task:update', data: { task_id: task.id }, ...opts })
  if (result.setMain) {
    const kind = entityKind(task.entity_type_name).toLowerCase()
    events.push({ name: 'preview-file:set-main', data: { entity_id: task.entity_id, preview_file_id: id }, ...opts })
    events.push({ name: `${kind}:update`, data: { [`${kind}_id`]: task.entity_id }, ...opts })
  }
  if (result.commentId) {
    events.push({ name: 'comment:update', data: { comment_id: result.commentId }, ...opts })
    events.push({
      name: 'preview-file:add-file',
      data: {
        comment_id: result.commentId,
        task_id: task.id,
        preview_file_id: id,
        revision: preview.revision,
        extension: preview.extension,
        status: preview.status,
      },
      ...opts,
    })
  }
  await ctx.events.emitMany(events)
}
