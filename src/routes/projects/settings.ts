// routes.md §7: project settings routes.
import type { FastifyInstance } from 'fastify'

export default async function settingsRoutes(_app: FastifyInstance) {}
