// Decorates the app with the configured storage backend, checked at start-up (S3: server
// reachable, buckets present or created), released when the app closes.
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
    const store = await createStorage(opts.config)
    try {
      await store.init()
    } catch (err) {
      await store.close?.()
      throw err
    }
    app.decorate('storage', store)
    app.addHook('onClose', async () => { await store.close?.() })
  },
  { name: 'storage' },
)
