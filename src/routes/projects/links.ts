// routes.md §7.1: the project link routes Zou registers with its CRUD blueprint — task type
// and task status links (create or update, reorder) — and the global task type order.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { reorderLinks, reorderTaskTypes, upsertTaskStatusLink, upsertTaskTypeLink } from '../../services/projects-links.ts'
import { ProjectParams, projectIdOf, readArgs, TaskStatusLinkList, TaskTypeLinkList, TaskTypeList } from './team-settings-schemas.ts'

const tags = ['projects']
type P = { project_id: string }

export default async function linksRoutes(app: FastifyInstance) {
  app.post('/data/task-type-links', {
    schema: { tags, response: { 201: { $ref: 'ProjectTaskTypeLink#' } } },
    config: { access: 'user' },
  }, async (req, reply) => reply.code(201).send(await upsertTaskTypeLink(createCtx(app, req), readArgs(req))))

  app.post('/data/task-status-links', {
    schema: { tags, response: { 201: { $ref: 'ProjectTaskStatusLink#' } } },
    config: { access: 'user' },
  }, async (req, reply) => reply.code(201).send(await upsertTaskStatusLink(createCtx(app, req), readArgs(req))))

  app.post<{ Params: P }>('/actions/projects/:project_id/task-type-links/reorder', {
    schema: { tags, params: ProjectParams, response: { 200: TaskTypeLinkList } },
    config: { access: 'user' },
  }, (req) => reorderLinks(createCtx(app, req), projectIdOf(req), 'task-type', req.body))

  app.post<{ Params: P }>('/actions/projects/:project_id/task-status-links/reorder', {
    schema: { tags, params: ProjectParams, response: { 200: TaskStatusLinkList } },
    config: { access: 'user' },
  }, (req) => reorderLinks(createCtx(app, req), projectIdOf(req), 'task-status', req.body))

  app.post('/actions/task-types/reorder', {
    schema: { tags, response: { 200: TaskTypeList } },
    config: { access: 'admin' },
  }, (req) => reorderTaskTypes(createCtx(app, req), req.body))
}
