// The project root: the nearest folder above this module holding prisma/schema.prisma (the
// same answer from src/ under tsx or vitest and from the dist/ bundle).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'prisma', 'schema.prisma'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find prisma/schema.prisma above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
  return dir
}

export const PROJECT_ROOT = findRoot()
