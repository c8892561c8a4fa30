// routes.md: the assets blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'

export default async function assetsRoutes(_app: FastifyInstance) {}
