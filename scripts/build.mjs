#!/usr/bin/env node
// Bundles the TypeScript sources into dist/ (npm install and npm start run it; ~1 s). The
// server then runs as plain JavaScript: no TypeScript loader in the process, a smaller RSS.
// Packages stay external; the generated Prisma client and model metadata are bundled in.
import { build } from 'esbuild'
import { pathToFileURL } from 'node:url'

/** esbuild options shared by the app bundle and the benchmark's server bundle. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Bundled ESM still needs a `require` for the few CommonJS-only spots.
  banner: { js: "import { createRequire as __slateRequire } from 'node:module'; const require = __slateRequire(import.meta.url);" },
}

export function buildApp() {
  return build({ ...bundleOptions, entryPoints: { cli: 'src/cli/index.ts', server: 'src/server.ts' }, outdir: 'dist', splitting: true })
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildApp()
