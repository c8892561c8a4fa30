// routes.md §7: project team routes.
import type { FastifyInstance } from 'fastify'

export default async function teamRoutes(_app: FastifyInstance) {}
