// routes.md §9: batch comments, as JSON `{"comments": [...]}` or multipart (form field
// `comments` + `preview_file-<i>` / `attachment_file-<i>` files streamed to TMP_DIR).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { receiveParts } from '../../lib/receive-file.ts'
import { depsOf } from '../../services/write-scope.ts'
import { checkBatchTask, postBatchComments, type BatchInput } from '../../services/previews/batch-comments.ts'
import { OpenObjects, TaskParams } from './schemas.ts'

const tags = ['previews']

export default async function batchCommentRoutes(app: FastifyInstance) {
  async function input(req: FastifyRequest): Promise<BatchInput> {
    if (!req.isMultipart()) return { comments: (req.body as { comments?: unknown } | null)?.comments, files: [] }
    const { fields, files } = await receiveParts(req, { tmpDir: app.config.tmpDir, maxBytes: app.config.maxContentLength })
    return { comments: fields.comments, files }
  }

  app.post<{ Params: TaskParams }>('/actions/tasks/:task_id/batch-comment', {
    schema: { tags, params: TaskParams, response: { 201: OpenObjects } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const deps = depsOf(app, req)
    await checkBatchTask(deps, req.params.task_id)
    return reply.code(201).send(await postBatchComments(deps, req.params.task_id, await input(req)))
  })

  app.post('/actions/tasks/batch-comment', {
    schema: { tags, response: { 201: OpenObjects } },
    config: { access: 'user' },
  }, async (req, reply) => reply.code(201).send(await postBatchComments(depsOf(app, req), null, await input(req))))
}
