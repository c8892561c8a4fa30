// Bulk creation and deletion of a project's tasks.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { createTasksFor, deleteProjectTasks, deleteTaskTypeTasks, type Target } from '../../services/tasks-create.ts'
import {
  AnyQuery, CreatedTasks, IdList, ProjectParams, ProjectTaskTypeEntityParams, ProjectTaskTypeParams, tags,
} from './schemas.ts'

const KINDS = [['shots', 'Shot'], ['assets', 'Asset'], ['edits', 'Edit'], ['concepts', 'Concept']] as const

export default async function bulkRoutes(app: FastifyInstance) {
  const base = '/actions/projects/:project_id/task-types/:task_type_id'
  for (const [segment, kind] of KINDS) {
    app.post<{ Params: ProjectTaskTypeParams; Querystring: AnyQuery }>(`${base}/${segment}/create-tasks`, {
      schema: { tags, params: ProjectTaskTypeParams, querystring: AnyQuery, response: { 201: CreatedTasks } },
      config: { access: 'user' },
    }, async (req, reply) => {
      const { project_id, task_type_id } = req.params
      const tasks = await createTasksFor(createCtx(app, req), project_id, task_type_id, { kind }, req.body, req.query)
      return reply.code(201).send(tasks)
    })
  }

  app.post<{ Params: ProjectTaskTypeEntityParams; Querystring: AnyQuery }>(`${base}/create-tasks/:entity_type`, {
    schema: { tags, params: ProjectTaskTypeEntityParams, querystring: AnyQuery, response: { 201: CreatedTasks } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const { project_id, task_type_id, entity_type } = req.params
    const target: Target = { entityType: entity_type }
    return reply.code(201).send(await createTasksFor(createCtx(app, req), project_id, task_type_id, target, req.body, req.query))
  })

  app.post<{ Params: ProjectParams }>('/actions/projects/:project_id/delete-tasks', {
    schema: { tags, params: ProjectParams, response: { 200: IdList } },
    config: { access: 'user' },
  }, (req) => deleteProjectTasks(createCtx(app, req), req.params.project_id, req.body))

  app.delete<{ Params: ProjectTaskTypeParams }>(`${base}/delete-tasks`, {
    schema: { tags, params: ProjectTaskTypeParams },
    config: { access: 'admin' },
  }, async (req, reply) => {
    await deleteTaskTypeTasks(createCtx(app, req), req.params.project_id, req.params.task_type_id)
    return reply.code(204).send()
  })
}
