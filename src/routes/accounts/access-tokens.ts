// Personal access tokens of the caller (beyond Zou): list, create (the token is in the 201
// answer only), delete. Managed with a log-in session only, so a token cannot mint tokens.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { forbidden } from '../../lib/errors.ts'
import { createAccessToken, deleteAccessToken, listAccessTokens } from '../../auth/access-tokens.ts'

const NewToken = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  scopes: Type.Array(Type.String(), { minItems: 1 }),
  project_ids: Type.Optional(Type.Array(Type.String())),
  expires_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
})
const TokenRow = Type.Object({
  id: Type.String(), name: Type.String(), scopes: Type.Array(Type.String()), project_ids: Type.Array(Type.String()),
  expires_at: Type.Union([Type.String(), Type.Null()]), last_used_at: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.Union([Type.String(), Type.Null()]), token: Type.Optional(Type.String()),
})

function sessionOnly(req: FastifyRequest): string {
  if (req.actor!.identityType !== 'person') throw forbidden()
  return req.actor!.id
}

export default async function accessTokenRoutes(app: FastifyInstance) {
  const tags = ['user']
  app.get('/data/user/access-tokens', {
    schema: { tags, response: { 200: Type.Array(TokenRow) } },
    config: { access: 'person' },
  }, (req) => listAccessTokens(app, req.actor!.id))

  app.post<{ Body: Static<typeof NewToken> }>('/data/user/access-tokens', {
    schema: { tags, body: NewToken, response: { 201: TokenRow } },
    config: { access: 'person' },
  }, async (req, reply) => {
    const row = await createAccessToken(app, sessionOnly(req), req.body)
    return reply.code(201).send(row)
  })

  app.delete<{ Params: { token_id: string } }>('/data/user/access-tokens/:token_id', {
    schema: { tags, params: Type.Object({ token_id: Type.String() }) },
    config: { access: 'person' },
  }, async (req, reply) => {
    await deleteAccessToken(app, sessionOnly(req), req.params.token_id)
    return reply.code(204).send()
  })
}
