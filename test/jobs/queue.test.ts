// The job queue on the test database's real PostgreSQL: a queued job runs in the worker, a
// failing one reaches its failure hook, a stately job keeps one queued per key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { createTestDatabase } from '../helpers/db.ts'
import { JobQueue } from '../../src/jobs/queue.ts'

const log = { error: () => {}, warn: () => {} }
const until = async (check: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('job queue', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>
  let pool: pg.Pool
  let queue: JobQueue
  const done: string[] = []
  const failed: Array<[string, string]> = []

  beforeAll(async () => {
    database = await createTestDatabase()
    pool = new pg.Pool({ connectionString: database.url, max: 4 })
    queue = new JobQueue(pool as never, { worker: 'api', concurrency: 1, timeout: 60 }, log)
    queue.define<{ word: string }>('echo', async ({ word }) => { done.push(word) })
    queue.define<{ word: string }>('explode', async ({ word }) => { throw new Error(`no ${word}`) }, {
      onFailure: async ({ word }, err) => { failed.push([word, (err as Error).message]) },
    })
    queue.define<{ n: number }>('one-at-a-time', async () => { await new Promise((r) => setTimeout(r, 300)) }, { policy: 'stately' })
    await queue.start({ work: true })
  })
  afterAll(async () => {
    await queue.stop()
    await pool.end()
    await database.drop()
  })

  it('runs a queued job in the worker', async () => {
    expect(await queue.send('echo', { word: 'hello' })).toMatch(/^[0-9a-f-]{36}$/)
    await until(() => done.includes('hello'))
  })

  it('calls the failure hook with the error of a failing job', async () => {
    await queue.send('explode', { word: 'cake' })
    await until(() => failed.length > 0)
    expect(failed).toEqual([['cake', 'no cake']])
  })

  it('keeps one queued job per key for a stately job', async () => {
    const first = await queue.send('one-at-a-time', { n: 1 }, { singletonKey: 'p1' })
    const second = await queue.send('one-at-a-time', { n: 2 }, { singletonKey: 'p1' })
    const third = await queue.send('one-at-a-time', { n: 3 }, { singletonKey: 'p1' })
    expect(first).not.toBeNull()
    // the first may already be running: then the second is queued and the third refused
    expect([second, third].filter((id) => id === null).length).toBeGreaterThanOrEqual(1)
  })

  it('fails a job that outlives its timeout and runs its failure hook (a worker that hung or died)', async () => {
    const stuck: Array<[string, string]> = []
    const short = new JobQueue(pool as never, { worker: 'api', concurrency: 1, timeout: 1 }, log, 1)
    short.define<{ word: string }>('hang', async () => { await new Promise((r) => setTimeout(r, 4000)) }, {
      onFailure: async ({ word }, err) => { stuck.push([word, (err as Error).message]) },
    })
    await short.start({ work: true })
    try {
      await short.send('hang', { word: 'tea' })
      await until(() => stuck.length > 0, 20_000)
      expect(stuck).toEqual([['tea', 'handler execution exceeded 1000ms']])
    } finally {
      await short.stop()
    }
  })

  it('refuses a job nobody defined', async () => {
    await expect(queue.send('nope', {})).rejects.toThrow('no job named nope')
  })
})
