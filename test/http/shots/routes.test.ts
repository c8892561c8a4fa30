// routes.md §3: every shot, scene and quota route of the shots blueprint, per role, at the
// root and under /api (test/helpers/route-table.ts).
import { beforeAll } from 'vitest'
import { MANAGERS, TEAM, routeTable, useRoleProduction, type TableRole } from '../../helpers/route-table.ts'
import { makeEntity, makeShots, type ShotsFixture } from './helpers.ts'

const file = useRoleProduction()
const f = {} as ShotsFixture
beforeAll(async () => { Object.assign(f, await makeShots(file)) })

const NOT_VENDOR: TableRole[] = TEAM.filter((r) => r !== 'vendor')
const p = () => file.prod.project.id
const freshShot = async () => makeEntity(file.t.app, p(), 'Shot', `SHX${Math.random().toString(36).slice(2, 8)}`, { parent_id: f.sequence.id })

routeTable('shots blueprint', file, [
  { method: 'GET', path: '/data/shots', roles: TEAM, call: () => ({ url: `/data/shots?project_id=${p()}` }) },
  { method: 'GET', path: '/data/shots/all', roles: TEAM, call: () => ({ url: `/api/data/shots/all?project_id=${p()}` }) },
  { method: 'GET', path: '/data/shots/with-tasks', roles: TEAM, call: () => ({ url: `/data/shots/with-tasks?project_id=${p()}` }) },
  { method: 'GET', path: '/data/shots/:shot_id', roles: TEAM, call: () => ({ url: `/data/shots/${f.shot.id}` }) },
  { method: 'PUT', path: '/data/shots/:shot_id', roles: MANAGERS, call: () => ({ url: `/data/shots/${f.shot.id}`, payload: { description: 'updated' } }) },
  { method: 'DELETE', path: '/data/shots/:shot_id', roles: MANAGERS, call: async () => ({ url: `/data/shots/${(await freshShot()).id}` }) },
  { method: 'GET', path: '/data/shots/:shot_id/assets', roles: TEAM, call: () => ({ url: `/data/shots/${f.shot.id}/assets` }) },
  { method: 'GET', path: '/data/shots/:shot_id/task-types', roles: TEAM, call: () => ({ url: `/data/shots/${f.shot.id}/task-types` }) },
  { method: 'GET', path: '/data/shots/:shot_id/tasks', roles: TEAM, call: () => ({ url: `/data/shots/${f.shot.id}/tasks?relations=true` }) },
  { method: 'GET', path: '/data/shots/:shot_id/preview-files', roles: TEAM, call: () => ({ url: `/data/shots/${f.shot.id}/preview-files` }) },
  { method: 'GET', path: '/data/shots/:shot_id/versions', roles: TEAM, call: () => ({ url: `/data/shots/${f.shot.id}/versions` }) },
  { method: 'GET', path: '/data/scenes/all', roles: NOT_VENDOR, call: () => ({ url: `/data/scenes/all?project_id=${p()}` }) },
  { method: 'GET', path: '/data/scenes/with-tasks', roles: NOT_VENDOR, call: () => ({ url: `/data/scenes/with-tasks?project_id=${p()}` }) },
  { method: 'GET', path: '/data/scenes/:scene_id', roles: TEAM, call: () => ({ url: `/data/scenes/${f.scene.id}` }) },
  {
    method: 'DELETE', path: '/data/scenes/:scene_id', roles: MANAGERS,
    call: async () => ({ url: `/data/scenes/${(await makeEntity(file.t.app, p(), 'Scene', `SCX${Math.random()}`, { parent_id: f.sequence.id })).id}` }),
  },
  { method: 'GET', path: '/data/scenes/:scene_id/tasks', roles: TEAM, call: () => ({ url: `/data/scenes/${f.scene.id}/tasks` }) },
  { method: 'GET', path: '/data/scenes/:scene_id/task-types', roles: TEAM, call: () => ({ url: `/data/scenes/${f.scene.id}/task-types` }) },
  { method: 'GET', path: '/data/scenes/:scene_id/shots', roles: TEAM, call: () => ({ url: `/data/scenes/${f.scene.id}/shots` }) },
  { method: 'POST', path: '/data/scenes/:scene_id/shots', roles: TEAM, call: () => ({ url: `/data/scenes/${f.scene.id}/shots`, payload: { shot_id: f.shot2.id } }) },
  { method: 'DELETE', path: '/data/scenes/:scene_id/shots/:shot_id', roles: TEAM, call: () => ({ url: `/data/scenes/${f.scene.id}/shots/${f.shot2.id}` }) },
  { method: 'GET', path: '/data/projects/:project_id/shots', roles: TEAM, call: () => ({ url: `/data/projects/${p()}/shots` }) },
  { method: 'POST', path: '/data/projects/:project_id/shots', roles: MANAGERS, call: () => ({ url: `/data/projects/${p()}/shots`, payload: { name: 'SH100', sequence_id: f.sequence.id } }) },
  { method: 'GET', path: '/data/projects/:project_id/scenes', roles: TEAM, call: () => ({ url: `/data/projects/${p()}/scenes` }) },
  { method: 'POST', path: '/data/projects/:project_id/scenes', roles: MANAGERS, call: () => ({ url: `/data/projects/${p()}/scenes`, payload: { name: 'SC100', sequence_id: f.sequence.id } }) },
  { method: 'GET', path: '/data/projects/:project_id/quotas/:task_type_id', roles: TEAM, call: () => ({ url: `/data/projects/${p()}/quotas/${f.shotTaskType.id}` }) },
  {
    method: 'GET', path: '/data/projects/:project_id/quotas/persons/:person_id', roles: ['admin', 'manager', 'supervisor'],
    call: () => ({ url: `/data/projects/${p()}/quotas/persons/${file.people.manager.id}?count_mode=done` }),
  },
  {
    method: 'POST', path: '/actions/projects/:project_id/task-types/:task_type_id/set-shot-nb-frames', roles: MANAGERS, ok: 200,
    call: () => ({ url: `/actions/projects/${p()}/task-types/${f.shotTaskType.id}/set-shot-nb-frames` }),
  },
])
