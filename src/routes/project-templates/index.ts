// routes.md: the project-templates blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'

export default async function projecttemplatesRoutes(_app: FastifyInstance) {}
