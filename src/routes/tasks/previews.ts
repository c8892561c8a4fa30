// Preview actions of the tasks blueprint: preview slots on a comment, removing one, and the
// entity main preview taken from tasks.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { addExtraPreview, addPreview, deletePreview, setTaskMainPreview, setTasksMainPreview } from '../../services/tasks-previews.ts'
import {
  AnyQuery, PreviewBody, PreviewWithComments, TaskCommentParams, TaskCommentPreviewParams, TaskIdsBody, TaskParams,
  emptyBodyIsObject, listOf, ref, tags,
} from './schemas.ts'

export default async function previewRoutes(app: FastifyInstance) {
  app.post<{ Params: TaskCommentParams; Body: PreviewBody }>('/actions/tasks/:task_id/comments/:comment_id/add-preview', {
    schema: { tags, params: TaskCommentParams, body: PreviewBody, response: { 201: PreviewWithComments } },
    preValidation: emptyBodyIsObject,
    config: { access: 'user' },
  }, async (req, reply) => {
    const { task_id, comment_id } = req.params
    return reply.code(201).send(await addPreview(createCtx(app, req), task_id, comment_id, req.body.revision ?? 0))
  })

  const extra = '/actions/tasks/:task_id/comments/:comment_id/preview-files/:preview_file_id'
  app.post<{ Params: TaskCommentPreviewParams }>(extra, {
    schema: { tags, params: TaskCommentPreviewParams, response: { 201: PreviewWithComments } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const { task_id, comment_id, preview_file_id } = req.params
    return reply.code(201).send(await addExtraPreview(createCtx(app, req), task_id, comment_id, preview_file_id))
  })

  app.delete<{ Params: TaskCommentPreviewParams; Querystring: AnyQuery }>(extra, {
    schema: { tags, params: TaskCommentPreviewParams, querystring: AnyQuery },
    config: { access: 'user' },
  }, async (req, reply) => {
    const { task_id, comment_id, preview_file_id } = req.params
    const force = String(req.query.force ?? '').toLowerCase() === 'true'
    await deletePreview(createCtx(app, req), app.storage, task_id, comment_id, preview_file_id, force)
    return reply.code(204).send()
  })

  app.put<{ Body: TaskIdsBody }>('/actions/tasks/set-main-preview', {
    schema: { tags, body: TaskIdsBody, response: { 200: listOf('Entity') } },
    config: { access: 'user' },
  }, (req) => setTasksMainPreview(createCtx(app, req), req.body.task_ids))

  app.put<{ Params: TaskParams }>('/actions/tasks/:task_id/set-main-preview', {
    schema: { tags, params: TaskParams, response: { 200: ref('Entity') } },
    config: { access: 'user' },
  }, (req) => setTaskMainPreview(createCtx(app, req), req.params.task_id))
}
