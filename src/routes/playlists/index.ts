// routes.md §10: the playlists blueprint — lists, the full playlist, temporary playlists,
// adding entries, notifying clients, share links, build jobs, the built movie and the zip.
import type { FastifyInstance } from 'fastify'
import { createCtx } from '../../crud/context.ts'
import { allProjectPlaylists, episodePlaylists, projectPlaylists } from '../../services/playlists/lists.ts'
import { entityPreviewFiles, projectPlaylist } from '../../services/playlists/reads.ts'
import { tempPlaylist } from '../../services/playlists/temp.ts'
import { addEntities } from '../../services/playlists/entries.ts'
import { notifyClients } from '../../services/playlists/notify.ts'
import { createShareLink, deactivateShareLink, inviteToShareLink, listShareLinks } from '../../services/playlists/share-links.ts'
import { defineBuildJob, startBuild } from '../../services/playlists/build.ts'
import { deleteBuildJob, downloadBuild, downloadZip, getBuildJob, projectBuildJobs } from '../../services/playlists/jobs.ts'
import { PreviewFilesByTaskType } from '../../services/entities/preview-files.ts'
import {
  AddEntitiesBody, AddEntityBody, BuildJob, BuildJobs, Empty, EntityParams, EpisodeParams, FlagQuery, InviteBody, JobParams,
  ListQuery, NotifyBody, OpenObject, OpenObjects, PageQuery, PlaylistParams, ProjectParams, ProjectPlaylistParams, ShareBody,
  ShareLink, ShareLinks, TempBody, TokenParams,
} from './schemas.ts'

const tags = ['playlists']
const isTrue = (v: string | undefined) => v?.toLowerCase() === 'true'

