// routes.md §7: project schedules routes.
import type { FastifyInstance } from 'fastify'

export default async function schedulesRoutes(_app: FastifyInstance) {}
