// Asset and asset type reads of routes.md §2: the criterion lists (Zou's get_assets), asset
// types, an asset's casting and task types, shared assets used by a project. Each list is
// one SQL statement whatever its length; permissions come from the caller's memberships.
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, rowSerializer, type Row } from '../lib/serialize.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { crudByRoute } from '../crud/models.ts'
import { parseListQuery } from '../crud/query.ts'
import { selectRows, sql, whereClause, type Sql } from '../crud/select.ts'
import { serialize } from '../crud/service.ts'
import type { Ctx } from '../crud/context.ts'
import { requireProjectAccess } from './access.ts'
import { loadEntity, type EntityRow } from './entities/load.ts'
import { assetScope, hasTaskOfCaller, hiddenFields, isAssetType, maskData, visibleEntities } from './assets-scope.ts'

const entities = crudByRoute.get('entities')!
const entityTypes = crudByRoute.get('entity-types')!
export const serializeAsset = rowSerializer(modelMetaOf('Entity'), 'Asset')
const serializeAssetType = rowSerializer(modelMetaOf('EntityType'), 'AssetType')
const serializeTaskType = crudByRoute.get('task-types')!.serializer

const byName = (a: Row, b: Row) => String(a.name).localeCompare(String(b.name))

async function query(ctx: Ctx, q: Sql): Promise<Row[]> {
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows
}

/** An asset of the request, or 404 (unknown, malformed, or another kind of entity). */
export const loadAsset = (ctx: Ctx, id: unknown): Promise<EntityRow> => loadEntity(ctx, id, 'Asset')

/**
 * Zou's get_assets with its route checks: criterions on entity columns, `episode_id` (main
 * episode or cast in it), `assigned_to` (any value), PA on the project or episode asked
 * for, and the caller's scope (team projects; vendors: assigned assets, masked metadata).
 * `forced` keys (path parameters) replace the query's.
 */
export async function listAssets(ctx: Ctx, rawQuery: Record<string, string>, forced: Record<string, string> = {}): Promise<Row[]> {
  const q: Record<string, string> = { ...rawQuery, ...forced }
  const episodeId = q.episode_id
  const assigned = 'assigned_to' in q
  delete q.episode_id
  delete q.assigned_to
  if (!('project_id' in forced)) {
    if ('project_id' in q) await requireProjectAccess(ctx, q.project_id)
    else if (episodeId !== undefined) await requireProjectAccess(ctx, (await loadEntity(ctx, episodeId, 'Episode')).project_id)
  }
  if (episodeId !== undefined && !isUuid(episodeId)) throw wrongParameter(`Invalid UUID value: ${episodeId}`)
  const where = parseListQuery(entities, q, null, ctx.config.nbRecordsPerPage).where
  const scope = await assetScope(ctx)
  where.push(isAssetType('et'), ...visibleEntities(ctx, scope, 't'))
  if (assigned) where.push(hasTaskOfCaller(ctx, sql`t.id`))
  if (episodeId !== undefined) {
    where.push(sql`(t.source_id = ${episodeId}::uuid
      OR EXISTS (SELECT 1 FROM entity_link el WHERE el.entity_out_id = t.id AND el.entity_in_id = ${episodeId}::uuid))`)
  }
  // Zou lists an episode's own assets first, then those only cast in it.
  const order = episodeId !== undefined ? sql`ORDER BY t.source_id IS DISTINCT FROM ${episodeId}::uuid, t.name` : sql`ORDER BY t.name`
  const [rows, hidden] = await Promise.all([
    query(ctx, sql`SELECT t.* FROM entity t JOIN entity_type et ON et.id = t.entity_type_id ${whereClause(where)} ${order}`),
    hiddenFields(ctx, scope),
  ])
  return rows.map((r) => {
    const out = serializeAsset(r)
    if (hidden.size) out.data = maskData(hidden, r.project_id as string, out.data)
    return out
  })
}

/** GET /data/asset-types: criterions on entity types, `project_id` = types with an asset there. */
export async function listAssetTypes(ctx: Ctx, rawQuery: Record<string, string>): Promise<Row[]> {
  const q = { ...rawQuery }
  const projectId = q.project_id
  delete q.project_id
  const where = parseListQuery(entityTypes, q, null, ctx.config.nbRecordsPerPage).where
  where.push(isAssetType('t'))
  if (projectId !== undefined) {
    if (!isUuid(projectId)) throw wrongParameter(`Invalid UUID value: ${projectId}`)
    where.push(sql`EXISTS (SELECT 1 FROM entity e WHERE e.entity_type_id = t.id AND e.project_id = ${projectId}::uuid)`)
  }
  const rows = await selectRows(ctx, entityTypes, { where, relations: true })
  return rows.map((r) => assetTypeWithRelations(ctx, r)).sort(byName)
}

