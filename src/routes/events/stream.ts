// The event-stream process's HTTP endpoints (events.md §4.2), served by the API itself under
// /events-stream because Slate's API already answers `/` and `/stats` (routes.md §20).
import type { FastifyInstance } from 'fastify'

export default async function eventStreamRoutes(app: FastifyInstance, opts: { connections: () => number }) {
  const name = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }
  app.get('/events-stream', {
    schema: { tags: ['events'], response: { 200: name } },
    config: { access: 'public' },
  }, async () => ({ name: 'Zou Event stream' }))

  app.get('/events-stream/stats', {
    schema: {
      tags: ['events'],
      response: { 200: { type: 'object', properties: { nb_connections: { type: 'integer' } }, required: ['nb_connections'] } },
    },
    config: { access: 'public' },
  }, async () => ({ nb_connections: opts.connections() }))

  for (const method of ['GET', 'POST'] as const) {
    app.route({
      method,
      url: '/events-stream/rooms',
      schema: { tags: ['events'], response: { 200: name } },
      config: { access: 'user' },
      handler: async () => ({ name: 'Zou Review rooms' }),
    })
  }
}
