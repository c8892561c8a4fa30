// crud.md §11.12: preview updates need project access and, for non-managers, being assigned
// to the preview's task (Zou checks the entity id by mistake, so it always refuses them).
import { rule } from '../rules.ts'
import { taskFacts } from '../row-rules.ts'

export const previewFileUpdate = rule('preview update', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const facts = await taskFacts(ctx, (t.row ?? {}).task_id)
  if (!facts) return false
  const role = await ctx.projectRole(facts.project_id)
  if (!role) return false
  return role === 'manager' || facts.assignees.includes(ctx.actor.id)
})
