// Routes about one task: its comments, previews, full view, time spents, legacy to-review.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { deleteTaskComment, taskComment, taskComments } from '../../services/tasks-comments.ts'
import { taskPreviews } from '../../services/tasks-previews.ts'
import { fullTask, taskToReview } from '../../services/tasks-project.ts'
import { deleteTimeSpent, taskTimeSpents, writeTimeSpent } from '../../services/tasks-time-spents.ts'
import {
  Open, OpenList, TaskCommentParams, TaskDateParams, TaskDatePersonParams, TaskParams, TimeSpentBody, ToReviewBody,
  emptyBodyIsObject, listOf, ref, tags,
} from './schemas.ts'

export default async function taskRoutes(app: FastifyInstance) {
  app.get<{ Params: TaskParams }>('/data/tasks/:task_id/comments', {
    schema: { tags, params: TaskParams, response: { 200: OpenList } },
    config: { access: 'user' },
  }, (req) => taskComments(createCtx(app, req), req.params.task_id))

  app.get<{ Params: TaskCommentParams }>('/data/tasks/:task_id/comments/:comment_id', {
    schema: { tags, params: TaskCommentParams, response: { 200: ref('Comment') } },
    config: { access: 'user' },
  }, (req) => taskComment(createCtx(app, req), req.params.task_id, req.params.comment_id))

  app.delete<{ Params: TaskCommentParams }>('/data/tasks/:task_id/comments/:comment_id', {
    schema: { tags, params: TaskCommentParams },
    config: { access: 'user' },
  }, async (req, reply) => {
    await deleteTaskComment(createCtx(app, req), req.params.task_id, req.params.comment_id)
    return reply.code(204).send()
  })

  app.get<{ Params: TaskParams }>('/data/tasks/:task_id/previews', {
    schema: { tags, params: TaskParams, response: { 200: listOf('PreviewFile') } },
    config: { access: 'user' },
  }, (req) => taskPreviews(createCtx(app, req), req.params.task_id))

  app.get<{ Params: TaskParams }>('/data/tasks/:task_id/full', {
    schema: { tags, params: TaskParams, response: { 200: Open } },
    config: { access: 'user' },
  }, (req) => fullTask(createCtx(app, req), req.params.task_id))

  app.put<{ Params: TaskParams; Body: ToReviewBody }>('/actions/tasks/:task_id/to-review', {
    schema: { tags, params: TaskParams, body: ToReviewBody, response: { 200: Open } },
    preValidation: emptyBodyIsObject,
    config: { access: 'user' },
  }, (req) => taskToReview(createCtx(app, req), req.params.task_id, req.body))

  app.get<{ Params: TaskParams }>('/actions/tasks/:task_id/time-spents', {
    schema: { tags, params: TaskParams, response: { 200: Open } },
    config: { access: 'user' },
  }, (req) => taskTimeSpents(createCtx(app, req), req.params.task_id))

  app.get<{ Params: TaskDateParams }>('/actions/tasks/:task_id/time-spents/:date', {
    schema: { tags, params: TaskDateParams, response: { 200: Open } },
    config: { access: 'user' },
  }, (req) => taskTimeSpents(createCtx(app, req), req.params.task_id, req.params.date))

  const personDay = '/actions/tasks/:task_id/time-spents/:date/persons/:person_id'
  for (const [url, add] of [[personDay, false], [`${personDay}/add`, true]] as const) {
    app.post<{ Params: TaskDatePersonParams; Body: TimeSpentBody }>(url, {
      schema: { tags, params: TaskDatePersonParams, body: TimeSpentBody, response: { 201: ref('TimeSpent') } },
      config: { access: 'user' },
    }, async (req, reply) => {
      const { task_id, date, person_id } = req.params
      return reply.code(201).send(await writeTimeSpent(createCtx(app, req), task_id, date, person_id, req.body.duration, add))
    })
  }

  // Zou answers 201 (sic) with the deleted row.
  app.delete<{ Params: TaskDatePersonParams }>(personDay, {
    schema: { tags, params: TaskDatePersonParams, response: { 201: ref('TimeSpent') } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const { task_id, date, person_id } = req.params
    return reply.code(201).send(await deleteTimeSpent(createCtx(app, req), task_id, date, person_id))
  })
}
