// routes.md §25: a template's asset types, status automations and preview backgrounds, and
// its default background. Reads: global managers; writes: admins.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import {
  ASSET_TYPES, BACKGROUNDS, STATUS_AUTOMATIONS, addSetLink, listSetLinks, removeSetLink, setDefaultBackground, type SetLinkKind,
} from '../../services/project-templates-links.ts'
import {
  Background, IdName, NoContent, TemplateParams, idBody, linkParams, ref, type IdBody, type LinkParams,
} from './schemas.ts'

const tags = ['project-templates']

function setLinkRoutes(app: FastifyInstance, kind: SetLinkKind, segment: string, item: object) {
  const base = `/data/project-templates/:project_template_id/${segment}`

  app.get<{ Params: TemplateParams }>(base, {
    schema: { tags, params: TemplateParams, response: { 200: { type: 'array', items: item } } },
    config: { access: 'manager' },
  }, (req) => listSetLinks(createCtx(app, req), kind, req.params.project_template_id))

  app.post<{ Params: TemplateParams; Body: IdBody<string> }>(base, {
    schema: { tags, params: TemplateParams, body: idBody(kind.column), response: { 201: item } },
    config: { access: 'admin' },
  }, async (req, reply) => reply.code(201).send(
    await addSetLink(createCtx(app, req), kind, req.params.project_template_id, req.body[kind.column]),
  ))

  app.delete<{ Params: LinkParams<string> }>(`${base}/:${kind.column}`, {
    schema: { tags, params: linkParams(kind.column), response: { 204: NoContent } },
    config: { access: 'admin' },
  }, async (req, reply) => {
    await removeSetLink(createCtx(app, req), kind, req.params.project_template_id, req.params[kind.column])
    return reply.code(204).send()
  })
}

export default async function projectTemplateLinks(app: FastifyInstance) {
  setLinkRoutes(app, ASSET_TYPES, 'asset-types', IdName)
  setLinkRoutes(app, STATUS_AUTOMATIONS, 'status-automations', ref('StatusAutomation'))
  setLinkRoutes(app, BACKGROUNDS, 'preview-background-files', Background)

  app.put<{ Params: TemplateParams }>('/data/project-templates/:project_template_id/default-preview-background-file', {
    schema: { tags, params: TemplateParams, response: { 200: ref('ProjectTemplate') } },
    config: { access: 'admin' },
  }, (req) => setDefaultBackground(createCtx(app, req), req.params.project_template_id, req.body))
}
