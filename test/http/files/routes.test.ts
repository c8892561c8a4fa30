// routes.md §8: every files route at the root and under /api, allowed and refused per role.
// PA/TA/EA → the whole team (the table's vendor is assigned on the production's asset);
// MPA → admins and managers; TAA → managers, clients, assignees (the vendor) and
// department-less supervisors, not plain artists.
import { randomUUID } from 'node:crypto'
import { beforeAll } from 'vitest'
import { MANAGERS, routeTable, TEAM, useRoleProduction, type RoleFileApp, type TableRole } from '../../helpers/route-table.ts'
import { filesFixture, multipartFile } from './fixtures.ts'

const file = useRoleProduction()
let fx: Awaited<ReturnType<typeof filesFixture>>
beforeAll(async () => {
  fx = await filesFixture(file.t.app, file.prod)
})

const TAA: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'client', 'vendor']
const p = (f: RoleFileApp) => f.prod.project.id
const asset = (f: RoleFileApp) => f.prod.asset.id
const task = (f: RoleFileApp) => f.prod.task.id
const instance = () => `/data/asset-instances/${fx.instance.id}/entities/${fx.shot.id}`
const outputBody = (f: RoleFileApp) => ({ output_type_id: fx.outputType.id, task_type_id: f.prod.taskType.id })

/** A working file on the production's task (rows made directly: no assignment side effect). */
async function workingFile(f: RoleFileApp, withBytes = false) {
  const row = await f.t.app.db.workingFile.create({
    data: { name: `wf-${randomUUID().slice(0, 8)}`, revision: 1, task_id: task(f), entity_id: asset(f) },
  })
  if (withBytes) await f.t.app.storage.put('files', `working-${row.id}`, Buffer.from('bytes'))
  return row.id
}

/** A fresh task on the production's asset: creating a working file assigns the caller to it. */
async function freshTask(f: RoleFileApp) {
  const t = await f.t.app.db.task.create({
    data: { name: randomUUID().slice(0, 8), project_id: p(f), entity_id: asset(f), task_type_id: f.prod.taskType.id, task_status_id: f.prod.status.id },
  })
  return t.id
}

