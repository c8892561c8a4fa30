// The storage contract, run against both backends: local disk, and S3 against a real
// S3-compatible server (s3rver on a loopback port). Then what is particular to each: the
// local backend's Zou folder layout, the S3 bucket names and start-up checks.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { buffer, text } from 'node:stream/consumers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeadObjectCommand, ListBucketsCommand } from '@aws-sdk/client-s3'
import { LocalStorage } from '../../src/storage/local.ts'
import { S3Storage } from '../../src/storage/s3.ts'
import { createStorage, StorageInitError, StorageKeyError, StorageNotFoundError, type Storage } from '../../src/storage/index.ts'
import { loadConfig, type S3Config } from '../../src/config.ts'
import { startS3, type TestS3 } from '../helpers/s3rver.ts'

const roots: string[] = []
function localStorage(prefix = ''): { storage: LocalStorage; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'slate-storage-'))
  roots.push(root)
  return { storage: new LocalStorage(root, prefix), root }
}

let s3: TestS3
beforeAll(async () => { s3 = await startS3() })
afterAll(async () => {
  await s3?.stop()
  for (const r of roots) rmSync(r, { recursive: true, force: true })
})

const s3Config = (over: Partial<S3Config> = {}): S3Config => ({
  endpoint: s3.endpoint, region: 'us-east-1', accessKey: 'S3RVER', secretKey: 'S3RVER', createBucket: true, forcePathStyle: true, ...over,
})
let bucketSeq = 0
const s3Storages: S3Storage[] = []
async function s3Storage(prefix = `c${++bucketSeq}-`): Promise<S3Storage> {
  const storage = new S3Storage(s3Config(), prefix)
  s3Storages.push(storage)
  await storage.init()
  return storage
}
afterAll(async () => { for (const s of s3Storages) await s.close() })

