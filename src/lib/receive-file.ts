// Multipart uploads streamed to TMP_DIR (never held in memory): each file part goes to its own
// temp file named by the server (the client's name is only reported, never used as a path),
// capped at MAX_CONTENT_LENGTH (413). On any failure every temp file written so far is
// removed; on success the caller owns them (and must remove them).
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm, statfs } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { FastifyRequest } from 'fastify'
import { AppError, malformedRequest, tooLarge, wrongParameter } from './errors.ts'

export interface ReceivedFile {
  path: string
  /** The client's file name, reduced to its base name. */
  filename: string
  size: number
}

export interface ReceivedPart extends ReceivedFile {
  field: string
  mimetype: string
}

export interface ReceiveOptions {
  tmpDir: string
  /** MAX_CONTENT_LENGTH; 0 = no cap. */
  maxBytes: number
  /** Which file fields to keep (others are drained and dropped); default: all. */
  keep?: (field: string) => boolean
}

export const fileNotProvided = () => wrongParameter('File not provided.')

/** The client's name without directory parts or control characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\x00-\x1f\x7f]/g, '').trim()
}

/** Refuses a declared body larger than the cap or than the free space of TMP_DIR, before reading it. */
async function checkDeclaredLength(req: FastifyRequest, opts: ReceiveOptions): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (!Number.isFinite(declared)) return
  if (opts.maxBytes > 0 && declared > opts.maxBytes + 64 * 1024) throw tooLarge()
  const fs = await statfs(opts.tmpDir).catch(() => null)
  if (fs && declared > Number(fs.bavail) * Number(fs.bsize)) {
    throw new AppError(413, { error: true, message: 'Not enough free space to receive this file.' })
  }
}

/** Text fields (first value wins) and file parts of a multipart request, files written to TMP_DIR. */
export async function receiveParts(req: FastifyRequest, opts: ReceiveOptions): Promise<{ fields: Record<string, string>; files: ReceivedPart[] }> {
  if (!req.isMultipart()) return { fields: {}, files: [] }
  await mkdir(opts.tmpDir, { recursive: true })
  await checkDeclaredLength(req, opts)
  const fields: Record<string, string> = {}
  const files: ReceivedPart[] = []
  const limits = opts.maxBytes > 0 ? { fileSize: opts.maxBytes } : {}
  try {
    for await (const part of req.parts({ limits })) {
      if (part.type === 'field') {
        if (!(part.fieldname in fields)) fields[part.fieldname] = String(part.value ?? '')
        continue
      }
      const filename = safeFileName(part.filename ?? '')
      if (!filename || (opts.keep && !opts.keep(part.fieldname))) {
        part.file.resume()
        continue
      }
      const path = join(opts.tmpDir, `upload-${randomUUID()}.tmp`)
      const received: ReceivedPart = { path, filename, size: 0, field: part.fieldname, mimetype: part.mimetype }
      files.push(received)
      part.file.on('data', (chunk: Buffer) => { received.size += chunk.length })
      await pipeline(part.file, createWriteStream(path))
      if (part.file.truncated) throw tooLarge()
    }
  } catch (err) {
    await Promise.allSettled(files.map((f) => rm(f.path, { force: true })))
    const code = (err as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') throw tooLarge()
    if (err instanceof AppError) throw err
    if (code === 'ENOSPC') throw new AppError(413, { error: true, message: 'Not enough free space to receive this file.' })
    throw malformedRequest()
  }
  return { fields, files }
}

/** The one file of field `file` (Zou's upload routes); any other part is dropped. */
export async function receiveFile(req: FastifyRequest, opts: Omit<ReceiveOptions, 'keep'>, field = 'file'): Promise<ReceivedFile> {
  const { files } = await receiveParts(req, { ...opts, keep: (name) => name === field })
  const [first, ...extra] = files
  await Promise.allSettled(extra.map((f) => rm(f.path, { force: true })))
  if (!first) throw fileNotProvided()
  return { path: first.path, filename: first.filename, size: first.size }
}

/** Removes temp files, ignoring the ones already gone. */
export async function removeTemp(...paths: string[]): Promise<void> {
  await Promise.allSettled(paths.map((p) => rm(p, { force: true, recursive: true })))
}