routeTable('files', file, [
  { method: 'GET', path: '/data/files/:file_id', roles: TEAM, call: async (f) => ({ url: `/data/files/${await workingFile(f)}` }) },
  { method: 'GET', path: '/data/tasks/:task_id/working-files', roles: TEAM, call: (f) => ({ url: `/data/tasks/${task(f)}/working-files` }) },
  {
    method: 'POST', path: '/data/tasks/:task_id/working-files/new', roles: TEAM,
    call: async (f) => ({ url: `/data/tasks/${await freshTask(f)}/working-files/new`, payload: { name: 'main' } }),
  },
  { method: 'GET', path: '/data/tasks/:task_id/working-files/last-revisions', roles: TEAM, call: (f) => ({ url: `/data/tasks/${task(f)}/working-files/last-revisions` }) },
  { method: 'POST', path: '/data/tasks/:task_id/working-file-path', roles: TEAM, ok: 200, call: (f) => ({ url: `/data/tasks/${task(f)}/working-file-path`, payload: {} }) },
  {
    method: 'POST', path: '/data/entities/:entity_id/output-file-path', roles: TEAM, ok: 200,
    call: (f) => ({ url: `/data/entities/${asset(f)}/output-file-path`, payload: outputBody(f) }),
  },
  {
    method: 'POST', path: '/data/asset-instances/:asset_instance_id/entities/:temporal_entity_id/output-file-path', roles: TEAM, ok: 200,
    call: (f) => ({ url: `${instance()}/output-file-path`, payload: outputBody(f) }),
  },
  { method: 'GET', path: '/data/entities/:entity_id/working-files', roles: TEAM, call: (f) => ({ url: `/data/entities/${asset(f)}/working-files` }) },
  {
    method: 'POST', path: '/data/entities/:entity_id/output-files/new', roles: TEAM,
    call: (f) => ({ url: `/data/entities/${asset(f)}/output-files/new`, payload: outputBody(f) }),
  },
  {
    method: 'POST', path: '/data/entities/:entity_id/output-files/next-revision', roles: TEAM, ok: 200,
    call: (f) => ({ url: `/data/entities/${asset(f)}/output-files/next-revision`, payload: outputBody(f) }),
  },
  { method: 'GET', path: '/data/entities/:entity_id/output-files/last-revisions', roles: TEAM, call: (f) => ({ url: `/data/entities/${asset(f)}/output-files/last-revisions` }) },
  { method: 'GET', path: '/data/entities/:entity_id/output-types', roles: TEAM, call: (f) => ({ url: `/data/entities/${asset(f)}/output-types` }) },
  {
    method: 'GET', path: '/data/entities/:entity_id/output-types/:output_type_id/output-files', roles: TEAM,
    call: (f) => ({ url: `/data/entities/${asset(f)}/output-types/${fx.outputType.id}/output-files` }),
  },
  { method: 'GET', path: '/data/entities/:entity_id/output-files', roles: TEAM, call: (f) => ({ url: `/data/entities/${asset(f)}/output-files` }) },
  { method: 'GET', path: '/data/projects/:project_id/output-files', roles: MANAGERS, call: (f) => ({ url: `/data/projects/${p(f)}/output-files` }) },
  { method: 'GET', path: '/data/asset-instances/:asset_instance_id/output-files', roles: TEAM, call: () => ({ url: `/data/asset-instances/${fx.instance.id}/output-files` }) },
  {
    method: 'POST', path: '/data/asset-instances/:asset_instance_id/entities/:temporal_entity_id/output-files/new', roles: TEAM,
    call: (f) => ({ url: `${instance()}/output-files/new`, payload: outputBody(f) }),
  },
  {
    method: 'POST', path: '/data/asset-instances/:asset_instance_id/entities/:temporal_entity_id/output-files/next-revision', roles: TEAM, ok: 200,
    call: (f) => ({ url: `${instance()}/output-files/next-revision`, payload: outputBody(f) }),
  },
  {
    method: 'GET', path: '/data/asset-instances/:asset_instance_id/entities/:temporal_entity_id/output-files/last-revisions', roles: TEAM,
    call: () => ({ url: `${instance()}/output-files/last-revisions` }),
  },
  {
    method: 'GET', path: '/data/asset-instances/:asset_instance_id/entities/:temporal_entity_id/output-types', roles: TEAM,
    call: () => ({ url: `${instance()}/output-types` }),
  },
  {
    method: 'GET', path: '/data/asset-instances/:asset_instance_id/entities/:temporal_entity_id/output-types/:output_type_id/output-files', roles: TEAM,
    call: () => ({ url: `${instance()}/output-types/${fx.outputType.id}/output-files` }),
  },
  {
    method: 'POST', path: '/data/entities/guess-from-path', roles: TEAM, ok: 200,
    call: (f) => ({ url: '/data/entities/guess-from-path', payload: { project_id: p(f), file_path: '/simple/productions/x' } }),
  },
  {
    method: 'POST', path: '/data/entities/guess_from_path', roles: TEAM, ok: 200,
    call: (f) => ({ url: '/data/entities/guess_from_path', payload: { project_id: p(f), file_path: '/simple/productions/x' } }),
  },
  { method: 'GET', path: '/data/working-files/:working_file_id/file', roles: TEAM, call: async (f) => ({ url: `/data/working-files/${await workingFile(f, true)}/file` }) },
  {
    method: 'POST', path: '/data/working-files/:working_file_id/file', roles: TEAM,
    call: async (f) => ({ url: `/data/working-files/${await workingFile(f)}/file`, ...multipartFile('file', 'scene.blend', Buffer.from('blend')) }),
  },
  {
    method: 'POST', path: '/actions/projects/:project_id/set-file-tree', roles: MANAGERS, ok: 200,
    call: (f) => ({ url: `/actions/projects/${p(f)}/set-file-tree`, payload: { tree_name: 'simple' } }),
  },
  {
    method: 'PUT', path: '/actions/working-files/:working_file_id/comment', roles: TAA,
    call: async (f) => ({ url: `/actions/working-files/${await workingFile(f)}/comment`, payload: { comment: 'done' } }),
  },
  { method: 'PUT', path: '/actions/working-files/:working_file_id/modified', roles: TAA, call: async (f) => ({ url: `/actions/working-files/${await workingFile(f)}/modified` }) },
])
