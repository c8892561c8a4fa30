// routes.md §7: the projects blueprint (project context, team, settings, metadata
// descriptors, schedule, budgets) and §7.1's link routes, one sub-plugin per part.
import type { FastifyInstance } from 'fastify'
import team from './team.ts'
import settings from './settings.ts'
import links from './links.ts'
import metadataDescriptors from './metadata-descriptors.ts'
import schedules from './schedules.ts'
import budgets from './budgets.ts'

export default async function projectsRoutes(app: FastifyInstance) {
  await app.register(team)
  await app.register(settings)
  await app.register(links)
  await app.register(metadataDescriptors)
  await app.register(schedules)
  await app.register(budgets)
}
