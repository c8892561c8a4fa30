// Decorates the app with the pg pool and the Prisma client built on it.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { createDb, createPool, type Db, type Pool } from '../db/client.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    pool: Pool
  }
}

export default fp(
  async function db(app: FastifyInstance, opts: { databaseUrl?: string; pool?: Pool }) {
    if (!opts.pool && !opts.databaseUrl) throw new Error('buildApp needs a pool or a databaseUrl')
    const pool = opts.pool ?? createPool(opts.databaseUrl!)
    // An idle connection the server closes (restart, failover, a dropped database) is an
    // 'error' on the pool: without a listener it would crash the process.
    pool.on('error', (err) => app.log.warn({ err: err.message }, 'idle database connection lost'))
    const prisma = createDb(pool)
    app.decorate('pool', pool)
    app.decorate('db', prisma)
    app.addHook('onClose', async () => {
      await prisma.$disconnect()
      if (!opts.pool) await pool.end()
    })
  },
  { name: 'db' },
)