export default async function playlistsRoutes(app: FastifyInstance) {
  defineBuildJob(app)

  app.get<{ Params: ProjectParams; Querystring: ListQuery }>('/data/projects/:project_id/playlists', {
    schema: { tags, params: ProjectParams, querystring: ListQuery, response: { 200: OpenObjects } },
    config: { access: 'user' },
  }, (req) => projectPlaylists(createCtx(app, req), req.params.project_id, req.query))

  app.get<{ Params: ProjectParams; Querystring: PageQuery }>('/data/projects/:project_id/playlists/all', {
    schema: { tags, params: ProjectParams, querystring: PageQuery },
    config: { access: 'admin' },
  }, (req) => allProjectPlaylists(createCtx(app, req), req.params.project_id, req.query.page))

  app.get<{ Params: EpisodeParams; Querystring: ListQuery }>('/data/projects/:project_id/episodes/:episode_id/playlists', {
    schema: { tags, params: EpisodeParams, querystring: ListQuery, response: { 200: OpenObjects } },
    config: { access: 'user' },
  }, (req) => episodePlaylists(createCtx(app, req), req.params.project_id, req.params.episode_id, req.query))

  app.get<{ Params: ProjectPlaylistParams }>('/data/projects/:project_id/playlists/:playlist_id', {
    schema: { tags, params: ProjectPlaylistParams, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => projectPlaylist(createCtx(app, req), req.params.project_id, req.params.playlist_id))

  app.get<{ Params: EntityParams }>('/data/playlists/entities/:entity_id/preview-files', {
    schema: { tags, params: EntityParams, response: { 200: PreviewFilesByTaskType } },
    config: { access: 'user' },
  }, (req) => entityPreviewFiles(createCtx(app, req), req.params.entity_id))

  app.post<{ Params: ProjectParams; Querystring: FlagQuery; Body: TempBody }>('/data/projects/:project_id/playlists/temp', {
    schema: { tags, params: ProjectParams, querystring: FlagQuery, response: { 200: OpenObjects } },
    config: { access: 'user' },
  }, (req) => tempPlaylist(createCtx(app, req), req.params.project_id, (req.body as TempBody | null)?.task_ids, isTrue(req.query.sort)))

  app.post<{ Params: PlaylistParams; Body: AddEntityBody }>('/actions/playlists/:playlist_id/add-entity', {
    schema: { tags, params: PlaylistParams, body: AddEntityBody, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => addEntities(createCtx(app, req), req.params.playlist_id, [req.body]))

  app.post<{ Params: PlaylistParams; Body: AddEntitiesBody }>('/actions/playlists/:playlist_id/add-entities', {
    schema: { tags, params: PlaylistParams, body: AddEntitiesBody, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => addEntities(createCtx(app, req), req.params.playlist_id, req.body.entities))

  app.post<{ Params: PlaylistParams; Body: NotifyBody }>('/data/playlists/:playlist_id/notify-clients', {
    schema: { tags, params: PlaylistParams, response: { 200: OpenObject } },
    config: { access: 'user' },
  }, (req) => notifyClients(createCtx(app, req), req.params.playlist_id, (req.body ?? null) as NotifyBody))

  app.get<{ Params: PlaylistParams }>('/data/playlists/:playlist_id/share', {
    schema: { tags, params: PlaylistParams, response: { 200: ShareLinks } },
    config: { access: 'manager' },
  }, (req) => listShareLinks(createCtx(app, req), req.params.playlist_id))

  app.post<{ Params: PlaylistParams; Body: ShareBody }>('/data/playlists/:playlist_id/share', {
    schema: { tags, params: PlaylistParams, body: ShareBody, response: { 201: ShareLink } },
    config: { access: 'manager' },
  }, async (req, reply) => reply.code(201).send(await createShareLink(createCtx(app, req), req.params.playlist_id, req.body ?? {})))

  app.delete<{ Params: TokenParams }>('/data/playlists/:playlist_id/share/:token', {
    schema: { tags, params: TokenParams, response: { 200: ShareLink } },
    config: { access: 'manager' },
  }, (req) => deactivateShareLink(createCtx(app, req), req.params.playlist_id, req.params.token))

  app.post<{ Params: TokenParams; Body: InviteBody }>('/data/playlists/:playlist_id/share/:token/invite', {
    schema: { tags, params: TokenParams, body: InviteBody, response: { 200: OpenObject } },
    config: { access: 'manager' },
  }, (req) => inviteToShareLink(createCtx(app, req), req.params.playlist_id, req.params.token, req.body ?? {}))

  app.get<{ Params: JobParams }>('/data/playlists/:playlist_id/jobs/:build_job_id', {
    schema: { tags, params: JobParams, response: { 200: BuildJob } },
    config: { access: 'user' },
  }, (req) => getBuildJob(createCtx(app, req), req.params.playlist_id, req.params.build_job_id))

  app.delete<{ Params: JobParams }>('/data/playlists/:playlist_id/jobs/:build_job_id', {
    schema: { tags, params: JobParams, response: { 204: Empty } },
    config: { access: 'user' },
  }, async (req, reply) => {
    await deleteBuildJob(createCtx(app, req), req.params.playlist_id, req.params.build_job_id)
    return reply.code(204).send()
  })

  app.get<{ Params: ProjectParams }>('/data/projects/:project_id/build-jobs', {
    schema: { tags, params: ProjectParams, response: { 200: BuildJobs } },
    config: { access: 'admin' },
  }, (req) => projectBuildJobs(createCtx(app, req), req.params.project_id))

  app.get<{ Params: PlaylistParams; Querystring: FlagQuery }>('/data/playlists/:playlist_id/build/mp4', {
    schema: { tags, params: PlaylistParams, querystring: FlagQuery, response: { 200: BuildJob } },
    config: { access: 'user' },
  }, (req) => startBuild(createCtx(app, req), req.params.playlist_id, isTrue(req.query.full)))

  app.get<{ Params: JobParams }>('/data/playlists/:playlist_id/jobs/:build_job_id/build/mp4', {
    schema: { tags, params: JobParams },
    config: { access: 'user' },
  }, (req, reply) => downloadBuild(createCtx(app, req), req, reply, req.params.playlist_id, req.params.build_job_id))

  app.get<{ Params: PlaylistParams }>('/data/playlists/:playlist_id/download/zip', {
    schema: { tags, params: PlaylistParams },
    config: { access: 'user' },
  }, (req, reply) => downloadZip(createCtx(app, req), reply, req.params.playlist_id))
}