/** `size` deterministic bytes as a stream of 64 KB chunks, produced on demand. */
function generated(size: number): Readable {
  let sent = 0
  return new Readable({
    read() {
      if (sent >= size) return this.push(null)
      const n = Math.min(65536, size - sent)
      const chunk = Buffer.alloc(n)
      for (let i = 0; i < n; i++) chunk[i] = (sent + i) % 251
      sent += n
      this.push(chunk)
    },
  })
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

const backends: Array<[string, () => Promise<Storage>]> = [
  ['local', async () => localStorage().storage],
  ['s3', () => s3Storage()],
]

describe.each(backends)('%s storage contract', (_name, make) => {
  const id = '6f1c2a9e-1111-4222-8333-444455556666'

  it('stores a buffer and a stream, reports size, reads them back', async () => {
    const s = await make()
    const put = await s.put('pictures', `thumbnails-${id}`, Buffer.from('hello world'))
    expect(put.size).toBe(11)
    expect(put.modifiedAt).toBeInstanceOf(Date)
    const streamed = await s.put('movies', `previews-${id}`, Readable.from(['chunk-1 ', 'chunk-2']))
    expect(streamed.size).toBe(15)
    expect(await text(await s.get('pictures', `thumbnails-${id}`))).toBe('hello world')
    expect(await text(await s.get('movies', `previews-${id}`))).toBe('chunk-1 chunk-2')
    expect((await s.stat('movies', `previews-${id}`))?.size).toBe(15)
  })

  it('reads byte ranges (inclusive end): first bytes, middle, last byte, open end', async () => {
    const s = await make()
    await s.put('files', `attachments-${id}`, Buffer.from('0123456789'))
    const range = async (start: number, end?: number) => text(await s.get('files', `attachments-${id}`, { start, end }))
    expect(await range(0, 2)).toBe('012')
    expect(await range(2, 5)).toBe('2345')
    expect(await range(9, 9)).toBe('9')
    expect(await range(7)).toBe('789')
    expect(await range(0)).toBe('0123456789')
  })

  it('tells missing objects apart, and deletes idempotently', async () => {
    const s = await make()
    expect(await s.exists('files', `working-${id}`)).toBe(false)
    expect(await s.stat('files', `working-${id}`)).toBeNull()
    await expect(s.get('files', `working-${id}`)).rejects.toBeInstanceOf(StorageNotFoundError)
    await expect(s.get('files', `working-${id}`, { start: 0, end: 1 })).rejects.toBeInstanceOf(StorageNotFoundError)
    await s.put('files', `working-${id}`, Buffer.from('x'))
    expect(await s.exists('files', `working-${id}`)).toBe(true)
    await s.delete('files', `working-${id}`)
    await s.delete('files', `working-${id}`)
    expect(await s.exists('files', `working-${id}`)).toBe(false)
    await expect(s.get('files', `working-${id}`)).rejects.toBeInstanceOf(StorageNotFoundError)
  })

  it('overwrites an object with new bytes and size', async () => {
    const s = await make()
    await s.put('files', `previews-${id}`, Buffer.from('a longer first version'))
    const second = await s.put('files', `previews-${id}`, Readable.from([Buffer.from('v2')]))
    expect(second.size).toBe(2)
    expect(await text(await s.get('files', `previews-${id}`))).toBe('v2')
  })

  it('keeps buckets apart', async () => {
    const s = await make()
    await s.put('pictures', `previews-${id}`, Buffer.from('picture'))
    await s.put('movies', `previews-${id}`, Buffer.from('movie'))
    expect(await text(await s.get('pictures', `previews-${id}`))).toBe('picture')
    expect(await text(await s.get('movies', `previews-${id}`))).toBe('movie')
    expect(await s.exists('files', `previews-${id}`)).toBe(false)
  })

  it('refuses keys that could leave the storage, on every operation', async () => {
    const s = await make()
    const bad = ['previews-../../etc', '../etc-passwd', 'previews-../../x', 'previews-a/b', 'previews-a\\b', 'previews-.', 'nodash', '', 'previews-', `previews-${'a'.repeat(300)}`]
    for (const key of bad) {
      await expect(s.put('files', key, Buffer.from('x')), key).rejects.toBeInstanceOf(StorageKeyError)
      await expect(s.get('files', key), key).rejects.toBeInstanceOf(StorageKeyError)
      await expect(s.stat('files', key), key).rejects.toBeInstanceOf(StorageKeyError)
      await expect(s.delete('files', key), key).rejects.toBeInstanceOf(StorageKeyError)
    }
  })

  it('keeps the previous object when the source stream fails mid-way', async () => {
    const s = await make()
    await s.put('files', `previews-${id}`, Buffer.from('first'))
    const failing = new Readable({
      read() {
        this.push('partial')
        this.destroy(new Error('client went away'))
      },
    })
    await expect(s.put('files', `previews-${id}`, failing)).rejects.toThrow('client went away')
    expect(await text(await s.get('files', `previews-${id}`))).toBe('first')
  })

  it('streams a multi-megabyte upload (several S3 parts) and reads it back exactly', async () => {
    const s = await make()
    const size = 21 * 1024 * 1024 + 123 // three 10 MB parts on S3, the last one partial
    const expected = await buffer(generated(size))
    const put = await s.put('movies', `source-${id}`, generated(size))
    expect(put.size).toBe(size)
    const back = await buffer(await s.get('movies', `source-${id}`))
    expect(back.length).toBe(size)
    expect(sha256(back)).toBe(sha256(expected))
    const tail = await buffer(await s.get('movies', `source-${id}`, { start: size - 5 }))
    expect(tail.equals(expected.subarray(size - 5))).toBe(true)
  })
})

describe('local storage layout (Zou-compatible)', () => {
  it('splits keys at the first dash into 3+3 character folders', async () => {
    const { storage, root } = localStorage()
    await storage.put('movies', 'previews-6f1c2a9e-aaaa', Buffer.from('m'))
    expect(readFileSync(join(root, 'movies/previews/6f1/c2a/6f1c2a9e-aaaa'), 'utf8')).toBe('m')
    // Zou quirk kept: thumbnails-square-<id> lands under thumbnails/squ/are/.
    await storage.put('pictures', 'thumbnails-square-6f1c', Buffer.from('s'))
    expect(existsSync(join(root, 'pictures/thumbnails/squ/are/square-6f1c'))).toBe(true)
    await storage.put('pictures', 'preview-backgrounds-6f1c2a', Buffer.from('h'))
    expect(existsSync(join(root, 'pictures/preview/bac/kgr/backgrounds-6f1c2a'))).toBe(true)
    await storage.put('files', 'dbbackup-2024-01-01.sql.gz', Buffer.from('b'))
    expect(existsSync(join(root, 'files/dbbackup/2024-01-01.sql.gz'))).toBe(true)
  })

  it('prefixes the bucket folders with FS_BUCKET_PREFIX', async () => {
    const { storage, root } = localStorage('studio-')
    await storage.put('files', 'attachments-abcdef12', Buffer.from('a'))
    expect(readFileSync(join(root, 'studio-files/attachments/abc/def/abcdef12'), 'utf8')).toBe('a')
    expect(existsSync(join(root, 'files'))).toBe(false)
  })

  it('is what createStorage picks by default, with the configured root and prefix', async () => {
    const root = mkdtempSync(join(tmpdir(), 'slate-storage-'))
    roots.push(root)
    const storage = await createStorage(loadConfig({ SLATE_DATA_DIR: root, FS_LOCAL_ROOT: root, FS_BUCKET_PREFIX: 'p-' }))
    expect(storage).toBeInstanceOf(LocalStorage)
    await storage.put('pictures', 'original-123456', Buffer.from('o'))
    expect(existsSync(join(root, 'p-pictures/original/123/456/123456'))).toBe(true)
  })
})

describe('S3 storage specifics', () => {
  it('creates one bucket per storage named with the prefix, and keys objects flat', async () => {
    const storage = await s3Storage('studio-a-')
    await storage.init() // a second start-up finds the buckets and changes nothing
    const { Buckets } = await storage.client.send(new ListBucketsCommand({}))
    const names = (Buckets ?? []).map((b) => b.Name)
    expect(names).toEqual(expect.arrayContaining(['studio-a-pictures', 'studio-a-movies', 'studio-a-files']))
    await storage.put('pictures', 'thumbnails-square-6f1c', Buffer.from('s'))
    const head = await storage.client.send(new HeadObjectCommand({ Bucket: 'studio-a-pictures', Key: 'thumbnails-square-6f1c' }))
    expect(head.ContentLength).toBe(1)
  })

  it('is what createStorage picks with FS_BACKEND=s3', async () => {
    const config = loadConfig({ SLATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'slate-storage-')), ...s3.env, FS_BUCKET_PREFIX: 'cfg-' })
    const storage = await createStorage(config)
    expect(storage).toBeInstanceOf(S3Storage)
    await storage.init()
    await storage.put('files', 'attachments-1234', Buffer.from('via config'))
    expect(await text(await storage.get('files', 'attachments-1234'))).toBe('via config')
    await storage.close?.()
  })

  it('refuses to start when a bucket is missing and FS_S3_CREATE_BUCKET is off', async () => {
    const storage = new S3Storage(s3Config({ createBucket: false }), 'never-created-')
    await expect(storage.init()).rejects.toThrow(/S3 bucket "never-created-pictures" does not exist .* FS_S3_CREATE_BUCKET is off/)
    await storage.close()
  })

  it('gives a clear start-up error when the S3 server cannot be reached', async () => {
    // A port that was free a moment ago: connections are refused.
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port
        srv.close(() => resolve(p))
      })
    })
    const storage = new S3Storage(s3Config({ endpoint: `http://127.0.0.1:${port}` }), 'x-')
    const err = await storage.init().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StorageInitError)
    expect(String((err as Error).message)).toContain(`S3 storage unusable: bucket "x-pictures" at http://127.0.0.1:${port}`)
    await storage.close()
  })

  it('gives up with a clear error when the S3 server accepts connections but never answers', async () => {
    const sockets = new Set<import('node:net').Socket>()
    const silent = createServer((socket) => { sockets.add(socket) })
    const port = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)))
    const storage = new S3Storage(s3Config({ endpoint: `http://127.0.0.1:${port}` }), 'x-', 300)
    try {
      const err = await storage.init().catch((e: unknown) => e)
      expect(err).toBeInstanceOf(StorageInitError)
      expect(String((err as Error).message)).toMatch(/S3 storage unusable: bucket "x-pictures" .*: no answer in time/)
    } finally {
      await storage.close()
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})
