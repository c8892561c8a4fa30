// Once per `npm test`: a PostgreSQL (DATABASE_URL's server, or an embedded cluster of this
// run's own under .slate-test/, removed afterwards, so concurrent runs never stop each other's
// database), and a template database with every migration applied. Each test file clones it
// (test/helpers/db.ts), so files run in parallel without sharing rows.
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/db/embedded.ts'
import { migrate } from '../../src/db/migrate.ts'
import { installJobSchema } from '../../src/jobs/queue.ts'

export const TEMPLATE_DB = 'slate_test_template'

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string
  }
}

const RUNS_DIR = resolve('.slate-test')

/** Run dirs left by an interrupted run (no live postmaster) are removed. */
function removeStaleRuns() {
  if (!existsSync(RUNS_DIR)) return
  for (const name of readdirSync(RUNS_DIR)) {
    const pid = join(RUNS_DIR, name, 'pg', 'postmaster.pid')
    if (name.startsWith('run-') && !existsSync(pid)) rmSync(join(RUNS_DIR, name), { recursive: true, force: true })
  }
}

export default async function setup(project: TestProject) {
  removeStaleRuns()
  const dataDir = join(RUNS_DIR, `run-${randomBytes(4).toString('hex')}`)
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || null,
    dataDir,
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' },
  })
  const serverUrl = new URL(database.url)
  const admin = new pg.Client({ connectionString: withDb(serverUrl, 'postgres') })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`)
  await admin.end()
  await migrate(withDb(serverUrl, TEMPLATE_DB))
  await installJobSchema(withDb(serverUrl, TEMPLATE_DB))
  project.provide('serverUrl', serverUrl.toString())
  return async () => {
    await database.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export function withDb(server: URL | string, name: string): string {
  const url = new URL(server.toString())
  url.pathname = `/${name}`
  return url.toString()
}
