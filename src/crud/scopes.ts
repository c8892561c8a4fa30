// Visibility filters for lists (crud.md §9.5): SQL conditions on the listed table (alias t),
// so a list never contains a row the caller may not read. Built from the caller's
// memberships, loaded once per request, so most are a plain `= ANY` on an indexed column.
import type { Ctx } from './context.ts'
import { sql, type Sql } from './select.ts'

async function memberProjectIds(ctx: Ctx, openOnly: boolean): Promise<string[]> {
  const ids: string[] = []
  for (const [id, m] of await ctx.memberships()) if (!openOnly || m.open) ids.push(id)
  return ids
}

/** A task (alias tk) assigned to the caller. */
const assignedTask = (ctx: Ctx, task: Sql) =>
  sql`EXISTS (SELECT 1 FROM task_person_link l WHERE l.task_id = ${task} AND l.person_id = ${ctx.actor.id}::uuid)`

const inProjects = async (ctx: Ctx, column: Sql, openOnly = true) =>
  sql`${column} = ANY(${await memberProjectIds(ctx, openOnly)}::uuid[])`

/** Open projects whose team contains the caller. */
export const openProjectsOfCaller = (ctx: Ctx) => inProjects(ctx, sql`t.id`)

/** Rows whose project_id is an open project of the caller. */
export const openProjectsColumn = (ctx: Ctx) => inProjects(ctx, sql`t.project_id`)

export async function entitiesOfCaller(ctx: Ctx): Promise<Sql> {
  const projects = await inProjects(ctx, sql`t.project_id`)
  if (ctx.actor.role !== 'vendor') return projects
  // Vendors: only entities with a task assigned to them (one row each, never duplicates).
  return sql`${projects} AND EXISTS (SELECT 1 FROM task tk WHERE tk.entity_id = t.id AND ${assignedTask(ctx, sql`tk.id`)})`
}

export async function tasksOfCaller(ctx: Ctx): Promise<Sql> {
  if (ctx.actor.role === 'vendor') return assignedTask(ctx, sql`t.id`)
  return inProjects(ctx, sql`t.project_id`)
}

export async function previewFilesOfCaller(ctx: Ctx): Promise<Sql> {
  const ids = await memberProjectIds(ctx, true)
  const vendor = ctx.actor.role === 'vendor' ? sql` AND ${assignedTask(ctx, sql`tk.id`)}` : sql``
  return sql`EXISTS (SELECT 1 FROM task tk WHERE tk.id = t.task_id AND tk.project_id = ANY(${ids}::uuid[])${vendor})`
}

export async function outputFilesOfCaller(ctx: Ctx): Promise<Sql> {
  const ids = await memberProjectIds(ctx, true)
  return sql`EXISTS (SELECT 1 FROM entity e WHERE e.id = t.entity_id AND e.project_id = ANY(${ids}::uuid[]))`
}

export async function workingFilesOfCaller(ctx: Ctx): Promise<Sql> {
  const ids = await memberProjectIds(ctx, false)
  return sql`EXISTS (SELECT 1 FROM entity e WHERE e.id = t.entity_id AND e.project_id = ANY(${ids}::uuid[]))`
}

export async function playlistsOfCaller(ctx: Ctx): Promise<Sql> {
  const projects = await inProjects(ctx, sql`t.project_id`, false)
  return ctx.actor.role === 'client' ? sql`${projects} AND t.for_client IS TRUE` : projects
}
