// /data/episodes/*: lists, one episode, its shots, sequences, tasks and task types, deletion.
import type { FastifyInstance } from 'fastify'
import { DetailedTaskList } from '../../services/entities/task-list.ts'
import { createCtx } from '../../crud/context.ts'
import * as episodes from '../../services/episodes.ts'
import { entitiesAndTasks } from '../../services/sequences-with-tasks.ts'
import { isTrueFlag } from '../../services/sequences-common.ts'
import { EntitiesAndTasks, EntityList, EpisodeParams, EpisodeRow, TaskTypeList, type Query } from './schemas.ts'

const tags = ['episodes']

export default async function episodeRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Query }>('/data/episodes', {
    schema: { tags, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => episodes.listEpisodes(createCtx(app, req), req.query))

  app.get<{ Querystring: Query }>('/data/episodes/with-tasks', {
    schema: { tags, response: { 200: EntitiesAndTasks } },
    config: { access: 'user' },
  }, async (req, reply) => {
    const body = await entitiesAndTasks(createCtx(app, req), 'Episode', req.query)
    return reply.type('application/json; charset=utf-8').send(body)
  })

  app.get<{ Params: EpisodeParams }>('/data/episodes/:episode_id', {
    schema: { tags, params: EpisodeParams, response: { 200: EpisodeRow } },
    config: { access: 'user' },
  }, (req) => episodes.getEpisode(createCtx(app, req), req.params.episode_id))

  app.delete<{ Params: EpisodeParams; Querystring: Query }>('/data/episodes/:episode_id', {
    schema: { tags, params: EpisodeParams, response: { 204: { type: 'null', description: 'Empty body' } } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await episodes.deleteEpisode(createCtx(app, req), req.params.episode_id, isTrueFlag(req.query.force))
    return reply.code(204).send()
  })

  app.get<{ Params: EpisodeParams; Querystring: Query }>('/data/episodes/:episode_id/shots', {
    schema: { tags, params: EpisodeParams, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => episodes.episodeShots(createCtx(app, req), req.params.episode_id, req.query))

  app.get<{ Params: EpisodeParams; Querystring: Query }>('/data/episodes/:episode_id/sequences', {
    schema: { tags, params: EpisodeParams, response: { 200: EntityList } },
    config: { access: 'user' },
  }, (req) => episodes.episodeSequences(createCtx(app, req), req.params.episode_id, req.query))

  app.get<{ Params: EpisodeParams }>('/data/episodes/:episode_id/tasks', {
    schema: { tags, params: EpisodeParams, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => episodes.episodeTasks(createCtx(app, req), req.params.episode_id))

  app.get<{ Params: EpisodeParams }>('/data/episodes/:episode_id/task-types', {
    schema: { tags, params: EpisodeParams, response: { 200: TaskTypeList } },
    config: { access: 'user' },
  }, (req) => episodes.episodeTaskTypes(createCtx(app, req), req.params.episode_id))

  app.get<{ Params: EpisodeParams; Querystring: Query }>('/data/episodes/:episode_id/shot-tasks', {
    schema: { tags, params: EpisodeParams, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => episodes.episodeShotTasks(createCtx(app, req), req.params.episode_id, req.query))

  app.get<{ Params: EpisodeParams; Querystring: Query }>('/data/episodes/:episode_id/asset-tasks', {
    schema: { tags, params: EpisodeParams, response: { 200: DetailedTaskList } },
    config: { access: 'user' },
  }, (req) => episodes.episodeAssetTasks(createCtx(app, req), req.params.episode_id, req.query))
}
