#!/usr/bin/env node
// The `slate` command: runs the bundle that `npm install` / `npm run build` write to dist/.
import { existsSync } from 'node:fs'

const cli = new URL('../dist/cli.js', import.meta.url)
if (!existsSync(cli)) {
  console.error('slate: dist/ is missing; run `npm run build` (npm install does it)')
  process.exit(1)
}
await import(cli.href)
