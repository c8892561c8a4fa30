// routes.md: the departments blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'

export default async function departmentsRoutes(_app: FastifyInstance) {}
