// Asset writes of routes.md §2: creation, deletion (the shared entity removal, then the
// casting stats of the shots that cast the asset), and the `is_shared` bulk actions.
// Events are emitted after the writes commit.
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { sql } from '../crud/select.ts'
import type { Ctx } from '../crud/context.ts'
import { requireManagerAccess } from './access.ts'
import { deleteEntity, requireEntityDelete, type DeleteOutcome } from './entities/remove.ts'
import type { EntityRow } from './entities/load.ts'
import { isAssetType } from './assets-scope.ts'
import { serializeAsset } from './assets.ts'

export interface NewAsset {
  name: string
  description?: string | null
  data?: Row | null
  is_shared?: boolean | null
  episode_id?: string | null
}

/**
 * POST …/asset-types/:asset_type_id/assets/new: MPA, then 404 for an asset type that is
 * unknown or temporal, or a main episode that does not exist (Zou: a 500 on the foreign key).
 */
export async function createAsset(ctx: Ctx, projectId: string, assetTypeId: string, body: NewAsset): Promise<Row> {
  await requireManagerAccess(ctx, projectId)
  if (!isUuid(assetTypeId)) throw notFound()
  const episodeId = body.episode_id ?? null
  const q = sql`INSERT INTO entity (name, description, data, is_shared, source_id, project_id, entity_type_id, created_by)
    SELECT ${body.name}, ${body.description === undefined ? '' : body.description}, ${JSON.stringify(body.data ?? {})}::jsonb,
      ${body.is_shared ?? false}, ${episodeId}::uuid, ${projectId}::uuid, et.id, ${ctx.actor.id}::uuid
    FROM entity_type et
    WHERE et.id = ${assetTypeId}::uuid AND ${isAssetType('et')}
      AND (${episodeId}::uuid IS NULL OR EXISTS (SELECT 1 FROM entity WHERE id = ${episodeId}::uuid))
    RETURNING *`
  const { rows } = await ctx.pool.query(q.text, q.values)
  if (!rows[0]) throw notFound()
  await ctx.events.emit('asset:new', { asset_id: rows[0].id, asset_type: assetTypeId }, { projectId, userId: ctx.actor.id })
  return serializeAsset(rows[0])
}


/**
 * DELETE /data/assets/:id: the creator (on the team) or MPA; canceled when it has tasks and
 * is not forced, else removed with what hangs off it. Either way the casting stats of the
 * shots that cast it are recomputed (`task:update-casting-stats`, not persisted).
 */
export async function removeAsset(ctx: Ctx, asset: EntityRow, force: boolean): Promise<DeleteOutcome> {
  await requireEntityDelete(ctx, asset)
  // deleteEntity refreshes the casting stats of the shots casting it.
  return deleteEntity(ctx, asset, force)
}

/** Sets is_shared on the assets matching `where` (alias e); no events (Zou emits none). */
async function setShared(ctx: Ctx, isShared: boolean, where: ReturnType<typeof sql>): Promise<Row[]> {
  const q = sql`UPDATE entity e SET is_shared = ${isShared}, updated_at = now()
    FROM entity_type et WHERE et.id = e.entity_type_id AND ${isAssetType('et')} AND ${where}
    RETURNING e.*`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map(serializeAsset).sort((a, b) => String(a.name).localeCompare(String(b.name)))
}

/** POST /actions/assets/share: every listed asset must exist (404) and be managed by the caller. */
export async function shareAssets(ctx: Ctx, assetIds: string[], isShared: boolean): Promise<Row[]> {
  const ids = [...new Set(assetIds.map((id) => id.toLowerCase()))]
  if (!ids.length) return []
  const q = sql`SELECT e.project_id::text AS project_id, count(*)::int AS n FROM entity e
    JOIN entity_type et ON et.id = e.entity_type_id WHERE e.id = ANY(${ids}::uuid[]) AND ${isAssetType('et')}
    GROUP BY e.project_id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  if (rows.reduce((n, r) => n + r.n, 0) !== ids.length) throw notFound()
  // The projects exist (their assets do): admins need no look-up, team members none either.
  if (!ctx.isAdmin) for (const r of rows) await requireManagerAccess(ctx, r.project_id)
  return setShared(ctx, isShared, sql`e.id = ANY(${ids}::uuid[])`)
}

/** POST /actions/projects/:id/assets/share: the listed assets of the project, or all of them. */
export async function shareProjectAssets(ctx: Ctx, projectId: string, isShared: boolean, assetIds: string[] | null): Promise<Row[]> {
  await requireManagerAccess(ctx, projectId)
  const ids = assetIds?.length ? assetIds : null
  return setShared(ctx, isShared, sql`e.project_id = ${projectId}::uuid ${ids ? sql`AND e.id = ANY(${ids}::uuid[])` : sql``}`)
}

/**
 * POST /actions/projects/:id/asset-types/:type_id/assets/share: every asset of that type. The
 * route checks MPA before validating the body, as Zou does.
 */
export async function shareAssetTypeAssets(ctx: Ctx, projectId: string, assetTypeId: string, isShared: boolean): Promise<Row[]> {
  if (!isUuid(assetTypeId)) throw wrongParameter(`Invalid UUID value: ${assetTypeId}`)
  return setShared(ctx, isShared, sql`e.project_id = ${projectId}::uuid AND e.entity_type_id = ${assetTypeId}::uuid`)
}
