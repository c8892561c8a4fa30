// Every route of routes.md §16: registered at the root and under /api, allowed for the roles
// the reference gives, 403 for the others.
import { beforeAll } from 'vitest'
import { MANAGERS, TEAM, routeTable, useRoleProduction, type RouteRow } from '../../helpers/route-table.ts'

const file = useRoleProduction()
beforeAll(async () => {
  // A task type enabled on the project, so the task creation has something to create.
  await file.t.app.db.projectTaskTypeLink.create({ data: { project_id: file.prod.project.id, task_type_id: file.prod.taskType.id, priority: 1 } })
})

const p = () => file.prod.project.id
const asset = () => file.prod.asset.id

/** A fresh asset created by the admin: only managers (and admins) may delete it. */
async function freshAsset(): Promise<string> {
  const row = await file.t.app.db.entity.create({
    data: { name: `Doomed ${Math.random()}`, project_id: p(), entity_type_id: file.prod.assetType.id, created_by: file.people.admin.id },
  })
  return row.id
}

const rows: RouteRow[] = [
  { method: 'POST', path: '/actions/projects/:project_id/delete-entities', roles: MANAGERS, ok: 200, call: async () => ({ url: `/actions/projects/${p()}/delete-entities`, payload: [await freshAsset()] }) },
  { method: 'GET', path: '/data/entities/:entity_id/news', roles: TEAM, call: () => ({ url: `/data/entities/${asset()}/news` }) },
  { method: 'GET', path: '/data/entities/:entity_id/preview-files', roles: TEAM, call: () => ({ url: `/data/entities/${asset()}/preview-files` }) },
  { method: 'POST', path: '/data/entities/:entity_id/tasks', roles: ['admin', 'manager', 'supervisor', 'user'], call: () => ({ url: `/data/entities/${asset()}/tasks`, payload: {} }) },
  { method: 'GET', path: '/data/entities/:entity_id/time-spents', roles: TEAM, call: () => ({ url: `/data/entities/${asset()}/time-spents` }) },
  { method: 'GET', path: '/data/entities/:entity_id/entities-linked/with-tasks', roles: TEAM, call: () => ({ url: `/data/entities/${asset()}/entities-linked/with-tasks` }) },
]

routeTable('entities (routes.md §16)', file, rows)
