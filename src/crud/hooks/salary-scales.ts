// crud.md §11.23: the list first fills the department × position × seniority grid (salary
// 0), then returns every row; creating one by hand is refused.
import { wrongParameter } from '../../lib/errors.ts'
import { POSITION, SENIORITY } from '../enums.ts'
import { serialize } from '../service.ts'
import type { Hooks } from '../model.ts'
import { crudByRoute } from '../models.ts'

export const salaryScaleHooks: Hooks = {
  async list(ctx) {
    await ctx.pool.query(
      `INSERT INTO salary_scale (department_id, position, seniority, salary)
       SELECT d.id, p, s, 0 FROM department d, unnest($1::text[]) p, unnest($2::text[]) s
       WHERE NOT EXISTS (SELECT 1 FROM salary_scale x WHERE x.department_id = d.id AND x.position = p AND x.seniority = s)`,
      [POSITION, SENIORITY],
    )
    const rows = await ctx.db.salaryScale.findMany()
    const model = crudByRoute.get('salary-scales')!
    return rows.map((r) => serialize(ctx, model, r, false, 'list'))
  },
  beforeCreate() {
    throw wrongParameter('Salary scales cannot be created')
  },
}
