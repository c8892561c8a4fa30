// Episodes (routes.md §3): lists, one episode, its shots, sequences, tasks and task types,
// creation and deletion. Every list is one SQL statement; permission checks come first.
import { isUuid, type Row } from '../lib/serialize.ts'
import { sql } from '../crud/select.ts'
import type { Ctx } from '../crud/context.ts'
import { requireEntityRead, requireManagerAccess, requireNotVendor, requireProjectAccess } from './access.ts'
import { loadEntity } from './entities/load.ts'
import { detailedTasks } from './entities/task-list.ts'
import { deleteEntity, requireEntityDelete } from './entities/remove.ts'
import {
  criterions, episodeHoldsAssigned, firstValue, getOrCreateEntity, isTrueFlag, listEntities, ofKind, sequenceHoldsAssigned, serializeLoaded, vendorMask,
} from './sequences-common.ts'
import { callerTasksOn, taskTypesOf } from './sequences-tasks.ts'

type Query = Record<string, unknown>

/** Asset entities (alias e): their type is not a temporal one. */
const IS_ASSET = sql`e.entity_type_id IN (SELECT et.id FROM entity_type et
  WHERE et.name NOT IN ('Shot', 'Sequence', 'Episode', 'Edit', 'Scene', 'Concept'))`

/** GET /data/episodes: criterions (PA on `project_id`); vendors see episodes they work on. */
export async function listEpisodes(ctx: Ctx, query: Query): Promise<Row[]> {
  const role = await requireProjectAccess(ctx, firstValue(query.project_id))
  const mask = await vendorMask(ctx, role, 'Episode')
  // Zou bug: a vendor's list ignores the other criterions; Slate applies them too.
  const where = [ofKind('Episode'), ...criterions(ctx, query), ...(mask ? [episodeHoldsAssigned(ctx)] : [])]
  return listEntities(ctx, { where, mask })
}

/** GET /data/projects/:project_id/episodes. */
export async function listProjectEpisodes(ctx: Ctx, projectId: string): Promise<Row[]> {
  const role = await requireProjectAccess(ctx, projectId)
  const mask = await vendorMask(ctx, role, 'Episode')
  const where = [ofKind('Episode'), sql`t.project_id = ${projectId}::uuid`, ...(mask ? [episodeHoldsAssigned(ctx)] : [])]
  return listEntities(ctx, { where, mask })
}

/** GET /data/episodes/:episode_id: the episode and its project's name. */
export async function getEpisode(ctx: Ctx, id: string): Promise<Row> {
  const episode = await loadEntity(ctx, id, 'Episode')
  await requireEntityRead(ctx, episode)
  return { ...serializeLoaded(ctx, episode), project_name: episode.project_name }
}

export async function deleteEpisode(ctx: Ctx, id: string, force: boolean): Promise<void> {
  const episode = await loadEntity(ctx, id, 'Episode')
  await requireEntityDelete(ctx, episode)
  await deleteEntity(ctx, episode, force)
}

/** GET /data/episodes/:episode_id/shots: shots whose sequence belongs to the episode. */
export async function episodeShots(ctx: Ctx, id: string, query: Query): Promise<Row[]> {
  const episode = await loadEntity(ctx, id, 'Episode')
  const role = await requireEntityRead(ctx, episode)
  const mask = await vendorMask(ctx, role, 'Shot')
  return listEntities(ctx, {
    where: [ofKind('Shot'), sql`t.parent_id IN (SELECT s.id FROM entity s WHERE s.parent_id = ${episode.id}::uuid)`],
    relations: isTrueFlag(query.relations),
    mask,
  })
}

/** GET /data/episodes/:episode_id/sequences: criterions, parent forced; vendors: assigned ones. */
export async function episodeSequences(ctx: Ctx, id: string, query: Query): Promise<Row[]> {
  if (!isUuid(id)) return [] // Zou: a malformed id is an empty list, not an error
  const episode = await loadEntity(ctx, id, 'Episode')
  const role = await requireProjectAccess(ctx, episode.project_id)
  const mask = await vendorMask(ctx, role, 'Sequence')
  const where = [ofKind('Sequence'), ...criterions(ctx, query, ['parent_id']), sql`t.parent_id = ${episode.id}::uuid`]
  if (mask) where.push(sequenceHoldsAssigned(ctx))
  return listEntities(ctx, { where, mask })
}

/** GET /data/episodes/:episode_id/tasks: tasks on the episode itself (vendors: theirs). */
export async function episodeTasks(ctx: Ctx, id: string): Promise<Row[]> {
  const episode = await loadEntity(ctx, id, 'Episode')
  const role = await requireEntityRead(ctx, episode)
  if (role === 'vendor') return callerTasksOn(ctx, episode)
  // Zou: this route reads no `relations` flag.
  return detailedTasks(ctx, sql`t.entity_id = ${episode.id}::uuid`, false)
}

/** Shots of the episode, as a condition on the task's entity (alias e). */
const shotsOf = (episodeId: string) => sql`e.parent_id IN (SELECT s.id FROM entity s WHERE s.parent_id = ${episodeId}::uuid)`

/** GET /data/episodes/:episode_id/task-types: task types of the tasks of its shots. */
export async function episodeTaskTypes(ctx: Ctx, id: string): Promise<Row[]> {
  const episode = await loadEntity(ctx, id, 'Episode')
  await requireEntityRead(ctx, episode)
  return taskTypesOf(ctx, shotsOf(episode.id))
}

/** GET /data/episodes/:episode_id/shot-tasks. */
export async function episodeShotTasks(ctx: Ctx, id: string, query: Query): Promise<Row[]> {
  const episode = await loadEntity(ctx, id, 'Episode')
  requireNotVendor(ctx, await requireEntityRead(ctx, episode))
  return detailedTasks(ctx, shotsOf(episode.id), isTrueFlag(query.relations))
}

/** GET /data/episodes/:episode_id/asset-tasks: tasks of the assets whose main episode it is. */
export async function episodeAssetTasks(ctx: Ctx, id: string, query: Query): Promise<Row[]> {
  const episode = await loadEntity(ctx, id, 'Episode')
  requireNotVendor(ctx, await requireEntityRead(ctx, episode))
  return detailedTasks(ctx, sql`e.source_id = ${episode.id}::uuid AND ${IS_ASSET}`, isTrueFlag(query.relations))
}

export interface NewEpisodeBody {
  name: string
  status?: string | null
  description?: string | null
  data?: Record<string, unknown> | null
}

const EPISODE_STATUSES = ['running', 'complete', 'standby', 'canceled']

/** POST /data/projects/:project_id/episodes: get-or-create; `episode:new` when created. */
export async function createEpisode(ctx: Ctx, projectId: string, body: NewEpisodeBody): Promise<Row> {
  await requireManagerAccess(ctx, projectId)
  const status = body.status && EPISODE_STATUSES.includes(body.status) ? body.status : 'running'
  const { row, created } = await getOrCreateEntity(ctx, {
    kind: 'Episode', projectId, parentId: null, name: body.name, status,
    description: body.description === undefined ? '' : body.description,
    data: body.data === undefined ? {} : body.data,
  })
  if (created) await ctx.events.emit('episode:new', { episode_id: row.id }, { projectId, userId: ctx.actor.id })
  return row
}
