// routes.md: the tasks blueprint.
import type { FastifyInstance } from 'fastify'

export default async function tasksRoutes(_app: FastifyInstance) {}
