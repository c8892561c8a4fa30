// routes.md: the search blueprint.
import type { FastifyInstance } from 'fastify'

export default async function searchRoutes(_app: FastifyInstance) {}
