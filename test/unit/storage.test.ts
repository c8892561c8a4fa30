// The storage contract, run against every backend available (local now; S3 joins later),
// plus the local backend's Zou folder layout.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { afterAll, describe, expect, it } from 'vitest'
import { LocalStorage } from '../../src/storage/local.ts'
import { StorageKeyError, type Storage } from '../../src/storage/index.ts'

const roots: string[] = []
function localStorage(): { storage: LocalStorage; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'slate-storage-'))
  roots.push(root)
  return { storage: new LocalStorage(root), root }
}
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }) })

const backends: Array<[string, () => Storage]> = [['local', () => localStorage().storage]]

describe.each(backends)('%s storage contract', (_name, make) => {
  const id = '6f1c2a9e-1111-4222-8333-444455556666'

  it('stores a buffer and a stream, reports size, reads them back', async () => {
    const s = make()
    const put = await s.put('pictures', `thumbnails-${id}`, Buffer.from('hello world'))
    expect(put.size).toBe(11)
    await s.put('movies', `previews-${id}`, Readable.from(['chunk-1 ', 'chunk-2']))
    expect(await text(await s.get('pictures', `thumbnails-${id}`))).toBe('hello world')
    expect(await text(await s.get('movies', `previews-${id}`))).toBe('chunk-1 chunk-2')
    expect((await s.stat('movies', `previews-${id}`))?.size).toBe(15)
  })

  it('reads byte ranges (inclusive end), as HTTP range requests need', async () => {
    const s = make()
    await s.put('files', `attachments-${id}`, Buffer.from('0123456789'))
    expect(await text(await s.get('files', `attachments-${id}`, { start: 2, end: 5 }))).toBe('2345')
    expect(await text(await s.get('files', `attachments-${id}`, { start: 7 }))).toBe('789')
  })

  it('tells missing objects apart, and deletes idempotently', async () => {
    const s = make()
    expect(await s.exists('files', `working-${id}`)).toBe(false)
    expect(await s.stat('files', `working-${id}`)).toBeNull()
    await expect(s.get('files', `working-${id}`)).rejects.toThrow()
    await s.put('files', `working-${id}`, Buffer.from('x'))
    expect(await s.exists('files', `working-${id}`)).toBe(true)
    await s.delete('files', `working-${id}`)
    await s.delete('files', `working-${id}`)
    expect(await s.exists('files', `working-${id}`)).toBe(false)
  })

  it('keeps buckets apart', async () => {
    const s = make()
    await s.put('pictures', `previews-${id}`, Buffer.from('picture'))
    await s.put('movies', `previews-${id}`, Buffer.from('movie'))
    expect(await text(await s.get('pictures', `previews-${id}`))).toBe('picture')
    expect(await text(await s.get('movies', `previews-${id}`))).toBe('movie')
  })

  it('refuses keys that could leave the storage', async () => {
    const s = make()
    for (const key of ['../etc-passwd', 'previews-../../x', 'previews-a/b', 'nodash', '', 'previews-']) {
      await expect(s.put('files', key, Buffer.from('x'))).rejects.toBeInstanceOf(StorageKeyError)
    }
  })

  it('replaces an object atomically and leaves no partial file when the source fails', async () => {
    const s = make()
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
})

describe('local storage layout (Zou-compatible)', () => {
  it('splits keys at the first dash into 3+3 character folders', async () => {
    const { storage, root } = localStorage()
    await storage.put('movies', 'previews-6f1c2a9e-aaaa', Buffer.from('m'))
    expect(readFileSync(join(root, 'movies/previews/6f1/c2a/6f1c2a9e-aaaa'), 'utf8')).toBe('m')
    // Zou quirk kept: thumbnails-square-<id> lands under thumbnails/squ/are/.
    await storage.put('pictures', 'thumbnails-square-6f1c', Buffer.from('s'))
    expect(existsSync(join(root, 'pictures/thumbnails/squ/are/square-6f1c'))).toBe(true)
    await storage.put('files', 'dbbackup-2024-01-01.sql.gz', Buffer.from('b'))
    expect(existsSync(join(root, 'files/dbbackup/2024-01-01.sql.gz'))).toBe(true)
  })
})
