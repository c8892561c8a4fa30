// POST /data/search (routes.md §22): persons, assets and shots matching a query, on
// PostgreSQL full-text search (services/search.ts).
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { createCtx } from '../../crud/context.ts'
import { search } from '../../services/search.ts'

const SearchBody = Type.Object({
  query: Type.String(),
  project_id: Type.Optional(Type.String({ format: 'uuid' })),
  limit: Type.Integer({ minimum: 1, default: 3 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
  index_names: Type.Array(Type.String(), { default: ['assets', 'shots', 'persons'] }),
})

const Hits = { type: 'array', items: { type: 'object', additionalProperties: true } }

export default async function searchRoutes(app: FastifyInstance) {
  app.post<{ Body: Static<typeof SearchBody> }>('/data/search', {
    schema: {
      tags: ['search'],
      body: SearchBody,
      response: { 200: { type: 'object', properties: { persons: Hits, assets: Hits, shots: Hits } } },
    },
    config: { access: 'user' },
  }, (req) => search(createCtx(app, req), req.body))
}
