// routes.md §15: every edits route at the root and under /api, allowed and refused per role.
import { randomUUID } from 'node:crypto'
import { MANAGERS, routeTable, TEAM, useRoleProduction, type RoleFileApp } from '../../helpers/route-table.ts'
import { entityWithTask, makeEntity } from './fixtures.ts'

const file = useRoleProduction()

let fixture: Promise<{ episode: string; edit: string }> | null = null
/** An episode and an edit under it, each with a task assigned to the vendor (EA passes). */
function fx(f: RoleFileApp) {
  fixture ??= (async () => {
    const vendor = f.people.vendor.id
    const episode = (await entityWithTask(f.t.app, f.prod, 'Episode', 'E01', [vendor])).entity.id
    const edit = (await entityWithTask(f.t.app, f.prod, 'Edit', 'Cut', [vendor], { parent_id: episode })).entity.id
    return { episode, edit }
  })()
  return fixture
}

const p = (f: RoleFileApp) => f.prod.project.id
const NO_VENDOR = TEAM.filter((r) => r !== 'vendor')

routeTable('edits', file, [
  { method: 'GET', path: '/data/edits', roles: TEAM, call: (f) => ({ url: `/data/edits?project_id=${p(f)}` }) },
  { method: 'GET', path: '/data/edits/all', roles: TEAM, call: (f) => ({ url: `/api/data/edits/all?project_id=${p(f)}` }) },
  { method: 'GET', path: '/data/edits/with-tasks', roles: TEAM, call: (f) => ({ url: `/data/edits/with-tasks?project_id=${p(f)}` }) },
  { method: 'GET', path: '/data/edits/:edit_id', roles: TEAM, call: async (f) => ({ url: `/data/edits/${(await fx(f)).edit}` }) },
  {
    method: 'DELETE', path: '/data/edits/:edit_id', roles: MANAGERS,
    call: async (f) => ({ url: `/data/edits/${(await makeEntity(f.t.app, f.prod, 'Edit', `Del ${randomUUID()}`)).id}` }),
  },
  { method: 'GET', path: '/data/edits/:edit_id/task-types', roles: TEAM, call: async (f) => ({ url: `/data/edits/${(await fx(f)).edit}/task-types` }) },
  { method: 'GET', path: '/data/edits/:edit_id/tasks', roles: TEAM, call: async (f) => ({ url: `/api/data/edits/${(await fx(f)).edit}/tasks?relations=true` }) },
  { method: 'GET', path: '/data/edits/:edit_id/preview-files', roles: TEAM, call: async (f) => ({ url: `/data/edits/${(await fx(f)).edit}/preview-files` }) },
  { method: 'GET', path: '/data/edits/:edit_id/versions', roles: TEAM, call: async (f) => ({ url: `/data/edits/${(await fx(f)).edit}/versions` }) },
  { method: 'GET', path: '/data/episodes/:episode_id/edits', roles: TEAM, call: async (f) => ({ url: `/data/episodes/${(await fx(f)).episode}/edits` }) },
  {
    method: 'GET', path: '/data/episodes/:episode_id/edit-tasks', roles: NO_VENDOR,
    call: async (f) => ({ url: `/data/episodes/${(await fx(f)).episode}/edit-tasks` }),
  },
  { method: 'GET', path: '/data/projects/:project_id/edits', roles: TEAM, call: (f) => ({ url: `/data/projects/${p(f)}/edits` }) },
  {
    method: 'POST', path: '/data/projects/:project_id/edits', roles: MANAGERS,
    call: (f) => ({ url: `/data/projects/${p(f)}/edits`, payload: { name: `New ${randomUUID()}` } }),
  },
])
