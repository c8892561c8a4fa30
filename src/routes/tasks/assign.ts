// Assignment actions of the tasks blueprint: assign, bulk assign, clear, priorities.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { assignTask, assignTasksToPerson, clearAssignations, setPriorities } from '../../services/tasks-assign.ts'
import {
  AssignBody, IdList, PersonParams, PriorityBody, TaskIdsBody, TaskParams, UnassignBody, listOf, ref, tags,
} from './schemas.ts'

export default async function assignRoutes(app: FastifyInstance) {
  app.put<{ Params: TaskParams; Body: AssignBody }>('/actions/tasks/:task_id/assign', {
    schema: { tags, params: TaskParams, body: AssignBody, response: { 200: ref('Task') } },
    config: { access: 'user' },
  }, (req) => assignTask(createCtx(app, req), req.params.task_id, req.body.person_id))

  app.put<{ Params: PersonParams; Body: TaskIdsBody }>('/actions/persons/:person_id/assign', {
    schema: { tags, params: PersonParams, body: TaskIdsBody, response: { 200: listOf('Task') } },
    config: { access: 'user' },
  }, (req) => assignTasksToPerson(createCtx(app, req), req.params.person_id, req.body.task_ids))

  app.put<{ Body: UnassignBody }>('/actions/tasks/clear-assignation', {
    schema: { tags, body: UnassignBody, response: { 200: IdList } },
    config: { access: 'user' },
  }, (req) => clearAssignations(createCtx(app, req), req.body.task_ids, req.body.person_id ?? null))

  app.put<{ Body: PriorityBody }>('/actions/tasks/set-priority', {
    schema: { tags, body: PriorityBody, response: { 200: listOf('Task') } },
    config: { access: 'user' },
  }, (req) => setPriorities(createCtx(app, req), req.body.task_ids, req.body.priority))
}
