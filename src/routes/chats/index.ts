// routes.md §12: entity chat rooms — the chat, its messages, posting and deleting a message.
// Joining and leaving are user routes (§23).
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { acceptForms, formValues, uploadsOf } from '../../lib/multipart.ts'
import { depsOf } from '../../services/write-scope.ts'
import { deleteMessage, getChat, getMessage, listMessages, postMessage } from '../../services/chats.ts'

const EntityParams = Type.Object({ entity_id: Type.String() })
const MessageParams = Type.Object({ entity_id: Type.String(), chat_message_id: Type.String() })
const MessageBody = Type.Object({ message: Type.String() })
type EntityParams = Static<typeof EntityParams>
type MessageParams = Static<typeof MessageParams>

const OpenObject = { type: 'object', additionalProperties: true } as const
const tags = ['chats']

export default async function chatsRoutes(app: FastifyInstance) {
  acceptForms(app)

  app.get<{ Params: EntityParams }>('/data/entities/:entity_id/chat', {
    schema: { tags, params: EntityParams, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => getChat(depsOf(app, req), req.params.entity_id))

  app.get<{ Params: EntityParams }>('/data/entities/:entity_id/chat/messages', {
    schema: { tags, params: EntityParams, response: { 200: { type: 'array', items: OpenObject } } },
    config: { access: 'user' },
  }, (req) => listMessages(depsOf(app, req), req.params.entity_id))

  app.post<{ Params: EntityParams; Body: Static<typeof MessageBody> }>('/data/entities/:entity_id/chat/messages', {
    schema: { tags, params: EntityParams, body: MessageBody, response: { 201: OpenObject } },
    config: { access: 'user' },
    preValidation: formValues,
  }, async (req, reply) => {
    const message = await postMessage(depsOf(app, req), req.params.entity_id, req.body.message, uploadsOf(req))
    return reply.code(201).send(message)
  })

  app.get<{ Params: MessageParams }>('/data/entities/:entity_id/chat/messages/:chat_message_id', {
    schema: { tags, params: MessageParams, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => getMessage(depsOf(app, req), req.params.entity_id, req.params.chat_message_id))

  app.delete<{ Params: MessageParams }>('/data/entities/:entity_id/chat/messages/:chat_message_id', {
    schema: { tags, params: MessageParams, response: { 204: { type: 'null' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await deleteMessage(depsOf(app, req), req.params.entity_id, req.params.chat_message_id)
    return reply.code(204).send()
  })
}
