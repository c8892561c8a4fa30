// routes.md §7 (team, settings, project task types, time spents, day offs, listings) and §7.1
// (link routes): every route, who may call it, per role on a production whose team holds one
// person of each role (the outsider is an artist off the team).
import { randomUUID } from 'node:crypto'
import { ALL_ROLES, MANAGERS, TEAM, routeTable, useRoleProduction, type RoleFileApp } from '../../helpers/route-table.ts'
import { createPerson } from '../../helpers/fixtures.ts'

const file = useRoleProduction()
const p = (f: RoleFileApp) => `/data/projects/${f.prod.project.id}`

/** A fresh team member (DELETE/PUT targets must not be the callers themselves). */
async function member(f: RoleFileApp) {
  const person = await createPerson(f.t.app, 'user')
  await f.t.app.db.projectPersonLink.create({ data: { project_id: f.prod.project.id, person_id: person.id } })
  return person.id
}

const newTaskType = (f: RoleFileApp) => f.t.app.db.taskType.create({ data: { name: `TT ${randomUUID().slice(0, 8)}` } })
const newStatus = (f: RoleFileApp) => {
  const short = randomUUID().slice(0, 8)
  return f.t.app.db.taskStatus.create({ data: { name: `S ${short}`, short_name: short, color: '#000000' } })
}
const newAssetType = (f: RoleFileApp) => f.t.app.db.entityType.create({ data: { name: `AT ${randomUUID().slice(0, 8)}` } })
const newAutomation = (f: RoleFileApp) => f.t.app.db.statusAutomation.create({ data: {} })
const newBackground = (f: RoleFileApp) => f.t.app.db.previewBackgroundFile.create({ data: { name: `BG ${randomUUID().slice(0, 8)}` } })

routeTable('projects team, settings and links', file, [
  { method: 'GET', path: '/data/projects/open', roles: ALL_ROLES, call: () => ({ url: '/data/projects/open' }) },
  { method: 'GET', path: '/data/projects/all', roles: ALL_ROLES, call: () => ({ url: '/data/projects/all' }) },
  { method: 'GET', path: '/data/projects/:project_id/team', roles: TEAM, call: (f) => ({ url: `${p(f)}/team` }) },
  {
    method: 'POST', path: '/data/projects/:project_id/team', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/team`, payload: { person_id: (await createPerson(f.t.app, 'user')).id } }),
  },
  {
    method: 'PUT', path: '/data/projects/:project_id/team/:person_id', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/team/${await member(f)}`, payload: { role: 'supervisor' } }),
  },
  {
    method: 'DELETE', path: '/data/projects/:project_id/team/:person_id', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/team/${await member(f)}` }),
  },
  { method: 'GET', path: '/data/projects/:project_id/task-types', roles: TEAM, call: (f) => ({ url: `${p(f)}/task-types` }) },
  {
    method: 'GET', path: '/data/projects/:project_id/task-types/:task_type_id/time-spents', roles: MANAGERS,
    call: (f) => ({ url: `${p(f)}/task-types/${f.prod.taskType.id}/time-spents` }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/day-offs', roles: ['admin', 'manager', 'supervisor', 'user'],
    call: (f) => ({ url: `${p(f)}/day-offs` }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/settings/asset-types', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/settings/asset-types`, payload: { asset_type_id: (await newAssetType(f)).id } }),
  },
  {
    method: 'DELETE', path: '/data/projects/:project_id/settings/asset-types/:asset_type_id', roles: MANAGERS,
    call: (f) => ({ url: `${p(f)}/settings/asset-types/${f.prod.assetType.id}` }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/settings/task-types', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/settings/task-types`, payload: { task_type_id: (await newTaskType(f)).id, priority: 3 } }),
  },
  {
    method: 'DELETE', path: '/data/projects/:project_id/settings/task-types/:task_type_id', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/settings/task-types/${(await newTaskType(f)).id}` }),
  },
  { method: 'GET', path: '/data/projects/:project_id/settings/task-status', roles: TEAM, call: (f) => ({ url: `${p(f)}/settings/task-status` }) },
  {
    method: 'POST', path: '/data/projects/:project_id/settings/task-status', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/settings/task-status`, payload: { task_status_id: (await newStatus(f)).id } }),
  },
  {
    method: 'DELETE', path: '/data/projects/:project_id/settings/task-status/:task_status_id', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/settings/task-status/${(await newStatus(f)).id}` }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/settings/batch', roles: MANAGERS, ok: 200,
    call: async (f) => ({ url: `${p(f)}/settings/batch`, payload: { task_status_ids: [(await newStatus(f)).id] } }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/settings/status-automations', roles: MANAGERS,
    call: (f) => ({ url: `${p(f)}/settings/status-automations` }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/settings/status-automations', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/settings/status-automations`, payload: { status_automation_id: (await newAutomation(f)).id } }),
  },
  {
    method: 'DELETE', path: '/data/projects/:project_id/settings/status-automations/:status_automation_id', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/settings/status-automations/${(await newAutomation(f)).id}` }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/settings/preview-background-files', roles: TEAM,
    call: (f) => ({ url: `${p(f)}/settings/preview-background-files` }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/settings/preview-background-files', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/settings/preview-background-files`, payload: { preview_background_file_id: (await newBackground(f)).id } }),
  },
  {
    method: 'DELETE', path: '/data/projects/:project_id/settings/preview-background-files/:preview_background_file_id', roles: MANAGERS,
    call: async (f) => ({ url: `${p(f)}/settings/preview-background-files/${(await newBackground(f)).id}` }),
  },
  {
    method: 'POST', path: '/data/task-type-links', roles: MANAGERS,
    call: (f) => ({ url: '/data/task-type-links', payload: { project_id: f.prod.project.id, task_type_id: f.prod.taskType.id, priority: 2 } }),
  },
  {
    method: 'POST', path: '/data/task-status-links', roles: MANAGERS,
    call: (f) => ({ url: '/data/task-status-links', payload: { project_id: f.prod.project.id, task_status_id: f.prod.status.id, priority: 2 } }),
  },
  {
    method: 'POST', path: '/actions/projects/:project_id/task-type-links/reorder', roles: MANAGERS, ok: 200,
    call: (f) => ({ url: `/actions/projects/${f.prod.project.id}/task-type-links/reorder`, payload: { task_type_ids: [f.prod.taskType.id] } }),
  },
  {
    method: 'POST', path: '/actions/projects/:project_id/task-status-links/reorder', roles: MANAGERS, ok: 200,
    call: (f) => ({ url: `/actions/projects/${f.prod.project.id}/task-status-links/reorder`, payload: { task_status_ids: [f.prod.status.id] } }),
  },
  {
    method: 'POST', path: '/actions/task-types/reorder', roles: ['admin'], ok: 200,
    call: (f) => ({ url: '/actions/task-types/reorder', payload: { task_type_ids: [f.prod.taskType.id] } }),
  },
])
