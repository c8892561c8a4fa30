// routes.md §11: the breakdown blueprint (casting, entity links, asset instances), plus the
// casting and asset-instance routes of §2 that live under /data/assets. One sub-plugin each.
import type { FastifyInstance } from 'fastify'
import casting from './casting.ts'
import assetCasting from './asset-casting.ts'
import instances from './instances.ts'
import entityLinks from './entity-links.ts'

export default async function breakdownRoutes(app: FastifyInstance) {
  await app.register(casting)
  await app.register(assetCasting)
  await app.register(instances)
  await app.register(entityLinks)
}
