// routes.md §13: the concepts blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import * as concepts from '../../services/concepts.ts'
import { boolArg } from '../../services/concepts-edits-shared.ts'
import { previewFilesByTaskType, PreviewFilesByTaskType } from '../../services/entities/preview-files.ts'
import { DetailedTaskList } from '../../services/entities/task-list.ts'
import { sendWithTasks, withTasksFlags } from '../../services/entities/with-tasks-output.ts'
import {
  AnyQuery, ConceptIdParams, ConceptWithTasks, EntityList, EntityListWithProject, EntityRow, FullConcept, NewConceptBody,
  ProjectIdParams, TaskTypeList,
} from './schemas.ts'

const tags = ['concepts']
const CONCEPT_LAYOUT = {
  fieldsKey: 'concept_fields',
  fields: Object.keys(ConceptWithTasks.properties),
  taskFields: [...concepts.CONCEPT_TASK_FIELDS, 'is_subscribed', 'assignees'],
}

export default async function conceptsRoutes(app: FastifyInstance) {
  app.get<{ Querystring: AnyQuery }>('/data/concepts', {
    schema: { tags, querystring: AnyQuery, response: { 200: EntityListWithProject } },
    config: { access: 'user' },
  }, (req) => concepts.listConcepts(createCtx(app, req), req.query))

  app.get<{ Querystring: AnyQuery }>('/data/concepts/with-tasks', {
    schema: { tags, querystring: AnyQuery, response: { 200: { type: 'array', items: ConceptWithTasks } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const rows = await concepts.conceptsWithTasks(createCtx(app, req), req.query)
    return sendWithTasks(reply, rows, CONCEPT_LAYOUT, withTasksFlags(req.query))
  })

  app.get<{ Params: ConceptIdParams }>('/data/concepts/:concept_id', {
    schema: { tags, params: ConceptIdParams, response: { 200: FullConcept } },
    config: { access: 'user' },
  }, (req) => concepts.getConcept(createCtx(app, req), req.params.concept_id))

  app.delete<{ Params: ConceptIdParams; Querystring: AnyQuery }>('/data/concepts/:concept_id', {
    schema: { tags, params: ConceptIdParams, querystring: AnyQuery },
    config: { access: 'user' },
  }, async (req, reply) => {
    await concepts.deleteConcept(createCtx(app, req), req.params.concept_id, boolArg(req.query.force))
    return reply.code(204).send()
  })

  app.get<{ Params: ConceptIdParams }>('/data/concepts/:concept_id/task-types', {
    schema: { tags, params: ConceptIdParams, response: { 200: TaskTypeList } },
    config: { access: 'user' },
  }, (req) => concepts.conceptTaskTypes(createCtx(app, req), req.params.concept_id))

  app.get<{ Params: ConceptIdParams; Querystring: AnyQuery }>('/data/concepts/:concept_id/tasks', {
    schema: { tags, params: ConceptIdParams, querystring: AnyQuery, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => concepts.conceptTasks(createCtx(app, req), req.params.concept_id, boolArg(req.query.relations)))

  app.get<{ Params: ConceptIdParams }>('/data/concepts/:concept_id/preview-files', {
    schema: { tags, params: ConceptIdParams, response: { 200: PreviewFilesByTaskType } },
    config: { access: 'user' },
  }, async (req) => {
    const ctx = createCtx(app, req)
    return previewFilesByTaskType(ctx, await concepts.readableConceptId(ctx, req.params.concept_id))
  })

  app.get<{ Params: ProjectIdParams }>('/data/projects/:project_id/concepts', {
    schema: { tags, params: ProjectIdParams, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => concepts.projectConcepts(createCtx(app, req), req.params.project_id))

  app.post<{ Params: ProjectIdParams; Body: NewConceptBody }>('/data/projects/:project_id/concepts', {
    schema: { tags, params: ProjectIdParams, body: NewConceptBody, response: { 201: EntityRow } },
    config: { access: 'user' },
  }, async (req, reply) => reply.code(201).send(await concepts.createConcept(createCtx(app, req), req.params.project_id, req.body)))
}
