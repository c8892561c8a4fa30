// routes.md: the entities blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'

export default async function entitiesRoutes(_app: FastifyInstance) {}
