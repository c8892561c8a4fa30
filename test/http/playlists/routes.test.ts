// routes.md §10: every authenticated playlists route at the root and under /api, allowed and
// refused per role (NOVENDOR, PA, PLA, PLU, MPA, MANAGER(global), ADMIN).
import { MANAGERS, routeTable, useRoleProduction, type RoleFileApp, type TableRole } from '../../helpers/route-table.ts'
import { makeBuildJob, makePlaylist, makePreview, makeShareLink } from './helpers.ts'

const file = useRoleProduction()

const ADMIN: readonly TableRole[] = ['admin']
/** NOVENDOR + PA. */
const NOT_VENDORS: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user', 'client']
/** PA + EA: the team (the vendor is assigned on the asset). */
const TEAM: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user', 'client', 'vendor']
/** PLA on a for_client playlist. */
const PLA: readonly TableRole[] = ['admin', 'manager', 'client']
/** PLA with the supervisor opt-in. */
const PLA_SUP: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'client']

const once = <T>(make: (f: RoleFileApp) => Promise<T>) => {
  let p: Promise<T> | null = null
  return (f: RoleFileApp) => (p ??= make(f))
}
/** A client playlist made by the manager, with the asset and a preview. */
const playlist = once(async (f) => {
  const preview = await makePreview(f.t.app, f.prod.task.id)
  return makePlaylist(f.t.app, f.prod.project.id, {
    for_client: true, created_by: f.people.manager.id, shots: [{ entity_id: f.prod.asset.id, preview_file_id: preview.id }],
  })
})
const succeededJob = once(async (f) => {
  const pl = await playlist(f)
  const job = await makeBuildJob(f.t.app, pl.id)
  await f.t.app.storage.put('movies', `playlists-${job.id}`, Buffer.from('not really a movie'))
  return job
})
const token = once(async (f) => makeShareLink(f.t.app, (await playlist(f)).id, f.people.manager.id))

routeTable('playlists', file, [
  {
    method: 'GET', path: '/data/projects/:project_id/playlists', roles: NOT_VENDORS,
    call: (f) => ({ url: `/data/projects/${f.prod.project.id}/playlists` }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/playlists/all', roles: ADMIN,
    call: (f) => ({ url: `/data/projects/${f.prod.project.id}/playlists/all` }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/episodes/:episode_id/playlists', roles: NOT_VENDORS,
    call: (f) => ({ url: `/api/data/projects/${f.prod.project.id}/episodes/main/playlists` }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/playlists/:playlist_id', roles: NOT_VENDORS,
    call: async (f) => ({ url: `/data/projects/${f.prod.project.id}/playlists/${(await playlist(f)).id}` }),
  },
  {
    method: 'GET', path: '/data/playlists/entities/:entity_id/preview-files', roles: TEAM,
    call: (f) => ({ url: `/data/playlists/entities/${f.prod.asset.id}/preview-files` }),
  },
  {
    method: 'GET', path: '/data/playlists/:playlist_id/jobs/:build_job_id', roles: PLA,
    call: async (f) => ({ url: `/data/playlists/${(await playlist(f)).id}/jobs/${(await succeededJob(f)).id}` }),
  },
  {
    method: 'DELETE', path: '/data/playlists/:playlist_id/jobs/:build_job_id', roles: PLA,
    call: async (f) => {
      const pl = await playlist(f)
      return { url: `/data/playlists/${pl.id}/jobs/${(await makeBuildJob(f.t.app, pl.id, 'failed')).id}` }
    },
  },
  {
    method: 'GET', path: '/data/projects/:project_id/build-jobs', roles: ADMIN,
    call: (f) => ({ url: `/data/projects/${f.prod.project.id}/build-jobs` }),
  },
  {
    // A fresh playlist per call: the build of one playlist is unique.
    method: 'GET', path: '/data/playlists/:playlist_id/build/mp4', roles: MANAGERS,
    call: async (f) => ({ url: `/data/playlists/${(await makePlaylist(f.t.app, f.prod.project.id, { for_client: true })).id}/build/mp4` }),
  },
  {
    method: 'GET', path: '/data/playlists/:playlist_id/jobs/:build_job_id/build/mp4', roles: PLA_SUP,
    call: async (f) => ({ url: `/data/playlists/${(await playlist(f)).id}/jobs/${(await succeededJob(f)).id}/build/mp4` }),
  },
  {
    method: 'GET', path: '/data/playlists/:playlist_id/download/zip', roles: PLA_SUP,
    call: async (f) => ({ url: `/data/playlists/${(await playlist(f)).id}/download/zip` }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/playlists/temp', roles: TEAM, ok: 200,
    call: (f) => ({ url: `/data/projects/${f.prod.project.id}/playlists/temp`, payload: { task_ids: [f.prod.task.id] } }),
  },
  {
    method: 'POST', path: '/actions/playlists/:playlist_id/add-entity', roles: MANAGERS, ok: 200,
    call: async (f) => ({ url: `/actions/playlists/${(await playlist(f)).id}/add-entity`, payload: { entity_id: f.prod.asset.id } }),
  },
  {
    method: 'POST', path: '/actions/playlists/:playlist_id/add-entities', roles: MANAGERS, ok: 200,
    call: async (f) => ({ url: `/actions/playlists/${(await playlist(f)).id}/add-entities`, payload: { entities: [{ entity_id: f.prod.asset.id }] } }),
  },
  {
    method: 'POST', path: '/data/playlists/:playlist_id/notify-clients', roles: MANAGERS, ok: 200,
    call: async (f) => ({ url: `/data/playlists/${(await playlist(f)).id}/notify-clients`, payload: {} }),
  },
  {
    method: 'GET', path: '/data/playlists/:playlist_id/share', roles: MANAGERS,
    call: async (f) => ({ url: `/data/playlists/${(await playlist(f)).id}/share` }),
  },
  {
    method: 'POST', path: '/data/playlists/:playlist_id/share', roles: MANAGERS,
    call: async (f) => ({ url: `/data/playlists/${(await playlist(f)).id}/share`, payload: { expiration_date: '2099-01-01' } }),
  },
  {
    method: 'DELETE', path: '/data/playlists/:playlist_id/share/:token', roles: MANAGERS, ok: 200,
    call: async (f) => {
      const pl = await playlist(f)
      return { url: `/data/playlists/${pl.id}/share/${await makeShareLink(f.t.app, pl.id, f.people.manager.id)}` }
    },
  },
  {
    method: 'POST', path: '/data/playlists/:playlist_id/share/:token/invite', roles: MANAGERS, ok: 200,
    call: async (f) => ({ url: `/data/playlists/${(await playlist(f)).id}/share/${await token(f)}/invite`, payload: { emails: ['guest@example.com'] } }),
  },
])
