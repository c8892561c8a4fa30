// Routes of playlists (filled in by its issue).
import type { FastifyInstance } from 'fastify'

export default async function playlistsRoutes(_app: FastifyInstance) {}
