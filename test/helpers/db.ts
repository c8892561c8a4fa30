// A database per test file, cloned from the migrated template (fast: a file copy), dropped
// after the file. Files never share rows, whatever vitest runs in parallel.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { TEMPLATE_DB, withDb } from './global-setup.ts'

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = inject('serverUrl')
  const name = `slate_test_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: withDb(server, 'postgres') })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`)
  await admin.end()
  return {
    url: withDb(server, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: withDb(server, 'postgres') })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}
