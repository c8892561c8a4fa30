// routes.md §16: the entities blueprint (generic per-entity helpers and the batch delete).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { deleteProjectEntities } from '../../services/entities-delete.ts'
import { entityNews } from '../../services/entities-news.ts'
import { entityPreviewFiles, entityTimeSpents, linkedEntitiesWithTasks } from '../../services/entities-reads.ts'
import { createEntityTasks, CreatedTaskList } from '../../services/entities-tasks.ts'
import {
  EntityParams, ForceQuery, IdList, LinkedEntityList, NewsPage, PreviewFileList, ProjectParams, TimeSpentList,
} from './schemas.ts'

const tags = ['entities']
type E = { Params: { entity_id: string } }

export default async function entitiesRoutes(app: FastifyInstance) {
  app.post<{ Params: { project_id: string }; Querystring: ForceQuery }>('/actions/projects/:project_id/delete-entities', {
    schema: { tags, params: ProjectParams, querystring: ForceQuery, response: { 200: IdList } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const force = (req.query.force ?? '').toLowerCase() === 'true'
    const ids = await deleteProjectEntities(createCtx(app, req), req.params.project_id, req.body, force)
    return reply.code(200).send(ids)
  })

  app.get<E>('/data/entities/:entity_id/news', {
    schema: { tags, params: EntityParams, response: { 200: NewsPage } },
    config: { access: 'user' },
  }, (req) => entityNews(createCtx(app, req), req.params.entity_id))

  app.get<E>('/data/entities/:entity_id/preview-files', {
    schema: { tags, params: EntityParams, response: { 200: PreviewFileList } },
    config: { access: 'user' },
  }, (req) => entityPreviewFiles(createCtx(app, req), req.params.entity_id))

  app.post<E>('/data/entities/:entity_id/tasks', {
    schema: { tags, params: EntityParams, response: { 201: CreatedTaskList } },
    config: { access: 'user' },
  }, async (req, reply) => {
    reply.code(201)
    return createEntityTasks(createCtx(app, req), req.params.entity_id, req.body)
  })

  app.get<E>('/data/entities/:entity_id/time-spents', {
    schema: { tags, params: EntityParams, response: { 200: TimeSpentList } },
    config: { access: 'user' },
  }, (req) => entityTimeSpents(createCtx(app, req), req.params.entity_id))

  app.get<E>('/data/entities/:entity_id/entities-linked/with-tasks', {
    schema: { tags, params: EntityParams, response: { 200: LinkedEntityList } },
    config: { access: 'user' },
  }, (req) => linkedEntitiesWithTasks(createCtx(app, req), req.params.entity_id))
}
