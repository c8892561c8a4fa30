// routes.md §2: the assets blueprint (feature routes beside the generic /data CRUD), one
// sub-plugin per part. The casting and asset instance routes are the breakdown plugin's.
import type { FastifyInstance } from 'fastify'
import assetTypes from './asset-types.ts'
import lists from './lists.ts'
import asset from './asset.ts'
import actions from './actions.ts'

export default async function assetsRoutes(app: FastifyInstance) {
  await app.register(assetTypes)
  await app.register(lists)
  await app.register(asset)
  await app.register(actions)
}
