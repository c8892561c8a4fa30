// openDatabase() without DATABASE_URL: a real embedded PostgreSQL cluster in <data dir>/pg.
// A second open on the same dir joins the running cluster; only the starter stops it; a
// later open restarts it on the same data. Always runs (it does not use the suite's server).
// The data dir sits under the project: as root the cluster runs as `postgres`, which cannot
// traverse /tmp's 0700 mktemp dirs.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../../src/db/embedded.ts'

const dataDir = resolve('.slate-test', `embedded-${randomBytes(4).toString('hex')}`)
const started: DatabaseHandle[] = []

async function open(): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl: null, dataDir, settings: { fsync: 'off' } })
  started.push(handle)
  return handle
}

async function run<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  await c.connect()
  try {
    return (await c.query<R>(sql)).rows
  } finally {
    await c.end()
  }
}

const portOf = (url: string) => new URL(url).port

afterAll(async () => {
  // stop() is idempotent enough for clusters already stopped; never leave one running
  for (const handle of started.reverse()) await handle.stop().catch(() => {})
  rmSync(dataDir, { recursive: true, force: true })
}, 120_000)

describe('openDatabase with DATABASE_URL', () => {
  it('returns the URL as is and starts nothing', async () => {
    const handle = await openDatabase({ databaseUrl: 'postgresql://u:p@db.example:5432/zou', dataDir: resolve('.slate-test', 'never-created') })
    expect(handle.url).toBe('postgresql://u:p@db.example:5432/zou')
    await handle.stop()
    expect(existsSync(resolve('.slate-test', 'never-created'))).toBe(false)
  })
})

describe('openDatabase with the embedded cluster', () => {
  it('starts, is joined by a second open, stops with the first, and restarts on the same data', async () => {
    const first = await open()
    const url = new URL(first.url)
    expect(url.protocol).toBe('postgresql:')
    expect(url.hostname).toBe('127.0.0.1')
    expect(url.pathname).toBe('/slate')
    expect(existsSync(resolve(dataDir, 'pg', 'PG_VERSION'))).toBe(true)
    const credentials = JSON.parse(readFileSync(resolve(dataDir, 'pg.json'), 'utf8'))
    expect(url.username).toBe(credentials.user)

    await run(first.url, `CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)`)
    const [{ tz }] = await run<{ tz: string }>(first.url, `SELECT current_setting('TimeZone') AS tz`)
    expect(tz).toBe('UTC')

    // a second open (e.g. a CLI command while `slate serve` runs) joins the running cluster
    const second = await open()
    expect(portOf(second.url)).toBe(portOf(first.url))
    expect(second.url).toBe(first.url)
    expect(await run(second.url, `SELECT x FROM kept`)).toEqual([{ x: 42 }])
    await second.stop()
    expect(await run(first.url, `SELECT x FROM kept`)).toEqual([{ x: 42 }])

    // the starter stops it
    await first.stop()
    await expect(run(first.url, 'SELECT 1')).rejects.toThrow()

    // a later open starts it again on the same data and the same credentials
    const third = await open()
    expect(new URL(third.url).username).toBe(credentials.user)
    expect(await run(third.url, `SELECT x FROM kept`)).toEqual([{ x: 42 }])
    await third.stop()
    await expect(run(third.url, 'SELECT 1')).rejects.toThrow()
  }, 180_000)
})
