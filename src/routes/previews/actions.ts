// routes.md §9: preview actions — main preview, position, annotations, frame extraction
// (plain, annotated, zip, PDF, tile) and the admin list of running previews.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Readable } from 'node:stream'
import { createCtx } from '../../crud/context.ts'
import { intArg } from '../../services/tasks-common.ts'
import { wrongParameter } from '../../lib/errors.ts'
import { runningPreviews, setMainPreview, updateAnnotations, updatePosition } from '../../services/previews/actions.ts'
import {
  annotatedFramesPdf, annotatedFramesZip, extractAnnotatedFrame, extractFrame, extractTile,
} from '../../services/previews/frame-routes.ts'
import {
  AnnotatedFrameQuery, AnnotationsBody, bodyFromQuery, FrameArgs, OpenObject, OpenObjects, PositionBody, PreviewParams, RunningQuery, SetMainBody,
} from './schemas.ts'

const tags = ['previews']

const png = (reply: FastifyReply, bytes: Buffer) => reply.header('cache-control', 'no-store').type('image/png').send(bytes)

function attachment(reply: FastifyReply, type: string, name: string, body: Buffer | Readable) {
  const plain = name.replace(/["\\\r\n]/g, '_')
  reply.header('content-disposition', `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(name)}`)
  return reply.header('cache-control', 'no-store').type(type).send(body)
}

export default async function previewActionRoutes(app: FastifyInstance) {
  app.put<{ Params: PreviewParams; Body: SetMainBody }>('/actions/preview-files/:preview_file_id/set-main-preview', {
    schema: { tags, params: PreviewParams, body: SetMainBody, response: { 200: OpenObject } },
    config: { access: 'user' },
    preValidation: bodyFromQuery,
  }, (req) => setMainPreview(createCtx(app, req), req.params.preview_file_id, req.body?.frame_number ?? undefined))

  app.put<{ Params: PreviewParams; Body: PositionBody }>('/actions/preview-files/:preview_file_id/update-position', {
    schema: { tags, params: PreviewParams, body: PositionBody, response: { 200: OpenObjects } },
    config: { access: 'user' },
    preValidation: bodyFromQuery,
  }, (req) => updatePosition(createCtx(app, req), req.params.preview_file_id, req.body?.position ?? 0))

  app.put<{ Params: PreviewParams; Body: AnnotationsBody }>('/actions/preview-files/:preview_file_id/update-annotations', {
    schema: { tags, params: PreviewParams, body: AnnotationsBody, response: { 200: OpenObject } },
    config: { access: 'user' },
    preValidation: bodyFromQuery,
  }, (req) => updateAnnotations(createCtx(app, req), req.params.preview_file_id, req.body ?? {}))

  app.get<{ Params: PreviewParams; Querystring: FrameArgs }>('/actions/preview-files/:preview_file_id/extract-frame', {
    schema: { tags, params: PreviewParams, querystring: FrameArgs },
    config: { access: 'user' },
  }, async (req, reply) => {
    const frame = intArg('frame_number', req.query.frame_number, 0)!
    return png(reply, await extractFrame(createCtx(app, req), req.params.preview_file_id, frame))
  })

  app.get<{ Params: PreviewParams; Querystring: AnnotatedFrameQuery }>('/actions/preview-files/:preview_file_id/extract-annotated-frame', {
    schema: { tags, params: PreviewParams, querystring: AnnotatedFrameQuery },
    config: { access: 'user' },
  }, async (req, reply) => png(reply, await extractAnnotatedFrame(createCtx(app, req), req.params.preview_file_id, req.query.frame_number)))

  app.get<{ Params: PreviewParams }>('/actions/preview-files/:preview_file_id/extract-annotated-frames', {
    schema: { tags, params: PreviewParams },
    config: { access: 'user' },
  }, async (req, reply) => {
    const zip = await annotatedFramesZip(createCtx(app, req), req.params.preview_file_id)
    reply.raw.once('close', () => void zip.cleanup())
    return attachment(reply, 'application/zip', zip.name, zip.stream as Readable)
  })

  app.get<{ Params: PreviewParams }>('/actions/preview-files/:preview_file_id/extract-annotated-frames-pdf', {
    schema: { tags, params: PreviewParams },
    config: { access: 'user' },
  }, async (req, reply) => {
    const pdf = await annotatedFramesPdf(createCtx(app, req), req.params.preview_file_id)
    return attachment(reply, 'application/pdf', pdf.name, pdf.bytes)
  })

  app.get<{ Params: PreviewParams }>('/actions/preview-files/:preview_file_id/extract-tile', {
    schema: { tags, params: PreviewParams },
    config: { access: 'user' },
  }, async (req, reply) => png(reply, await extractTile(createCtx(app, req), req.params.preview_file_id)))

  app.get<{ Querystring: RunningQuery }>('/data/playlists/preview-files/running', {
    schema: { tags, querystring: RunningQuery, response: { 200: OpenObjects } },
    config: { access: 'admin' },
  }, (req) => {
    const limit = intArg('limit', req.query.limit, null)
    if (limit !== null && limit < 0) throw wrongParameter('Wrong value for parameter limit.')
    return runningPreviews(createCtx(app, req), req.query.cursor_preview_file_id || null, limit)
  })
}
