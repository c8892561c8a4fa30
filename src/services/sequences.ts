// Sequences (routes.md §3): lists, one sequence, its shots, scenes, tasks and task types,
// creation and deletion. Every list is one SQL statement; permission checks come first.
import { notFound } from '../lib/errors.ts'
import type { Row } from '../lib/serialize.ts'
import { sql, type Sql } from '../crud/select.ts'
import type { Ctx } from '../crud/context.ts'
import { requireEntityRead, requireManagerAccess, requireNotVendor, requireProjectAccess } from './access.ts'
import { findEntity, loadEntity } from './entities/load.ts'
import { detailedTasks } from './entities/task-list.ts'
import { deleteEntity, requireEntityDelete } from './entities/remove.ts'
import {
  assignedOnEntity, criterions, firstValue, getOrCreateEntity, isTrueFlag, listEntities, ofKind, sequenceHoldsAssigned, serializeLoaded, vendorMask,
} from './sequences-common.ts'
import { callerTasksOn, taskTypesOf } from './sequences-tasks.ts'

type Query = Record<string, unknown>

/** GET /data/sequences: criterions; `episode_id` stands for its project and parent. */
export async function listSequences(ctx: Ctx, query: Query): Promise<Row[]> {
  const q = { ...query }
  const episodeId = firstValue(q.episode_id)
  if (episodeId !== undefined) {
    const episode = await loadEntity(ctx, episodeId, 'Episode')
    q.project_id = episode.project_id
    q.parent_id = episode.id
    delete q.episode_id
  }
  const role = await requireProjectAccess(ctx, firstValue(q.project_id))
  const mask = await vendorMask(ctx, role, 'Sequence')
  // Zou bug: a vendor's list ignores the other criterions (an episode's sequences come with
  // every other assigned one); Slate applies them and narrows to the vendor's scope.
  const where = [ofKind('Sequence'), ...criterions(ctx, q), ...(mask ? [sequenceHoldsAssigned(ctx)] : [])]
  return listEntities(ctx, { where, mask })
}

/** GET /data/projects/:project_id/sequences. */
export async function listProjectSequences(ctx: Ctx, projectId: string): Promise<Row[]> {
  const role = await requireProjectAccess(ctx, projectId)
  const mask = await vendorMask(ctx, role, 'Sequence')
  const where = [ofKind('Sequence'), sql`t.project_id = ${projectId}::uuid`, ...(mask ? [sequenceHoldsAssigned(ctx)] : [])]
  return listEntities(ctx, { where, mask })
}

/** GET /data/sequences/:sequence_id: the sequence, its project's name and its episode's. */
export async function getSequence(ctx: Ctx, id: string): Promise<Row> {
  const sequence = await loadEntity(ctx, id, 'Sequence')
  await requireEntityRead(ctx, sequence)
  const row = { ...serializeLoaded(ctx, sequence), project_name: sequence.project_name }
  if (!sequence.parent_id) return row
  const { rows } = await ctx.pool.query('SELECT id, name FROM entity WHERE id = $1', [sequence.parent_id])
  return { ...row, episode_id: rows[0].id, episode_name: rows[0].name }
}

export async function deleteSequence(ctx: Ctx, id: string, force: boolean): Promise<void> {
  const sequence = await loadEntity(ctx, id, 'Sequence')
  // Zou bug: its check is inverted (creators need MPA, others only a team lookup); Slate
  // applies the intended rule of the other entity deletes: the creator, or a manager.
  await requireEntityDelete(ctx, sequence)
  await deleteEntity(ctx, sequence, force)
}

