// Start-up only: open the database (embedded unless DATABASE_URL), migrate, seed a fresh
// database, ensure an admin exists, build the app, listen, and close cleanly on signals.
import { loadConfig, resolveSecretKey, type Config } from './config.ts'
import { openDatabase } from './db/embedded.ts'
import { migrate } from './db/migrate.ts'
import { buildApp } from './app.ts'
import { createPool } from './db/client.ts'
import { createDb } from './db/client.ts'
import { seedIfEmpty } from './services/init-data.ts'
import { ensureAdmin } from './services/admin.ts'

export async function serve(config: Config = loadConfig()): Promise<void> {
  resolveSecretKey(config)
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  let closing = false
  const stopDatabase = async () => database.stop().catch(() => {})
  try {
    await migrate(database.url)
    const pool = createPool(database.url)
    const db = createDb(pool)
    await seedIfEmpty(db)
    const created = await ensureAdmin(db, config)
    await db.$disconnect()
    await pool.end()
    if (created) {
      // Printed once on standard output, never through the logger.
      process.stdout.write(`\nCreated the first admin: ${created.email} / ${created.password}\n\n`)
    }
    const app = await buildApp({ config, databaseUrl: database.url })
    const shutdown = async (signal: string) => {
      if (closing) return
      closing = true
      app.log.info({ signal }, 'shutting down')
      await app.close().catch(() => {})
      await stopDatabase()
      process.exit(0)
    }
    process.once('SIGINT', () => void shutdown('SIGINT'))
    process.once('SIGTERM', () => void shutdown('SIGTERM'))
    await app.listen({ port: config.port, host: config.host })
  } catch (err) {
    await stopDatabase()
    throw err
  }
}
