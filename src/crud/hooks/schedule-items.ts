// crud.md §11.22: one schedule item per (project, task type, object); string man_days ignored.
import { wrongParameter } from '../../lib/errors.ts'
import type { Hooks } from '../model.ts'
import { sql, type Sql } from '../select.ts'

/**
 * The schedule item `s` has this (project, task type, object) key. NULLs compare equal: the
 * unique index schedule_item_uc lets rows with a NULL object repeat, Zou's check does not.
 * Shared with the schedule routes that create the missing items (services/schedules.ts).
 */
export const sameScheduleItemKey = (projectId: Sql, taskTypeId: Sql, objectId: Sql): Sql =>
  sql`s.project_id IS NOT DISTINCT FROM ${projectId} AND s.task_type_id IS NOT DISTINCT FROM ${taskTypeId}
    AND s.object_id IS NOT DISTINCT FROM ${objectId}`

export const scheduleItemHooks: Hooks = {
  async beforeCreate(ctx, data) {
    const value = (key: string) => sql`${(data[key] as string | undefined) ?? null}::uuid`
    const q = sql`SELECT 1 FROM schedule_item s WHERE ${sameScheduleItemKey(value('project_id'), value('task_type_id'), value('object_id'))} LIMIT 1`
    const { rowCount } = await ctx.pool.query(q.text, q.values)
    if (rowCount) throw wrongParameter('A similar schedule item already exists')
  },
  beforeUpdate(_ctx, _row, data, body) {
    if (typeof body.man_days === 'string') delete data.man_days
  },
}
