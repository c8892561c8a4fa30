// /data/sequences/*: lists, one sequence, its shots, scenes, tasks and task types, deletion.
import type { FastifyInstance } from 'fastify'
import { DetailedTaskList } from '../../services/entities/task-list.ts'
import { createCtx } from '../../crud/context.ts'
import * as sequences from '../../services/sequences.ts'
import { entitiesAndTasks } from '../../services/sequences-with-tasks.ts'
import { isTrueFlag } from '../../services/sequences-common.ts'
import { EntitiesAndTasks, EntityList, SequenceParams, SequenceRow, ShotList, TaskTypeList, type Query } from './schemas.ts'

const tags = ['sequences']

export default async function sequenceRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Query }>('/data/sequences', {
    schema: { tags, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => sequences.listSequences(createCtx(app, req), req.query))

  app.get<{ Querystring: Query }>('/data/sequences/with-tasks', {
    schema: { tags, response: { 200: EntitiesAndTasks } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const body = await entitiesAndTasks(createCtx(app, req), 'Sequence', req.query)
    return reply.type('application/json; charset=utf-8').send(body)
  })

  app.get<{ Params: SequenceParams }>('/data/sequences/:sequence_id', {
    schema: { tags, params: SequenceParams, response: { 200: SequenceRow } },
    config: { access: 'user' },
  }, (req) => sequences.getSequence(createCtx(app, req), req.params.sequence_id))

  app.delete<{ Params: SequenceParams; Querystring: Query }>('/data/sequences/:sequence_id', {
    schema: { tags, params: SequenceParams, response: { 204: { type: 'null', description: 'Empty body' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await sequences.deleteSequence(createCtx(app, req), req.params.sequence_id, isTrueFlag(req.query.force))
    return reply.code(204).send()
  })

  app.get<{ Params: SequenceParams; Querystring: Query }>('/data/sequences/:sequence_id/shots', {
    schema: { tags, params: SequenceParams, response: { 200: ShotList } },
    config: { access: 'user' },
  }, (req) => sequences.sequenceShots(createCtx(app, req), req.params.sequence_id, req.query))

  app.get<{ Params: SequenceParams }>('/data/sequences/:sequence_id/scenes', {
    schema: { tags, params: SequenceParams, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => sequences.sequenceScenes(createCtx(app, req), req.params.sequence_id))

  app.get<{ Params: SequenceParams; Querystring: Query }>('/data/sequences/:sequence_id/tasks', {
    schema: { tags, params: SequenceParams, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => sequences.sequenceTasks(createCtx(app, req), req.params.sequence_id, req.query))

  app.get<{ Params: SequenceParams }>('/data/sequences/:sequence_id/task-types', {
    schema: { tags, params: SequenceParams, response: { 200: TaskTypeList } },
    config: { access: 'user' },
  }, (req) => sequences.sequenceTaskTypes(createCtx(app, req), req.params.sequence_id))

  app.get<{ Params: SequenceParams; Querystring: Query }>('/data/sequences/:sequence_id/shot-tasks', {
    schema: { tags, params: SequenceParams, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => sequences.sequenceShotTasks(createCtx(app, req), req.params.sequence_id, req.query))
}
