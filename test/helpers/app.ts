// Builds the real app on a fresh database for one test file. No mocks: real PostgreSQL, real
// HTTP through app.inject().
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildOptions } from '../../src/app.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { createTestDatabase } from './db.ts'

export interface TestApp {
  app: FastifyInstance
  config: Config
  databaseUrl: string
  close: () => Promise<void>
}

export function testConfig(env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'slate-test-'))
  const config = loadConfig({ SLATE_DATA_DIR: dataDir, BCRYPT_LOG_ROUNDS: '4', LOG_LEVEL: 'silent', ...env })
  config.secretKey = 'test-secret-key-0123456789abcdef0123456789'
  return config
}

export async function buildTestApp(
  env: Record<string, string> = {},
  extra: Partial<BuildOptions> = {},
): Promise<TestApp> {
  const database = await createTestDatabase()
  const config = testConfig(env)
  const app = await buildApp({ config, databaseUrl: database.url, logger: false, ...extra })
  await app.ready()
  return {
    app,
    config,
    databaseUrl: database.url,
    close: async () => {
      await app.close()
      await database.drop()
    },
  }
}
