// What the caller works on, per entity: their tasks and task types on an asset, shot, scene
// or sequence; the asset types, assets, sequences, episodes, shots and scenes holding one.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import type { EntityKind } from '../../services/entities/load.ts'
import * as user from '../../services/user-entities.ts'
import {
  AssetParams, AssetTypeParams, list, ProjectParams, SceneParams, SequenceParams, ShotParams, type Params,
} from './schemas.ts'

const tags = ['user']
const KINDS: Array<[path: string, param: string, kind: EntityKind, schema: object]> = [
  ['assets', 'asset_id', 'Asset', AssetParams],
  ['shots', 'shot_id', 'Shot', ShotParams],
  ['scenes', 'scene_id', 'Scene', SceneParams],
  ['sequences', 'sequence_id', 'Sequence', SequenceParams],
]

export default async function entityRoutes(app: FastifyInstance) {
  for (const [path, param, kind, params] of KINDS) {
    app.get<{ Params: Params<string> }>(`/data/user/${path}/:${param}/tasks`, {
      schema: { tags, params, response: { 200: list('Task') } },
      config: { access: 'person' },
    }, (req) => user.tasksOnEntity(createCtx(app, req), req.params[param], kind))

    app.get<{ Params: Params<string> }>(`/data/user/${path}/:${param}/task-types`, {
      schema: { tags, params, response: { 200: list('TaskType') } },
      config: { access: 'person' },
    }, (req) => user.taskTypesOnEntity(createCtx(app, req), req.params[param], kind))
  }

  app.get<{ Params: Params<'project_id'> }>('/data/user/projects/:project_id/asset-types', {
    schema: { tags, params: ProjectParams, response: { 200: list('EntityType') } },
    config: { access: 'person' },
  }, (req) => user.assetTypesOfProject(createCtx(app, req), req.params.project_id))

  app.get<{ Params: Params<'project_id' | 'asset_type_id'> }>('/data/user/projects/:project_id/asset-types/:asset_type_id/assets', {
    schema: { tags, params: AssetTypeParams, response: { 200: list('Entity') } },
    config: { access: 'person' },
  }, (req) => user.assetsOfType(createCtx(app, req), req.params.project_id, req.params.asset_type_id))

  app.get<{ Params: Params<'project_id'> }>('/data/user/projects/:project_id/sequences', {
    schema: { tags, params: ProjectParams, response: { 200: list('Entity') } },
    config: { access: 'person' },
  }, (req) => user.sequencesOfProject(createCtx(app, req), req.params.project_id))

  app.get<{ Params: Params<'project_id'> }>('/data/user/projects/:project_id/episodes', {
    schema: { tags, params: ProjectParams, response: { 200: list('Entity') } },
    config: { access: 'person' },
  }, (req) => user.episodesOfProject(createCtx(app, req), req.params.project_id))

  app.get<{ Params: Params<'sequence_id'> }>('/data/user/sequences/:sequence_id/shots', {
    schema: { tags, params: SequenceParams, response: { 200: list('Entity') } },
    config: { access: 'person' },
  }, (req) => user.childrenOfSequence(createCtx(app, req), req.params.sequence_id, 'Shot'))

  app.get<{ Params: Params<'sequence_id'> }>('/data/user/sequences/:sequence_id/scenes', {
    schema: { tags, params: SequenceParams, response: { 200: list('Entity') } },
    config: { access: 'person' },
  }, (req) => user.childrenOfSequence(createCtx(app, req), req.params.sequence_id, 'Scene'))
}
