// Serving a stored object the way Zou's send_file does: Content-Type from the row, inline or
// forced download, conditional GET (ETag + Last-Modified from the row's updated_at, 304 on a
// match) and a Cache-Control max-age. A missing object is a 404. Single byte ranges (movie
// seeking, resumed downloads) answer 206 streamed from the storage's ranged read.
import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { StorageNotFoundError, type Bucket, type ByteRange, type Storage, type StoredObject } from '../storage/index.ts'
import { notFound } from './errors.ts'

/** Picture types a browser may show inline; anything else is forced to download (stored XSS). */
export const INLINE_MIMETYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/avif'])

export const CLIENT_CACHE_MAX_AGE = 604800

export interface StoredFile {
  bucket: Bucket
  key: string
  /** The object's size and date when the caller has just read them. */
  stored?: StoredObject
  mimetype: string
  /** The row's updated_at (validators); null: the object's modification time. */
  updatedAt: Date | null
  /** The name offered when the file is downloaded rather than shown. */
  downloadName: string
  inline: boolean
  /** Default `max-age=<CLIENT_CACHE_MAX_AGE>`; previews send `private, max-age=…`. */
  cacheControl?: string
}

const quoted = (name: string) => name.replace(/["\\\r\n]/g, '_')

/**
 * The one range a `Range` header asks for (RFC 9110 §14): `bytes=a-b`, `a-`, `-n`.
 * null: serve the whole file (no header, another unit, bad syntax, or several ranges:
 * a server may ignore Range, and browsers and players only ever send one);
 * 'unsatisfiable': no byte of the file is in the range (416).
 */
export function parseRange(header: string | undefined, size: number): Required<ByteRange> | 'unsatisfiable' | null {
  if (!header) return null
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!m || (m[1] === '' && m[2] === '')) return null
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(m[1])
  const end = m[2] === '' ? Number.MAX_SAFE_INTEGER : Number(m[2])
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end: Math.min(end, size - 1) }
}

/** If-Range: the range applies only while the validator still matches (strong ETag or exact date). */
function ifRangeMatches(value: string | undefined, etag: string, modified: Date): boolean {
  if (value === undefined) return true
  const v = value.trim()
  if (v.startsWith('"') || v.startsWith('W/')) return v === etag
  const date = Date.parse(v)
  return !Number.isNaN(date) && date === modified.getTime()
}

async function openStored(storage: Storage, file: StoredFile, range?: ByteRange) {
  try {
    return await storage.get(file.bucket, file.key, range)
  } catch (err) {
    if (err instanceof StorageNotFoundError) throw notFound() // removed between stat and read
    throw err
  }
}

export async function sendStoredFile(req: FastifyRequest, reply: FastifyReply, storage: Storage, file: StoredFile) {
  const stat = file.stored ?? await storage.stat(file.bucket, file.key)
  if (!stat) throw notFound()
  const modified = new Date(Math.floor((file.updatedAt ?? stat.modifiedAt).getTime() / 1000) * 1000)
  const etag = `"${modified.getTime().toString(16)}-${stat.size.toString(16)}"`
  reply.header('etag', etag)
  reply.header('last-modified', modified.toUTCString())
  reply.header('cache-control', file.cacheControl ?? `max-age=${CLIENT_CACHE_MAX_AGE}`)
  const ifNoneMatch = req.headers['if-none-match']
  const ifModifiedSince = req.headers['if-modified-since']
  const fresh = ifNoneMatch !== undefined
    ? ifNoneMatch.split(',').map((s) => s.trim()).includes(etag)
    : ifModifiedSince !== undefined && !Number.isNaN(Date.parse(ifModifiedSince)) && Date.parse(ifModifiedSince) >= modified.getTime()
  if (fresh) return reply.code(304).send()
  const disposition = file.inline ? 'inline' : 'attachment'
  reply.header('content-disposition', `${disposition}; filename="${quoted(file.downloadName)}"; filename*=UTF-8''${encodeURIComponent(file.downloadName)}`)
  reply.header('content-type', file.mimetype || 'application/octet-stream')
  reply.header('accept-ranges', 'bytes')
  let range = parseRange(req.headers.range, stat.size)
  if (range && !ifRangeMatches(req.headers['if-range'] as string | undefined, etag, modified)) range = null
  if (range === 'unsatisfiable') {
    reply.removeHeader('content-disposition')
    return reply.code(416).header('content-range', `bytes */${stat.size}`).type('application/json')
      .send({ error: true, message: 'Requested range not satisfiable.' })
  }
  if (range) {
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`)
    reply.header('content-length', range.end - range.start + 1)
  } else {
    reply.header('content-length', stat.size)
  }
  // HEAD: headers only (Fastify would drain a real body to the end, a whole movie from S3).
  if (req.method === 'HEAD') return reply.send(Readable.from([]))
  return reply.send(await openStored(storage, file, range ?? undefined))
}
