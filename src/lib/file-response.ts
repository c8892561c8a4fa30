// Serving a stored object the way Zou's send_file does: Content-Type from the row, inline or
// forced download, conditional GET (ETag + Last-Modified from the row's updated_at, 304 on a
// match) and a Cache-Control max-age. A missing object is a 404.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Bucket, Storage } from '../storage/index.ts'
import { notFound } from './errors.ts'

/** Picture types a browser may show inline; anything else is forced to download (stored XSS). */
export const INLINE_MIMETYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/avif'])

export const CLIENT_CACHE_MAX_AGE = 604800

export interface StoredFile {
  bucket: Bucket
  key: string
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

export async function sendStoredFile(req: FastifyRequest, reply: FastifyReply, storage: Storage, file: StoredFile) {
  const stat = await storage.stat(file.bucket, file.key)
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
  reply.header('content-length', stat.size)
  return reply.send(await storage.get(file.bucket, file.key))
}
