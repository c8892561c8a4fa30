// routes.md: the breakdown blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'

export default async function breakdownRoutes(_app: FastifyInstance) {}