function assetTypeWithRelations(ctx: Ctx, row: Row): Row {
  const out = serialize(ctx, entityTypes, row, true)
  out.type = 'AssetType'
  return out
}

/** GET /data/asset-types/:id: 404 when unknown, malformed, or a temporal type. */
export async function getAssetType(ctx: Ctx, id: string): Promise<Row> {
  if (!isUuid(id)) throw notFound()
  const [row] = await selectRows(ctx, entityTypes, { where: [sql`t.id = ${id}::uuid`, isAssetType('t')], relations: true })
  if (!row) throw notFound()
  return assetTypeWithRelations(ctx, row)
}

/** Asset types (no relations) of the assets of a project. */
export async function projectAssetTypes(ctx: Ctx, projectId: string): Promise<Row[]> {
  await requireProjectAccess(ctx, projectId)
  const rows = await query(ctx, sql`SELECT et.* FROM entity_type et
    WHERE ${isAssetType('et')} AND EXISTS (SELECT 1 FROM entity e WHERE e.entity_type_id = et.id AND e.project_id = ${projectId}::uuid)
    ORDER BY et.name`)
  return rows.map(serializeAssetType)
}

/** Entity types (no relations) of the entities cast in a shot. */
export async function shotAssetTypes(ctx: Ctx, shotId: string): Promise<Row[]> {
  const shot = await loadEntity(ctx, shotId, 'Shot')
  await requireProjectAccess(ctx, shot.project_id)
  const rows = await query(ctx, sql`SELECT et.* FROM entity_type et WHERE et.id IN (
      SELECT e.entity_type_id FROM entity_link l JOIN entity e ON e.id = l.entity_out_id WHERE l.entity_in_id = ${shot.id}::uuid)
    ORDER BY et.name`)
  return rows.map(serializeAssetType)
}

/** What an asset casts (its entities_out), serialized as assets whatever their kind. */
export async function assetCasting(ctx: Ctx, asset: EntityRow): Promise<Row[]> {
  const rows = await query(ctx, sql`SELECT t.* FROM entity t JOIN entity_link l ON l.entity_out_id = t.id
    WHERE l.entity_in_id = ${asset.id}::uuid ORDER BY t.name`)
  return rows.map(serializeAsset)
}

/** Task types used by the tasks of an asset. */
export async function assetTaskTypes(ctx: Ctx, asset: EntityRow): Promise<Row[]> {
  const rows = await query(ctx, sql`SELECT tt.* FROM task_type tt
    WHERE tt.id IN (SELECT task_type_id FROM task WHERE entity_id = ${asset.id}::uuid) ORDER BY tt.priority, tt.name`)
  return rows.map(serializeTaskType)
}

/**
 * Shared, live assets of other projects cast in shots of this project (of one episode's
 * sequences unless `episodeId` is absent, `main` or `all`).
 */
export async function sharedAssetsUsed(ctx: Ctx, projectId: string, episodeId?: string): Promise<Row[]> {
  await requireProjectAccess(ctx, projectId)
  const byEpisode = episodeId !== undefined && episodeId !== 'main' && episodeId !== 'all'
  if (byEpisode && !isUuid(episodeId)) throw wrongParameter(`Invalid UUID value: ${episodeId}`)
  const rows = await query(ctx, sql`SELECT t.* FROM entity t JOIN entity_type et ON et.id = t.entity_type_id
    WHERE ${isAssetType('et')} AND t.is_shared AND t.canceled = false AND t.project_id <> ${projectId}::uuid
      AND EXISTS (SELECT 1 FROM entity_link l JOIN entity shot ON shot.id = l.entity_in_id JOIN entity sq ON sq.id = shot.parent_id
                  WHERE l.entity_out_id = t.id AND shot.project_id = ${projectId}::uuid
                  ${byEpisode ? sql`AND sq.parent_id = ${episodeId}::uuid` : sql``})
    ORDER BY t.name`)
  return rows.map(serializeAsset)
}
