// routes.md: the chats blueprint.
import type { FastifyInstance } from 'fastify'

export default async function chatsRoutes(_app: FastifyInstance) {}
