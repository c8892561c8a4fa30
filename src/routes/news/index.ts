// routes.md §21: the news feed — of the caller's open projects, of one project, one news row.
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { createCtx } from '../../crud/context.ts'
import { getProjectNews, listNews, listProjectNews } from '../../services/news.ts'

const Str = Type.Optional(Type.String())
const NewsQuery = Type.Object({
  only_preview: Str, task_type_id: Str, task_status_id: Str, person_id: Str, episode_id: Str,
  project_id: Str, page: Str, limit: Str, after: Str, before: Str,
})
type NewsQuery = Static<typeof NewsQuery>
const ProjectParams = Type.Object({ project_id: Type.String() })
const NewsParams = Type.Object({ project_id: Type.String(), news_id: Type.String() })

const NewsRow = { type: 'object', additionalProperties: true } as const
const NewsPage = {
  type: 'object',
  properties: {
    data: { type: 'array', items: NewsRow },
    total: { type: 'integer' }, nb_pages: { type: 'integer' }, limit: { type: 'integer' },
    offset: { type: 'integer' }, page: { type: 'integer' },
    stats: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const

const tags = ['news']

export default async function newsRoutes(app: FastifyInstance) {
  app.get<{ Querystring: NewsQuery }>('/data/projects/news', {
    schema: { tags, querystring: NewsQuery, response: { 200: NewsPage } },
    config: { access: 'user' },
  }, (req) => listNews(createCtx(app, req), req.query))

  app.get<{ Params: Static<typeof ProjectParams>; Querystring: NewsQuery }>('/data/projects/:project_id/news', {
    schema: { tags, params: ProjectParams, querystring: NewsQuery, response: { 200: NewsPage } },
    config: { access: 'user' },
  }, (req) => listProjectNews(createCtx(app, req), req.params.project_id, req.query))

  app.get<{ Params: Static<typeof NewsParams> }>('/data/projects/:project_id/news/:news_id', {
    schema: { tags, params: NewsParams, response: { 200: NewsRow } },
    config: { access: 'user' },
  }, (req) => getProjectNews(createCtx(app, req), req.params.project_id, req.params.news_id))
}
