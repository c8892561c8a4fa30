// Start-up only: open the database (embedded unless DATABASE_URL), migrate, seed a fresh
// database, ensure an admin exists, build the app, listen, and close cleanly on signals.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { loadConfig, resolveSecretKey, type Config } from './config.ts'
import { openDatabase } from './db/embedded.ts'
import { MigrationError, pendingMigrations } from './db/migrate.ts'
import { createPool } from './db/client.ts'
import { PROJECT_ROOT } from './lib/paths.ts'
import { buildApp } from './app.ts'
import { seedIfEmpty } from './services/init-data.ts'
import { ensureAdmin } from './services/admin.ts'

export async function serve(config: Config = loadConfig()): Promise<void> {
  resolveSecretKey(config)
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const stopDatabase = () => database.stop().catch(() => {})
  try {
    if ((await pendingMigrations(database.url)).length) await migrateInChild(database.url)
    const pool = createPool(database.url)
    const app = await buildApp({ config, pool })
    app.addHook('onClose', async () => { await pool.end() })
    await seedIfEmpty(app.db)
    const created = await ensureAdmin(app.db, config)
    if (created) {
      // Printed once on standard output, never through the logger.
      process.stdout.write(`\nCreated the first admin: ${created.email} / ${created.password}\n\n`)
    }
    let closing = false
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

/**
 * The schema engine (WebAssembly) keeps its memory for the life of the process: migrating in
 * a short-lived `slate migrate` keeps it out of the server, which only checks what is pending.
 */
async function migrateInChild(url: string): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'bin', 'slate.js'), 'migrate'], {
      env: { ...process.env, DATABASE_URL: url },
    })
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? '').trim()
    throw new MigrationError(stderr.replace(/^slate: /, '') || 'migration failed')
  }
}
