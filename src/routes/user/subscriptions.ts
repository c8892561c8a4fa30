// The caller's subscriptions to task notifications and to (sequence, task type) pairs.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import * as subs from '../../services/user-subscriptions.ts'
import {
  EMPTY, list, ProjectTaskTypeParams, SequenceTaskTypeParams, TaskIdsBody, TaskParams, type Params,
} from './schemas.ts'

const tags = ['user']
const bool = { type: 'boolean' }

export default async function subscriptionRoutes(app: FastifyInstance) {
  app.get<{ Params: Params<'task_id'> }>('/data/user/tasks/:task_id/subscribed', {
    schema: { tags, params: TaskParams, response: { 200: bool } },
    config: { access: 'person' },
  }, (req) => subs.isSubscribedToTask(createCtx(app, req), req.params.task_id))

  app.post<{ Params: Params<'task_id'> }>('/actions/user/tasks/:task_id/subscribe', {
    schema: { tags, params: TaskParams, response: { 201: { $ref: 'Subscription#' } } },
    config: { access: 'person' },
  }, async (req, reply) => reply.code(201).send(await subs.subscribeToTask(createCtx(app, req), req.params.task_id)))

  app.delete<{ Params: Params<'task_id'> }>('/actions/user/tasks/:task_id/unsubscribe', {
    schema: { tags, params: TaskParams, response: EMPTY },
    config: { access: 'person' },
  }, async (req, reply) => {
    await subs.unsubscribeFromTask(createCtx(app, req), req.params.task_id)
    return reply.code(204).send()
  })

  app.post<{ Body: TaskIdsBody }>('/actions/user/tasks/subscribe', {
    schema: { tags, body: TaskIdsBody, response: { 201: list('Subscription') } },
    config: { access: 'person' },
  }, async (req, reply) => reply.code(201).send(await subs.subscribeToTasks(createCtx(app, req), req.body.task_ids)))

  app.post<{ Body: TaskIdsBody }>('/actions/user/tasks/unsubscribe', {
    schema: { tags, body: TaskIdsBody, response: { 200: { type: 'array', items: { type: 'string' } } } },
    config: { access: 'person' },
  }, (req) => subs.unsubscribeFromTasks(createCtx(app, req), req.body.task_ids))

  for (const kind of ['sequences', 'entities']) {
    app.get<{ Params: Params<'sequence_id' | 'task_type_id'> }>(`/data/user/${kind}/:sequence_id/task-types/:task_type_id/subscribed`, {
      schema: { tags, params: SequenceTaskTypeParams, response: { 200: bool } },
      config: { access: 'person' },
    }, (req) => subs.isSubscribedToSequence(createCtx(app, req), req.params.sequence_id, req.params.task_type_id))
  }

  app.get<{ Params: Params<'project_id' | 'task_type_id'> }>('/data/user/projects/:project_id/task-types/:task_type_id/sequence-subscriptions', {
    schema: { tags, params: ProjectTaskTypeParams, response: { 200: { type: 'array', items: { type: 'string' } } } },
    config: { access: 'person' },
  }, (req) => subs.sequenceSubscriptions(createCtx(app, req), req.params.project_id, req.params.task_type_id))

  app.post<{ Params: Params<'sequence_id' | 'task_type_id'> }>('/actions/user/sequences/:sequence_id/task-types/:task_type_id/subscribe', {
    schema: { tags, params: SequenceTaskTypeParams, response: { 201: { $ref: 'Subscription#' } } },
    config: { access: 'person' },
  }, async (req, reply) => reply.code(201).send(
    await subs.subscribeToSequence(createCtx(app, req), req.params.sequence_id, req.params.task_type_id),
  ))

  app.delete<{ Params: Params<'sequence_id' | 'task_type_id'> }>('/actions/user/sequences/:sequence_id/task-types/:task_type_id/unsubscribe', {
    schema: { tags, params: SequenceTaskTypeParams, response: EMPTY },
    config: { access: 'person' },
  }, async (req, reply) => {
    await subs.unsubscribeFromSequence(createCtx(app, req), req.params.sequence_id, req.params.task_type_id)
    return reply.code(204).send()
  })
}
