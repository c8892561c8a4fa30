// routes.md §7: project budgets routes.
import type { FastifyInstance } from 'fastify'

export default async function budgetsRoutes(_app: FastifyInstance) {}
