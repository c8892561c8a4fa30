// Routes of previews (filled in by its issue).
import type { FastifyInstance } from 'fastify'

export default async function previewsRoutes(_app: FastifyInstance) {}
