// routes.md §3, sequences and episodes: every route at the root and under /api, allowed and
// refused per role (PA, EA with the vendor assigned on the tree, NOVENDOR, MPA, creator-or-MPA).
import { randomUUID } from 'node:crypto'
import { beforeAll } from 'vitest'
import { MANAGERS, TEAM, routeTable, useRoleProduction, type RouteRow, type TableRole } from '../../helpers/route-table.ts'
import { makeEntity, makeTree, type Tree } from './helpers.ts'

const file = useRoleProduction()
let tree: Tree

beforeAll(async () => {
  tree = await makeTree(file.t.app, file.prod, { assign: [file.people.vendor.id] })
})

const NO_VENDOR: readonly TableRole[] = TEAM.filter((r) => r !== 'vendor')
const p = () => file.prod.project.id
const ep = () => tree.episode.id
const sq = () => tree.sequence.id
const get = (roles: readonly TableRole[], path: string, url: () => string): RouteRow => ({ method: 'GET', path, roles, call: () => ({ url: url() }) })

routeTable('sequences and episodes', file, [
  get(TEAM, '/data/episodes', () => `/data/episodes?project_id=${p()}`),
  get(TEAM, '/data/episodes/with-tasks', () => `/data/episodes/with-tasks?project_id=${p()}`),
  get(TEAM, '/data/episodes/:episode_id', () => `/data/episodes/${ep()}`),
  {
    method: 'DELETE', path: '/data/episodes/:episode_id', roles: MANAGERS,
    call: async () => ({ url: `/data/episodes/${(await makeEntity(file.t.app, file.prod, 'Episode', `E-${randomUUID().slice(0, 8)}`)).id}` }),
  },
  get(TEAM, '/data/episodes/:episode_id/shots', () => `/data/episodes/${ep()}/shots`),
  get(TEAM, '/data/episodes/:episode_id/sequences', () => `/data/episodes/${ep()}/sequences`),
  get(TEAM, '/data/episodes/:episode_id/tasks', () => `/data/episodes/${ep()}/tasks`),
  get(TEAM, '/data/episodes/:episode_id/task-types', () => `/data/episodes/${ep()}/task-types`),
  get(NO_VENDOR, '/data/episodes/:episode_id/shot-tasks', () => `/data/episodes/${ep()}/shot-tasks`),
  get(NO_VENDOR, '/data/episodes/:episode_id/asset-tasks', () => `/data/episodes/${ep()}/asset-tasks`),
  get(TEAM, '/data/sequences', () => `/data/sequences?project_id=${p()}`),
  get(TEAM, '/data/sequences/with-tasks', () => `/data/sequences/with-tasks?project_id=${p()}`),
  get(TEAM, '/data/sequences/:sequence_id', () => `/data/sequences/${sq()}`),
  {
    method: 'DELETE', path: '/data/sequences/:sequence_id', roles: MANAGERS,
    call: async () => ({ url: `/data/sequences/${(await makeEntity(file.t.app, file.prod, 'Sequence', `SQ-${randomUUID().slice(0, 8)}`)).id}` }),
  },
  get(TEAM, '/data/sequences/:sequence_id/shots', () => `/data/sequences/${sq()}/shots`),
  get(TEAM, '/data/sequences/:sequence_id/scenes', () => `/data/sequences/${sq()}/scenes`),
  get(TEAM, '/data/sequences/:sequence_id/tasks', () => `/data/sequences/${sq()}/tasks`),
  get(TEAM, '/data/sequences/:sequence_id/task-types', () => `/data/sequences/${sq()}/task-types`),
  get(NO_VENDOR, '/data/sequences/:sequence_id/shot-tasks', () => `/data/sequences/${sq()}/shot-tasks`),
  get(TEAM, '/data/projects/:project_id/sequences', () => `/data/projects/${p()}/sequences`),
  {
    method: 'POST', path: '/data/projects/:project_id/sequences', roles: MANAGERS,
    call: () => ({ url: `/data/projects/${p()}/sequences`, payload: { name: `SQ-${randomUUID().slice(0, 8)}` } }),
  },
  get(TEAM, '/data/projects/:project_id/episodes', () => `/data/projects/${p()}/episodes`),
  {
    method: 'POST', path: '/data/projects/:project_id/episodes', roles: MANAGERS,
    call: () => ({ url: `/data/projects/${p()}/episodes`, payload: { name: `E-${randomUUID().slice(0, 8)}` } }),
  },
  get(TEAM, '/data/projects/:project_id/episodes/stats', () => `/data/projects/${p()}/episodes/stats`),
  get(TEAM, '/data/projects/:project_id/episodes/retake-stats', () => `/data/projects/${p()}/episodes/retake-stats`),
])
