// Scenes (routes.md §3): lists, with-tasks, the full scene, and the shots a scene is the
// source of (linking and unlinking emit shot:update then shot:add-to/remove-from-scene).
import type { Ctx } from '../crud/context.ts'
import { sql } from '../crud/select.ts'
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { crudByRoute } from '../crud/models.ts'
import { requireNotVendor, requireProjectAccess } from './access.ts'
import { loadEntity, type EntityRow } from './entities/load.ts'
import { entitiesAndTasks } from './entities/entities-and-tasks.ts'
import { serializeEntity } from './entities/types.ts'
import { entityCriterions, listWithSequence, readableEntity } from './shots.ts'

const entityModel = crudByRoute.get('entities')!

/** GET /data/scenes/all: PA(project_id), no vendors. */
export async function listScenes(ctx: Ctx, query: Record<string, string>): Promise<Row[]> {
  const q = { ...query }
  const assignedTo = 'assigned_to' in q
  delete q.assigned_to
  requireNotVendor(ctx, await requireProjectAccess(ctx, q.project_id))
  return listWithSequence(ctx, 'Scene', { where: entityCriterions(q), assigned: assignedTo, mask: false })
}

function idArg(name: string, value: string | undefined): string | null {
  if (value === undefined) return null
  if (!isUuid(value)) throw wrongParameter(`Invalid UUID format for ${name}: ${value}`)
  return value.toLowerCase()
}

/** GET /data/scenes/with-tasks. Zou: `episode_id=all` matches no scene. */
export async function listScenesWithTasks(ctx: Ctx, query: Record<string, string>): Promise<Row[]> {
  const projectId = idArg('project_id', query.project_id)
  const all = query.episode_id === 'all'
  const episodeId = all ? null : idArg('episode_id', query.episode_id)
  requireNotVendor(ctx, await requireProjectAccess(ctx, projectId))
  if (all) return []
  return entitiesAndTasks(ctx, { kind: 'Scene', projectId, parentId: episodeId, tasksAssignedTo: query.assigned_to ?? null })
}

/** GET /data/scenes/:id: the scene with its project, sequence and episode names. */
export async function getFullScene(ctx: Ctx, id: string): Promise<Row> {
  const scene = await readableEntity(ctx, id, 'Scene')
  const { rows } = await ctx.pool.query(
    `SELECT sq.id AS sequence_id, sq.name AS sequence_name, ep.id AS episode_id, ep.name AS episode_name
     FROM entity sq LEFT JOIN entity ep ON ep.id = sq.parent_id WHERE sq.id = $1`,
    [scene.parent_id],
  )
  // Zou bug: a scene without a sequence is a 404 there; Slate answers it without sequence names.
  const parent = rows[0] ?? { sequence_id: null, sequence_name: null, episode_id: null, episode_name: null }
  const out: Row = { ...serializeEntity(scene, 'Scene'), project_name: scene.project_name }
  out.sequence_id = parent.sequence_id
  out.sequence_name = parent.sequence_name
  if (parent.episode_id) {
    out.episode_id = parent.episode_id
    out.episode_name = parent.episode_name
  }
  return out
}

/** GET /data/scenes/:id/shots: shots whose source is the scene. */
export async function sceneShots(ctx: Ctx, id: string): Promise<Row[]> {
  const scene = await readableEntity(ctx, id, 'Scene')
  return listWithSequence(ctx, 'Shot', { where: [sql`t.source_id = ${scene.id}::uuid`], assigned: false, mask: false })
}

/** The scene (PA on its project) and the shot, which must be of the same project. */
async function sceneAndShot(ctx: Ctx, sceneId: string, shotId: string): Promise<[EntityRow, EntityRow]> {
  const scene = await loadEntity(ctx, sceneId, 'Scene')
  await requireProjectAccess(ctx, scene.project_id)
  const shot = await loadEntity(ctx, shotId, 'Shot')
  // Zou links a shot of any project; Slate keeps a scene's shots in its project.
  if (shot.project_id !== scene.project_id) throw wrongParameter('The shot and the scene belong to different projects.')
  return [scene, shot]
}

async function setShotSource(ctx: Ctx, scene: EntityRow, shot: EntityRow, link: boolean): Promise<Row> {
  const { rows } = await ctx.pool.query(
    `UPDATE entity SET source_id = $2, updated_at = (now() AT TIME ZONE 'UTC') WHERE id = $1 RETURNING *`,
    [shot.id, link ? scene.id : null],
  )
  const opts = { projectId: shot.project_id, userId: ctx.actor.id }
  await ctx.events.emitMany([
    { name: 'shot:update', data: { shot_id: shot.id }, ...opts },
    { name: link ? 'shot:add-to-scene' : 'shot:remove-from-scene', data: { scene_id: scene.id, shot_id: shot.id }, ...opts },
  ])
  return rows[0]
}

/** POST /data/scenes/:id/shots: the updated shot, typed "Entity" as Zou's shot update answers it. */
export async function addShotToScene(ctx: Ctx, sceneId: string, shotId: string): Promise<Row> {
  const [scene, shot] = await sceneAndShot(ctx, sceneId, shotId)
  return entityModel.serializer(await setShotSource(ctx, scene, shot, true))
}

/** DELETE /data/scenes/:id/shots/:shot_id. */
export async function removeShotFromScene(ctx: Ctx, sceneId: string, shotId: string): Promise<void> {
  const [scene, shot] = await sceneAndShot(ctx, sceneId, shotId)
  await setShotSource(ctx, scene, shot, false)
}
