// Applies prisma/migrations through the WebAssembly schema engine. It records applied
// migrations in Prisma's standard `_prisma_migrations` table, so `prisma migrate deploy`
// stays interchangeable wherever the native engine exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../lib/paths.ts'
import pg from 'pg'
import { withSchemaEngine } from './schema-engine.ts'

export const PRISMA_DIR = join(PROJECT_ROOT, 'prisma')
export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations')
export const SCHEMA_PATH = join(PRISMA_DIR, 'schema.prisma')

export class MigrationError extends Error {}

export function localMigrationNames(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
}

async function appliedMigrationNames(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query(
      `SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    ).catch((err) => (err.code === '42P01' ? { rows: [] } : Promise.reject(err)))
    return rows.map((r: { migration_name: string }) => r.migration_name)
  } finally {
    await client.end()
  }
}

/**
 * The local migrations not yet applied. Refuses a database at a migration this version does
 * not know (a newer Slate migrated it): running on it could corrupt data.
 */
export async function pendingMigrations(url: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const local = localMigrationNames(dir)
  const applied = await appliedMigrationNames(url)
  const unknown = applied.filter((name) => !local.includes(name))
  if (unknown.length) {
    throw new MigrationError(
      `the database is at migration ${unknown.sort().at(-1)}, which this version of Slate does not know; upgrade Slate before starting it on this database`,
    )
  }
  return local.filter((name) => !applied.includes(name))
}

/** Applies pending migrations; returns the names just applied (empty when up to date). */
export async function migrate(url: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  if (!(await pendingMigrations(url, dir)).length) return []
  const local = localMigrationNames(dir)
  const schema = { path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') }
  return withSchemaEngine(url, schema, async (engine) => {
    const lockPath = join(dir, 'migration_lock.toml')
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: {
        baseDir: dir,
        lockfile: { path: lockPath, content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
        shadowDbInitScript: '',
        migrationDirectories: local.map((name) => ({
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content: { tag: 'ok' as const, value: readFileSync(join(dir, name, 'migration.sql'), 'utf8') },
          },
        })),
      },
      filters: { externalTables: [], externalEnums: [] },
    })
    return appliedMigrationNames
  }).catch((err) => {
    throw new MigrationError(`migration failed: ${(err as Error).message ?? String(err)}`)
  })
}
