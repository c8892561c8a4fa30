// Routes of files (filled in by its issue).
import type { FastifyInstance } from 'fastify'

export default async function filesRoutes(_app: FastifyInstance) {}
