// Once per `npm test`: a PostgreSQL (DATABASE_URL's server, or an embedded cluster in
// .slate-test/), and a template database with every migration applied. Each test worker
// clones it (test/helpers/db.ts), so files run in parallel without sharing rows.
import { resolve } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/db/embedded.ts'
import { migrate } from '../../src/db/migrate.ts'

export const TEMPLATE_DB = 'slate_test_template'

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string
  }
}

export default async function setup(project: TestProject) {
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || null,
    dataDir: resolve('.slate-test'),
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' },
  })
  const serverUrl = new URL(database.url)
  const admin = new pg.Client({ connectionString: withDb(serverUrl, 'postgres') })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`)
  await admin.end()
  await migrate(withDb(serverUrl, TEMPLATE_DB))
  project.provide('serverUrl', serverUrl.toString())
  return async () => {
    await database.stop()
  }
}

export function withDb(server: URL | string, name: string): string {
  const url = new URL(server.toString())
  url.pathname = `/${name}`
  return url.toString()
}
