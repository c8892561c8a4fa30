// The preview file routes of routes.md §9 (files-and-previews.md §5.5): access check on the
// preview row, then its stored variant streamed with the preview cache rules.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Ctx } from '../../crud/context.ts'
import { notFound, wrongParameter } from '../../lib/errors.ts'
import { isUuid } from '../../lib/serialize.ts'
import { sendStoredFile } from '../../lib/file-response.ts'
import { readableAttachment } from '../comments-files.ts'
import { readablePreview, readableThumbnail } from './access.ts'
import { FILE_EXTENSIONS, PICTURE_EXTENSIONS } from './kinds.ts'
import { downloadVariant, previewDownloadNames, sendPreviewVariant, type PreviewVariant } from './serve.ts'

/** Variants readable with THUMB-READ; the others need PREVIEW-READ. */
const THUMB_VARIANTS: ReadonlySet<PreviewVariant> = new Set(['thumbnail', 'thumbnail-square', 'original'])

type Http = { req: FastifyRequest; reply: FastifyReply }

async function downloadName(ctx: Ctx, id: string): Promise<string> {
  return (await previewDownloadNames(ctx.pool, [id])).get(id)!
}

/** One variant of a preview, inline, or as an attachment with its download name. */
export async function servePreview(ctx: Ctx, http: Http, id: string, variant: PreviewVariant, opts: { download?: boolean } = {}) {
  const row = THUMB_VARIANTS.has(variant) ? await readableThumbnail(ctx, id) : await readablePreview(ctx, id)
  const name = opts.download ? await downloadName(ctx, row.id) : undefined
  return sendPreviewVariant(http.req, http.reply, ctx, row, variant, { downloadName: name })
}

/** GET /pictures/originals/preview-files/:id.:extension — png: the original picture, else the stored file. */
export async function serveOriginalByExtension(ctx: Ctx, http: Http, id: string, extension: string) {
  const ext = extension.toLowerCase()
  if (!PICTURE_EXTENSIONS.has(ext) && !FILE_EXTENSIONS.has(ext)) throw wrongParameter(`Extension not allowed: ${ext}`)
  const row = await readablePreview(ctx, id)
  return sendPreviewVariant(http.req, http.reply, ctx, { ...row, extension: ext }, ext === 'png' ? 'original' : 'file')
}

/** GET /pictures/originals/preview-files/:id/download — the row's own file, as an attachment. */
export async function downloadOriginal(ctx: Ctx, http: Http, id: string) {
  const row = await readablePreview(ctx, id)
  const name = await downloadName(ctx, row.id)
  return sendPreviewVariant(http.req, http.reply, ctx, row, downloadVariant(row.extension), { downloadName: name })
}

/** GET /pictures/thumbnails/attachment-files/:id.png — access as the attachment download. */
export async function serveAttachmentThumbnail(ctx: Ctx, http: Http, attachmentId: string) {
  if (!isUuid(attachmentId)) throw notFound()
  const file = await readableAttachment(ctx, attachmentId)
  return sendStoredFile(http.req, http.reply, ctx.storage, {
    ...file,
    bucket: 'pictures',
    key: `thumbnails-${attachmentId}`,
    mimetype: 'image/png',
    downloadName: `${attachmentId}.png`,
    inline: true,
    cacheControl: `private, max-age=${ctx.config.clientCacheMaxAge}`,
  })
}
