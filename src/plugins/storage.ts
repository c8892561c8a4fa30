// Decorates the app with the configured storage backend.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import { createStorage, type Storage } from '../storage/index.ts'

declare module 'fastify' {
  interface FastifyInstance {
    storage: Storage
  }
}

export default fp(
  async function storage(app: FastifyInstance, opts: { config: Config }) {
    app.decorate('storage', createStorage(opts.config))
  },
  { name: 'storage' },
)
