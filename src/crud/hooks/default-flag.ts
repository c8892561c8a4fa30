// Models with an exclusive boolean flag (task-status is_default, preview-background-files
// is_default): setting it on one row clears it on the others; optionally names are unique.
import { wrongParameter } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import type { Hooks } from '../model.ts'

export function defaultFlagHooks(model: string, flag: string, duplicateNameMessage?: string): Hooks {
  const delegate = model[0].toLowerCase() + model.slice(1)
  const checkName = async (tx: unknown, data: Row, id: unknown) => {
    if (!duplicateNameMessage || typeof data.name !== 'string') return
    const d = (tx as Record<string, { findFirst: (a: unknown) => Promise<unknown> }>)[delegate]
    const clash = await d.findFirst({ where: { name: data.name, ...(id ? { NOT: { id } } : {}) }, select: { id: true } })
    if (clash) throw wrongParameter(duplicateNameMessage)
  }
  const clearOthers = async (_ctx: unknown, tx: unknown, row: Row) => {
    if (row[flag] !== true) return
    const d = (tx as Record<string, { updateMany: (a: unknown) => Promise<unknown> }>)[delegate]
    await d.updateMany({ where: { [flag]: true, NOT: { id: row.id } }, data: { [flag]: false } })
  }
  return {
    beforeCreate: (ctx, data) => checkName(ctx.db, data, null),
    beforeUpdate: (ctx, row, data) => checkName(ctx.db, data, row.id),
    afterCreate: clearOthers,
    afterUpdate: clearOthers,
  }
}
