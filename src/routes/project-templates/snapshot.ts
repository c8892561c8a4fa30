// routes.md §25: a template's metadata descriptor snapshot, a template made from a project,
// and a template applied to a project. Admins only.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { setTemplateDescriptors } from '../../services/project-templates-descriptors.ts'
import { applyTemplate, createTemplateFromProject } from '../../services/project-templates-apply.ts'
import { ApplyParams, FromProjectBody, ProjectParams, TemplateParams, ref } from './schemas.ts'

const tags = ['project-templates']

export default async function projectTemplateSnapshots(app: FastifyInstance) {
  app.put<{ Params: TemplateParams }>('/data/project-templates/:project_template_id/metadata-descriptors', {
    schema: { tags, params: TemplateParams, response: { 200: ref('ProjectTemplate') } },
    config: { access: 'admin' },
  }, (req) => setTemplateDescriptors(createCtx(app, req), req.params.project_template_id, req.body))

  app.post<{ Params: ProjectParams; Body: FromProjectBody }>('/data/project-templates/from-project/:project_id', {
    schema: { tags, params: ProjectParams, body: FromProjectBody, response: { 201: ref('ProjectTemplate') } },
    config: { access: 'admin' },
  }, async (req, reply) => reply.code(201).send(await createTemplateFromProject(createCtx(app, req), req.params.project_id, req.body)))

  app.post<{ Params: ApplyParams }>('/data/projects/:project_id/apply-template/:project_template_id', {
    schema: { tags, params: ApplyParams, response: { 200: ref('Project') } },
    config: { access: 'admin' },
  }, (req) => applyTemplate(createCtx(app, req), req.params.project_id, req.params.project_template_id))
}
