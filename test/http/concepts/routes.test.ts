// routes.md §13: every concepts route at the root and under /api, allowed and refused per role.
import { randomUUID } from 'node:crypto'
import { MANAGERS, routeTable, useRoleProduction, type RoleFileApp, type TableRole } from '../../helpers/route-table.ts'
import { entityWithTask, makeEntity } from '../edits/fixtures.ts'

const file = useRoleProduction()

let fixture: Promise<string> | null = null
/** A concept with a task assigned to the vendor (EA passes). */
function concept(f: RoleFileApp) {
  fixture ??= entityWithTask(f.t.app, f.prod, 'Concept', 'Moodboard', [f.people.vendor.id]).then((c) => c.entity.id)
  return fixture
}

const p = (f: RoleFileApp) => f.prod.project.id
/** Lists and creation: no clients, no vendors. */
const STAFF: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user']
/** Single-concept reads: no clients; vendors through EA. */
const READERS: readonly TableRole[] = [...STAFF, 'vendor']

routeTable('concepts', file, [
  { method: 'GET', path: '/data/concepts', roles: STAFF, call: (f) => ({ url: `/data/concepts?project_id=${p(f)}` }) },
  { method: 'GET', path: '/data/concepts/with-tasks', roles: STAFF, call: (f) => ({ url: `/api/data/concepts/with-tasks?project_id=${p(f)}` }) },
  { method: 'GET', path: '/data/concepts/:concept_id', roles: READERS, call: async (f) => ({ url: `/data/concepts/${await concept(f)}` }) },
  {
    method: 'DELETE', path: '/data/concepts/:concept_id', roles: MANAGERS,
    call: async (f) => ({ url: `/data/concepts/${(await makeEntity(f.t.app, f.prod, 'Concept', `Del ${randomUUID()}`)).id}` }),
  },
  { method: 'GET', path: '/data/concepts/:concept_id/task-types', roles: READERS, call: async (f) => ({ url: `/data/concepts/${await concept(f)}/task-types` }) },
  { method: 'GET', path: '/data/concepts/:concept_id/tasks', roles: READERS, call: async (f) => ({ url: `/data/concepts/${await concept(f)}/tasks` }) },
  { method: 'GET', path: '/data/concepts/:concept_id/preview-files', roles: READERS, call: async (f) => ({ url: `/data/concepts/${await concept(f)}/preview-files` }) },
  { method: 'GET', path: '/data/projects/:project_id/concepts', roles: STAFF, call: (f) => ({ url: `/data/projects/${p(f)}/concepts` }) },
  {
    method: 'POST', path: '/data/projects/:project_id/concepts', roles: STAFF,
    call: (f) => ({ url: `/data/projects/${p(f)}/concepts`, payload: { name: `New ${randomUUID()}` } }),
  },
])
