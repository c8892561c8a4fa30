// routes.md §2: asset types, globally, of a project, and of the assets cast in a shot.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { getAssetType, listAssetTypes, projectAssetTypes, shotAssetTypes } from '../../services/assets.ts'
import { AssetTypeList, AssetTypeParams, OpenQuery, ProjectParams, ShotParams, type Query } from './schemas.ts'

const tags = ['assets']

export default async function assetTypeRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Query }>('/data/asset-types', {
    schema: { tags, querystring: OpenQuery, response: { 200: AssetTypeList } },
    config: { access: 'user' },
  }, (req) => listAssetTypes(createCtx(app, req), req.query))

  app.get<{ Params: { asset_type_id: string } }>('/data/asset-types/:asset_type_id', {
    schema: { tags, params: AssetTypeParams, response: { 200: { $ref: 'EntityType#' } } },
    config: { access: 'user' },
  }, (req) => getAssetType(createCtx(app, req), req.params.asset_type_id))

  app.get<{ Params: { project_id: string } }>('/data/projects/:project_id/asset-types', {
    schema: { tags, params: ProjectParams, response: { 200: AssetTypeList } },
    config: { access: 'user' },
  }, (req) => projectAssetTypes(createCtx(app, req), req.params.project_id))

  app.get<{ Params: { shot_id: string } }>('/data/shots/:shot_id/asset-types', {
    schema: { tags, params: ShotParams, response: { 200: AssetTypeList } },
    config: { access: 'user' },
  }, (req) => shotAssetTypes(createCtx(app, req), req.params.shot_id))
}
