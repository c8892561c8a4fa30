// Asset instances (routes.md §11, §2): numbered occurrences of an asset inside a layout scene
// or inside another asset, placed in shots through asset_instance_link. Reads group the
// instances by asset, shot or scene in one query; creation numbers the instance after the
// highest one of the same pair and names it `<slug of the asset name>_<number on 4 digits>`.
import type { Ctx } from '../crud/context.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { notFound } from '../lib/errors.ts'
import { isUuid, rowSerializer, type Row } from '../lib/serialize.ts'
import { slugify } from '../lib/slug.ts'
import { requireEntityRead, requireProjectAccess } from './access.ts'
import { loadEntity } from './entities/load.ts'

const serializeInstance = rowSerializer(modelMetaOf('AssetInstance'), 'AssetInstance')
// Zou serializes the shot of these routes as a plain Entity.
const serializeEntity = rowSerializer(modelMetaOf('Entity'), 'Entity')

type Grouped = Record<string, Row[]>

/** Runs a query selecting instance columns plus `__key`, grouped by key in row order. */
async function grouped(ctx: Ctx, text: string, values: unknown[]): Promise<Grouped> {
  const { rows } = await ctx.pool.query(text, values)
  const out: Grouped = {}
  for (const row of rows as Row[]) (out[row.__key as string] ??= []).push(serializeInstance(row))
  return out
}

const IN_SCENE = `SELECT i.*, i.asset_id::text AS __key FROM asset_instance i WHERE i.scene_id = $1
  ORDER BY i.asset_id, i.number, i.id`

const CAMERAS_IN_SCENE = `SELECT i.*, i.asset_id::text AS __key FROM asset_instance i
  JOIN entity a ON a.id = i.asset_id JOIN entity_type et ON et.id = a.entity_type_id AND et.name = 'Camera'
  WHERE i.scene_id = $1 ORDER BY i.asset_id, i.number, i.id`

/** GET /data/scenes/:scene_id/asset-instances (PA + EA): {asset_id: [instances]}. */
export async function sceneInstances(ctx: Ctx, sceneId: string): Promise<Grouped> {
  const scene = await loadEntity(ctx, sceneId, 'Scene')
  await requireEntityRead(ctx, scene)
  return grouped(ctx, IN_SCENE, [scene.id])
}

/** GET /data/scenes/:scene_id/camera-instances: the instances of `Camera` assets. */
export async function sceneCameraInstances(ctx: Ctx, sceneId: string): Promise<Grouped> {
  const scene = await loadEntity(ctx, sceneId, 'Scene')
  await requireEntityRead(ctx, scene)
  // Zou: the Camera asset type is created on demand.
  const { rows } = await ctx.pool.query(
    `INSERT INTO entity_type (name) SELECT 'Camera' WHERE NOT EXISTS (SELECT 1 FROM entity_type WHERE name = 'Camera')
     ON CONFLICT (name) DO NOTHING RETURNING id::text`,
  )
  if (rows.length) await ctx.events.emit('asset-type:new', { asset_type_id: rows[0].id }, { userId: ctx.actor.id })
  return grouped(ctx, CAMERAS_IN_SCENE, [scene.id])
}

/** GET /data/shots/:shot_id/asset-instances (PA + EA): {asset_id: [instances in the shot]}. */
export async function shotInstances(ctx: Ctx, shotId: string): Promise<Grouped> {
  const shot = await loadEntity(ctx, shotId, 'Shot')
  await requireEntityRead(ctx, shot)
  return grouped(ctx, `SELECT i.*, i.asset_id::text AS __key FROM asset_instance_link l
    JOIN asset_instance i ON i.id = l.asset_instance_id WHERE l.entity_id = $1
    ORDER BY i.asset_id, i.number, i.id`, [shot.id])
}

/** The asset of the /data/assets/:asset_id/*-asset-instances routes, with PA on its project. */
async function readableAsset(ctx: Ctx, assetId: string) {
  const asset = await loadEntity(ctx, assetId, 'Asset')
  await requireProjectAccess(ctx, asset.project_id)
  return asset
}

/** {shot_id: [instances of the asset placed in that shot]}. */
export async function assetShotInstances(ctx: Ctx, assetId: string): Promise<Grouped> {
  const asset = await readableAsset(ctx, assetId)
  return grouped(ctx, `SELECT i.*, l.entity_id::text AS __key FROM asset_instance i
    JOIN asset_instance_link l ON l.asset_instance_id = i.id WHERE i.asset_id = $1
    ORDER BY i.number, i.id, l.entity_id`, [asset.id])
}

/** {scene_id: [instances of the asset]}; Zou keys the instances outside scenes "None". */
export async function assetSceneInstances(ctx: Ctx, assetId: string): Promise<Grouped> {
  const asset = await readableAsset(ctx, assetId)
  return grouped(ctx, `SELECT i.*, COALESCE(i.scene_id::text, 'None') AS __key FROM asset_instance i
    WHERE i.asset_id = $1 ORDER BY i.number, i.id`, [asset.id])
}

