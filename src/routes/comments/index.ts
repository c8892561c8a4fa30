// routes.md: the comments blueprint.
import type { FastifyInstance } from 'fastify'

export default async function commentsRoutes(_app: FastifyInstance) {}
