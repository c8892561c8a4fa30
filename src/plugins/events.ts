// Decorates the app with the event bus.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { EventBus } from '../events/bus.ts'

declare module 'fastify' {
  interface FastifyInstance {
    events: EventBus
  }
}

export default fp(
  async function events(app: FastifyInstance) {
    app.decorate('events', new EventBus(app.pool, app.log))
  },
  { name: 'events', dependencies: ['db'] },
)
