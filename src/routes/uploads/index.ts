// Resumable uploads (tus 1.0) at /uploads (and /api/uploads), their records, and the bytes of
// output files. The tus routes leave bodies unparsed: tus streams them to <TMP_DIR>/tus.
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { createCtx } from '../../crud/context.ts'
import {
  createUpload, createUploads, getUploadRecord, headUpload, patchUpload, sendOutputFile, terminateUpload,
} from '../../services/uploads/index.ts'
import { sweepUploads } from '../../services/uploads/cleanup.ts'
import { UploadRecord } from './schemas.ts'

const UploadParams = Type.Object({ upload_id: Type.String() })
const OutputParams = Type.Object({ output_file_id: Type.String() })
type UploadParams = Static<typeof UploadParams>
type OutputParams = Static<typeof OutputParams>
const tags = ['uploads']

export default async function uploadsRoutes(app: FastifyInstance) {
  const uploads = createUploads(app.config, app.pool, (err) => app.log.error({ err }, 'upload'))
  app.addHook('onClose', () => uploads.drain())
  // Abandoned uploads are failed and their parts removed, hourly (not at start: tests and
  // short-lived CLI processes would pay for it).
  const sweep = setInterval(() => {
    sweepUploads(app.pool, uploads.directory, app.config.uploadExpiry).catch((err) => app.log.error({ err }, 'upload sweep'))
  }, Math.min(3600, app.config.uploadExpiry) * 1000).unref()
  app.addHook('onClose', async () => clearInterval(sweep))

  // Bodies here are tus data (any size): never parsed, never capped by bodyLimit (tus caps them).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (_req, _payload, done) => done(null))

  app.post('/uploads', {
    schema: { tags, summary: 'tus creation: Upload-Length, Upload-Metadata target, id, filename' },
    config: { access: 'user' },
  }, (req, reply) => createUpload(createCtx(app, req), uploads, req, reply))

  app.route<{ Params: UploadParams }>({
    method: 'PATCH', url: '/uploads/:upload_id',
    schema: { tags, params: UploadParams, summary: 'tus: bytes at Upload-Offset' },
    config: { access: 'user' },
    handler: (req, reply) => patchUpload(createCtx(app, req), uploads, req.params.upload_id, req, reply),
  })

  app.route<{ Params: UploadParams }>({
    method: 'HEAD', url: '/uploads/:upload_id',
    schema: { tags, params: UploadParams, summary: 'tus: the current Upload-Offset' },
    config: { access: 'user' },
    handler: (req, reply) => headUpload(createCtx(app, req), uploads, req.params.upload_id, req, reply),
  })

  app.delete<{ Params: UploadParams }>('/uploads/:upload_id', {
    schema: { tags, params: UploadParams, summary: 'tus termination of an unfinished upload' },
    config: { access: 'user' },
  }, (req, reply) => terminateUpload(createCtx(app, req), uploads, req.params.upload_id, req, reply))

  app.get<{ Params: UploadParams }>('/data/uploads/:upload_id', {
    schema: { tags, params: UploadParams, response: { 200: UploadRecord } },
    config: { access: 'user' },
  }, (req) => getUploadRecord(createCtx(app, req), req.params.upload_id))

  app.get<{ Params: OutputParams }>('/data/output-files/:output_file_id/file', {
    schema: { tags: ['files'], params: OutputParams },
    config: { access: 'user' },
  }, (req, reply) => sendOutputFile(createCtx(app, req), req.params.output_file_id, req, reply))
}
