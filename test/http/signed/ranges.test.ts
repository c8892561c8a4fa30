// HTTP byte ranges on stored files, through a real route (comment attachment downloads):
// 206 with the exact slice, 416 outside the file, whole-file fallbacks (several ranges,
// If-Range mismatch, bad syntax), and conditional GET still answering 304 first.
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { parseRange } from '../../../src/lib/file-response.ts'
import { bytes, storeAttachment } from './helpers.ts'

const file = useFileAppWithProduction()
const SIZE = 100_000
const data = bytes(SIZE)
let url = ''

async function get(headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  if (!url) {
    const id = await storeAttachment(file.t.app, file.manager, file.prod.task.id, file.prod.status.id, { name: 'take.bin', type: 'application/octet-stream', data })
    url = `/data/attachment-files/${id}/file/take.bin`
  }
  return file.t.app.inject({ method, url, headers: { ...file.manager.headers, ...headers } })
}

describe('range requests on a stored file', () => {
  it('announces ranges and sends the whole file without a Range header', async () => {
    const res = await get()
    expect(res.statusCode).toBe(200)
    expect(res.headers['accept-ranges']).toBe('bytes')
    expect(res.headers['content-length']).toBe(String(SIZE))
    expect(res.rawPayload.equals(data)).toBe(true)
  })

  it.each([
    ['bytes=0-9', 0, 9],
    ['bytes=1000-1999', 1000, 1999],
    ['bytes=99999-99999', 99999, 99999],
    ['bytes=99990-', 99990, 99999],
    ['bytes=-10', 99990, 99999],
    ['bytes=50000-200000', 50000, 99999],
    ['bytes=-200000', 0, 99999],
  ])('%s → 206 with exactly that slice', async (range, start, end) => {
    const res = await get({ range })
    expect(res.statusCode).toBe(206)
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`)
    expect(res.headers['content-length']).toBe(String(end - start + 1))
    expect(res.rawPayload.equals(data.subarray(start, end + 1))).toBe(true)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="take.bin"/)
  })

  it.each(['bytes=100000-', 'bytes=200000-300000', 'bytes=-0'])('%s → 416 with the size', async (range) => {
    const res = await get({ range })
    expect(res.statusCode).toBe(416)
    expect(res.headers['content-range']).toBe(`bytes */${SIZE}`)
    expect(res.json()).toEqual({ error: true, message: 'Requested range not satisfiable.' })
  })

  it.each(['bytes=0-9,20-29', 'bytes=abc', 'bytes=9-0', 'items=0-9'])('%s → the whole file (200)', async (range) => {
    const res = await get({ range })
    expect(res.statusCode).toBe(200)
    expect(res.rawPayload.length).toBe(SIZE)
  })

  it('honours If-Range: a matching ETag or date keeps the range, a stale one gets the whole file', async () => {
    const first = await get()
    const etag = String(first.headers.etag)
    const lastModified = String(first.headers['last-modified'])
    expect((await get({ range: 'bytes=0-1', 'if-range': etag })).statusCode).toBe(206)
    expect((await get({ range: 'bytes=0-1', 'if-range': lastModified })).statusCode).toBe(206)
    const stale = await get({ range: 'bytes=0-1', 'if-range': '"0-0"' })
    expect(stale.statusCode).toBe(200)
    expect(stale.rawPayload.length).toBe(SIZE)
    expect((await get({ range: 'bytes=0-1', 'if-range': 'Mon, 01 Jan 2001 00:00:00 GMT' })).statusCode).toBe(200)
  })

  it('answers 304 to a matching conditional GET, Range or not', async () => {
    const first = await get()
    const etag = String(first.headers.etag)
    expect((await get({ 'if-none-match': etag })).statusCode).toBe(304)
    const ranged = await get({ 'if-none-match': etag, range: 'bytes=0-9' })
    expect(ranged.statusCode).toBe(304)
    expect(ranged.rawPayload.length).toBe(0)
    expect((await get({ 'if-modified-since': String(first.headers['last-modified']) })).statusCode).toBe(304)
  })

  it('answers HEAD with the headers only', async () => {
    const whole = await get({}, 'HEAD')
    expect(whole.statusCode).toBe(200)
    expect(whole.headers['content-length']).toBe(String(SIZE))
    expect(whole.rawPayload.length).toBe(0)
    const ranged = await get({ range: 'bytes=10-19' }, 'HEAD')
    expect(ranged.statusCode).toBe(206)
    expect(ranged.headers['content-range']).toBe(`bytes 10-19/${SIZE}`)
    expect(ranged.headers['content-length']).toBe('10')
  })
})

describe('parseRange', () => {
  it('reads the three forms and refuses what falls outside the file', () => {
    expect(parseRange('bytes=0-0', 1)).toEqual({ start: 0, end: 0 })
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable')
    expect(parseRange('bytes=-5', 0)).toBe('unsatisfiable')
    expect(parseRange('bytes=-5', 3)).toEqual({ start: 0, end: 2 })
    expect(parseRange(' bytes = 2 - 4 ', 10)).toEqual({ start: 2, end: 4 })
    expect(parseRange('bytes=-', 10)).toBeNull()
    expect(parseRange(undefined, 10)).toBeNull()
  })
})
