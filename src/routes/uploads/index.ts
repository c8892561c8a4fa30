// Routes of uploads (filled in by its issue).
import type { FastifyInstance } from 'fastify'

export default async function uploadsRoutes(_app: FastifyInstance) {}
