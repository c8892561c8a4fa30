// routes.md §2: the asset lists — by criterions, of a project or an asset type, with tasks
// (plain, compact or streamed), and the shared assets a project uses.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { requireProjectAccess } from '../../services/access.ts'
import { listAssets, sharedAssetsUsed } from '../../services/assets.ts'
import { ASSET_LAYOUT, listAssetsWithTasks } from '../../services/assets-with-tasks.ts'
import { sendWithTasks, withTasksFlags } from '../../services/entities/with-tasks-output.ts'
import {
  AssetList, OpenQuery, ProjectAssetTypeParams, ProjectEpisodeParams, ProjectParams, WithTasksAnswer, type Query,
} from './schemas.ts'

const tags = ['assets']

export default async function assetListRoutes(app: FastifyInstance) {
  // `/data/assets` is an alias of `/data/assets/all`.
  for (const path of ['/data/assets', '/data/assets/all']) {
    app.get<{ Querystring: Query }>(path, {
      schema: { tags, querystring: OpenQuery, response: { 200: AssetList } },
      config: { access: 'user' },
    }, (req) => listAssets(createCtx(app, req), req.query))
  }

  app.get<{ Querystring: Query }>('/data/assets/with-tasks', {
    schema: { tags, querystring: OpenQuery, response: { 200: WithTasksAnswer } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const { compact, stream, ...query } = req.query
    const rows = await listAssetsWithTasks(createCtx(app, req), query)
    return sendWithTasks(reply, rows, ASSET_LAYOUT, withTasksFlags({ compact, stream }))
  })

  app.get<{ Params: { project_id: string }; Querystring: Query }>('/data/projects/:project_id/assets', {
    schema: { tags, params: ProjectParams, querystring: OpenQuery, response: { 200: AssetList } },
    config: { access: 'user' },
  }, async (req) => {
    const ctx = createCtx(app, req)
    await requireProjectAccess(ctx, req.params.project_id)
    return listAssets(ctx, req.query, { project_id: req.params.project_id })
  })

  app.get<{ Params: { project_id: string; asset_type_id: string }; Querystring: Query }>(
    '/data/projects/:project_id/asset-types/:asset_type_id/assets', {
      schema: { tags, params: ProjectAssetTypeParams, querystring: OpenQuery, response: { 200: AssetList } },
      config: { access: 'user' },
    }, async (req) => {
      const ctx = createCtx(app, req)
      await requireProjectAccess(ctx, req.params.project_id)
      return listAssets(ctx, req.query, { project_id: req.params.project_id, entity_type_id: req.params.asset_type_id })
    })

  app.get<{ Params: { project_id: string } }>('/data/projects/:project_id/assets/shared-used', {
    schema: { tags, params: ProjectParams, response: { 200: AssetList } },
    config: { access: 'user' },
  }, (req) => sharedAssetsUsed(createCtx(app, req), req.params.project_id))

  app.get<{ Params: { project_id: string; episode_id: string } }>('/data/projects/:project_id/episodes/:episode_id/assets/shared-used', {
    schema: { tags, params: ProjectEpisodeParams, response: { 200: AssetList } },
    config: { access: 'user' },
  }, (req) => sharedAssetsUsed(createCtx(app, req), req.params.project_id, req.params.episode_id))
}
