// crud.md §11.18: an automation used by a project cannot be deleted.
import { badRequest } from '../../lib/errors.ts'
import type { Hooks } from '../model.ts'

export const statusAutomationHooks: Hooks = {
  // Zou: checked before the permission check.
  async guardDelete(ctx, row) {
    const { rowCount } = await ctx.pool.query('SELECT 1 FROM project_status_automation_link WHERE status_automation_id = $1 LIMIT 1', [row.id])
    if (rowCount) throw badRequest('This automation is used in a project.')
  },
}
