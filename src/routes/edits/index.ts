// routes.md: the edits blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'

export default async function editsRoutes(_app: FastifyInstance) {}
