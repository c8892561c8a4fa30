// Visibility filters for lists (crud.md §9.5): turned into `where` clauses so a list never
// contains a row the caller may not read. Built from the caller's memberships, loaded once
// per request, so each is a plain `IN` on an indexed column.
import type { Ctx } from './context.ts'
import type { Where } from './query.ts'

async function memberProjectIds(ctx: Ctx, openOnly: boolean): Promise<string[]> {
  const ids: string[] = []
  for (const [id, m] of await ctx.memberships()) if (!openOnly || m.open) ids.push(id)
  return ids
}

const assignedToCaller = (ctx: Ctx) => ({ task_person_link__task_id: { some: { person_id: ctx.actor.id } } })

/** Open projects whose team contains the caller. */
export async function openProjectsOfCaller(ctx: Ctx): Promise<Where> {
  return { id: { in: await memberProjectIds(ctx, true) } }
}

/** Rows whose project_id is an open project of the caller. */
export async function openProjectsColumn(ctx: Ctx): Promise<Where> {
  return { project_id: { in: await memberProjectIds(ctx, true) } }
}

export async function entitiesOfCaller(ctx: Ctx): Promise<Where> {
  const inProjects = { project_id: { in: await memberProjectIds(ctx, true) } }
  if (ctx.actor.role !== 'vendor') return inProjects
  // Vendors: only entities with a task assigned to them (one row each, never duplicates).
  return { ...inProjects, task__entity_id: { some: assignedToCaller(ctx) } }
}

export async function tasksOfCaller(ctx: Ctx): Promise<Where> {
  if (ctx.actor.role === 'vendor') return assignedToCaller(ctx)
  return { project_id: { in: await memberProjectIds(ctx, true) } }
}

export async function previewFilesOfCaller(ctx: Ctx): Promise<Where> {
  const projects = { project_id: { in: await memberProjectIds(ctx, true) } }
  if (ctx.actor.role === 'vendor') return { task_rel: { ...projects, ...assignedToCaller(ctx) } }
  return { task_rel: projects }
}

export async function outputFilesOfCaller(ctx: Ctx): Promise<Where> {
  return { entity_rel: { project_id: { in: await memberProjectIds(ctx, true) } } }
}

export async function workingFilesOfCaller(ctx: Ctx): Promise<Where> {
  return { entity_rel: { project_id: { in: await memberProjectIds(ctx, false) } } }
}

export async function playlistsOfCaller(ctx: Ctx): Promise<Where> {
  const projects = { project_id: { in: await memberProjectIds(ctx, false) } }
  return ctx.actor.role === 'client' ? { ...projects, for_client: true } : projects
}
