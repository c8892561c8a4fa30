// migrate() on real databases of the test server: a fresh one gets every migration recorded
// in Prisma's _prisma_migrations; a second run applies nothing; a database that is ahead of
// this build (an applied migration we do not know) is refused before anything runs.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { MigrationError, localMigrationNames, migrate } from '../../src/db/migrate.ts'
import { withDb } from '../helpers/global-setup.ts'

const server = inject('serverUrl')
const created: string[] = []

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDb(server, 'postgres') })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

async function emptyDatabase(): Promise<string> {
  const name = `slate_migrate_${randomBytes(5).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE ${name}`))
  created.push(name)
  return withDb(server, name)
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<R>(sql, params)).rows
  } finally {
    await c.end()
  }
}

afterAll(async () => {
  await admin(async (c) => {
    for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  })
})

describe('migrate()', () => {
  let url: string
  let firstRun: string[]
  beforeAll(async () => {
    url = await emptyDatabase()
    firstRun = await migrate(url)
  })

  it('applies every local migration to an empty database', () => {
    const local = localMigrationNames()
    expect(local.length).toBeGreaterThanOrEqual(1)
    expect(local.some((name) => name.endsWith('_init'))).toBe(true)
    expect(firstRun).toEqual(local)
  })

  it('records them in _prisma_migrations as finished', async () => {
    const rows = await query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }>(
      url, `SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    )
    expect(rows.map((r) => r.migration_name)).toEqual(localMigrationNames())
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date)
      expect(row.rolled_back_at).toBeNull()
      expect(row.applied_steps_count).toBeGreaterThanOrEqual(1)
    }
  })

  it('creates the Zou tables', async () => {
    const tables = (await query<{ table_name: string }>(
      url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    )).map((r) => r.table_name)
    const zouTables = tables.filter((name) => name !== '_prisma_migrations')
    expect(zouTables.length).toBeGreaterThanOrEqual(77)
    for (const name of ['person', 'project', 'task', 'entity', 'comment', 'preview_file', 'api_event', 'revoked_token', 'login_log', 'department_link']) {
      expect(tables, name).toContain(name)
    }
    // and the tables are usable
    const [person] = await query<{ id: string; active: boolean }>(url, `INSERT INTO person (first_name, last_name) VALUES ('A', 'B') RETURNING id, active`)
    expect(person.active).toBe(true)
  })

  it('applies nothing the second time', async () => {
    expect(await migrate(url)).toEqual([])
    const [{ count }] = await query<{ count: string }>(url, `SELECT count(*) FROM _prisma_migrations`)
    expect(Number(count)).toBe(localMigrationNames().length)
  })
})

describe('migrate() on a database ahead of this build', () => {
  it('refuses with a MigrationError naming the unknown migration', async () => {
    const url = await emptyDatabase()
    await migrate(url)
    const future = '29990101000000_from_a_newer_slate'
    await query(url, `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
                      VALUES (gen_random_uuid()::text, 'x', now(), $1, now(), 1)`, [future])
    const err = await migrate(url).then(() => null, (e: unknown) => e)
    expect(err).toBeInstanceOf(MigrationError)
    expect((err as Error).message).toContain(future)
  })

  it('ignores an unknown migration that was rolled back', async () => {
    const url = await emptyDatabase()
    await migrate(url)
    await query(url, `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count, rolled_back_at)
                      VALUES (gen_random_uuid()::text, 'x', now(), '29990101000000_abandoned', now(), 1, now())`)
    expect(await migrate(url)).toEqual([])
  })
})
