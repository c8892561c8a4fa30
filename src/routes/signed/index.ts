// Signed download links (not in Zou): minting for a preview variant or an attachment (JWT,
// the file's read rule), and serving a link without a JWT (byte ranges included).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { attachmentSignedLink, previewSignedLink, sendSignedFile } from '../../services/signed-downloads.ts'
import { AttachmentParams, LinkQuery, PreviewParams, SignedLink, TokenParams } from './schemas.ts'

const tags = ['files']

export default async function signedRoutes(app: FastifyInstance) {
  app.get<{ Params: PreviewParams; Querystring: LinkQuery }>('/data/preview-files/:preview_file_id/signed-url', {
    schema: { tags, params: PreviewParams, querystring: LinkQuery, response: { 200: SignedLink } },
    config: { access: 'user' },
  }, (req) => previewSignedLink(createCtx(app, req), app.storage, req.params.preview_file_id, req.query))

  app.get<{ Params: AttachmentParams; Querystring: LinkQuery }>('/data/attachment-files/:attachment_file_id/signed-url', {
    schema: { tags, params: AttachmentParams, querystring: LinkQuery, response: { 200: SignedLink } },
    config: { access: 'user' },
  }, (req) => attachmentSignedLink(createCtx(app, req), app.storage, req.params.attachment_file_id, req.query))

  app.get<{ Params: TokenParams }>('/signed-files/:token', {
    schema: { tags, params: TokenParams },
    config: { access: 'public' },
  }, (req, reply) => sendSignedFile(app.config, app.storage, req, reply, req.params.token))
}
