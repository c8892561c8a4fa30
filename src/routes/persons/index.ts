// routes.md: the persons blueprint.
import type { FastifyInstance } from 'fastify'

export default async function personsRoutes(_app: FastifyInstance) {}
