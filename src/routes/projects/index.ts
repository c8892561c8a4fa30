// routes.md: the projects blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'

export default async function projectsRoutes(_app: FastifyInstance) {}
