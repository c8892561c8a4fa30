// crud.md §11.25: chat tokens are shown to (and filterable by) admins only; hours_by_day is
// stored as a float.
import { ORGANISATION_SECRETS } from '../../services/organisation.ts'
import { modelMetaOf } from '../meta.ts'
import type { Ctx } from '../context.ts'
import type { Hooks } from '../model.ts'

const NON_ADMIN_FILTERABLE = new Set(modelMetaOf('Organisation').fields.map((f) => f.name).filter((n) => !ORGANISATION_SECRETS.has(n)))

export const organisationFilterable = (ctx: Ctx) => (ctx.isAdmin ? null : NON_ADMIN_FILTERABLE)

export const organisationHooks: Hooks = {
  serialize(ctx, out) {
    if (!ctx.isAdmin) for (const key of ORGANISATION_SECRETS) delete out[key]
    return out
  },
}
