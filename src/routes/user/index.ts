// routes.md §23: the user blueprint, every route about the caller (persons only: bots get
// 403 from the `person` access level). One sub-plugin per topic.
import type { FastifyInstance } from 'fastify'
import context from './context.ts'
import entities from './entities.ts'
import tasks from './tasks.ts'
import filters from './filters.ts'
import notifications from './notifications.ts'
import subscriptions from './subscriptions.ts'
import time from './time.ts'
import chats from './chats.ts'

export default async function userRoutes(app: FastifyInstance) {
  await app.register(context)
  await app.register(entities)
  await app.register(tasks)
  await app.register(filters)
  await app.register(notifications)
  await app.register(subscriptions)
  await app.register(time)
  await app.register(chats)
}
