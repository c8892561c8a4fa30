// routes.md §10.1: the shared blueprint — public guest review of one playlist through a share
// token (no JWT). Every route resolves the token first; (pw) routes check `?password=` too.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { acceptForms, formValues, uploadsOf } from '../../lib/multipart.ts'
import { createGuest, resolveShare, sharedContext, sharedPlaylist } from '../../services/playlists/guest.ts'
import {
  addGuestAttachments, deleteGuestAttachment, deleteGuestComment, editGuestComment, guestAttachmentFile, guestComments, postGuestComment,
} from '../../services/playlists/guest-comments.ts'
import { guestAnnotations, guestPreviewFile, sendGuestPreview } from '../../services/playlists/guest-previews.ts'
import type { PreviewVariant } from '../../services/previews/serve.ts'
import {
  AnnotationsBody, AttachmentParams, CommentBody, CommentParams, EditBody, Empty, FileParams, GuestBody, GuestIdBody, OpenObject,
  OpenObjects, PasswordQuery, PreviewExtParams, PreviewParams, TokenParams,
} from './schemas.ts'

const tags = ['shared']
const base = '/shared/playlists/:token'
const config = { access: 'public' as const }

/** The share of a request; with `pw`, the link's password from the query string is checked. */
const share = (app: FastifyInstance, req: FastifyRequest<{ Params: { token: string } }>, pw = false) =>
  resolveShare(app, req.params.token, pw ? { value: (req.query as PasswordQuery | undefined)?.password } : undefined)

/** guest_id from a JSON body, else from the query string (DELETE bodies are often dropped). */
const guestIdOf = (req: FastifyRequest) =>
  (req.body as { guest_id?: string } | null)?.guest_id ?? (req.query as { guest_id?: string } | undefined)?.guest_id

export default async function sharedPlaylistsRoutes(app: FastifyInstance) {
  acceptForms(app)

  app.get<{ Params: TokenParams; Querystring: PasswordQuery }>(base, {
    schema: { tags, params: TokenParams, querystring: PasswordQuery, response: { 200: OpenObject } }, config,
  }, async (req) => sharedPlaylist(app, await share(app, req, true)))

  app.post<{ Params: TokenParams; Body: GuestBody }>(`${base}/guest`, {
    schema: { tags, params: TokenParams, body: GuestBody, response: { 200: OpenObject, 201: OpenObject } }, config,
  }, async (req, reply) => {
    const [status, person] = await createGuest(app, await share(app, req), req.body ?? {})
    return reply.code(status).send(person)
  })

  app.get<{ Params: TokenParams; Querystring: PasswordQuery }>(`${base}/comments`, {
    schema: { tags, params: TokenParams, querystring: PasswordQuery, response: { 200: OpenObjects } }, config,
  }, async (req) => guestComments(app, await share(app, req, true)))

  app.post<{ Params: TokenParams; Querystring: PasswordQuery; Body: CommentBody }>(`${base}/comments`, {
    schema: { tags, params: TokenParams, querystring: PasswordQuery, body: CommentBody, response: { 201: OpenObject } }, config,
  }, async (req, reply) => reply.code(201).send(await postGuestComment(app, await share(app, req, true), req.body)))

  app.put<{ Params: CommentParams; Body: EditBody }>(`${base}/comments/:comment_id`, {
    schema: { tags, params: CommentParams, body: EditBody, response: { 200: OpenObject } }, config,
  }, async (req) => editGuestComment(app, await share(app, req), req.params.comment_id, req.body))

  app.delete<{ Params: CommentParams }>(`${base}/comments/:comment_id`, {
    schema: { tags, params: CommentParams, response: { 204: Empty } }, config,
  }, async (req, reply) => {
    await deleteGuestComment(app, await share(app, req), req.params.comment_id, guestIdOf(req))
    return reply.code(204).send()
  })

  app.post<{ Params: CommentParams; Body: GuestIdBody }>(`${base}/comments/:comment_id/attachments`, {
    schema: { tags, params: CommentParams, response: { 201: OpenObject } }, config,
    preValidation: formValues,
  }, async (req, reply) => {
    const comment = await addGuestAttachments(app, await share(app, req), req.params.comment_id, guestIdOf(req), uploadsOf(req))
    return reply.code(201).send(comment)
  })

  app.delete<{ Params: AttachmentParams }>(`${base}/comments/:comment_id/attachments/:attachment_file_id`, {
    schema: { tags, params: AttachmentParams, response: { 204: Empty } }, config,
  }, async (req, reply) => {
    const { comment_id, attachment_file_id } = req.params
    await deleteGuestAttachment(app, await share(app, req), comment_id, attachment_file_id, guestIdOf(req))
    return reply.code(204).send()
  })

  app.get<{ Params: FileParams }>(`${base}/attachment-files/:attachment_file_id/file/:file_name`, {
    schema: { tags, params: FileParams }, config,
  }, async (req, reply) => guestAttachmentFile(app, await share(app, req), req, reply, req.params.attachment_file_id))

  app.put<{ Params: TokenParams; Body: AnnotationsBody }>(`${base}/annotations`, {
    schema: { tags, params: TokenParams, body: AnnotationsBody, response: { 200: OpenObject } }, config,
  }, async (req) => guestAnnotations(app, await share(app, req), req.body as never))

  app.get<{ Params: PreviewParams }>(`${base}/preview-files/:preview_file_id`, {
    schema: { tags, params: PreviewParams, response: { 200: OpenObject } }, config,
  }, async (req) => guestPreviewFile(app, await share(app, req), req.params.preview_file_id))

  const variants: Array<[string, PreviewVariant | 'download']> = [
    ['movies/originals/preview-files/:preview_file_id.mp4', 'movie'],
    ['pictures/thumbnails/preview-files/:preview_file_id.png', 'thumbnail'],
    ['pictures/originals/preview-files/:preview_file_id.png', 'original'],
    ['movies/tiles/preview-files/:preview_file_id.png', 'tile'],
    ['preview-files/:preview_file_id/download', 'download'],
  ]
  for (const [path, variant] of variants) {
    app.get<{ Params: PreviewParams }>(`${base}/${path}`, { schema: { tags, params: PreviewParams }, config },
      async (req, reply) => sendGuestPreview(app, await share(app, req), req, reply, req.params.preview_file_id, variant))
  }

  app.get<{ Params: PreviewExtParams }>(`${base}/pictures/originals/preview-files/:preview_file_id.:extension`, {
    schema: { tags, params: PreviewExtParams }, config,
  }, async (req, reply) => sendGuestPreview(app, await share(app, req), req, reply, req.params.preview_file_id, { extension: req.params.extension }))

  app.get<{ Params: TokenParams; Querystring: PasswordQuery }>(`${base}/context`, {
    schema: { tags, params: TokenParams, querystring: PasswordQuery, response: { 200: OpenObject } }, config,
  }, async (req) => sharedContext(app, await share(app, req, true)))
}
