// crud.md §11.5: entity type names are unique case-insensitively.
import { wrongParameter } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import type { Ctx } from '../context.ts'
import type { Hooks } from '../model.ts'

async function checkName(ctx: Ctx, data: Row, id: unknown) {
  if (typeof data.name !== 'string') return
  const clash = await ctx.db.entityType.findFirst({
    where: { name: { equals: data.name, mode: 'insensitive' }, ...(id ? { NOT: { id: id as string } } : {}) },
    select: { id: true },
  })
  if (clash) throw wrongParameter('Entity type with this name already exists')
}

export const entityTypeHooks: Hooks = {
  beforeCreate: (ctx, data) => checkName(ctx, data, null),
  beforeUpdate: (ctx, row, data) => checkName(ctx, data, row.id),
}
