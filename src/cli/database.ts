// What every database command shares: read the config, open the database (DATABASE_URL, the
// cluster `slate serve` is running on the same data dir, or one started just for this
// command), and always close what was opened, whatever happened in between.
import { loadConfig, type Config } from '../config.ts'
import { createDb, createPool, type Db, type Pool } from '../db/client.ts'
import { openDatabase } from '../db/embedded.ts'
import { migrate } from '../db/migrate.ts'
import { plural } from './output.ts'

export async function withDatabase<T>(run: (url: string, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    return await run(database.url, config)
  } finally {
    await database.stop()
  }
}

/** Migrates first, so commands work on a fresh data dir, then hands over a Prisma client. */
export async function withMigratedDb<T>(run: (db: Db, config: Config, pool: Pool) => Promise<T>): Promise<T> {
  return withDatabase(async (url, config) => {
    const applied = await migrate(url)
    if (applied.length) console.log(describeMigrations(applied))
    // A command runs a handful of queries one after the other: two connections are plenty.
    const pool = createPool(url, 2)
    const db = createDb(pool)
    try {
      return await run(db, config, pool)
    } finally {
      await db.$disconnect()
      await pool.end()
    }
  })
}

export function describeMigrations(applied: string[]): string {
  return applied.length
    ? `Applied ${plural(applied.length, 'migration')}: ${applied.join(', ')}`
    : 'Database is up to date.'
}
