// The bytes of a working file (files-and-previews.md §2.4): files storage key
// `working-<id>`. Uploads stream from the multipart parser to the storage (never buffered);
// the storage writes beside the key and renames, so a failed or oversized upload leaves the
// previous bytes in place.
import { Transform } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type {} from '@fastify/multipart'
import { AppError, malformedRequest, tooLarge } from '../../lib/errors.ts'
import { sendStoredFile } from '../../lib/file-response.ts'
import type { Ctx } from '../../crud/context.ts'
import { readableWorkingFile } from './working-files.ts'
import { workingFileWithRelations } from './common.ts'

const key = (id: string) => `working-${id}`

/** GET /data/working-files/:id/file: TA, then the bytes (conditional, cacheable). */
export async function sendWorkingFile(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: string) {
  const file = await readableWorkingFile(ctx, id)
  const workingFileId = file.id as string
  const stored = await ctx.storage.stat('files', key(workingFileId))
  if (!stored) throw new AppError(404, { error: true, message: `Working file not found for: ${workingFileId}` })
  // Zou dates the bytes by the row, but bytes re-uploaded later (multipart or resumable) do
  // not touch the row: the newer of the two keeps caches from answering 304 on stale bytes.
  const rowDate = (file.updated_at as Date | null) ?? null
  const updatedAt = rowDate && rowDate >= stored.modifiedAt ? rowDate : stored.modifiedAt
  return sendStoredFile(req, reply, ctx.storage, {
    bucket: 'files',
    key: key(workingFileId),
    mimetype: 'application/octet-stream',
    updatedAt,
    downloadName: workingFileId,
    inline: true,
    cacheControl: `max-age=${ctx.config.clientCacheMaxAge}`,
  })
}

/** POST /data/working-files/:id/file: TA, then field `file` streamed to the storage (overwrite). */
export async function storeWorkingFile(ctx: Ctx, req: FastifyRequest, id: string) {
  const file = await readableWorkingFile(ctx, id)
  if (!req.isMultipart()) throw malformedRequest()
  let stored = false
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue
      if (part.fieldname !== 'file' || stored) {
        part.file.resume()
        continue
      }
      // The parser truncates at limits.fileSize: turn that into an error of the stream the
      // storage reads, so the write is abandoned instead of keeping a truncated file.
      // The 'limit' event may have fired before this part was handed over, so the flag is
      // checked again when the source ends, before the storage commits the write.
      const source = part.file
      const guarded = new Transform({
        transform: (chunk, _enc, done) => done(source.truncated ? tooLarge() : null, chunk),
        flush: (done) => done(source.truncated ? tooLarge() : null),
      })
      source.on('limit', () => guarded.destroy(tooLarge()))
      // The storage may attach its pipeline after an await: the error stays on the stream for it.
      guarded.on('error', () => {})
      source.pipe(guarded)
      try {
        await ctx.storage.put('files', key(file.id as string), guarded)
      } catch (err) {
        part.file.resume()
        throw err
      }
      stored = true
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (err as AppError).statusCode === 413) throw tooLarge()
    throw err
  }
  if (!stored) throw malformedRequest()
  return workingFileWithRelations(file)
}
