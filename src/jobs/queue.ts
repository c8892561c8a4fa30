// Background jobs (movie normalisation, playlist builds) in Slate's own PostgreSQL through
// pg-boss 10 (11+ needs Node 22), so one machine needs nothing more. pg-boss runs its SQL on
// the app's pool. Handlers are defined by the features at build time; a process works them
// when JOB_WORKER=api (the default: the API process itself) or when it is `slate worker`.
import type PgBoss from 'pg-boss'
import type { FastifyBaseLogger } from 'fastify'
import type { Pool } from '../db/client.ts'
import type { JobsConfig } from '../config.ts'

export type JobHandler<T> = (data: T, job: { id: string }) => Promise<void>

export type JobPolicy = 'standard' | 'stately' | 'singleton' | 'short'

interface Definition {
  handler: JobHandler<any>
  policy: JobPolicy
  /** Runs when the handler throws (e.g. mark the preview broken); its own errors are logged. */
  onFailure?: (data: any, err: unknown) => Promise<void>
}

export interface SendOptions {
  /** Only one queued or running job with this key (e.g. one build per playlist). */
  singletonKey?: string
}

const deadLetter = (name: string) => `${name}__failed`

export class JobQueue {
  private definitions = new Map<string, Definition>()
  private boss: PgBoss | null = null
  private starting: Promise<PgBoss> | null = null
  private workerIds = new Map<string, string[]>()
  private working = false
  /** Set once stopped: a pg-boss timer firing after stop() must not touch a pool being closed. */
  private stopped = false

  constructor(
    private pool: Pool,
    private config: JobsConfig,
    private log: Pick<FastifyBaseLogger, 'error' | 'warn'>,
    /** How often expired jobs are failed (pg-boss maintenance); tests shorten it. */
    private maintenanceSeconds = 60,
  ) {}

  /** `stately`: at most one queued and one running job per singletonKey. */
  define<T>(name: string, handler: JobHandler<T>, opts: { onFailure?: (data: T, err: unknown) => Promise<void>; policy?: JobPolicy } = {}): void {
    this.definitions.set(name, { handler, onFailure: opts.onFailure, policy: opts.policy ?? 'standard' })
  }

  /** Queues a job; resolves to its id, or null when a singleton job with that key is already queued. */
  async send(name: string, data: object, opts: SendOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`no job named ${name}`)
    const boss = await this.ensureStarted()
    const id = await boss.send(name, data, { singletonKey: opts.singletonKey, expireInSeconds: this.config.timeout, retryLimit: 0 })
    for (const workerId of this.workerIds.get(name) ?? []) boss.notifyWorker(workerId)
    return id
  }

  /** Starts pg-boss and, when `work` is true, the workers of every defined job. */
  async start(opts: { work: boolean }): Promise<void> {
    if (!this.definitions.size) return
    const boss = await this.ensureStarted()
    if (!opts.work || this.working) return
    this.working = true
    for (const [name, def] of this.definitions) {
      const ids: string[] = []
      for (let i = 0; i < this.config.concurrency; i++) {
        ids.push(await boss.work<object>(name, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => this.run(name, def, job)))
      }
      this.workerIds.set(name, ids)
      if (def.onFailure) {
        await boss.work<object>(deadLetter(name), { pollingIntervalSeconds: 2, batchSize: 1, includeMetadata: true }, async ([job]) => {
          // pg-boss's own time limit stores the error; its maintenance stores { value: { message } }.
          const output = job.output as { message?: string; value?: { message?: string } } | null
          const message = output?.message ?? output?.value?.message ?? 'job failed'
          this.log.error({ job: name, reason: message }, 'job did not finish')
          await this.failed(name, def, job.data, new Error(message))
        })
      }
    }
  }

  async stop(): Promise<void> {
    const boss = this.boss
    this.boss = null
    this.starting = null
    this.working = false
    this.workerIds.clear()
    if (boss) await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 })
    if (boss) this.stopped = true
  }

  /**
   * A handler that throws has its failure hook run at once with the error, and the job ends
   * (no retry: media work is not worth repeating blindly). A job that never ends (a worker
   * killed mid-encode, a hang past JOB_QUEUE_TIMEOUT) is failed by pg-boss's maintenance and
   * lands in the job's dead-letter queue, whose worker runs the same hook.
   */
  private async run(name: string, def: Definition, job: PgBoss.Job<object>): Promise<void> {
    try {
      await def.handler(job.data, { id: job.id })
    } catch (err) {
      this.log.error({ err, job: name, jobId: job.id }, 'job failed')
      await this.failed(name, def, job.data, err)
    }
  }

  private async failed(name: string, def: Definition, data: object, err: unknown): Promise<void> {
    if (!def.onFailure) return
    try {
      await def.onFailure(data, err)
    } catch (failureErr) {
      this.log.error({ err: failureErr, job: name }, 'job failure handler failed')
    }
  }

  private ensureStarted(): Promise<PgBoss> {
    this.starting ??= (async () => {
      this.stopped = false
      // Loaded when jobs are first used: processes (and tests) that never queue one skip it.
      const { default: PgBoss } = await import('pg-boss')
      const boss = new PgBoss({
        db: { executeSql: async (text: string, values: any[]) => (this.stopped ? { rows: [] } : this.pool.query(text, values)) },
        schema: 'pgboss',
        // Maintenance (expiring stuck jobs, archiving) runs in every process; it is cheap.
        supervise: true,
        maintenanceIntervalSeconds: this.maintenanceSeconds,
        schedule: false,
        migrate: true,
      })
      boss.on('error', (err) => this.log.error({ err }, 'job queue error'))
      await boss.start()
      for (const [name, def] of this.definitions) {
        const options = { name, policy: def.policy, retryLimit: 0, expireInSeconds: this.config.timeout }
        if (def.onFailure) await boss.createQueue(deadLetter(name), { name: deadLetter(name), retryLimit: 0 })
        await boss.createQueue(name, options)
        // createQueue keeps an existing queue as it was: settings changed since are applied here.
        await boss.updateQueue(name, def.onFailure ? { ...options, deadLetter: deadLetter(name) } : options)
      }
      this.boss = boss
      return boss
    })()
    return this.starting
  }
}

/** Creates pg-boss's schema ahead of time (the test template database; start-up does it too). */
export async function installJobSchema(connectionString: string): Promise<void> {
  const { default: PgBoss } = await import('pg-boss')
  const boss = new PgBoss({ connectionString, schema: 'pgboss', supervise: false, schedule: false, migrate: true, max: 1 })
  await boss.start()
  await boss.stop({ graceful: false, wait: true })
}
