// routes.md §5: the comments blueprint — posting comments (single, many), acknowledgements,
// replies, moves; the attachment routes are in attachments.ts.
import type { FastifyInstance } from 'fastify'
import { acceptForms, formValues, uploadsOf } from '../../lib/multipart.ts'
import { depsOf } from '../../services/write-scope.ts'
import { postComment, postManyComments } from '../../services/comments.ts'
import { acknowledgeComment, deleteReply, replyToComment } from '../../services/comments-threads.ts'
import { moveComment } from '../../services/comments-move.ts'
import attachmentRoutes from './attachments.ts'
import {
  CommentBody, CommentParams, MoveBody, OpenObject, OpenObjects, ProjectParams, ReplyBody, ReplyParams, TaskParams,
} from './schemas.ts'

const tags = ['comments']

export default async function commentsRoutes(app: FastifyInstance) {
  acceptForms(app)

  app.post<{ Params: TaskParams; Body: CommentBody }>('/actions/tasks/:task_id/comment', {
    schema: { tags, params: TaskParams, body: CommentBody, response: { 201: OpenObject } },
    config: { access: 'user' },
    preValidation: formValues,
  }, async (req, reply) => {
    const comment = await postComment(depsOf(app, req), req.params.task_id, req.body, uploadsOf(req))
    return reply.code(201).send(comment)
  })

  app.post<{ Params: ProjectParams }>('/actions/projects/:project_id/tasks/comment-many', {
    schema: { tags, params: ProjectParams, response: { 201: OpenObjects } },
    config: { access: 'user' },
  }, async (req, reply) => reply.code(201).send(await postManyComments(depsOf(app, req), req.params.project_id, req.body)))

  app.post<{ Params: CommentParams }>('/data/tasks/:task_id/comments/:comment_id/ack', {
    schema: { tags, params: CommentParams, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => acknowledgeComment(depsOf(app, req), req.params.task_id, req.params.comment_id))

  app.post<{ Params: CommentParams; Body: ReplyBody }>('/data/tasks/:task_id/comments/:comment_id/reply', {
    schema: { tags, params: CommentParams, body: ReplyBody, response: { 200: OpenObject } },
    config: { access: 'user' },
    preValidation: formValues,
  }, (req) => replyToComment(depsOf(app, req), req.params.task_id, req.params.comment_id, req.body.text ?? '', uploadsOf(req)))

  app.delete<{ Params: ReplyParams }>('/data/tasks/:task_id/comments/:comment_id/reply/:reply_id', {
    schema: { tags, params: ReplyParams, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => deleteReply(depsOf(app, req), req.params.task_id, req.params.comment_id, req.params.reply_id))

  app.post<{ Params: CommentParams; Body: MoveBody }>('/actions/tasks/:task_id/comments/:comment_id/move', {
    schema: { tags, params: CommentParams, body: MoveBody, response: { 200: OpenObject } },
    config: { access: 'manager' },
    preValidation: formValues,
  }, (req) => moveComment(depsOf(app, req), req.params.task_id, req.params.comment_id, req.body.target_task_id))

  await app.register(attachmentRoutes)
}