/** {instantiated_asset_id: [instances inside the asset]}. */
export async function assetAssetInstances(ctx: Ctx, assetId: string): Promise<Grouped> {
  const asset = await readableAsset(ctx, assetId)
  return grouped(ctx, `SELECT i.*, i.asset_id::text AS __key FROM asset_instance i
    WHERE i.target_asset_id = $1 ORDER BY i.asset_id, i.number, i.id`, [asset.id])
}

/** Creates the next instance of `asset` inside a scene or inside a target asset. */
async function createInstance(ctx: Ctx, asset: { id: string; name: string }, place: { scene: string } | { target: string }, description: string | null) {
  const [column, placeId] = 'scene' in place ? ['scene_id', place.scene] : ['target_asset_id', place.target]
  const { rows } = await ctx.pool.query(
    `INSERT INTO asset_instance (asset_id, ${column}, number, name, description)
     SELECT $1, $2, m.n, $3 || '_' || CASE WHEN m.n < 10000 THEN lpad(m.n::text, 4, '0') ELSE m.n::text END, $4
     FROM (SELECT COALESCE(MAX(number), 0) + 1 AS n FROM asset_instance WHERE asset_id = $1 AND ${column} = $2) m
     RETURNING *`,
    [asset.id, placeId, slugify(asset.name, '_', false), description],
  )
  return serializeInstance(rows[0])
}

/** POST /data/scenes/:scene_id/asset-instances (PA). */
export async function addInstanceToScene(ctx: Ctx, sceneId: string, body: { asset_id: string; description?: string | null }) {
  const scene = await loadEntity(ctx, sceneId, 'Scene')
  await requireProjectAccess(ctx, scene.project_id)
  const asset = await loadEntity(ctx, body.asset_id, 'Asset')
  const instance = await createInstance(ctx, asset, { scene: scene.id }, body.description ?? null)
  await ctx.events.emit('asset_instance:new', { scene_id: scene.id, asset_id: asset.id, asset_instance_id: instance.id }, { userId: ctx.actor.id })
  return instance
}

/** POST /data/assets/:asset_id/asset-asset-instances (PA). */
export async function addInstanceToAsset(ctx: Ctx, assetId: string, body: { asset_to_instantiate_id: string; description?: string | null }) {
  const target = await readableAsset(ctx, assetId)
  const asset = await loadEntity(ctx, body.asset_to_instantiate_id, 'Asset')
  const instance = await createInstance(ctx, asset, { target: target.id }, body.description ?? null)
  await ctx.events.emit('asset_instance:new', {
    asset_id: target.id, asset_instantiated: asset.id, asset_instance_id: instance.id,
  }, { userId: ctx.actor.id })
  return instance
}

/** The shot of the instance-casting writes, with PA on its project; 404 for an unknown instance. */
async function shotAndInstance(ctx: Ctx, shotId: string, instanceId: string) {
  const shot = await loadEntity(ctx, shotId, 'Shot')
  await requireProjectAccess(ctx, shot.project_id)
  if (!isUuid(instanceId)) throw notFound()
  return shot
}

/** POST /data/shots/:shot_id/asset-instances: places the instance in the shot (idempotent). */
export async function addInstanceToShot(ctx: Ctx, shotId: string, instanceId: string) {
  const shot = await shotAndInstance(ctx, shotId, instanceId)
  const { rows } = await ctx.pool.query(
    `WITH i AS (SELECT id FROM asset_instance WHERE id = $2),
     ins AS (INSERT INTO asset_instance_link (entity_id, asset_instance_id) SELECT $1, id FROM i ON CONFLICT DO NOTHING RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM i) AS found, EXISTS (SELECT 1 FROM ins) AS added`,
    [shot.id, instanceId],
  )
  if (!rows[0].found) throw notFound()
  if (rows[0].added) {
    await ctx.events.emit('asset_instance:add-to-shot', { shot_id: shot.id, asset_instance_id: instanceId.toLowerCase() }, { userId: ctx.actor.id })
  }
  return serializeEntity(shot)
}

/** DELETE /data/shots/:shot_id/asset-instances/:asset_instance_id (a no-op when not placed). */
export async function removeInstanceFromShot(ctx: Ctx, shotId: string, instanceId: string): Promise<void> {
  const shot = await shotAndInstance(ctx, shotId, instanceId)
  const { rows } = await ctx.pool.query(
    `WITH i AS (SELECT id FROM asset_instance WHERE id = $2),
     del AS (DELETE FROM asset_instance_link WHERE entity_id = $1 AND asset_instance_id IN (SELECT id FROM i) RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM i) AS found, EXISTS (SELECT 1 FROM del) AS removed`,
    [shot.id, instanceId],
  )
  if (!rows[0].found) throw notFound()
  if (rows[0].removed) {
    await ctx.events.emit('asset_instance:remove-from-shot', { shot_id: shot.id, asset_instance_id: instanceId.toLowerCase() }, { userId: ctx.actor.id })
  }
}
