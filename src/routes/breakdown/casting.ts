// routes.md §11: casting reads and updates of a project's entities.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { invalid } from '../../lib/errors.ts'
import { requireManagerAccess } from '../../services/access.ts'
import {
  loadProjectEntity, readAllSequencesCasting, readAssetTypeCasting, readEntityCasting, readEpisodeSequencesCasting,
  readEpisodesCasting, readSequenceCasting,
} from '../../services/casting.ts'
import { putEntityCasting, putProjectCastings } from '../../services/casting-update.ts'
import {
  AnyArray, AssetTypeCastingMap, CastingArraysMap, CastingList, EpisodesCastingMap, ProjectAssetTypeParams,
  ProjectEntityParams, ProjectEpisodeParams, ProjectParams, ProjectSequenceParams, SequenceCastingMap,
} from './schemas.ts'

type P<T> = { Params: T }
const tags = ['breakdown']

export default async function castingRoutes(app: FastifyInstance) {
  app.get<P<{ project_id: string; entity_id: string }>>('/data/projects/:project_id/entities/:entity_id/casting', {
    schema: { tags, params: ProjectEntityParams, response: { 200: CastingList } },
    config: { access: 'user' },
  }, (req) => readEntityCasting(createCtx(app, req), req.params.project_id, req.params.entity_id))

  app.put<P<{ project_id: string; entity_id: string }>>('/data/projects/:project_id/entities/:entity_id/casting', {
    schema: { tags, params: ProjectEntityParams, response: { 200: AnyArray } },
    config: { access: 'user' },
  }, async (req) => {
    // Zou: the body is checked before the access.
    if (!Array.isArray(req.body)) throw invalid('Request body must be a JSON array')
    const ctx = createCtx(app, req)
    await requireManagerAccess(ctx, req.params.project_id)
    const entity = await loadProjectEntity(ctx, req.params.project_id, req.params.entity_id)
    return putEntityCasting(ctx, entity, req.body)
  })

  app.put<P<{ project_id: string }>>('/data/projects/:project_id/entities/casting', {
    schema: { tags, params: ProjectParams, response: { 200: CastingArraysMap } },
    config: { access: 'user' },
  }, (req) => putProjectCastings(createCtx(app, req), req.params.project_id, req.body))

  app.get<P<{ project_id: string; asset_type_id: string }>>('/data/projects/:project_id/asset-types/:asset_type_id/casting', {
    schema: { tags, params: ProjectAssetTypeParams, response: { 200: AssetTypeCastingMap } },
    config: { access: 'user' },
  }, (req) => readAssetTypeCasting(createCtx(app, req), req.params.project_id, req.params.asset_type_id))

  app.get<P<{ project_id: string }>>('/data/projects/:project_id/episodes/casting', {
    schema: { tags, params: ProjectParams, response: { 200: EpisodesCastingMap } },
    config: { access: 'user' },
  }, (req) => readEpisodesCasting(createCtx(app, req), req.params.project_id))

  app.get<P<{ project_id: string; sequence_id: string }>>('/data/projects/:project_id/sequences/:sequence_id/casting', {
    schema: { tags, params: ProjectSequenceParams, response: { 200: SequenceCastingMap } },
    config: { access: 'user' },
  }, (req) => readSequenceCasting(createCtx(app, req), req.params.project_id, req.params.sequence_id))

  app.get<P<{ project_id: string; episode_id: string }>>('/data/projects/:project_id/episodes/:episode_id/sequences/all/casting', {
    schema: { tags, params: ProjectEpisodeParams, response: { 200: SequenceCastingMap } },
    config: { access: 'user' },
  }, (req) => readEpisodeSequencesCasting(createCtx(app, req), req.params.project_id, req.params.episode_id))

  app.get<P<{ project_id: string }>>('/data/projects/:project_id/sequences/all/casting', {
    schema: { tags, params: ProjectParams, response: { 200: SequenceCastingMap } },
    config: { access: 'user' },
  }, (req) => readAllSequencesCasting(createCtx(app, req), req.params.project_id))
}
