// routes.md §5: comment attachments — add, delete, download (comment and chat attachments),
// and the admin listings per project and per task.
import type { FastifyInstance } from 'fastify'
import { uploadsOf } from '../../lib/multipart.ts'
import { depsOf } from '../../services/write-scope.ts'
import {
  addAttachments, deleteAttachment, downloadAttachment, projectAttachmentFiles, taskAttachmentFiles,
} from '../../services/comments-files.ts'
import { AttachmentEntries, AttachmentParams, CommentParams, DownloadParams, Empty, ProjectParams, TaskParams } from './schemas.ts'

const tags = ['comments']
const AttachmentRows = { type: 'array', items: { $ref: 'AttachmentFile#' } } as const

// Registered inside the comments plugin: its form parsers apply here too.
export default async function attachmentRoutes(app: FastifyInstance) {
  app.post<{ Params: CommentParams }>('/actions/tasks/:task_id/comments/:comment_id/add-attachment', {
    schema: { tags, params: CommentParams, response: { 201: AttachmentEntries } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const entries = await addAttachments(depsOf(app, req), req.params.task_id, req.params.comment_id, uploadsOf(req))
    return reply.code(201).send(entries)
  })

  app.delete<{ Params: AttachmentParams }>('/data/tasks/:task_id/comments/:comment_id/attachments/:attachment_file_id', {
    schema: { tags, params: AttachmentParams, response: { 204: Empty } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const { task_id, comment_id, attachment_file_id } = req.params
    await deleteAttachment(depsOf(app, req), task_id, comment_id, attachment_file_id)
    return reply.code(204).send()
  })

  app.get<{ Params: DownloadParams }>('/data/attachment-files/:attachment_file_id/file/:file_name', {
    schema: { tags, params: DownloadParams },
    config: { access: 'user' },
  }, (req, reply) => downloadAttachment(depsOf(app, req), req, reply, req.params.attachment_file_id))

  app.get<{ Params: ProjectParams }>('/data/projects/:project_id/attachment-files', {
    schema: { tags, params: ProjectParams, response: { 200: AttachmentRows } },
    config: { access: 'admin' },
  }, (req) => projectAttachmentFiles(depsOf(app, req), req.params.project_id))

  app.get<{ Params: TaskParams }>('/data/tasks/:task_id/attachment-files', {
    schema: { tags, params: TaskParams, response: { 200: AttachmentRows } },
    config: { access: 'admin' },
  }, (req) => taskAttachmentFiles(depsOf(app, req), req.params.task_id))
}
