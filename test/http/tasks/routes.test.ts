// routes.md §4, the tasks blueprint: every route at the root and under /api, allowed and
// refused per role (TA, TAA, MPA, SUP-TASK, time-spent owner rules, admin-only lists…).
import { beforeAll } from 'vitest'
import {
  ALL_ROLES, MANAGERS, SUPERVISORS, TEAM, routeTable, useRoleProduction, type RouteRow, type TableRole,
} from '../../helpers/route-table.ts'
import { makeEntity } from '../sequences/helpers.ts'
import { newComment, newPreview, newTask, uniq } from './helpers.ts'

const file = useRoleProduction()
const app = () => file.t.app
const p = () => file.prod.project.id
const task = () => file.prod.task.id
let managerComment: string
let previewTask: string
let preview: string

beforeAll(async () => {
  managerComment = (await newComment(app(), task(), file.people.manager.id)).id
  preview = (await newPreview(app(), task(), managerComment)).id
  previewTask = (await newTask(app(), file.prod, [file.people.vendor.id])).id
  await newPreview(app(), previewTask, null)
  await makeEntity(app(), file.prod, 'Shot', uniq('SH'))
  await makeEntity(app(), file.prod, 'Concept', uniq('C'))
})

const NOT_VENDOR: readonly TableRole[] = ALL_ROLES.filter((r) => r !== 'vendor')
const NO_VENDOR_CLIENT: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user']
const TAA: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'client', 'vendor']
const NO_CLIENT: readonly TableRole[] = TEAM.filter((r) => r !== 'client')
const OWNER: readonly TableRole[] = ['admin', 'manager', 'vendor']
const ADMIN: readonly TableRole[] = ['admin']
const get = (roles: readonly TableRole[], path: string, url: () => string): RouteRow => ({ method: 'GET', path, roles, call: () => ({ url: url() }) })
const freshTaskType = () => app().db.taskType.create({ data: { name: uniq('TT'), for_entity: 'Asset' } })
const DAY = '2024-03-04'
const vendorDay = `/actions/tasks/:task_id/time-spents/:date/persons/:person_id`
const vendorDayUrl = () => `/actions/tasks/${task()}/time-spents/${DAY}/persons/${file.people.vendor.id}`

