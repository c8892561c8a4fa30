// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm): the same engine as
// `prisma migrate`, which cannot be downloaded here. Instantiated by hand from the .wasm
// bytes so Node 20 needs no --experimental-wasm-modules flag.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'

const require = createRequire(import.meta.url)
let loaded: Promise<void> | null = null

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const js = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bytes = readFileSync(join(dirname(js), 'schema_engine_bg.wasm'))
    // Node's global WebAssembly (not in the ES lib typings without DOM).
    const wasm = (globalThis as unknown as { WebAssembly: { instantiate: (b: Buffer, i: object) => Promise<{ instance: { exports: object } }> } }).WebAssembly
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(bg) })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports as { __wbindgen_start: () => void }).__wbindgen_start()
  })()
  return loaded
}

/**
 * The engine arms timers (connection idle timeouts) that outlive `free()` and would keep a
 * finished CLI command alive for ten seconds: hand it timers that do not hold the process.
 */
function withUnrefTimers(imports: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...imports }
  for (const [name, fn] of Object.entries(imports)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof fn !== 'function') continue
    out[name] = (...args: unknown[]) => {
      const timer = fn(...args) as { unref?: () => void }
      timer?.unref?.()
      return timer
    }
  }
  return out
}

export type SchemaFile = { path: string; content: string }

/**
 * Runs `work` with an engine connected to `url`, then frees it and closes its connections
 * (a lingering connection would keep holding the migration advisory lock).
 */
export async function withSchemaEngine<T>(
  url: string,
  schema: SchemaFile,
  work: (engine: bg.SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm()
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool))
  const engine = await bg.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, adapter)
  try {
    return await work(engine)
  } finally {
    engine.free()
    await pool.end()
  }
}
