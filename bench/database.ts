// The bench's own database: `slate_bench`, dropped and recreated on every run, on the server
// of DATABASE_URL when set, else on an embedded cluster in .slate-bench/pg (stopped at the end).
import { resolve } from 'node:path'
import pg from 'pg'
import { openDatabase } from '../src/db/embedded.ts'
import { migrate } from '../src/db/migrate.ts'

export const BENCH_DATA_DIR = resolve('.slate-bench')
const BENCH_DB = 'slate_bench'

export interface BenchDatabase {
  url: string
  embedded: boolean
  stop(): Promise<void>
}

export async function openBenchDatabase(databaseUrl: string | undefined): Promise<BenchDatabase> {
  const embedded = !databaseUrl
  const handle = await openDatabase({ databaseUrl: databaseUrl || null, dataDir: BENCH_DATA_DIR })
  try {
    const url = withDatabase(handle.url, BENCH_DB)
    await recreateDatabase(url)
    await migrate(url)
    return { url, embedded, stop: () => handle.stop() }
  } catch (err) {
    await handle.stop().catch(() => {})
    throw err
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function recreateDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${BENCH_DB}`)
  } finally {
    await client.end()
  }
}
