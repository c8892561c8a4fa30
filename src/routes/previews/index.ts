// routes.md §9: serving preview files (movies, pictures, tiles, downloads) and the attachment
// thumbnails; the preview actions are in actions.ts. The upload, avatar and background routes
// live in routes/preview-uploads.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import type { PreviewVariant } from '../../services/previews/serve.ts'
import { downloadOriginal, serveAttachmentThumbnail, serveOriginalByExtension, servePreview } from '../../services/previews/files.ts'
import actionRoutes from './actions.ts'
import { AttachmentParams, ExtensionParams, InstanceParams } from './schemas.ts'

const tags = ['previews']

const VARIANT_ROUTES: Array<[string, PreviewVariant, boolean]> = [
  ['/movies/originals/preview-files/:instance_id.mp4', 'movie', false],
  ['/movies/originals/preview-files/:instance_id/download', 'movie', true],
  ['/movies/low/preview-files/:instance_id.mp4', 'movie-low', false],
  ['/movies/source/preview-files/:instance_id.mp4', 'movie-source', false],
  ['/movies/tiles/preview-files/:instance_id.png', 'tile', false],
  ['/pictures/thumbnails/preview-files/:instance_id.png', 'thumbnail', false],
  ['/pictures/thumbnails-square/preview-files/:instance_id.png', 'thumbnail-square', false],
  ['/pictures/originals/preview-files/:instance_id.png', 'original', false],
  ['/pictures/previews/preview-files/:instance_id.png', 'preview', false],
]

export default async function previewsRoutes(app: FastifyInstance) {
  for (const [path, variant, download] of VARIANT_ROUTES) {
    app.get<{ Params: InstanceParams }>(path, {
      schema: { tags, params: InstanceParams },
      config: { access: 'user' },
    }, (req, reply) => servePreview(createCtx(app, req), { req, reply }, req.params.instance_id, variant, { download }))
  }

  app.get<{ Params: ExtensionParams }>('/pictures/originals/preview-files/:instance_id.:extension', {
    schema: { tags, params: ExtensionParams },
    config: { access: 'user' },
  }, (req, reply) => serveOriginalByExtension(createCtx(app, req), { req, reply }, req.params.instance_id, req.params.extension))

  app.get<{ Params: InstanceParams }>('/pictures/originals/preview-files/:instance_id/download', {
    schema: { tags, params: InstanceParams },
    config: { access: 'user' },
  }, (req, reply) => downloadOriginal(createCtx(app, req), { req, reply }, req.params.instance_id))

  app.get<{ Params: AttachmentParams }>('/pictures/thumbnails/attachment-files/:attachment_file_id.png', {
    schema: { tags, params: AttachmentParams },
    config: { access: 'user' },
  }, (req, reply) => serveAttachmentThumbnail(createCtx(app, req), { req, reply }, req.params.attachment_file_id))

  await app.register(actionRoutes)
}
