// routes.md §25: the project-templates blueprint — a template's links and settings, and the
// snapshot/apply actions. Template CRUD itself is the generic /data/project-templates.
import type { FastifyInstance } from 'fastify'
import taskLinks from './task-links.ts'
import links from './links.ts'
import snapshot from './snapshot.ts'

export default async function projectTemplatesRoutes(app: FastifyInstance) {
  await app.register(taskLinks)
  await app.register(links)
  await app.register(snapshot)
}
