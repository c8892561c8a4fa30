// Decorates the app with the job queue. Features define their jobs while registering; once
// every plugin is loaded, the API process works them itself unless JOB_WORKER=off.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import { JobQueue } from '../jobs/queue.ts'

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue
  }
}

export default fp(
  async function jobs(app: FastifyInstance, opts: { config: Config }) {
    const queue = new JobQueue(app.pool, opts.config.jobs, app.log)
    app.decorate('jobs', queue)
    app.addHook('onReady', async () => {
      if (opts.config.jobs.worker === 'api') await queue.start({ work: true })
    })
    app.addHook('onClose', async () => queue.stop())
  },
  { name: 'jobs', dependencies: ['db'] },
)
