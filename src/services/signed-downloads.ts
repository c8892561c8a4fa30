// Signed download links (not in Zou): minted by a caller who may read the file, for one
// preview variant or one attachment, valid for `expires_in` seconds; served to anyone
// holding the link, byte ranges included (movie seeking), without a JWT.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Ctx } from '../crud/context.ts'
import { resolveSecretKey, type Config } from '../config.ts'
import type { Storage } from '../storage/index.ts'
import { AppError, notFound, wrongParameter } from '../lib/errors.ts'
import { sendStoredFile, type StoredFile } from '../lib/file-response.ts'
import { signFile, verifyFile } from '../lib/signed-url.ts'
import { isUuid } from '../lib/serialize.ts'
import { loadTask, requireTaskRead } from './tasks-common.ts'
import { readableAttachment } from './comments-files.ts'
import { previewStoredFile, type PreviewFileVariant } from './previews/serve.ts'

export const MAX_LINK_SECONDS = 7 * 24 * 3600
export const LINK_VARIANTS: readonly PreviewFileVariant[] = [
  'movie', 'movie-low', 'original', 'preview', 'thumbnail', 'thumbnail-square', 'tile', 'file', 'download',
]

export interface SignedLink { url: string; expires_at: string }
export interface LinkQuery { variant?: string; expires_in?: string | number }

function lifetime(config: Config, value: LinkQuery['expires_in']): number {
  if (value === undefined || value === '') return Math.min(config.signedUrlTtl, MAX_LINK_SECONDS)
  const seconds = Number(value)
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_LINK_SECONDS) {
    throw wrongParameter(`expires_in must be a whole number of seconds between 1 and ${MAX_LINK_SECONDS}.`)
  }
  return seconds
}

function mint(config: Config, file: StoredFile, seconds: number): SignedLink {
  const expires = Math.floor(Date.now() / 1000) + seconds
  const token = signFile(resolveSecretKey(config), { ...file, expires })
  return { url: `/api/signed-files/${token}`, expires_at: new Date(expires * 1000).toISOString() }
}

/** PREVIEW-READ: TA on the preview's task; a variant that is not stored is a 404 now, not later. */
export async function previewSignedLink(ctx: Ctx, storage: Storage, previewId: string, query: LinkQuery): Promise<SignedLink> {
  const variant = query.variant as PreviewFileVariant
  if (!LINK_VARIANTS.includes(variant)) throw wrongParameter(`variant must be one of: ${LINK_VARIANTS.join(', ')}.`)
  const seconds = lifetime(ctx.config, query.expires_in)
  if (!isUuid(previewId)) throw notFound()
  const { rows: [preview] } = await ctx.pool.query(
    'SELECT id::text, task_id::text, extension, updated_at FROM preview_file WHERE id = $1', [previewId],
  )
  if (!preview) throw notFound()
  await requireTaskRead(ctx, await loadTask(ctx, preview.task_id))
  const file = await previewStoredFile({ storage, pool: ctx.pool }, preview, variant)
  if (!file) throw notFound()
  return mint(ctx.config, file, seconds)
}

/** The attachment download rule (readableAttachment); missing bytes are a 404 now, not later. */
export async function attachmentSignedLink(ctx: Ctx, storage: Storage, attachmentId: string, query: LinkQuery): Promise<SignedLink> {
  const seconds = lifetime(ctx.config, query.expires_in)
  if (!isUuid(attachmentId)) throw notFound()
  const file = await readableAttachment(ctx, attachmentId)
  if (!(await storage.exists(file.bucket, file.key))) throw notFound()
  return mint(ctx.config, { ...file, updatedAt: null }, seconds)
}

/** GET /signed-files/<token>: no JWT; the token is the permission. */
export async function sendSignedFile(config: Config, storage: Storage, req: FastifyRequest, reply: FastifyReply, token: string) {
  const checked = verifyFile(resolveSecretKey(config), token)
  if (!checked.ok) {
    if (checked.reason === 'expired') throw new AppError(403, { error: true, message: 'This link has expired.' })
    throw new AppError(403, { error: true, message: 'This link is not valid.' })
  }
  const { file } = checked
  const remaining = Math.max(0, file.expires - Math.floor(Date.now() / 1000))
  return sendStoredFile(req, reply, storage, {
    bucket: file.bucket,
    key: file.key,
    mimetype: file.mimetype,
    updatedAt: null,
    downloadName: file.downloadName,
    inline: file.inline,
    cacheControl: `private, max-age=${remaining}`,
  })
}
