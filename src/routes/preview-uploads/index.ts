// routes.md §9, the writing half of the previews blueprint: the preview upload route, batch
// comments with previews, avatars / project and organisation pictures, and preview
// background files. Multipart bodies are streamed to TMP_DIR (lib/receive-file.ts), never
// buffered; @fastify/multipart is registered here only.
import type { FastifyInstance } from 'fastify'
import multipart from '@fastify/multipart'
import { createCtx } from '../../crud/context.ts'
import { receiveFile } from '../../lib/receive-file.ts'
import { acceptPreviewFile, checkUploadable } from '../../services/previews/accept.ts'
import { defineMovieJob } from '../../services/previews/movie-job.ts'
import { InstanceParams, OpenObject, UploadQuery } from './schemas.ts'
import thumbnailRoutes from './thumbnails.ts'
import batchCommentRoutes from './batch-comments.ts'

const tags = ['previews']

/** Zou's query booleans: only the string "true" (any case) is true; absent → the default. */
export const queryFlag = (value: string | undefined, def: boolean) => (value === undefined ? def : value.toLowerCase() === 'true')

export default async function previewUploadsRoutes(app: FastifyInstance) {
  const max = app.config.maxContentLength
  await app.register(multipart, { limits: { fileSize: max > 0 ? max : Infinity, fields: 100, parts: 1000 } })
  defineMovieJob(app)
  const receive = (req: Parameters<typeof receiveFile>[0]) => receiveFile(req, { tmpDir: app.config.tmpDir, maxBytes: max })

  app.post<{ Params: InstanceParams; Querystring: UploadQuery }>('/pictures/preview-files/:instance_id', {
    schema: { tags, params: InstanceParams, querystring: UploadQuery, response: { 201: OpenObject } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const ctx = createCtx(app, req)
    // Refused before the body is read.
    await checkUploadable(ctx, req.params.instance_id)
    const file = await receive(req)
    const preview = await acceptPreviewFile(ctx, req.params.instance_id, file, {
      normalize: queryFlag(req.query.normalize, true),
      noJob: queryFlag(req.query.no_job, false),
    })
    return reply.code(201).send(preview)
  })

  await app.register(thumbnailRoutes, { receive })
  await app.register(batchCommentRoutes)
}
