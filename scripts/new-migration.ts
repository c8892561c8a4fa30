// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema
// as of git revision BASE (default HEAD; an empty database when there are no migrations yet)
// to the working tree's prisma/schema.prisma. The engine only connects (DATABASE_URL, or the
// embedded cluster of SLATE_DATA_DIR); the diff itself reads no table.
//   npm run migration:new -- <name> [BASE]
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { withSchemaEngine } from '../src/db/schema-engine.ts'
import { localMigrationNames, MIGRATIONS_DIR, SCHEMA_PATH } from '../src/db/migrate.ts'
import { openDatabase } from '../src/db/embedded.ts'
import { loadConfig } from '../src/config.ts'

const [name, base = 'HEAD'] = process.argv.slice(3)
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migration:new -- <snake_case_name> [git revision]')
  process.exit(2)
}
const current = { path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') }
const from = localMigrationNames().length === 0
  ? { tag: 'empty' as const }
  : {
      tag: 'schemaDatamodel' as const,
      files: [{ path: SCHEMA_PATH, content: execFileSync('git', ['show', `${base}:prisma/schema.prisma`], { encoding: 'utf8' }) }],
    }
const config = loadConfig()
const database = await openDatabase(config)
const { stdout } = await withSchemaEngine(database.url, current, (engine) =>
  engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [current] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  }),
)
await database.stop()
const sql = stdout ?? ''
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log('schema unchanged: no migration written')
  process.exit(0)
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`)
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'migration.sql'), sql)
writeFileSync(join(MIGRATIONS_DIR, 'migration_lock.toml'), 'provider = "postgresql"\n')
console.log(`wrote ${join(dir, 'migration.sql')}`)
