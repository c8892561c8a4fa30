// crud.md §11.8: task type names are unique (any for_entity/department); a task type used by
// schedule items or projects is only deleted with force=true, which detaches it first.
import { wrongParameter } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import type { Ctx } from '../context.ts'
import type { Hooks } from '../model.ts'

async function checkName(ctx: Ctx, data: Row, id: unknown) {
  if (typeof data.name !== 'string') return
  const clash = await ctx.db.taskType.findFirst({ where: { name: data.name, ...(id ? { NOT: { id: id as string } } : {}) }, select: { id: true } })
  if (clash) throw wrongParameter('A task type with similar name already exists')
}

export const taskTypeHooks: Hooks = {
  beforeCreate: (ctx, data) => checkName(ctx, data, null),
  beforeUpdate: (ctx, row, data) => checkName(ctx, data, row.id),
  async beforeDelete(ctx, tx, row, query) {
    const { rows } = await ctx.pool.query(
      `SELECT EXISTS (SELECT 1 FROM schedule_item WHERE task_type_id = $1) AS items,
              EXISTS (SELECT 1 FROM project_task_type_link WHERE task_type_id = $1) AS projects`,
      [row.id],
    )
    const { items, projects } = rows[0]
    if (!items && !projects) return
    if ((query.force ?? '').toLowerCase() !== 'true') {
      const what = [items && 'schedule items', projects && 'projects'].filter(Boolean).join(' and ')
      throw wrongParameter(`Task type is attached to ${what}. Re-issue the request with force=true to detach.`)
    }
    const db = tx as Record<string, { deleteMany: (a: unknown) => Promise<unknown> }>
    await db.scheduleItem.deleteMany({ where: { task_type_id: row.id } })
    await db.projectTaskTypeLink.deleteMany({ where: { task_type_id: row.id } })
  },
}
