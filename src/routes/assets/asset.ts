// routes.md §2: one asset — the full asset, its deletion, what it casts, its tasks and task
// types. Every route 404s for an id that is not an asset's.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { sql } from '../../crud/select.ts'
import { requireEntityRead } from '../../services/access.ts'
import { assetCasting, assetTaskTypes, loadAsset } from '../../services/assets.ts'
import { fullAsset } from '../../services/assets-with-tasks.ts'
import { removeAsset } from '../../services/assets-write.ts'
import { detailedTasks } from '../../services/entities/task-list.ts'
import { AssetList, AssetParams, DetailedTaskList, FullAsset, OpenQuery, TaskTypeList, type Query } from './schemas.ts'

const tags = ['assets']
type Params = { asset_id: string }
const isTrue = (v: string | undefined) => (v ?? '').toLowerCase() === 'true'

export default async function assetRoutes(app: FastifyInstance) {
  /** The asset of the path after PA + EA. */
  async function readable(req: { params: Params } & Parameters<typeof createCtx>[1]) {
    const ctx = createCtx(app, req)
    const asset = await loadAsset(ctx, req.params.asset_id)
    await requireEntityRead(ctx, asset)
    return { ctx, asset }
  }

  app.get<{ Params: Params }>('/data/assets/:asset_id', {
    schema: { tags, params: AssetParams, response: { 200: FullAsset } },
    config: { access: 'user' },
  }, async (req) => {
    const { ctx, asset } = await readable(req)
    return fullAsset(ctx, asset)
  })

  app.delete<{ Params: Params; Querystring: Query }>('/data/assets/:asset_id', {
    schema: { tags, params: AssetParams, querystring: OpenQuery },
    config: { access: 'user' },
  }, async (req, reply) => {
    const ctx = createCtx(app, req)
    await removeAsset(ctx, await loadAsset(ctx, req.params.asset_id), isTrue(req.query.force))
    return reply.code(204).send()
  })

  app.get<{ Params: Params }>('/data/assets/:asset_id/assets', {
    schema: { tags, params: AssetParams, response: { 200: AssetList } },
    config: { access: 'user' },
  }, async (req) => {
    const { ctx, asset } = await readable(req)
    return assetCasting(ctx, asset)
  })

  app.get<{ Params: Params; Querystring: Query }>('/data/assets/:asset_id/tasks', {
    schema: { tags, params: AssetParams, querystring: OpenQuery, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, async (req) => {
    const { ctx, asset } = await readable(req)
    return detailedTasks(ctx, sql`t.entity_id = ${asset.id}::uuid`, isTrue(req.query.relations))
  })

  app.get<{ Params: Params }>('/data/assets/:asset_id/task-types', {
    schema: { tags, params: AssetParams, response: { 200: TaskTypeList } },
    config: { access: 'user' },
  }, async (req) => {
    const { ctx, asset } = await readable(req)
    return assetTaskTypes(ctx, asset)
  })
}
