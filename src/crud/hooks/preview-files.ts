// crud.md §11.12: preview updates need project access and, for non-managers, being assigned
// to the preview's task (Zou checks the entity id by mistake, so it always refuses them).
// Renumbering the main preview (position 1) of a revision refuses a revision the task already
// has and takes the revision's other positions along. A delete first detaches the preview
// (entity thumbnail, news, comments) and points the task at its newest remaining preview.
// Stored media are the storage area's (force=true).
import { wrongParameter } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import type { Hooks } from '../model.ts'
import { rule } from '../rules.ts'
import { taskFacts } from '../row-rules.ts'

type Exec = { $executeRaw: (q: TemplateStringsArray, ...v: unknown[]) => Promise<number> }

export const previewFileUpdate = rule('preview update', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const facts = await taskFacts(ctx, (t.row ?? {}).task_id)
  if (!facts) return false
  const role = await ctx.projectRole(facts.project_id)
  if (!role) return false
  return role === 'manager' || facts.assignees.includes(ctx.actor.id)
})

/**
 * Clears every reference to these previews so they can go: entity thumbnails, news, comment
 * links, and (Zou) a task whose last preview goes points at its newest other preview.
 */
export async function detachPreviews(db: Exec, ids: string[]): Promise<void> {
  await db.$executeRaw`UPDATE entity SET preview_file_id = NULL WHERE preview_file_id = ANY(${ids}::uuid[])`
  await db.$executeRaw`UPDATE news SET preview_file_id = NULL WHERE preview_file_id = ANY(${ids}::uuid[])`
  await db.$executeRaw`DELETE FROM comment_preview_link WHERE preview_file = ANY(${ids}::uuid[])`
  // Not in Zou (its delete fails there): a comment's own preview reference is cleared too.
  await db.$executeRaw`UPDATE comment SET preview_file_id = NULL WHERE preview_file_id = ANY(${ids}::uuid[])`
  await db.$executeRaw`
    UPDATE task SET last_preview_file_id = (
      SELECT p.id FROM preview_file p WHERE p.task_id = task.id AND p.id <> ALL(${ids}::uuid[])
      ORDER BY p.created_at DESC LIMIT 1)
    WHERE id IN (SELECT task_id FROM preview_file WHERE id = ANY(${ids}::uuid[]))
      AND last_preview_file_id = ANY(${ids}::uuid[])`
}

/** The update renumbers the main preview of a revision (position 1; Zou reads null as 1). */
function renumbersMain(row: Row, revision: unknown): revision is number {
  return typeof revision === 'number' && revision !== row.revision && (row.position ?? 1) === 1 && !!row.task_id
}

export const previewFileHooks: Hooks = {
  async beforeUpdate(ctx, row, data) {
    if (!renumbersMain(row, data.revision)) return
    const { rowCount } = await ctx.pool.query(
      'SELECT 1 FROM preview_file WHERE task_id = $1 AND revision = $2 AND COALESCE(position, 1) = 1 AND id <> $3 LIMIT 1',
      [row.task_id, data.revision, row.id],
    )
    if (rowCount) {
      throw wrongParameter(`Revision ${data.revision} already exists for this task. Choose a different revision number, or omit it to let the revision auto-increment.`)
    }
  },
  async afterUpdate(_ctx, tx, row, before) {
    if (before.revision === null || !renumbersMain(before, row.revision)) return
    await (tx as Exec).$executeRaw`
      UPDATE preview_file SET revision = ${row.revision as number}, updated_at = now()
      WHERE task_id = ${before.task_id as string}::uuid AND revision = ${before.revision as number}
        AND id <> ${before.id as string}::uuid AND COALESCE(position, 1) <> 1`
  },
  async beforeDelete(_ctx, tx, row) {
    await detachPreviews(tx as Exec, [row.id as string])
  },
}
