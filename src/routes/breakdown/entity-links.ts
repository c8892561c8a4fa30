// routes.md §11: a project's raw entity links (synchronisation).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { deleteEntityLink, listEntityLinks } from '../../services/casting-links.ts'
import { LinksAnswer, LinksQuery, ProjectLinkParams, ProjectParams } from './schemas.ts'

const tags = ['breakdown']

export default async function entityLinkRoutes(app: FastifyInstance) {
  app.get<{ Params: { project_id: string }; Querystring: LinksQuery }>('/data/projects/:project_id/entity-links', {
    schema: { tags, params: ProjectParams, querystring: LinksQuery, response: { 200: LinksAnswer } },
    config: { access: 'user' },
  }, (req) => listEntityLinks(createCtx(app, req), req.params.project_id, req.query))

  app.delete<{ Params: { project_id: string; entity_link_id: string } }>('/data/projects/:project_id/entity-links/:entity_link_id', {
    schema: { tags, params: ProjectLinkParams, response: { 200: { $ref: 'EntityLink#' } } },
    config: { access: 'user' },
  }, (req) => deleteEntityLink(createCtx(app, req), req.params.project_id, req.params.entity_link_id))
}
