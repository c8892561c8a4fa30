// routes.md §2: an asset's casting (what it casts, where it is cast) and its asset instances.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { invalid } from '../../lib/errors.ts'
import { requireEntityRead, requireManagerAccess } from '../../services/access.ts'
import { castIn, entityCasting } from '../../services/casting.ts'
import { putEntityCasting } from '../../services/casting-update.ts'
import {
  addInstanceToAsset, assetAssetInstances, assetSceneInstances, assetShotInstances,
} from '../../services/asset-instances.ts'
import { loadEntity } from '../../services/entities/load.ts'
import { AnyArray, AssetInstanceBody, AssetParams, CastInList, CastingList, InstancesMap } from './schemas.ts'

type P = { Params: { asset_id: string } }
const tags = ['breakdown']

export default async function assetCastingRoutes(app: FastifyInstance) {
  app.get<P>('/data/assets/:asset_id/cast-in', {
    schema: { tags, params: AssetParams, response: { 200: CastInList } },
    config: { access: 'user' },
  }, async (req) => {
    const ctx = createCtx(app, req)
    const asset = await loadEntity(ctx, req.params.asset_id, 'Asset')
    await requireEntityRead(ctx, asset)
    return castIn(ctx, asset.id)
  })

  app.get<P>('/data/assets/:asset_id/casting', {
    schema: { tags, params: AssetParams, response: { 200: CastingList } },
    config: { access: 'user' },
  }, async (req) => {
    const ctx = createCtx(app, req)
    const asset = await loadEntity(ctx, req.params.asset_id, 'Asset')
    await requireEntityRead(ctx, asset)
    return entityCasting(ctx, asset.id)
  })

  app.put<P>('/data/assets/:asset_id/casting', {
    schema: { tags, params: AssetParams, response: { 200: AnyArray } },
    config: { access: 'user' },
  }, async (req) => {
    if (!Array.isArray(req.body)) throw invalid('Request body must be a JSON array.')
    const ctx = createCtx(app, req)
    const asset = await loadEntity(ctx, req.params.asset_id, 'Asset')
    await requireManagerAccess(ctx, asset.project_id)
    return putEntityCasting(ctx, asset, req.body)
  })

  app.get<P>('/data/assets/:asset_id/shot-asset-instances', {
    schema: { tags, params: AssetParams, response: { 200: InstancesMap } },
    config: { access: 'user' },
  }, (req) => assetShotInstances(createCtx(app, req), req.params.asset_id))

  app.get<P>('/data/assets/:asset_id/scene-asset-instances', {
    schema: { tags, params: AssetParams, response: { 200: InstancesMap } },
    config: { access: 'user' },
  }, (req) => assetSceneInstances(createCtx(app, req), req.params.asset_id))

  app.get<P>('/data/assets/:asset_id/asset-asset-instances', {
    schema: { tags, params: AssetParams, response: { 200: InstancesMap } },
    config: { access: 'user' },
  }, (req) => assetAssetInstances(createCtx(app, req), req.params.asset_id))

  app.post<P & { Body: AssetInstanceBody }>('/data/assets/:asset_id/asset-asset-instances', {
    schema: { tags, params: AssetParams, body: AssetInstanceBody, response: { 201: { $ref: 'AssetInstance#' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    reply.code(201)
    return addInstanceToAsset(createCtx(app, req), req.params.asset_id, req.body)
  })
}
