// crud.md §11.12: preview updates need project access and, for non-managers, being assigned
// to the preview's task (Zou checks the entity id by mistake, so it always refuses them).
// A delete first detaches the preview (entity thumbnail, news, comments), then points the
// task at its newest remaining preview. Stored media are the storage area's (force=true).
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

export const previewFileHooks: Hooks = {
  async beforeDelete(_ctx, tx, row) {
    const db = tx as Exec
    const id = row.id as string
    await db.$executeRaw`UPDATE entity SET preview_file_id = NULL WHERE preview_file_id = ${id}::uuid`
    await db.$executeRaw`UPDATE news SET preview_file_id = NULL WHERE preview_file_id = ${id}::uuid`
    await db.$executeRaw`DELETE FROM comment_preview_link WHERE preview_file = ${id}::uuid`
    // Not in Zou (its delete fails there): a comment's own preview reference is cleared too.
    await db.$executeRaw`UPDATE comment SET preview_file_id = NULL WHERE preview_file_id = ${id}::uuid`
  },
  async afterDelete(_ctx, tx, row) {
    if (!row.task_id) return
    await (tx as Exec).$executeRaw`
      UPDATE task SET last_preview_file_id = (
        SELECT p.id FROM preview_file p WHERE p.task_id = task.id ORDER BY p.created_at DESC LIMIT 1)
      WHERE id = ${row.task_id as string}::uuid AND last_preview_file_id = ${row.id as string}::uuid`
  },
}
