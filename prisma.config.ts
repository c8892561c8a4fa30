// The native schema engine cannot be downloaded here; `prisma generate` does not need it,
// and migrations go through the WebAssembly engine (src/db/migrate.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/true'
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Only `prisma migrate deploy` (where the native engine exists) reads this.
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/slate' },
})
