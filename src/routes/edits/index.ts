// routes.md §15: the edits blueprint (feature routes beside the generic /data CRUD).
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import * as edits from '../../services/edits.ts'
import { boolArg } from '../../services/concepts-edits-shared.ts'
import { previewFilesByTaskType, PreviewFilesByTaskType } from '../../services/entities/preview-files.ts'
import { DetailedTaskList } from '../../services/entities/task-list.ts'
import { sendWithTasks, withTasksFlags } from '../../services/entities/with-tasks-output.ts'
import {
  AnyQuery, EditIdParams, EditVersionList, EditWithTasks, EntityList, EntityListWithProject, EntityRow, EpisodeIdParams,
  NewEditBody, ProjectIdParams, TaskTypeList,
} from './schemas.ts'

const tags = ['edits']
const EDIT_LAYOUT = {
  fieldsKey: 'edit_fields',
  fields: Object.keys(EditWithTasks.properties),
  taskFields: [...edits.EDIT_TASK_FIELDS, 'is_subscribed', 'assignees'],
}
const EditParams = { tags, params: EditIdParams }

export default async function editsRoutes(app: FastifyInstance) {
  // Zou: /data/edits and /data/edits/all are the same listing (gazu reads the second).
  for (const url of ['/data/edits', '/data/edits/all']) {
    app.get<{ Querystring: AnyQuery }>(url, {
      schema: { tags, querystring: AnyQuery, response: { 200: EntityListWithProject } },
      config: { access: 'user' },
    }, (req) => edits.listEdits(createCtx(app, req), req.query))
  }

  app.get<{ Querystring: AnyQuery }>('/data/edits/with-tasks', {
    schema: { tags, querystring: AnyQuery, response: { 200: { type: 'array', items: EditWithTasks } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const rows = await edits.editsWithTasks(createCtx(app, req), req.query)
    return sendWithTasks(reply, rows, EDIT_LAYOUT, withTasksFlags(req.query))
  })

  app.get<{ Params: EditIdParams }>('/data/edits/:edit_id', {
    schema: { ...EditParams, response: { 200: EditWithTasks } },
    config: { access: 'user' },
  }, (req) => edits.getEdit(createCtx(app, req), req.params.edit_id))

  app.delete<{ Params: EditIdParams; Querystring: AnyQuery }>('/data/edits/:edit_id', {
    schema: { ...EditParams, querystring: AnyQuery },
    config: { access: 'user' },
  }, async (req, reply) => {
    await edits.deleteEdit(createCtx(app, req), req.params.edit_id, boolArg(req.query.force))
    return reply.code(204).send()
  })

  app.get<{ Params: EditIdParams }>('/data/edits/:edit_id/task-types', {
    schema: { ...EditParams, response: { 200: TaskTypeList } },
    config: { access: 'user' },
  }, (req) => edits.editTaskTypes(createCtx(app, req), req.params.edit_id))

  app.get<{ Params: EditIdParams; Querystring: AnyQuery }>('/data/edits/:edit_id/tasks', {
    schema: { ...EditParams, querystring: AnyQuery, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => edits.editTasks(createCtx(app, req), req.params.edit_id, boolArg(req.query.relations)))

  app.get<{ Params: EditIdParams }>('/data/edits/:edit_id/preview-files', {
    schema: { ...EditParams, response: { 200: PreviewFilesByTaskType } },
    config: { access: 'user' },
  }, async (req) => {
    const ctx = createCtx(app, req)
    return previewFilesByTaskType(ctx, await edits.readableEditId(ctx, req.params.edit_id))
  })

  app.get<{ Params: EditIdParams }>('/data/edits/:edit_id/versions', {
    schema: { ...EditParams, response: { 200: EditVersionList } },
    config: { access: 'user' },
  }, (req) => edits.editVersions(createCtx(app, req), req.params.edit_id))

  app.get<{ Params: EpisodeIdParams; Querystring: AnyQuery }>('/data/episodes/:episode_id/edits', {
    schema: { tags, params: EpisodeIdParams, querystring: AnyQuery, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => edits.episodeEdits(createCtx(app, req), req.params.episode_id, boolArg(req.query.relations)))

  app.get<{ Params: EpisodeIdParams; Querystring: AnyQuery }>('/data/episodes/:episode_id/edit-tasks', {
    schema: { tags, params: EpisodeIdParams, querystring: AnyQuery, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => edits.episodeEditTasks(createCtx(app, req), req.params.episode_id, boolArg(req.query.relations)))

  app.get<{ Params: ProjectIdParams }>('/data/projects/:project_id/edits', {
    schema: { tags, params: ProjectIdParams, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => edits.projectEdits(createCtx(app, req), req.params.project_id))

  app.post<{ Params: ProjectIdParams; Body: NewEditBody }>('/data/projects/:project_id/edits', {
    schema: { tags, params: ProjectIdParams, body: NewEditBody, response: { 201: EntityRow } },
    config: { access: 'user' },
  }, async (req, reply) => reply.code(201).send(await edits.createEdit(createCtx(app, req), req.params.project_id, req.body)))
}
