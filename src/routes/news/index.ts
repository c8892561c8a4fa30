// routes.md: the news blueprint.
import type { FastifyInstance } from 'fastify'

export default async function newsRoutes(_app: FastifyInstance) {}
