// routes.md §7: project metadata-descriptors routes.
import type { FastifyInstance } from 'fastify'

export default async function metadataDescriptorsRoutes(_app: FastifyInstance) {}
