// The per-project metadata descriptor routes of routes.md §7: list, create, read, update,
// delete and reorder a project's custom columns. Writes run in one transaction with the
// values they move or strip; events go out after commit.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import type { Role } from '../plugins/auth.ts'
import { sql } from '../crud/select.ts'
import { requireManagerAccess, requireProjectAccess } from './access.ts'
import {
  applyChanges, applyOrder, checkDataType, checkDepartments, checkEntityType, checkNameFree, checkedFieldName,
  insertDescriptors, readDescriptors, readFacts, removeDescriptors, type DescriptorChanges, type DescriptorFacts,
} from './metadata-descriptors-store.ts'

export interface DescriptorInput extends DescriptorChanges {
  entity_type?: string
  task_type_id?: string | null
  name: string
}

/**
 * Zou's department rule for descriptor writes: admins and the project's managers; team
 * supervisors when `departments` is not empty and holds every department of theirs (or
 * they have none).
 */
export async function requireDepartmentsAccess(ctx: Ctx, projectId: string, departments: string[]): Promise<Role> {
  const role = await requireProjectAccess(ctx, projectId)
  if (role === 'admin' || role === 'manager') return role
  if (role === 'supervisor' && departments.length) {
    const mine = await ctx.departments()
    if (mine.every((d) => departments.includes(d))) return role
  }
  throw forbidden()
}

const byId = (id: string) => sql`t.id = ${id}::uuid`
const emit = (ctx: Ctx, name: string, descriptors: Array<{ id: string; project_id: string }>) =>
  ctx.events.emitMany(descriptors.map((d) => ({
    name, data: { metadata_descriptor_id: d.id }, projectId: d.project_id, userId: ctx.actor.id,
  })))

/** PA; clients only see the descriptors shown to clients. */
export async function listDescriptors(ctx: Ctx, projectId: string): Promise<Row[]> {
  const role = await requireProjectAccess(ctx, projectId)
  const where = [sql`t.project_id = ${projectId}::uuid`]
  if (role === 'client') where.push(sql`t.for_client = true`)
  return readDescriptors(ctx, where)
}

/** The descriptor, when it belongs to the project (Zou bug: it answers any project's). */
async function findDescriptor(ctx: Ctx, projectId: string, descriptorId: string): Promise<DescriptorFacts> {
  if (!isUuid(descriptorId) || !isUuid(projectId)) throw notFound()
  const [facts] = await readFacts(ctx, [sql`d.id = ${descriptorId}::uuid`, sql`d.project_id = ${projectId}::uuid`])
  if (!facts) throw notFound()
  return facts
}

export async function getDescriptor(ctx: Ctx, projectId: string, descriptorId: string): Promise<Row> {
  await requireProjectAccess(ctx, projectId)
  await findDescriptor(ctx, projectId, descriptorId)
  return (await readDescriptors(ctx, [byId(descriptorId)]))[0]
}

export async function createDescriptor(ctx: Ctx, projectId: string, body: DescriptorInput): Promise<Row> {
  const departments = [...new Set(body.departments ?? [])]
  await requireDepartmentsAccess(ctx, projectId, departments)
  const entityType = checkEntityType(body.entity_type ?? 'Asset')
  const taskTypeId = body.task_type_id ?? null
  if (entityType === 'Task') {
    if (taskTypeId === null) throw wrongParameter('Task metadata descriptors require a task_type_id.')
    const found = isUuid(taskTypeId) && (await ctx.pool.query('SELECT 1 FROM task_type WHERE id = $1', [taskTypeId])).rowCount
    if (!found) throw wrongParameter('Task type not found.')
  } else if (taskTypeId !== null) {
    throw wrongParameter('task_type_id only applies to Task metadata descriptors.')
  }
  const dataType = checkDataType(body.data_type)
  const fieldName = checkedFieldName(body.name)
  await checkDepartments(ctx, departments)
  await checkNameFree(ctx, [{ project_id: projectId, entity_type: entityType, task_type_id: taskTypeId }], body.name, fieldName)
  const [created] = await ctx.db.$transaction((tx) => insertDescriptors(tx, [projectId], {
    entity_type: entityType, task_type_id: taskTypeId, name: body.name, field_name: fieldName, data_type: dataType,
    choices: body.choices ?? [], for_client: body.for_client ?? null, departments,
  }))
  await emit(ctx, 'metadata-descriptor:new', [created])
  return (await readDescriptors(ctx, [byId(created.id)]))[0]
}

/**
 * Zou's update: omitted fields take their defaults; a non-empty name renames the field and
 * moves the stored values. The department rule covers the current and the new departments.
 */
export async function updateDescriptor(ctx: Ctx, projectId: string, descriptorId: string, body: DescriptorChanges): Promise<Row> {
  const facts = await findDescriptor(ctx, projectId, descriptorId)
  const departments = [...new Set(body.departments ?? [])]
  await requireDepartmentsAccess(ctx, projectId, [...facts.departments, ...departments])
  if (body.name === '') throw wrongParameter('Name cannot be empty.')
  const dataType = checkDataType(body.data_type)
  await checkDepartments(ctx, departments)
  let fieldName: string | null = null
  if (body.name) {
    fieldName = checkedFieldName(body.name)
    await checkNameFree(ctx, [facts], body.name, fieldName)
  }
  const changes = { ...body, data_type: dataType, departments }
  await ctx.db.$transaction((tx) => applyChanges(tx, [facts], changes, fieldName))
  await emit(ctx, 'metadata-descriptor:update', [facts])
  return (await readDescriptors(ctx, [byId(facts.id)]))[0]
}

export async function deleteDescriptor(ctx: Ctx, projectId: string, descriptorId: string): Promise<void> {
  const facts = await findDescriptor(ctx, projectId, descriptorId)
  await requireDepartmentsAccess(ctx, projectId, facts.departments)
  await ctx.db.$transaction((tx) => removeDescriptors(tx, [facts]))
  await emit(ctx, 'metadata-descriptor:delete', [facts])
}

/** MPA. No event (Zou emits none for a reorder). */
export async function reorderDescriptors(ctx: Ctx, projectId: string, entityType: string, ids: string[]): Promise<Row[]> {
  await requireManagerAccess(ctx, projectId)
  checkEntityType(entityType)
  const known = new Set((await readFacts(ctx, [sql`d.project_id = ${projectId}::uuid`, sql`d.entity_type = ${entityType}`])).map((d) => d.id))
  const unknown = ids.find((id) => !known.has(id))
  if (unknown !== undefined) throw wrongParameter(`Descriptor ${unknown} not found for project ${projectId} and entity type ${entityType}`)
  await ctx.db.$transaction((tx) => applyOrder(tx, [projectId], entityType, 'id', ids))
  return readDescriptors(ctx, [sql`t.project_id = ${projectId}::uuid`, sql`t.entity_type = ${entityType}`])
}
