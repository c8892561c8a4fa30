// /data/projects/:project_id/{sequences,episodes}: lists and get-or-create, and the episode
// statistics of a project.
import type { FastifyInstance } from 'fastify'
import { notFound } from '../../lib/errors.ts'
import { isUuid } from '../../lib/serialize.ts'
import { createCtx } from '../../crud/context.ts'
import { createSequence, listProjectSequences, type NewSequenceBody as SequenceBody } from '../../services/sequences.ts'
import { createEpisode, listProjectEpisodes, type NewEpisodeBody as EpisodeBody } from '../../services/episodes.ts'
import { episodeRetakeStats, episodeStats } from '../../services/episodes-stats.ts'
import { EntityList, NewEpisodeBody, NewSequenceBody, OpenObject, ProjectParams, entityRow } from './schemas.ts'

const tags = ['sequences', 'episodes']

/** Zou looks the project up first: a malformed id is a missing project (404). */
function projectId(id: string): string {
  if (!isUuid(id)) throw notFound()
  return id.toLowerCase()
}

/** Zou: without a JSON body the fields are read from the query string. */
const bodyFromQuery = async (req: { body: unknown; query: unknown }) => { req.body ??= { ...(req.query as object) } }

export default async function byProjectRoutes(app: FastifyInstance) {
  app.get<{ Params: ProjectParams }>('/data/projects/:project_id/sequences', {
    schema: { tags, params: ProjectParams, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => listProjectSequences(createCtx(app, req), projectId(req.params.project_id)))

  app.post<{ Params: ProjectParams; Body: SequenceBody }>('/data/projects/:project_id/sequences', {
    schema: { tags, params: ProjectParams, body: NewSequenceBody, response: { 201: entityRow() } },
    config: { access: 'user' },
    preValidation: bodyFromQuery,
  }, async (req, reply) => reply.code(201).send(await createSequence(createCtx(app, req), projectId(req.params.project_id), req.body)))

  app.get<{ Params: ProjectParams }>('/data/projects/:project_id/episodes', {
    schema: { tags, params: ProjectParams, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => listProjectEpisodes(createCtx(app, req), projectId(req.params.project_id)))

  app.post<{ Params: ProjectParams; Body: EpisodeBody }>('/data/projects/:project_id/episodes', {
    schema: { tags, params: ProjectParams, body: NewEpisodeBody, response: { 201: entityRow() } },
    config: { access: 'user' },
    preValidation: bodyFromQuery,
  }, async (req, reply) => reply.code(201).send(await createEpisode(createCtx(app, req), projectId(req.params.project_id), req.body)))

  app.get<{ Params: ProjectParams }>('/data/projects/:project_id/episodes/stats', {
    schema: { tags, params: ProjectParams, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => episodeStats(createCtx(app, req), projectId(req.params.project_id)))

  app.get<{ Params: ProjectParams }>('/data/projects/:project_id/episodes/retake-stats', {
    schema: { tags, params: ProjectParams, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => episodeRetakeStats(createCtx(app, req), projectId(req.params.project_id)))
}
