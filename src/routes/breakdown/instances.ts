// routes.md §11: asset instances of layout scenes and their placement in shots.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import {
  addInstanceToScene, addInstanceToShot, removeInstanceFromShot, sceneCameraInstances, sceneInstances, shotInstances,
} from '../../services/asset-instances.ts'
import { InstancesMap, SceneInstanceBody, SceneParams, ShotInstanceBody, ShotInstanceParams, ShotParams } from './schemas.ts'

const tags = ['breakdown']
type Scene = { Params: { scene_id: string } }
type Shot = { Params: { shot_id: string } }

export default async function instanceRoutes(app: FastifyInstance) {
  app.get<Scene>('/data/scenes/:scene_id/asset-instances', {
    schema: { tags, params: SceneParams, response: { 200: InstancesMap } },
    config: { access: 'user' },
  }, (req) => sceneInstances(createCtx(app, req), req.params.scene_id))

  app.post<Scene & { Body: SceneInstanceBody }>('/data/scenes/:scene_id/asset-instances', {
    schema: { tags, params: SceneParams, body: SceneInstanceBody, response: { 201: { $ref: 'AssetInstance#' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    reply.code(201)
    return addInstanceToScene(createCtx(app, req), req.params.scene_id, req.body)
  })

  app.get<Scene>('/data/scenes/:scene_id/camera-instances', {
    schema: { tags, params: SceneParams, response: { 200: InstancesMap } },
    config: { access: 'user' },
  }, (req) => sceneCameraInstances(createCtx(app, req), req.params.scene_id))

  app.get<Shot>('/data/shots/:shot_id/asset-instances', {
    schema: { tags, params: ShotParams, response: { 200: InstancesMap } },
    config: { access: 'user' },
  }, (req) => shotInstances(createCtx(app, req), req.params.shot_id))

  app.post<Shot & { Body: ShotInstanceBody }>('/data/shots/:shot_id/asset-instances', {
    schema: { tags, params: ShotParams, body: ShotInstanceBody, response: { 201: { $ref: 'Entity#' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    reply.code(201)
    return addInstanceToShot(createCtx(app, req), req.params.shot_id, req.body.asset_instance_id)
  })

  app.delete<{ Params: { shot_id: string; asset_instance_id: string } }>('/data/shots/:shot_id/asset-instances/:asset_instance_id', {
    schema: { tags, params: ShotInstanceParams, response: { 204: { type: 'null' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await removeInstanceFromShot(createCtx(app, req), req.params.shot_id, req.params.asset_instance_id)
    reply.code(204).send()
  })
}
