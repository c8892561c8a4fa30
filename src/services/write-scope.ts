// One write as a unit: every row goes through one pg transaction; what must only happen once
// the rows are committed is collected on the way (events, notification mails, removal of
// stored bytes) and run after COMMIT. Bytes stored during the write are removed again when
// it rolls back, so a failed request leaves nothing behind, in the database or the storage.
// A write that lost a deadlock runs again (two comments whose automations lock the same
// tasks in opposite orders).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type pg from 'pg'
import { withTransaction } from '../db/client.ts'
import { createCtx, type Ctx } from '../crud/context.ts'
import type { Mail, Mailer } from './mailer.ts'
import type { Bucket, Storage } from '../storage/index.ts'

export interface PendingEvent {
  name: string
  data: Record<string, unknown>
  projectId?: string | null
  persist?: boolean
}

/** A feature service's dependencies: the request context plus the stores it writes to. */
export interface Deps {
  ctx: Ctx
  storage: Storage
  mailer: Mailer
}

export const depsOf = (app: FastifyInstance, req: FastifyRequest): Deps => ({ ctx: createCtx(app, req), storage: app.storage, mailer: app.mailer })

export interface WriteScope {
  client: pg.PoolClient
  events: PendingEvent[]
  mails: Mail[]
  /** Stores bytes now; they are removed if the transaction rolls back. */
  store(bucket: Bucket, key: string, data: Buffer): Promise<number>
  /** Removes stored bytes once the transaction has committed. */
  removeAfterCommit(bucket: Bucket, key: string): void
}

/** Deadlock or serialization failure: the whole write can run again. */
const RETRYABLE = new Set(['40P01', '40001'])
const ATTEMPTS = 3

export async function runWrite<T>(deps: Deps, fn: (w: WriteScope) => Promise<T>): Promise<T> {
  const { ctx, storage, mailer } = deps
  for (let attempt = 1; ; attempt++) {
    const events: PendingEvent[] = []
    const mails: Mail[] = []
    const stored: Array<[Bucket, string]> = []
    const toRemove: Array<[Bucket, string]> = []
    let result: T
    try {
      result = await withTransaction(ctx.pool, (client) => fn({
        client,
        events,
        mails,
        async store(bucket, key, data) {
          stored.push([bucket, key])
          return (await storage.put(bucket, key, data)).size
        },
        removeAfterCommit(bucket, key) {
          toRemove.push([bucket, key])
        },
      }))
    } catch (err) {
      await Promise.allSettled(stored.map(([bucket, key]) => storage.delete(bucket, key)))
      if (attempt < ATTEMPTS && RETRYABLE.has((err as { code?: string }).code ?? '')) continue
      throw err
    }
    await ctx.events.emitMany(events.map((e) => ({ ...e, userId: ctx.actor.id })))
    await Promise.allSettled(toRemove.map(([bucket, key]) => storage.delete(bucket, key)))
    // Mails leave after the answer: a slow mail server never holds the request (send() logs
    // failures and never throws).
    for (const mail of mails) void mailer.send(mail)
    return result
  }
}
