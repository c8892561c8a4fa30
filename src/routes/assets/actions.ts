// routes.md §2: creating an asset and the `is_shared` actions.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { requireManagerAccess } from '../../services/access.ts'
import { createAsset, shareAssets, shareAssetTypeAssets, shareProjectAssets } from '../../services/assets-write.ts'
import {
  AssetList, IsSharedBody, NewAssetBody, ProjectAssetTypeParams, ProjectParams, ShareBody, bodyOrQuery,
} from './schemas.ts'

const tags = ['assets']
type ProjectTypeParams = { project_id: string; asset_type_id: string }

export default async function assetActionRoutes(app: FastifyInstance) {
  // Body validated first (400), then MPA, then the project and asset type (404).
  app.post<{ Params: ProjectTypeParams; Body: NewAssetBody }>('/data/projects/:project_id/asset-types/:asset_type_id/assets/new', {
    schema: { tags, params: ProjectAssetTypeParams, body: NewAssetBody, response: { 201: { $ref: 'Entity#' } } },
    config: { access: 'user' },
    preValidation: bodyOrQuery,
  }, async (req, reply) => {
    const asset = await createAsset(createCtx(app, req), req.params.project_id, req.params.asset_type_id, req.body)
    return reply.code(201).send(asset)
  })

  app.post<{ Body: ShareBody }>('/actions/assets/share', {
    schema: { tags, body: ShareBody, response: { 200: AssetList } },
    config: { access: 'user' },
    preValidation: bodyOrQuery,
  }, (req) => shareAssets(createCtx(app, req), req.body.asset_ids ?? [], req.body.is_shared ?? true))

  app.post<{ Params: { project_id: string }; Body: ShareBody }>('/actions/projects/:project_id/assets/share', {
    schema: { tags, params: ProjectParams, body: ShareBody, response: { 200: AssetList } },
    config: { access: 'user' },
    preValidation: bodyOrQuery,
  }, (req) => shareProjectAssets(createCtx(app, req), req.params.project_id, req.body.is_shared ?? true, req.body.asset_ids ?? null))

  // Zou checks MPA before reading this body: the check runs before validation here too.
  app.post<{ Params: ProjectTypeParams; Body: ShareBody }>('/actions/projects/:project_id/asset-types/:asset_type_id/assets/share', {
    schema: { tags, params: ProjectAssetTypeParams, body: IsSharedBody, response: { 200: AssetList } },
    config: { access: 'user' },
    preValidation: async (req) => {
      await requireManagerAccess(createCtx(app, req), (req.params as ProjectTypeParams).project_id)
      await bodyOrQuery(req)
    },
  }, (req) => shareAssetTypeAssets(createCtx(app, req), req.params.project_id, req.params.asset_type_id, req.body.is_shared ?? true))
}
