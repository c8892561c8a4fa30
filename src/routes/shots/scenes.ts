// routes.md §3: /data/scenes — lists, with-tasks, one scene and its tasks, task types and
// the shots it is the source of.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { DetailedTaskList } from '../../services/entities/task-list.ts'
import { addShotToScene, getFullScene, listScenes, listScenesWithTasks, removeShotFromScene, sceneShots } from '../../services/scenes.ts'
import { deleteEntityOfKind, entityTasks, entityTaskTypes } from '../../services/shots.ts'
import { AddShotToSceneBody, AnyQuery, OpenArray, SceneFull, ShotListRow, TaskTypeList, entityRow, type Query } from './schemas.ts'
import { bodyOrQuery } from './common.ts'

type SceneParams = { Params: { scene_id: string } }
const tags = ['shots']

export default async function sceneRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Query }>('/data/scenes/all', {
    schema: { tags, querystring: AnyQuery, response: { 200: { type: 'array', items: ShotListRow } } },
    config: { access: 'user' },
  }, (req) => listScenes(createCtx(app, req), req.query))

  app.get<{ Querystring: Query }>('/data/scenes/with-tasks', {
    schema: { tags, querystring: AnyQuery, response: { 200: OpenArray } },
    config: { access: 'user' },
  }, (req) => listScenesWithTasks(createCtx(app, req), req.query))

  app.get<SceneParams>('/data/scenes/:scene_id', {
    schema: { tags, response: { 200: SceneFull } },
    config: { access: 'user' },
  }, (req) => getFullScene(createCtx(app, req), req.params.scene_id))

  app.delete<SceneParams>('/data/scenes/:scene_id', {
    schema: { tags, response: { 204: { type: 'null' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await deleteEntityOfKind(createCtx(app, req), req.params.scene_id, 'Scene', false)
    return reply.code(204).send()
  })

  app.get<SceneParams>('/data/scenes/:scene_id/tasks', {
    schema: { tags, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => entityTasks(createCtx(app, req), req.params.scene_id, 'Scene', false))

  app.get<SceneParams>('/data/scenes/:scene_id/task-types', {
    schema: { tags, response: { 200: TaskTypeList } },
    config: { access: 'user' },
  }, (req) => entityTaskTypes(createCtx(app, req), req.params.scene_id, 'Scene'))

  app.get<SceneParams>('/data/scenes/:scene_id/shots', {
    schema: { tags, response: { 200: { type: 'array', items: ShotListRow } } },
    config: { access: 'user' },
  }, (req) => sceneShots(createCtx(app, req), req.params.scene_id))

  app.post<SceneParams & { Body: AddShotToSceneBody }>('/data/scenes/:scene_id/shots', {
    schema: { tags, body: AddShotToSceneBody, response: { 201: entityRow() } },
    preValidation: bodyOrQuery,
    config: { access: 'user' },
  }, async (req, reply) => reply.code(201).send(await addShotToScene(createCtx(app, req), req.params.scene_id, req.body.shot_id)))

  app.delete<{ Params: { scene_id: string; shot_id: string } }>('/data/scenes/:scene_id/shots/:shot_id', {
    schema: { tags, response: { 204: { type: 'null' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await removeShotFromScene(createCtx(app, req), req.params.scene_id, req.params.shot_id)
    return reply.code(204).send()
  })
}
