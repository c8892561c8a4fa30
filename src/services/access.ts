// The access rules of routes.md §1.6 as imperative checks for feature services: each
// throws Zou's 403/404 and returns the caller's effective role. Team membership comes with
// the caller (ctx.memberships), so a passing check costs no query; the project's existence
// is read only when the answer depends on it (admins, or a caller outside the team).
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import type { Role } from '../plugins/auth.ts'
import { assignedOnEntities } from '../crud/row-rules.ts'

async function projectExists(ctx: Ctx, projectId: string): Promise<boolean> {
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM project WHERE id = $1', [projectId])
  return !!rowCount
}

/**
 * PA(p): admin, or on project p's team. An unknown project is a 404, a malformed id a 400.
 * Returns the effective role ('admin' for admins).
 */
export async function requireProjectAccess(ctx: Ctx, projectId: string | null | undefined): Promise<Role> {
  if (projectId == null || projectId === '') {
    if (ctx.isAdmin) return 'admin'
    throw forbidden()
  }
  if (!isUuid(projectId)) throw wrongParameter('One of the ID sent in parameter is not properly formatted.')
  const role = await ctx.projectRole(projectId)
  if (role === 'admin') {
    if (!(await projectExists(ctx, projectId))) throw notFound()
    return role
  }
  if (role) return role
  if (!(await projectExists(ctx, projectId))) throw notFound()
  throw forbidden()
}

/** PA(p) then the effective role must be one of `roles` (admins always pass). */
async function requireProjectRole(ctx: Ctx, projectId: string | null | undefined, roles: readonly Role[]): Promise<Role> {
  const role = await requireProjectAccess(ctx, projectId)
  if (role !== 'admin' && !roles.includes(role)) throw forbidden()
  return role
}

/** MPA(p): admin, or team member whose effective role is manager. */
export const requireManagerAccess = (ctx: Ctx, projectId: string | null | undefined) =>
  requireProjectRole(ctx, projectId, ['manager'])

/** SPA(p): admin, or team member with effective role manager or supervisor. */
export const requireSupervisorAccess = (ctx: Ctx, projectId: string | null | undefined) =>
  requireProjectRole(ctx, projectId, ['manager', 'supervisor'])

/** EA(e): a vendor (effective role) must have a task assigned on the entity. */
export async function requireEntityAccess(ctx: Ctx, role: Role, entityId: string): Promise<void> {
  if (role === 'vendor' && !(await assignedOnEntities(ctx, [entityId]))) throw forbidden()
}

/** PA + EA on an entity whose project is known: the usual read check of entity routes. */
export async function requireEntityRead(ctx: Ctx, entity: { id: string; project_id: string | null }): Promise<Role> {
  const role = await requireProjectAccess(ctx, entity.project_id)
  await requireEntityAccess(ctx, role, entity.id)
  return role
}

/** NOVENDOR: refuses vendors (effective role when known, else the global role). */
export function requireNotVendor(ctx: Ctx, role: Role = ctx.actor.role): void {
  if (role === 'vendor') throw forbidden()
}

/** MANAGER(global): admin or a global manager. */
export function requireGlobalManager(ctx: Ctx): void {
  if (!ctx.isAdmin && ctx.actor.role !== 'manager') throw forbidden()
}

/** ADMIN. */
export function requireAdmin(ctx: Ctx): void {
  if (!ctx.isAdmin) throw forbidden()
}

/** PERSON: persons and personal API tokens; bots are refused. */
export function requirePerson(ctx: Ctx): void {
  if (ctx.actor.identityType === 'bot') throw forbidden()
}

/** Project ids the caller may read (null = every project, for admins). */
export async function readableProjectIds(ctx: Ctx): Promise<string[] | null> {
  if (ctx.isAdmin) return null
  return [...(await ctx.memberships()).keys()]
}
