// How published events reach every instance's socket server (events.md §4.4). Local: one
// process, subscribers called synchronously. Redis: one pub/sub channel every instance
// subscribes to, the writer included, so each instance delivers from the same ordered
// stream (Redis keeps the publication order of one channel).
import { Redis } from 'ioredis'
import type { FastifyBaseLogger } from 'fastify'

/** What travels on the channel: Zou's name and payload plus the routing facts. */
export interface WireEvent {
  name: string
  data: Record<string, unknown>
  /** 'all', 'project:<id>' or 'person:<id>' (events/audience.ts). */
  room: string
  /** api_event.seq; null for events that are not persisted. */
  seq: number | null
}

export type Subscriber = (batch: WireEvent[]) => void

export interface Transport {
  publish(batch: WireEvent[]): Promise<void>
  subscribe(fn: Subscriber): () => void
  close(): Promise<void>
}

export class LocalTransport implements Transport {
  private subscribers = new Set<Subscriber>()
  constructor(private log: Pick<FastifyBaseLogger, 'error'>) {}
  async publish(batch: WireEvent[]) {
    for (const fn of this.subscribers) {
      try { fn(batch) } catch (err) { this.log.error({ err }, 'event subscriber failed') }
    }
  }
  subscribe(fn: Subscriber) {
    this.subscribers.add(fn)
    return () => { this.subscribers.delete(fn) }
  }
  async close() { this.subscribers.clear() }
}

/** Options of a Redis client that fails fast: a publish must not hold the event lock long. */
export const redisOptions = { connectTimeout: 1000, commandTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: false } as const

/** Resolves once the client is ready, or after `ms` (the client keeps reconnecting). */
export function whenReady(client: Redis, ms = 2000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    client.once('ready', () => { clearTimeout(timer); resolve() })
  })
}

export class RedisTransport implements Transport {
  readonly pub: Redis
  private sub: Redis
  private subscribers = new Set<Subscriber>()

  /** `channel`: one per deployment (the plugin names it after the database). */
  constructor(url: string, private channel: string, private log: Pick<FastifyBaseLogger, 'error' | 'warn'>) {
    this.pub = new Redis(url, redisOptions)
    // The subscriber keeps its subscription across reconnects (ioredis re-subscribes).
    this.sub = new Redis(url, { connectTimeout: 1000 })
    for (const c of [this.pub, this.sub]) c.on('error', (err) => log.warn({ err: err.message }, 'event channel (Redis) unavailable'))
    this.sub.on('message', (_channel: string, message: string) => {
      let batch: WireEvent[]
      try { batch = JSON.parse(message) } catch { return }
      for (const fn of this.subscribers) {
        try { fn(batch) } catch (err) { this.log.error({ err }, 'event subscriber failed') }
      }
    })
  }

  async start() {
    await Promise.all([whenReady(this.pub), whenReady(this.sub)])
    await this.sub.subscribe(this.channel).catch((err) => this.log.warn({ err: err.message }, 'could not subscribe to the event channel'))
  }

  async publish(batch: WireEvent[]) {
    await this.pub.publish(this.channel, JSON.stringify(batch))
  }

  subscribe(fn: Subscriber) {
    this.subscribers.add(fn)
    return () => { this.subscribers.delete(fn) }
  }

  async close() {
    this.subscribers.clear()
    this.pub.disconnect()
    this.sub.disconnect()
  }
}
