// The all-projects metadata descriptor routes of routes.md §7: one column created, updated,
// removed or reordered on every open project the caller manages (every open project for
// admins), in one transaction, with one event per descriptor touched.
import type { Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { sql } from '../crud/select.ts'
import {
  applyChanges, applyOrder, checkDataType, checkDepartments, checkEntityType, checkNameFree, checkedFieldName,
  insertDescriptors, readDescriptors, readFacts, removeDescriptors, type DescriptorChanges, type DescriptorFacts,
} from './metadata-descriptors-store.ts'

/** Zou's open statuses for these routes (projects_service.open_project_ids). */
const OPEN_STATUSES = ['Active', 'open', 'Open']

/** Open projects the caller acts on: all of them for admins, else those they manage. */
async function targetProjects(ctx: Ctx): Promise<string[]> {
  let managed: string[] | null = null
  if (!ctx.isAdmin) {
    managed = []
    for (const [id] of await ctx.memberships()) if ((await ctx.projectRole(id)) === 'manager') managed.push(id)
  }
  const { rows } = await ctx.pool.query(
    `SELECT p.id::text AS id FROM project p JOIN project_status s ON s.id = p.project_status_id
      WHERE s.name = ANY($1::text[]) AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[]))
      ORDER BY p.name, p.id`,
    [OPEN_STATUSES, managed],
  )
  return rows.map((r) => r.id)
}

/** Target projects in their listing order, for the responses. */
const projectOrder = (projects: string[]) => sql`array_position(${projects}::uuid[], t.project_id)`

const emit = (ctx: Ctx, name: string, descriptors: Array<{ id: string; project_id: string }>) =>
  ctx.events.emitMany(descriptors.map((d) => ({
    name, data: { metadata_descriptor_id: d.id }, projectId: d.project_id, userId: ctx.actor.id,
  })))

async function descriptorsByField(ctx: Ctx, projects: string[], entityType: string, fieldName: string): Promise<DescriptorFacts[]> {
  return readFacts(ctx, [sql`d.project_id = ANY(${projects}::uuid[])`, sql`d.entity_type = ${entityType}`, sql`d.field_name = ${fieldName}`])
}

const readByIds = (ctx: Ctx, projects: string[], ids: string[]) =>
  readDescriptors(ctx, [sql`t.id = ANY(${ids}::uuid[])`], { order: projectOrder(projects) })

/** Creates the column on every target project that has none of that field name and kind. */
export async function createOnAllProjects(ctx: Ctx, body: DescriptorChanges & { entity_type?: string; name: string }): Promise<Row[]> {
  const entityType = checkEntityType(body.entity_type ?? 'Asset', true)
  const dataType = checkDataType(body.data_type)
  const fieldName = checkedFieldName(body.name)
  const departments = await checkDepartments(ctx, body.departments)
  const projects = await targetProjects(ctx)
  const { rows } = await ctx.pool.query(
    `SELECT p::text AS id FROM unnest($1::uuid[]) p
      WHERE NOT EXISTS (SELECT 1 FROM metadata_descriptor d WHERE d.project_id = p AND d.entity_type = $2 AND d.field_name = $3)`,
    [projects, entityType, fieldName],
  )
  const missing = rows.map((r) => r.id as string)
  if (!missing.length) return []
  const created = await ctx.db.$transaction((tx) => insertDescriptors(tx, missing, {
    entity_type: entityType, task_type_id: null, name: body.name, field_name: fieldName, data_type: dataType,
    choices: body.choices ?? [], for_client: body.for_client ?? null, departments,
  }))
  await emit(ctx, 'metadata-descriptor:new', created)
  return readByIds(ctx, projects, created.map((d) => d.id))
}

/** Updates the column everywhere; a new name is checked on every project before any change. */
export async function updateOnAllProjects(ctx: Ctx, fieldName: string, body: DescriptorChanges & { entity_type: string }): Promise<Row[]> {
  const entityType = checkEntityType(body.entity_type, true)
  const dataType = checkDataType(body.data_type)
  const departments = await checkDepartments(ctx, body.departments)
  const projects = await targetProjects(ctx)
  const descriptors = await descriptorsByField(ctx, projects, entityType, fieldName)
  let newFieldName: string | null = null
  if (body.name) {
    newFieldName = checkedFieldName(body.name)
    await checkNameFree(ctx, descriptors, body.name, newFieldName)
  }
  if (!descriptors.length) return []
  const changes = { ...body, name: body.name || null, data_type: dataType, departments }
  await ctx.db.$transaction((tx) => applyChanges(tx, descriptors, changes, newFieldName))
  await emit(ctx, 'metadata-descriptor:update', descriptors)
  return readByIds(ctx, projects, descriptors.map((d) => d.id))
}

/** Removes the column (and its stored values) everywhere; answers the removed ids. */
export async function removeFromAllProjects(ctx: Ctx, fieldName: string, entityType: string | undefined): Promise<string[]> {
  const kind = checkEntityType(entityType, true)
  const projects = await targetProjects(ctx)
  const descriptors = await descriptorsByField(ctx, projects, kind, fieldName)
  if (!descriptors.length) return []
  await ctx.db.$transaction((tx) => removeDescriptors(tx, descriptors))
  await emit(ctx, 'metadata-descriptor:delete', descriptors)
  const order = new Map(projects.map((p, i) => [p, i]))
  return descriptors.sort((a, b) => order.get(a.project_id)! - order.get(b.project_id)!).map((d) => d.id)
}

/** Applies one column order (by field name) on every target project holding one of them. */
export async function reorderOnAllProjects(ctx: Ctx, entityType: string, fieldOrder: string[]): Promise<Row[]> {
  const kind = checkEntityType(entityType, true)
  const projects = await targetProjects(ctx)
  if (!projects.length) return []
  const reordered = await ctx.db.$transaction((tx) => applyOrder(tx, projects, kind, 'field_name', fieldOrder))
  if (!reordered.length) return []
  return readDescriptors(ctx, [sql`t.project_id = ANY(${reordered}::uuid[])`, sql`t.entity_type = ${kind}`], { order: projectOrder(projects) })
}
