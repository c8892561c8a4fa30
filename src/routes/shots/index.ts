// routes.md: the shots blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'

export default async function shotsRoutes(_app: FastifyInstance) {}
