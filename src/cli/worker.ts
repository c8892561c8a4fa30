// `slate worker`: works the job queue (movie processing, playlist builds…) outside the API
// processes, which then run with JOB_WORKER=off. It is the same app as `slate serve` (so it
// knows every job its features define), built on the same database and storage, never
// listening.
import type { FastifyInstance } from 'fastify'
import { resolveSecretKey, type Config } from '../config.ts'
import { openDatabase } from '../db/embedded.ts'
import { MigrationError, pendingMigrations } from '../db/migrate.ts'
import { createPool } from '../db/client.ts'
import { buildApp } from '../app.ts'

export interface Worker {
  app: FastifyInstance
  close(): Promise<void>
}

export async function startWorker(config: Config): Promise<Worker> {
  resolveSecretKey(config)
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    if ((await pendingMigrations(database.url)).length) {
      throw new MigrationError('the database has pending migrations: run `slate migrate` (or start `slate serve`) first')
    }
    const pool = createPool(database.url, config.jobs.concurrency + 4)
    const app = await buildApp({ config: { ...config, jobs: { ...config.jobs, worker: 'api' } }, pool })
    app.addHook('onClose', async () => { await pool.end() })
    await app.ready()
    return {
      app,
      async close() {
        await app.close()
        await database.stop()
      },
    }
  } catch (err) {
    await database.stop().catch(() => {})
    throw err
  }
}

/** Runs until SIGINT / SIGTERM, then lets running jobs finish (JobQueue.stop is graceful). */
export async function runWorker(config: Config): Promise<void> {
  const worker = await startWorker(config)
  worker.app.log.info({ concurrency: config.jobs.concurrency }, 'worker started')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await worker.close()
  process.exit(0)
}
