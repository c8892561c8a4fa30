// Routes of shared-playlists (filled in by its issue).
import type { FastifyInstance } from 'fastify'

export default async function sharedPlaylistsRoutes(_app: FastifyInstance) {}
