// crud.md §11.16: day offs of one person never overlap; the time spents they cover go.
import { badRequest, forbidden, wrongParameter } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import type { Hooks } from '../model.ts'
import type { Ctx } from '../context.ts'

async function checkOverlap(ctx: Ctx, data: Row, excludeId: unknown) {
  const { rowCount } = await ctx.pool.query(
    `SELECT 1 FROM day_off WHERE person_id = $1 AND date <= $3::date AND end_date >= $2::date AND ($4::uuid IS NULL OR id <> $4::uuid) LIMIT 1`,
    [data.person_id, data.date, data.end_date, excludeId ?? null],
  )
  if (rowCount) throw wrongParameter('Day off already exists for this period')
}

async function removeCoveredTimeSpents(_ctx: unknown, tx: unknown, row: Row) {
  const db = tx as { timeSpent: { deleteMany: (a: unknown) => Promise<unknown> } }
  await db.timeSpent.deleteMany({
    where: { person_id: row.person_id as string, date: { gte: row.date as Date, lte: row.end_date as Date } },
  })
}

export const dayOffHooks: Hooks = {
  async beforeCreate(ctx, data) {
    for (const key of ['date', 'end_date', 'person_id']) if (data[key] === undefined || data[key] === null) throw badRequest(`'${key}'`)
    await checkOverlap(ctx, data, null)
  },
  async beforeUpdate(ctx, row, data) {
    if ('person_id' in data && data.person_id !== row.person_id && !ctx.isAdmin) throw forbidden()
    await checkOverlap(ctx, { ...row, ...data }, row.id)
  },
  afterCreate: removeCoveredTimeSpents,
  afterUpdate: removeCoveredTimeSpents,
}
