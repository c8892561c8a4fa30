// One pg pool per process, shared by Prisma (through @prisma/adapter-pg) and by the few hot
// paths that run a single hand-written query (token check, counts).
import v8 from 'node:v8'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.ts'

export type Db = PrismaClient
export type Pool = pg.Pool

// Timestamps are naive UTC: write JS Dates as UTC and read `timestamp` (oid 1114) as UTC.
pg.defaults.parseInputDatesAsUTC = true
pg.types.setTypeParser(1114, (s: string) => new Date(s.replace(' ', 'T') + 'Z'))
// `date` (1082) as UTC midnight like Prisma returns it; int8 (20) and numeric (1700) as numbers.
pg.types.setTypeParser(1082, (s: string) => new Date(`${s}T00:00:00Z`))
pg.types.setTypeParser(20, Number)
pg.types.setTypeParser(1700, Number)

export function createPool(url: string, max = 10): pg.Pool {
  // Zou stores naive UTC timestamps: pin the session time zone so now() and casts agree.
  return new pg.Pool({ connectionString: url, max, options: '-c TimeZone=UTC' })
}

export function createDb(pool: pg.Pool): PrismaClient {
  // Prisma's query compiler is WebAssembly. V8's optimising tier would keep a second copy of
  // its code (~50 MB of RSS); the baseline tier is enough, since the generic CRUD's hot reads
  // are plain SQL. Must be set before the module compiles, i.e. before the first query.
  v8.setFlagsFromString('--liftoff-only')
  return new PrismaClient({ adapter: new PrismaPg(pool) })
}

const statementNames = new Map<string, string>()
// Each pooled connection keeps its prepared statements in server memory: prepare only the
// first few hundred texts (the hot ones: gets, common lists, auth).
const MAX_PREPARED = 300

/**
 * A named (server-side prepared) statement for a hot query text: PostgreSQL then skips
 * parsing and planning on each connection's later runs. Texts beyond the cap run unnamed.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text)
  if (!name && statementNames.size < MAX_PREPARED) {
    name = `s${statementNames.size}`
    statementNames.set(text, name)
  }
  return name ? { name, text, values } : { text, values }
}

/**
 * Runs fn inside one transaction on a pooled connection: COMMIT when it resolves, ROLLBACK
 * when it throws. For set-based multi-statement writes in plain SQL.
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  } finally {
    client.release()
  }
}
