// Every route of the assets blueprint this plugin serves (routes.md §2, without the casting
// and asset instance routes): registered at the root and under /api, allowed or refused
// per role on a production whose team holds one person of each role.
import { randomUUID } from 'node:crypto'
import { beforeAll } from 'vitest'
import { ALL_ROLES, MANAGERS, TEAM, routeTable, useRoleProduction } from '../../helpers/route-table.ts'
import { assetWithTasks, breakdown, cast } from './helpers.ts'

const file = useRoleProduction()
let shotId = ''
let episodeId = ''

beforeAll(async () => {
  const b = await breakdown(file.t.app, file.prod.project.id)
  shotId = b.shot.id
  episodeId = b.episode.id
  await cast(file.t.app, b.shot.id, file.prod.asset.id)
})

const p = () => file.prod.project.id
const a = () => file.prod.asset.id
const at = () => file.prod.assetType.id

routeTable('assets', file, [
  { method: 'GET', path: '/data/asset-types', roles: ALL_ROLES, call: () => ({ url: '/data/asset-types' }) },
  { method: 'GET', path: '/data/asset-types/:asset_type_id', roles: ALL_ROLES, call: () => ({ url: `/data/asset-types/${at()}` }) },
  { method: 'GET', path: '/data/assets', roles: TEAM, call: () => ({ url: `/data/assets?project_id=${p()}` }) },
  { method: 'GET', path: '/data/assets/all', roles: TEAM, call: () => ({ url: `/data/assets/all?project_id=${p()}` }) },
  { method: 'GET', path: '/data/assets/with-tasks', roles: TEAM, call: () => ({ url: `/data/assets/with-tasks?project_id=${p()}` }) },
  { method: 'GET', path: '/data/assets/:asset_id', roles: TEAM, call: () => ({ url: `/data/assets/${a()}` }) },
  {
    method: 'DELETE', path: '/data/assets/:asset_id', roles: MANAGERS,
    call: async (f) => ({ url: `/data/assets/${(await assetWithTasks(f.t.app, f.prod, undefined, 0)).asset.id}` }),
  },
  { method: 'GET', path: '/data/assets/:asset_id/assets', roles: TEAM, call: () => ({ url: `/data/assets/${a()}/assets` }) },
  { method: 'GET', path: '/data/assets/:asset_id/tasks', roles: TEAM, call: () => ({ url: `/data/assets/${a()}/tasks` }) },
  { method: 'GET', path: '/data/assets/:asset_id/task-types', roles: TEAM, call: () => ({ url: `/data/assets/${a()}/task-types` }) },
  {
    method: 'GET', path: '/data/projects/:project_id/asset-types/:asset_type_id/assets', roles: TEAM,
    call: () => ({ url: `/data/projects/${p()}/asset-types/${at()}/assets` }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/asset-types/:asset_type_id/assets/new', roles: MANAGERS,
    call: () => ({ url: `/data/projects/${p()}/asset-types/${at()}/assets/new`, payload: { name: `New ${randomUUID().slice(0, 8)}` } }),
  },
  { method: 'GET', path: '/data/projects/:project_id/asset-types', roles: TEAM, call: () => ({ url: `/data/projects/${p()}/asset-types` }) },
  { method: 'GET', path: '/data/shots/:shot_id/asset-types', roles: TEAM, call: () => ({ url: `/data/shots/${shotId}/asset-types` }) },
  { method: 'GET', path: '/data/projects/:project_id/assets', roles: TEAM, call: () => ({ url: `/data/projects/${p()}/assets` }) },
  {
    method: 'POST', path: '/actions/assets/share', roles: MANAGERS, ok: 200,
    call: () => ({ url: '/actions/assets/share', payload: { asset_ids: [a()], is_shared: false } }),
  },
  {
    method: 'POST', path: '/actions/projects/:project_id/assets/share', roles: MANAGERS, ok: 200,
    call: () => ({ url: `/actions/projects/${p()}/assets/share`, payload: { is_shared: false } }),
  },
  {
    method: 'POST', path: '/actions/projects/:project_id/asset-types/:asset_type_id/assets/share', roles: MANAGERS, ok: 200,
    call: () => ({ url: `/actions/projects/${p()}/asset-types/${at()}/assets/share`, payload: { is_shared: false } }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/assets/shared-used', roles: TEAM,
    call: () => ({ url: `/data/projects/${p()}/assets/shared-used` }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/episodes/:episode_id/assets/shared-used', roles: TEAM,
    call: () => ({ url: `/data/projects/${p()}/episodes/${episodeId}/assets/shared-used` }),
  },
])
