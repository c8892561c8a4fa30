// The entity chats the caller takes part in; joining and leaving one.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { joinChat, leaveChat, myChats } from '../../services/user-chats.ts'
import { ChatSummary, EMPTY, EntityParams, type Params } from './schemas.ts'

const tags = ['user']

export default async function chatRoutes(app: FastifyInstance) {
  app.get('/data/user/chats', {
    schema: { tags, response: { 200: { type: 'array', items: ChatSummary } } },
    config: { access: 'person' },
  }, (req) => myChats(createCtx(app, req)))

  app.post<{ Params: Params<'entity_id'> }>('/actions/user/chats/:entity_id/join', {
    schema: { tags, params: EntityParams, response: { 200: { $ref: 'Chat#' } } },
    config: { access: 'person' },
  }, (req) => joinChat(createCtx(app, req), req.params.entity_id))

  app.delete<{ Params: Params<'entity_id'> }>('/actions/user/chats/:entity_id/join', {
    schema: { tags, params: EntityParams, response: EMPTY },
    config: { access: 'person' },
  }, async (req, reply) => {
    await leaveChat(createCtx(app, req), req.params.entity_id)
    return reply.code(204).send()
  })
}
