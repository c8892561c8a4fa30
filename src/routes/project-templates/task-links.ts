// routes.md §25: a template's task types and task statuses (with priorities), and their
// reorder actions. Reads: global managers; writes: admins.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import {
  TASK_STATUSES, TASK_TYPES, addTaskLink, listTaskLinks, reorderTaskLinks, removeTaskLink, type TaskLinkKind,
} from '../../services/project-templates-task-links.ts'
import {
  AddTaskStatusBody, AddTaskTypeBody, NoContent, OpenRows, TemplateParams, linkParams, ref, refs, type LinkParams,
} from './schemas.ts'

const tags = ['project-templates']

function taskLinkRoutes(app: FastifyInstance, kind: TaskLinkKind, segment: string, body: typeof AddTaskTypeBody | typeof AddTaskStatusBody) {
  const base = `/data/project-templates/:project_template_id/${segment}`
  const linkRef = ref(kind.linkModel)

  app.get<{ Params: TemplateParams }>(base, {
    schema: { tags, params: TemplateParams, response: { 200: OpenRows } },
    config: { access: 'manager' },
  }, (req) => listTaskLinks(createCtx(app, req), kind, req.params.project_template_id))

  app.post<{ Params: TemplateParams; Body: AddTaskStatusBody }>(base, {
    schema: { tags, params: TemplateParams, body, response: { 201: linkRef } },
    config: { access: 'admin' },
  }, async (req, reply) => reply.code(201).send(
    await addTaskLink(createCtx(app, req), kind, req.params.project_template_id, (req.body as Record<string, unknown>)[kind.column], req.body),
  ))

  app.delete<{ Params: LinkParams<string> }>(`${base}/:${kind.column}`, {
    schema: { tags, params: linkParams(kind.column), response: { 204: NoContent } },
    config: { access: 'admin' },
  }, async (req, reply) => {
    await removeTaskLink(createCtx(app, req), kind, req.params.project_template_id, req.params[kind.column])
    return reply.code(204).send()
  })

  app.post<{ Params: TemplateParams }>(`/actions/project-templates/:project_template_id/${segment}/reorder`, {
    schema: { tags, params: TemplateParams, response: { 200: refs(kind.linkModel) } },
    config: { access: 'admin' },
  }, (req) => reorderTaskLinks(createCtx(app, req), kind, req.params.project_template_id, req.body))
}

export default async function projectTemplateTaskLinks(app: FastifyInstance) {
  taskLinkRoutes(app, TASK_TYPES, 'task-types', AddTaskTypeBody)
  taskLinkRoutes(app, TASK_STATUSES, 'task-statuses', AddTaskStatusBody)
}
