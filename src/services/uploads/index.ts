// Resumable uploads (issue 8): the services behind the tus routes, the upload record and
// the output file bytes. The protocol itself is in tus.ts, the completion in complete.ts.
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Ctx } from '../../crud/context.ts'
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.ts'
import { sendStoredFile } from '../../lib/file-response.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import { checkTargetAccess, parseMetadata, readTarget, requireOutputFileAccess } from './targets.ts'
import { deleteUpload, findUpload, insertUpload, markFailed, recordOffset, serializeUpload, type UploadRow } from './records.ts'
import { STORED_KEY_PREFIX } from './complete.ts'
import type { Uploads } from './tus.ts'

export { createUploads, type Uploads } from './tus.ts'

const TUS_VERSION = '1.0.0'

const prefixOf = (req: FastifyRequest) => (req.originalUrl.startsWith('/api/') ? '/api' : '')

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** The declared total size: required (no deferred length), within MAX_CONTENT_LENGTH. */
function uploadLength(ctx: Ctx, req: FastifyRequest): number {
  const raw = header(req, 'upload-length')
  if (raw === undefined) throw invalid('Upload-Length header required (deferred lengths are not supported).')
  if (!/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw invalid('Invalid Upload-Length header.')
  const size = Number(raw)
  const max = ctx.config.maxContentLength
  if (max > 0 && size > max) throw new AppError(413, { error: true, message: `The upload exceeds the size limit of ${max} bytes.` })
  return size
}

function requireTusVersion(req: FastifyRequest): void {
  if (header(req, 'tus-resumable') !== TUS_VERSION) {
    throw new AppError(412, { error: true, message: `Tus-Resumable: ${TUS_VERSION} header required.` })
  }
}

/**
 * POST /uploads (tus creation): headers, metadata, target and right are checked before tus
 * sees the request, so a refused upload stores nothing; then the record is written and tus
 * creates the upload (and takes the body of a creation-with-upload).
 */
export async function createUpload(ctx: Ctx, uploads: Uploads, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  requireTusVersion(req)
  if (header(req, 'upload-concat') !== undefined) throw invalid('Concatenation of uploads is not supported.')
  const size = uploadLength(ctx, req)
  const target = readTarget(parseMetadata(header(req, 'upload-metadata')))
  await checkTargetAccess(ctx, target)
  const id = randomUUID()
  await insertUpload(ctx.pool, { id, personId: ctx.actor.id, targetType: target.type, targetId: target.id, filename: target.filename, size })
  await uploads.handle(req, reply, { ctx, id, prefix: prefixOf(req) })
  if (reply.raw.statusCode !== 201) {
    await uploads.discard(id)
    await deleteUpload(ctx.pool, id)
    return
  }
  const offset = await uploads.offsetOf(id)
  if (offset) await recordOffset(ctx.pool, id, offset)
}

/** The caller's own upload: only its creator may send, query or end it. */
async function ownUpload(ctx: Ctx, id: string): Promise<UploadRow> {
  const upload = isUuid(id) ? await findUpload(ctx.pool, id) : null
  if (!upload) throw notFound()
  if (upload.person_id !== ctx.actor.id) throw forbidden()
  return upload
}

/** PATCH /uploads/:id: bytes at Upload-Offset; the record follows, whether the request ends or is cut. */
export async function patchUpload(ctx: Ctx, uploads: Uploads, id: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  requireTusVersion(req)
  const upload = await ownUpload(ctx, id)
  if (upload.status !== 'uploading') throw new AppError(409, { error: true, message: 'The upload is complete.' })
  await uploads.handle(req, reply, { ctx, id: upload.id, prefix: prefixOf(req) })
  const offset = await uploads.offsetOf(upload.id)
  if (offset) await recordOffset(ctx.pool, upload.id, offset)
}

/**
 * HEAD /uploads/:id: tus answers while bytes are coming; afterwards the record does (tus has
 * dropped its files): complete for a processed upload, 410 Gone for a failed one.
 */
export async function headUpload(ctx: Ctx, uploads: Uploads, id: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const upload = await ownUpload(ctx, id)
  if (upload.status === 'uploading') return uploads.handle(req, reply, { ctx, id: upload.id, prefix: prefixOf(req) })
  reply.header('tus-resumable', TUS_VERSION).header('cache-control', 'no-store')
    .header('access-control-expose-headers', 'Tus-Resumable, Upload-Offset, Upload-Length')
  if (upload.status === 'failed') return void reply.code(410).send()
  reply.header('upload-offset', String(upload.size)).header('upload-length', String(upload.size))
  return void reply.code(200).send()
}

/** DELETE /uploads/:id (tus termination) of an unfinished upload; the record says `failed`. */
export async function terminateUpload(ctx: Ctx, uploads: Uploads, id: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  requireTusVersion(req)
  const upload = await ownUpload(ctx, id)
  if (upload.status !== 'uploading') throw invalid('Cannot terminate an already completed upload.')
  await uploads.handle(req, reply, { ctx, id: upload.id, prefix: prefixOf(req) })
  if (reply.raw.statusCode === 204) await markFailed(ctx.pool, upload.id, 'Upload terminated by the client.')
}

/** GET /data/uploads/:id: the record, for its creator or an admin. */
export async function getUploadRecord(ctx: Ctx, id: string): Promise<Row> {
  const upload = isUuid(id) ? await findUpload(ctx.pool, id) : null
  if (!upload) throw notFound()
  if (upload.person_id !== ctx.actor.id && !ctx.isAdmin) throw forbidden()
  return serializeUpload(upload)
}

/** GET /data/output-files/:id/file: the bytes stored by an upload (PA on the entity's project). */
export async function sendOutputFile(ctx: Ctx, id: string, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const output = await requireOutputFileAccess(ctx, id)
  const downloadName = output.path?.split(/[\\/]/).pop() || `${output.name}${output.extension ?? ''}`
  return sendStoredFile(req, reply, ctx.storage, {
    bucket: 'files',
    key: `${STORED_KEY_PREFIX['output-file']}-${output.id}`,
    mimetype: 'application/octet-stream',
    // The object's own time: the row does not change when its bytes do.
    updatedAt: null,
    downloadName,
    inline: false,
  })
}
