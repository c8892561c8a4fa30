// Production schedule versions and their task links (crud.md §10, §11.26).
import { wrongParameter } from '../../lib/errors.ts'
import { isUuid } from '../../lib/serialize.ts'
import type { Role } from '../../plugins/auth.ts'
import type { Hooks } from '../model.ts'
import { sql } from '../select.ts'
import { rule } from '../rules.ts'

/** Production schedules are never shown to vendors and clients (also routes.md §7's task-links). */
export const seesSchedules = (role: Role | null): boolean => role !== null && role !== 'vendor' && role !== 'client'

/** Reads of one version or link: the global role must see schedules. */
export const scheduleReader = rule('no vendor/client', (ctx) => seesSchedules(ctx.actor.role))

/** List: with ?project_id= project access to it, without it admin; vendors and clients never. */
export const scheduleVersionList = rule('schedule list', async (ctx, t) => {
  if (ctx.isAdmin) return true
  if (!seesSchedules(ctx.actor.role)) return false
  const projectId = t.query?.project_id
  if (!isUuid(projectId)) return false
  return seesSchedules(await ctx.projectRole(projectId))
})

export const scheduleTaskLinkHooks: Hooks = {
  // Zou bug: ?project_id= only gates access and then lists every project's links; Slate
  // filters by the task's project.
  listFilters(_ctx, query) {
    const projectId = query.project_id
    delete query.project_id
    return isUuid(projectId) ? sql`EXISTS (SELECT 1 FROM task tk WHERE tk.id = t.task_id AND tk.project_id = ${projectId}::uuid)` : null
  },
  async beforeCreate(ctx, data) {
    const { rows } = await ctx.pool.query(
      `SELECT (SELECT project_id FROM task WHERE id = $1) = (SELECT project_id FROM production_schedule_version WHERE id = $2) AS same`,
      [data.task_id, data.production_schedule_version_id],
    )
    if (!rows[0]?.same) throw wrongParameter('The task and the production schedule version must be in the same project.')
  },
}
