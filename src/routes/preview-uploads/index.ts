// Routes of preview-uploads (filled in by its issue).
import type { FastifyInstance } from 'fastify'

export default async function previewUploadsRoutes(_app: FastifyInstance) {}
