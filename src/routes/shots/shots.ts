// routes.md §3: /data/shots — lists, with-tasks, one shot (GET, PUT, DELETE) and its casting,
// task types, tasks, previews and versions.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { DetailedTaskList } from '../../services/entities/task-list.ts'
import { PreviewFilesByTaskType } from '../../services/entities/preview-files.ts'
import { sendWithTasksText, withTasksFlags } from '../../services/entities/with-tasks-output.ts'
import { listShotsWithTasks, shotsLayout } from '../../services/shots-with-tasks.ts'
import {
  deleteEntityOfKind, entityTasks, entityTaskTypes, getFullShot, listShots, shotAssets, shotPreviewFiles, shotVersions,
  updateShot,
} from '../../services/shots.ts'
import { AnyQuery, OpenArray, OpenObject, ShotListRow, ShotVersionList, TaskTypeList, UpdateShotBody, entityList, entityRow, type Query } from './schemas.ts'
import { bodyCheck, flag } from './common.ts'

type ShotParams = { Params: { shot_id: string }; Querystring: Query }
const tags = ['shots']

export default async function shotRoutes(app: FastifyInstance) {
  for (const path of ['/data/shots', '/data/shots/all']) {
    app.get<{ Querystring: Query }>(path, {
      schema: { tags, querystring: AnyQuery, response: { 200: { type: 'array', items: ShotListRow } } },
      config: { access: 'user' },
    }, (req) => listShots(createCtx(app, req), req.query))
  }

  app.get<{ Querystring: Query }>('/data/shots/with-tasks', {
    schema: { tags, querystring: AnyQuery, response: { 200: { description: 'Shots with their tasks: an array, the compact object or NDJSON.', ...OpenArray } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const flags = withTasksFlags(req.query)
    return sendWithTasksText(reply, await listShotsWithTasks(createCtx(app, req), req.query, flags.compact), shotsLayout, flags)
  })

  app.get<ShotParams>('/data/shots/:shot_id', {
    schema: { tags, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => getFullShot(createCtx(app, req), req.params.shot_id))

  app.put<ShotParams>('/data/shots/:shot_id', {
    schema: { tags, body: { description: 'Shot columns (checked after the access check)' }, response: { 200: entityRow() } },
    config: { access: 'user' },
  }, (req) => updateShot(createCtx(app, req), req.params.shot_id, req.body, bodyCheck(req, UpdateShotBody)))

  app.delete<ShotParams>('/data/shots/:shot_id', {
    schema: { tags, querystring: AnyQuery, response: { 204: { type: 'null' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await deleteEntityOfKind(createCtx(app, req), req.params.shot_id, 'Shot', flag(req.query.force))
    return reply.code(204).send()
  })

  app.get<ShotParams>('/data/shots/:shot_id/assets', {
    schema: { tags, response: { 200: entityList() } },
    config: { access: 'user' },
  }, (req) => shotAssets(createCtx(app, req), req.params.shot_id))

  app.get<ShotParams>('/data/shots/:shot_id/task-types', {
    schema: { tags, response: { 200: TaskTypeList } },
    config: { access: 'user' },
  }, (req) => entityTaskTypes(createCtx(app, req), req.params.shot_id, 'Shot'))

  app.get<ShotParams>('/data/shots/:shot_id/tasks', {
    schema: { tags, querystring: AnyQuery, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => entityTasks(createCtx(app, req), req.params.shot_id, 'Shot', flag(req.query.relations)))

  app.get<ShotParams>('/data/shots/:shot_id/preview-files', {
    schema: { tags, response: { 200: PreviewFilesByTaskType } },
    config: { access: 'user' },
  }, (req) => shotPreviewFiles(createCtx(app, req), req.params.shot_id))

  app.get<ShotParams>('/data/shots/:shot_id/versions', {
    schema: { tags, response: { 200: ShotVersionList } },
    config: { access: 'user' },
  }, (req) => shotVersions(createCtx(app, req), req.params.shot_id))
}
