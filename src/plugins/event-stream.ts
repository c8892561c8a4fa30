// The real-time event stream (events.md §4): publishes the bus's events on a transport
// (Redis pub/sub when REDIS_URL is set, so instances share them; in-process otherwise) and,
// once the server listens, serves them over socket.io (events/stream.ts).
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import { LocalTransport, RedisTransport, redisOptions, whenReady, type Transport } from '../events/transport.ts'
import { MemoryRoomStore, RedisRoomStore } from '../events/review-store.ts'
import { EventStream } from '../events/stream.ts'
import eventStreamRoutes from '../routes/events/stream.ts'

declare module 'fastify' {
  interface FastifyInstance {
    eventStream: EventStream
  }
}

export default fp(
  async function eventStream(app: FastifyInstance, opts: { config: Config }) {
    const { redisUrl } = opts.config
    let transport: Transport
    let adapterClients: { pub: Redis; sub: Redis } | undefined
    let store
    let redisPrefix = 'slate'
    if (redisUrl) {
      // Several deployments (or test databases) may share one Redis: keys and channels are
      // named after the database.
      const { rows } = await app.pool.query<{ db: string }>('SELECT current_database() AS db')
      const prefix = (redisPrefix = `slate:${rows[0].db}`)
      const redis = new RedisTransport(redisUrl, `${prefix}:events`, app.log)
      await redis.start()
      transport = redis
      const sub = new Redis(redisUrl, { connectTimeout: 1000 })
      sub.on('error', (err) => app.log.warn({ err: err.message }, 'socket.io adapter (Redis) unavailable'))
      adapterClients = { pub: redis.pub, sub }
      const storeClient = new Redis(redisUrl, redisOptions)
      storeClient.on('error', () => {})
      await whenReady(storeClient)
      store = new RedisRoomStore(storeClient, prefix)
      app.addHook('onClose', async () => { sub.disconnect(); storeClient.disconnect() })
    } else {
      transport = new LocalTransport(app.log)
      store = new MemoryRoomStore()
    }
    app.events.useTransport(transport)
    const stream = new EventStream(app, { config: opts.config, transport, store, adapterClients, redisPrefix })
    app.decorate('eventStream', stream)
    await app.register(eventStreamRoutes, { connections: () => stream.connections })
    app.addHook('onListen', async () => { stream.attach(app.server) })
    app.addHook('onClose', async () => {
      app.events.useTransport(null)
      await stream.close()
      await transport.close()
    })
  },
  { name: 'event-stream', dependencies: ['events'] },
)
