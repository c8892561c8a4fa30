// What a caller may see of assets (routes.md §1.6 VENDOR-SCOPE, §2): non-admins only the
// assets of their teams' projects; where the caller's effective role is vendor, only the
// assets (and tasks) assigned to them, with the metadata of other departments' descriptors
// removed. Built from the caller's memberships: SQL conditions, no query.
import { raw, sql, type Sql } from '../crud/select.ts'
import { TEMPORAL } from '../crud/hooks/entities.ts'
import type { Ctx } from '../crud/context.ts'
import type { Row } from '../lib/serialize.ts'

/** Condition on an entity_type alias: an asset type (not one of the temporal types). */
export const isAssetType = (alias: string): Sql => raw(`${alias}.name NOT IN (${TEMPORAL.map((n) => `'${n}'`).join(', ')})`)

export interface AssetScope {
  /** Projects whose assets the caller may list; null = every project (admins). */
  projects: string[] | null
  /** Projects where the caller's effective role is vendor. */
  vendorProjects: string[]
}

export async function assetScope(ctx: Ctx): Promise<AssetScope> {
  if (ctx.isAdmin) return { projects: null, vendorProjects: [] }
  const projects: string[] = []
  const vendorProjects: string[] = []
  for (const [id, m] of await ctx.memberships()) {
    projects.push(id)
    // Zou: a per-project role of `admin` is ignored.
    const role = m.role && m.role !== 'admin' ? m.role : ctx.actor.role
    if (role === 'vendor') vendorProjects.push(id)
  }
  return { projects, vendorProjects }
}

/** A task (SQL expression) assigned to the caller. */
export const assignedToCaller = (ctx: Ctx, task: Sql): Sql =>
  sql`EXISTS (SELECT 1 FROM task_person_link vl WHERE vl.task_id = ${task} AND vl.person_id = ${ctx.actor.id}::uuid)`

/** The entity (SQL expression) has a task assigned to the caller. */
export const hasTaskOfCaller = (ctx: Ctx, entity: Sql): Sql =>
  sql`EXISTS (SELECT 1 FROM task vt JOIN task_person_link vl ON vl.task_id = vt.id
    WHERE vt.entity_id = ${entity} AND vl.person_id = ${ctx.actor.id}::uuid)`

/** Visibility of the entities of alias `e`: team projects, assigned ones in vendor projects. */
export function visibleEntities(ctx: Ctx, scope: AssetScope, e: string): Sql[] {
  const out: Sql[] = []
  if (scope.projects) out.push(sql`${raw(e)}.project_id = ANY(${scope.projects}::uuid[])`)
  if (scope.vendorProjects.length) {
    out.push(sql`(NOT ${raw(e)}.project_id = ANY(${scope.vendorProjects}::uuid[]) OR ${hasTaskOfCaller(ctx, raw(`${e}.id`))})`)
  }
  return out
}

/** Visibility of the tasks of alias `t` on entities of alias `e`: vendors see their own tasks only. */
export function visibleTasks(ctx: Ctx, scope: AssetScope, t: string, e: string): Sql[] {
  if (!scope.vendorProjects.length) return []
  return [sql`(NOT ${raw(e)}.project_id = ANY(${scope.vendorProjects}::uuid[]) OR ${assignedToCaller(ctx, raw(`${t}.id`))})`]
}

/**
 * Per vendor project, the metadata fields (of `kind` entities) the caller may not see: those
 * of descriptors restricted to departments, none of which is one of the caller's.
 * One query, made only when the caller is a vendor somewhere in the scope.
 */
export async function hiddenFields(ctx: Ctx, scope: AssetScope, kind = 'Asset'): Promise<Map<string, Set<string>>> {
  const hidden = new Map<string, Set<string>>()
  if (!scope.vendorProjects.length) return hidden
  const { rows } = await ctx.pool.query(
    `SELECT d.project_id::text AS project_id, d.field_name FROM metadata_descriptor d
     WHERE d.project_id = ANY($1::uuid[]) AND d.entity_type = $2
       AND EXISTS (SELECT 1 FROM department_metadata_descriptor_link l WHERE l.metadata_descriptor_id = d.id)
       AND NOT EXISTS (SELECT 1 FROM department_metadata_descriptor_link l
                       WHERE l.metadata_descriptor_id = d.id AND l.department_id = ANY($3::uuid[]))`,
    [scope.vendorProjects, kind, await ctx.departments()],
  )
  for (const r of rows) {
    let set = hidden.get(r.project_id)
    if (!set) hidden.set(r.project_id, (set = new Set()))
    set.add(r.field_name)
  }
  return hidden
}

/** `data` without the hidden fields of its project (the same object when nothing is hidden). */
export function maskData(hidden: Map<string, Set<string>>, projectId: string, data: unknown): unknown {
  const fields = hidden.get(projectId)
  if (!fields || !data || typeof data !== 'object' || Array.isArray(data)) return data
  const out: Row = {}
  for (const [k, v] of Object.entries(data as Row)) if (!fields.has(k)) out[k] = v
  return out
}
