// withLocalMovie on the S3 backend (a real s3rver): ffmpeg gets a temp copy of the stored
// movie, removed afterwards; on the local backend the stored file itself.
import { mkdtemp, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalStorage } from '../../../src/storage/local.ts'
import { S3Storage } from '../../../src/storage/s3.ts'
import { loadConfig } from '../../../src/config.ts'
import { startS3, type TestS3 } from '../../helpers/s3rver.ts'
import type { Storage } from '../../../src/storage/index.ts'
import type { Ctx } from '../../../src/crud/context.ts'
import { withLocalMovie } from '../../../src/services/previews/movie-frames.ts'

let s3: TestS3
beforeAll(async () => { s3 = await startS3() })
afterAll(async () => { await s3.stop() })

async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'slate-store-'))
  const local = new LocalStorage(root)
  const remote = new S3Storage(loadConfig(s3.env).s3, `movie-copy-${randomUUID().slice(0, 8)}-`)
  await remote.init()
  const tmpDir = join(root, 'tmp')
  const ctxOf = (storage: Storage) => ({ storage, config: { tmpDir } }) as unknown as Ctx
  return { root, local, ctxOf, remote }
}

describe('withLocalMovie', () => {
  it('copies a remote movie to TMP_DIR for the call and removes it after', async () => {
    const { root, remote, ctxOf } = await setup()
    const id = randomUUID()
    const bytes = Buffer.from('not really a movie but bytes all the same')
    await remote.put('movies', `lowdef-${id}`, bytes)
    let seen = ''
    const size = await withLocalMovie(ctxOf(remote), id, 'movie', async (path) => {
      seen = path
      expect(path.startsWith(join(root, 'tmp'))).toBe(true)
      expect((await readFile(path)).equals(bytes)).toBe(true)
      return (await stat(path)).size
    })
    expect(size).toBe(bytes.length)
    await expect(stat(seen)).rejects.toThrow()
  })

  it('reads the stored file in place on the local backend, and answers 404 when nothing is stored', async () => {
    const { local, ctxOf } = await setup()
    const id = randomUUID()
    await local.put('movies', `previews-${id}`, Buffer.from('x'))
    const path = await withLocalMovie(ctxOf(local), id, 'movie', async (p) => p)
    expect(path).toBe(local.path('movies', `previews-${id}`))
    await expect(withLocalMovie(ctxOf(local), randomUUID(), 'movie', async () => 1))
      .rejects.toMatchObject({ statusCode: 404, body: { error: 'preview file binary is not available' } })
  })
})
