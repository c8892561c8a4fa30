// routes.md §4: the tasks blueprint, split by theme into sub-plugins.
import type { FastifyInstance } from 'fastify'
import listRoutes from './lists.ts'
import taskRoutes from './task.ts'
import assignRoutes from './assign.ts'
import bulkRoutes from './bulk.ts'
import previewRoutes from './previews.ts'

export default async function tasksRoutes(app: FastifyInstance) {
  await app.register(listRoutes)
  await app.register(taskRoutes)
  await app.register(assignRoutes)
  await app.register(bulkRoutes)
  await app.register(previewRoutes)
}
