// crud.md §11.22: one schedule item per (project, task type, object); string man_days ignored.
import { wrongParameter } from '../../lib/errors.ts'
import type { Hooks } from '../model.ts'

export const scheduleItemHooks: Hooks = {
  async beforeCreate(ctx, data) {
    const clash = await ctx.db.scheduleItem.findFirst({
      where: { project_id: data.project_id as string, task_type_id: (data.task_type_id as string) ?? null, object_id: (data.object_id as string) ?? null },
      select: { id: true },
    })
    if (clash) throw wrongParameter('A similar schedule item already exists')
  },
  beforeUpdate(_ctx, _row, data, body) {
    if (typeof body.man_days === 'string') delete data.man_days
  },
}
