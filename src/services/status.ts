// The instance's health and resources (routes.md §20): each probe answers whether a part
// Slate depends on works. Slate keeps its key-value state, events, jobs and search index in
// PostgreSQL, so they are up when the database answers (Redis too when REDIS_URL is set).
import os from 'node:os'
import type { FastifyInstance } from 'fastify'

export interface Probes {
  'database-up': boolean
  'key-value-store-up': boolean
  'event-stream-up': boolean
  'job-queue-up': boolean
  'indexer-up': boolean
}

export async function probe(app: FastifyInstance): Promise<Probes> {
  const database = await app.pool.query('SELECT 1').then(() => true, () => false)
  return {
    'database-up': database,
    'key-value-store-up': database,
    'event-stream-up': true,
    'job-queue-up': database,
    'indexer-up': database,
  }
}

function cpuTimes() {
  return os.cpus().map((c) => ({ idle: c.times.idle, total: Object.values(c.times).reduce((a, b) => a + b, 0) }))
}

/** CPU use per core over a short sample, load averages and memory, as Zou's psutil answer. */
export async function resources() {
  const before = cpuTimes()
  await new Promise((r) => setTimeout(r, 100))
  const after = cpuTimes()
  const percent = after.map((a, i) => {
    const total = a.total - before[i].total
    return total > 0 ? Math.round(1000 * (1 - (a.idle - before[i].idle) / total)) / 10 : 0
  })
  const [l1, l5, l15] = os.loadavg()
  const total = os.totalmem()
  const available = os.freemem()
  return {
    date: new Date().toISOString(),
    cpu: { percent, loadavg: { 'last 1 min': l1, 'last 5 min': l5, 'last 10 min': l15 } },
    memory: { total, used: total - available, available, percent: Math.round((1000 * (total - available)) / total) / 10 },
    jobs: { running_jobs: 0 },
  }
}

/** GET /stats: how many previews of each kind and comments the instance holds. */
export async function instanceStats(app: FastifyInstance) {
  const { rows } = await app.pool.query(
    `SELECT count(*) FILTER (WHERE extension = 'mp4')::int AS number_of_video_previews,
            count(*) FILTER (WHERE extension = 'png')::int AS number_of_picture_previews,
            count(*) FILTER (WHERE extension = 'obj')::int AS number_of_model_previews,
            (SELECT count(*)::int FROM comment) AS number_of_comments
     FROM preview_file`,
  )
  return rows[0]
}