routeTable('tasks', file, [
  get(ALL_ROLES, '/data/tasks/open-tasks', () => '/data/tasks/open-tasks'),
  get(ALL_ROLES, '/data/tasks/open-tasks/stats', () => '/data/tasks/open-tasks/stats'),
  get(TEAM, '/data/tasks/:task_id/comments', () => `/data/tasks/${task()}/comments`),
  get(NO_CLIENT, '/data/tasks/:task_id/comments/:comment_id', () => `/data/tasks/${task()}/comments/${managerComment}`),
  {
    method: 'DELETE', path: '/data/tasks/:task_id/comments/:comment_id', roles: MANAGERS,
    call: async () => ({ url: `/data/tasks/${task()}/comments/${(await newComment(app(), task(), file.people.manager.id)).id}` }),
  },
  get(TEAM, '/data/tasks/:task_id/previews', () => `/data/tasks/${task()}/previews`),
  get(TEAM, '/data/tasks/:task_id/full', () => `/data/tasks/${task()}/full`),
  get(NOT_VENDOR, '/data/persons/:person_id/tasks', () => `/data/persons/${file.people.user.id}/tasks`),
  get(NOT_VENDOR, '/data/persons/:person_id/done-tasks', () => `/data/persons/${file.people.user.id}/done-tasks`),
  get(NOT_VENDOR, '/data/persons/:person_id/related-tasks/:task_type_id',
    () => `/data/persons/${file.people.user.id}/related-tasks/${file.prod.taskType.id}`),
  get(TEAM, '/data/entities/:entity_id/task-types/:task_type_id/tasks',
    () => `/data/entities/${file.prod.asset.id}/task-types/${file.prod.taskType.id}/tasks`),
  get(NO_VENDOR_CLIENT, '/data/projects/:project_id/comments', () => `/data/projects/${p()}/comments`),
  get(ADMIN, '/data/projects/:project_id/notifications', () => `/data/projects/${p()}/notifications`),
  get(ADMIN, '/data/projects/:project_id/preview-files', () => `/data/projects/${p()}/preview-files`),
  get(ADMIN, '/data/projects/:project_id/subscriptions', () => `/data/projects/${p()}/subscriptions`),
  get(TEAM, '/data/projects/:project_id/tasks', () => `/data/projects/${p()}/tasks`),
  get(SUPERVISORS, '/data/persons/task-dates', () => '/data/persons/task-dates'),
  {
    method: 'DELETE', path: '/actions/projects/:project_id/task-types/:task_type_id/delete-tasks', roles: ADMIN,
    call: async () => {
      const type = await freshTaskType()
      await newTask(app(), file.prod, [], { task_type_id: type.id })
      return { url: `/actions/projects/${p()}/task-types/${type.id}/delete-tasks` }
    },
  },
  {
    method: 'POST', path: '/actions/projects/:project_id/delete-tasks', roles: MANAGERS, ok: 200,
    call: async () => ({ url: `/actions/projects/${p()}/delete-tasks`, payload: [(await newTask(app(), file.prod)).id] }),
  },
  {
    method: 'PUT', path: '/actions/tasks/:task_id/assign', roles: SUPERVISORS,
    call: async () => ({ url: `/actions/tasks/${(await newTask(app(), file.prod)).id}/assign`, payload: { person_id: file.people.user.id } }),
  },
  {
    method: 'PUT', path: '/actions/tasks/clear-assignation', roles: ALL_ROLES,
    call: async () => ({ url: '/actions/tasks/clear-assignation', payload: { task_ids: [(await newTask(app(), file.prod, [file.people.user.id])).id] } }),
  },
  {
    method: 'PUT', path: '/actions/tasks/set-priority', roles: ALL_ROLES,
    call: async () => ({ url: '/actions/tasks/set-priority', payload: { task_ids: [(await newTask(app(), file.prod)).id], priority: 2 } }),
  },
  {
    method: 'PUT', path: '/actions/persons/:person_id/assign', roles: ALL_ROLES,
    call: async () => ({ url: `/actions/persons/${file.people.user.id}/assign`, payload: { task_ids: [(await newTask(app(), file.prod)).id] } }),
  },
  get(TEAM, '/actions/tasks/:task_id/time-spents', () => `/actions/tasks/${task()}/time-spents`),
  get(TEAM, '/actions/tasks/:task_id/time-spents/:date', () => `/actions/tasks/${task()}/time-spents/${DAY}`),
  { method: 'POST', path: vendorDay, roles: OWNER, call: () => ({ url: vendorDayUrl(), payload: { duration: 30 } }) },
  {
    method: 'DELETE', path: vendorDay, roles: OWNER, ok: 201,
    call: async () => {
      const where = { person_id: file.people.vendor.id, task_id: task(), date: new Date(`${DAY}T00:00:00Z`) }
      await app().db.timeSpent.upsert({ where: { person_id_task_id_date: where }, create: { ...where, duration: 10 }, update: {} })
      return { url: vendorDayUrl() }
    },
  },
  { method: 'POST', path: `${vendorDay}/add`, roles: OWNER, call: () => ({ url: `${vendorDayUrl()}/add`, payload: { duration: 5 } }) },
  {
    method: 'POST', path: '/actions/tasks/:task_id/comments/:comment_id/add-preview', roles: TAA,
    call: () => ({ url: `/actions/tasks/${task()}/comments/${managerComment}/add-preview`, payload: {} }),
  },
  {
    method: 'POST', path: '/actions/tasks/:task_id/comments/:comment_id/preview-files/:preview_file_id', roles: TAA,
    call: () => ({ url: `/actions/tasks/${task()}/comments/${managerComment}/preview-files/${preview}` }),
  },
  {
    method: 'DELETE', path: '/actions/tasks/:task_id/comments/:comment_id/preview-files/:preview_file_id', roles: TEAM,
    call: async () => ({ url: `/actions/tasks/${task()}/comments/${managerComment}/preview-files/${(await newPreview(app(), task(), managerComment, { revision: 50 })).id}` }),
  },
  {
    method: 'PUT', path: '/actions/tasks/:task_id/to-review', roles: TEAM,
    call: () => ({ url: `/actions/tasks/${task()}/to-review`, payload: { change_status: false } }),
  },
  ...(['shots', 'assets', 'edits'] as const).map((kind): RouteRow => ({
    method: 'POST', path: `/actions/projects/:project_id/task-types/:task_type_id/${kind}/create-tasks`, roles: MANAGERS,
    call: async () => ({ url: `/actions/projects/${p()}/task-types/${(await freshTaskType()).id}/${kind}/create-tasks` }),
  })),
  {
    method: 'POST', path: '/actions/projects/:project_id/task-types/:task_type_id/concepts/create-tasks', roles: NO_VENDOR_CLIENT,
    call: async () => ({ url: `/actions/projects/${p()}/task-types/${(await freshTaskType()).id}/concepts/create-tasks` }),
  },
  {
    method: 'POST', path: '/actions/projects/:project_id/task-types/:task_type_id/create-tasks/:entity_type', roles: MANAGERS,
    call: async () => ({ url: `/actions/projects/${p()}/task-types/${(await freshTaskType()).id}/create-tasks/shot` }),
  },
  {
    method: 'PUT', path: '/actions/tasks/set-main-preview', roles: NO_CLIENT,
    call: () => ({ url: '/actions/tasks/set-main-preview', payload: { task_ids: [previewTask] } }),
  },
  {
    method: 'PUT', path: '/actions/tasks/:task_id/set-main-preview', roles: NO_CLIENT,
    call: () => ({ url: `/actions/tasks/${previewTask}/set-main-preview` }),
  },
])