/** GET /data/sequences/:sequence_id/shots: criterions, parent forced; vendors see assigned shots. */
export async function sequenceShots(ctx: Ctx, id: string, query: Query): Promise<Row[]> {
  const sequence = await loadEntity(ctx, id, 'Sequence')
  const role = await requireProjectAccess(ctx, sequence.project_id)
  const mask = await vendorMask(ctx, role, 'Shot')
  const where: Sql[] = [ofKind('Shot'), ...criterions(ctx, query, ['parent_id', 'assigned_to']), sql`t.parent_id = ${sequence.id}::uuid`]
  // Zou: `assigned_to` (any value) keeps the shots with a task assigned to the caller.
  if (mask || query.assigned_to !== undefined) where.push(assignedOnEntity(ctx))
  return listEntities(ctx, {
    where,
    mask,
    columns: sql`p.name AS project_name, sq.name AS sequence_name`,
    joins: sql`JOIN project p ON p.id = t.project_id JOIN entity sq ON sq.id = t.parent_id`,
    extra: ['project_name', 'sequence_name'],
  })
}

/** GET /data/sequences/:sequence_id/scenes. */
export async function sequenceScenes(ctx: Ctx, id: string): Promise<Row[]> {
  const sequence = await loadEntity(ctx, id, 'Sequence')
  const role = await requireEntityRead(ctx, sequence)
  const mask = await vendorMask(ctx, role, 'Scene')
  return listEntities(ctx, {
    where: [ofKind('Scene'), sql`t.parent_id = ${sequence.id}::uuid`],
    mask,
  })
}

/** GET /data/sequences/:sequence_id/tasks: tasks on the sequence itself (vendors: theirs). */
export async function sequenceTasks(ctx: Ctx, id: string, query: Query): Promise<Row[]> {
  const sequence = await loadEntity(ctx, id, 'Sequence')
  const role = await requireEntityRead(ctx, sequence)
  if (role === 'vendor') return callerTasksOn(ctx, sequence)
  return detailedTasks(ctx, sql`t.entity_id = ${sequence.id}::uuid`, isTrueFlag(query.relations))
}

/** GET /data/sequences/:sequence_id/task-types: task types of the tasks of its shots. */
export async function sequenceTaskTypes(ctx: Ctx, id: string): Promise<Row[]> {
  const sequence = await loadEntity(ctx, id, 'Sequence')
  await requireEntityRead(ctx, sequence)
  return taskTypesOf(ctx, sql`e.parent_id = ${sequence.id}::uuid`)
}

/** GET /data/sequences/:sequence_id/shot-tasks. */
export async function sequenceShotTasks(ctx: Ctx, id: string, query: Query): Promise<Row[]> {
  const sequence = await loadEntity(ctx, id, 'Sequence')
  requireNotVendor(ctx, await requireEntityRead(ctx, sequence))
  return detailedTasks(ctx, sql`e.parent_id = ${sequence.id}::uuid`, isTrueFlag(query.relations))
}

export interface NewSequenceBody {
  name: string
  episode_id?: string | null
  description?: string | null
  data?: Record<string, unknown> | null
}

/** Pydantic accepts UUIDs without hyphens or in upper case: the canonical form. */
function canonicalUuid(value: string): string {
  const h = value.replace(/-/g, '').toLowerCase()
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** POST /data/projects/:project_id/sequences: get-or-create; `sequence:new` when created. */
export async function createSequence(ctx: Ctx, projectId: string, body: NewSequenceBody): Promise<Row> {
  await requireManagerAccess(ctx, projectId)
  let parentId: string | null = null
  if (body.episode_id) {
    const episode = await findEntity(ctx, canonicalUuid(body.episode_id))
    if (!episode || episode.kind !== 'Episode' || episode.project_id !== projectId) throw notFound()
    parentId = episode.id
  }
  const { row, created } = await getOrCreateEntity(ctx, {
    kind: 'Sequence', projectId, parentId, name: body.name,
    description: body.description === undefined ? '' : body.description,
    data: body.data === undefined ? {} : body.data,
  })
  if (created) await ctx.events.emit('sequence:new', { sequence_id: row.id }, { projectId, userId: ctx.actor.id })
  return row
}
