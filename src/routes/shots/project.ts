// routes.md §3: a project's shots and scenes (list, get-or-create), quotas, and shot frame
// counts from previews.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { createProjectEntity, listProjectEntities, setShotFramesFromPreviews } from '../../services/project-shots.ts'
import { personQuotas, projectQuotas } from '../../services/quotas.ts'
import { AnyQuery, FramesList, NewSceneBody, NewShotBody, OpenObject, entityList, entityRow, type Query } from './schemas.ts'
import { bodyOrQuery } from './common.ts'
import { jsonArrayStream } from '../../lib/json-stream.ts'

type ProjectParams = { Params: { project_id: string } }
const tags = ['shots']

export default async function projectShotRoutes(app: FastifyInstance) {
  for (const kind of ['Shot', 'Scene'] as const) {
    const path = `/data/projects/:project_id/${kind === 'Shot' ? 'shots' : 'scenes'}`
    app.get<ProjectParams>(path, {
      schema: { tags, response: { 200: entityList() } },
      config: { access: 'user' },
    }, async (req, reply) => {
      const rows = await listProjectEntities(createCtx(app, req), req.params.project_id, kind)
      return reply.type('application/json; charset=utf-8').send(jsonArrayStream(rows))
    })

    app.post<ProjectParams & { Body: NewShotBody }>(path, {
      schema: { tags, body: kind === 'Shot' ? NewShotBody : NewSceneBody, response: { 201: entityRow() } },
      preValidation: bodyOrQuery,
      config: { access: 'user' },
    }, async (req, reply) => reply.code(201).send(await createProjectEntity(createCtx(app, req), req.params.project_id, kind, req.body)))
  }

  app.get<{ Params: { project_id: string; task_type_id: string }; Querystring: Query }>('/data/projects/:project_id/quotas/:task_type_id', {
    schema: { tags, querystring: AnyQuery, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => projectQuotas(createCtx(app, req), req.params.project_id, req.params.task_type_id, req.query))

  app.get<{ Params: { project_id: string; person_id: string }; Querystring: Query }>('/data/projects/:project_id/quotas/persons/:person_id', {
    schema: { tags, querystring: AnyQuery, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => personQuotas(createCtx(app, req), req.params.project_id, req.params.person_id, req.query))

  app.post<{ Params: { project_id: string; task_type_id: string }; Querystring: Query }>(
    '/actions/projects/:project_id/task-types/:task_type_id/set-shot-nb-frames', {
      schema: { tags, querystring: AnyQuery, response: { 200: FramesList } },
      config: { access: 'user' },
    }, (req) => {
      // Zou's args: the query string, then a JSON body's key.
      const body = (req.body ?? {}) as Record<string, unknown>
      const episodeId = req.query.episode_id ?? (typeof body.episode_id === 'string' ? body.episode_id : null)
      return setShotFramesFromPreviews(createCtx(app, req), req.params.project_id, req.params.task_type_id, episodeId)
    })
}
