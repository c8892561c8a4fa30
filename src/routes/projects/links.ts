// routes.md §7: project links routes.
import type { FastifyInstance } from 'fastify'

export default async function linksRoutes(_app: FastifyInstance) {}
