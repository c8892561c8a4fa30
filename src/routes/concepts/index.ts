// routes.md: the concepts blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'

export default async function conceptsRoutes(_app: FastifyInstance) {}
