// Permission rules as data (crud.md §10, auth.md §12): each is a named check over the
// caller and the row (or the body on create). The model table composes them per operation.
import { badRequest } from '../lib/errors.ts'
import type { Row } from '../lib/serialize.ts'
import type { Ctx } from './context.ts'

export interface Target {
  row?: Row
  body?: Row
  query?: Record<string, string>
}

export interface Rule {
  name: string
  check(ctx: Ctx, target: Target): Promise<boolean> | boolean
}

/** Finds the project a row (or a create body) belongs to. */
export type ProjectOf = (ctx: Ctx, subject: Row) => Promise<string | null> | string | null

export const rule = (name: string, check: Rule['check']): Rule => ({ name, check })

export const any = rule('any', () => true)
export const admin = rule('admin', (ctx) => ctx.isAdmin)
export const managerGlobal = rule('manager-global', (ctx) => ctx.isAdmin || ctx.actor.role === 'manager')
export const noVendor = rule('no-vendor', (ctx) => ctx.actor.role !== 'vendor')
export const nobody = rule('nobody', () => false)

/** The row's (or body's) own `project_id`; on create a missing key is Zou's 400 `'project_id'`. */
export const projectColumn: ProjectOf = (_ctx, subject) => (subject.project_id as string | null) ?? null

function projectRule(name: string, roles: ReadonlySet<string> | null, projectOf: ProjectOf): Rule {
  return rule(name, async (ctx, target) => {
    if (ctx.isAdmin) return true
    const subject = target.row ?? target.body ?? {}
    // Zou reads body['project_id'] on create: a missing key is its KeyError answer.
    if (!target.row && projectOf === projectColumn && !('project_id' in subject)) {
      throw badRequest("'project_id'")
    }
    const projectId = await projectOf(ctx, subject)
    if (typeof projectId !== 'string') return false
    const role = await ctx.projectRole(projectId)
    return role !== null && (roles === null || roles.has(role))
  })
}

/** PA: admin, or on the project's team. */
export const pa = (projectOf: ProjectOf = projectColumn) => projectRule('PA', null, projectOf)
/** MPA: admin, or on the team with effective role manager. */
export const mpa = (projectOf: ProjectOf = projectColumn) => projectRule('MPA', new Set(['manager']), projectOf)
/** SPA: admin, or on the team with effective role manager or supervisor. */
export const spa = (projectOf: ProjectOf = projectColumn) =>
  projectRule('SPA', new Set(['manager', 'supervisor']), projectOf)

export const either = (...rules: Rule[]): Rule =>
  rule(rules.map((r) => r.name).join(' or '), async (ctx, t) => {
    for (const r of rules) if (await r.check(ctx, t)) return true
    return false
  })

export const both = (...rules: Rule[]): Rule =>
  rule(rules.map((r) => r.name).join(' and '), async (ctx, t) => {
    for (const r of rules) if (!(await r.check(ctx, t))) return false
    return true
  })

/** The row's `person_id` (or the person row itself) is the caller. */
export const self = (column = 'person_id') =>
  rule(`self(${column})`, (ctx, t) => (t.row ?? t.body ?? {})[column] === ctx.actor.id)
