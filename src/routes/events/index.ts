// Event log read-back (routes.md §17).
import type { FastifyInstance } from 'fastify'

export default async function eventRoutes(_app: FastifyInstance) {}
