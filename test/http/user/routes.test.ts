// routes.md §23: every route of the user blueprint at the root and under /api, per role. All
// of them are about the caller, so every person passes (the outsider too) except where a
// route checks project access itself (joining and leaving a chat); bots are refused (403).
import { describe, expect, it } from 'vitest'
import { ALL_ROLES, routeTable, TEAM, useRoleProduction, type RoleFileApp, type RouteRow, type TableRole } from '../../helpers/route-table.ts'
import { asBot } from '../crud/helpers.ts'
import { makeBreakdown, makeFilter, makeFilterGroup, makeNotification } from './helpers.ts'

const file = useRoleProduction()

let breakdown: ReturnType<typeof makeBreakdown> | null = null
const tree = (f: RoleFileApp) => (breakdown ??= makeBreakdown(f.t.app, f.prod, [f.people.user.id, f.people.vendor.id]))

const p = (f: RoleFileApp) => f.prod.project.id
const tt = (f: RoleFileApp) => f.prod.taskType.id
const me = (f: RoleFileApp, role: TableRole) => f.people[role].id
const every = ALL_ROLES

const rows: RouteRow[] = [
  { method: 'GET', path: '/data/user/context', roles: every, call: () => ({ url: '/data/user/context' }) },
  { method: 'GET', path: '/data/user/assets/:asset_id/tasks', roles: every, call: (f) => ({ url: `/data/user/assets/${f.prod.asset.id}/tasks` }) },
  { method: 'GET', path: '/data/user/shots/:shot_id/tasks', roles: every, call: async (f) => ({ url: `/data/user/shots/${(await tree(f)).shot.id}/tasks` }) },
  { method: 'GET', path: '/data/user/scenes/:scene_id/tasks', roles: every, call: async (f) => ({ url: `/data/user/scenes/${(await tree(f)).scene.id}/tasks` }) },
  { method: 'GET', path: '/data/user/sequences/:sequence_id/tasks', roles: every, call: async (f) => ({ url: `/api/data/user/sequences/${(await tree(f)).sequence.id}/tasks` }) },
  { method: 'GET', path: '/data/user/assets/:asset_id/task-types', roles: every, call: (f) => ({ url: `/data/user/assets/${f.prod.asset.id}/task-types` }) },
  { method: 'GET', path: '/data/user/shots/:shot_id/task-types', roles: every, call: async (f) => ({ url: `/data/user/shots/${(await tree(f)).shot.id}/task-types` }) },
  { method: 'GET', path: '/data/user/scenes/:scene_id/task-types', roles: every, call: async (f) => ({ url: `/data/user/scenes/${(await tree(f)).scene.id}/task-types` }) },
  { method: 'GET', path: '/data/user/sequences/:sequence_id/task-types', roles: every, call: async (f) => ({ url: `/data/user/sequences/${(await tree(f)).sequence.id}/task-types` }) },
  { method: 'GET', path: '/data/user/projects/open', roles: every, call: () => ({ url: '/data/user/projects/open' }) },
  { method: 'GET', path: '/data/user/projects/:project_id/asset-types', roles: every, call: (f) => ({ url: `/data/user/projects/${p(f)}/asset-types` }) },
  {
    method: 'GET', path: '/data/user/projects/:project_id/asset-types/:asset_type_id/assets', roles: every,
    call: (f) => ({ url: `/data/user/projects/${p(f)}/asset-types/${f.prod.assetType.id}/assets` }),
  },
  { method: 'GET', path: '/data/user/projects/:project_id/sequences', roles: every, call: (f) => ({ url: `/data/user/projects/${p(f)}/sequences` }) },
  { method: 'GET', path: '/data/user/projects/:project_id/episodes', roles: every, call: (f) => ({ url: `/data/user/projects/${p(f)}/episodes` }) },
  { method: 'GET', path: '/data/user/sequences/:sequence_id/shots', roles: every, call: async (f) => ({ url: `/data/user/sequences/${(await tree(f)).sequence.id}/shots` }) },
  { method: 'GET', path: '/data/user/sequences/:sequence_id/scenes', roles: every, call: async (f) => ({ url: `/data/user/sequences/${(await tree(f)).sequence.id}/scenes` }) },
  { method: 'GET', path: '/data/user/tasks', roles: every, call: () => ({ url: '/data/user/tasks' }) },
  { method: 'GET', path: '/data/user/done-tasks', roles: every, call: () => ({ url: '/data/user/done-tasks' }) },
  { method: 'GET', path: '/data/user/tasks-to-check', roles: every, call: () => ({ url: '/data/user/tasks-to-check' }) },
  { method: 'GET', path: '/data/user/filters', roles: every, call: () => ({ url: '/data/user/filters' }) },
  { method: 'POST', path: '/data/user/filters', roles: every, call: () => ({ url: '/data/user/filters', payload: { name: 'f', query: 'q' } }) },
  {
    method: 'PUT', path: '/data/user/filters/:filter_id', roles: every,
    call: async (f, role) => ({ url: `/data/user/filters/${(await makeFilter(f.t.app, me(f, role))).id}`, payload: { name: 'renamed' } }),
  },
  {
    method: 'DELETE', path: '/data/user/filters/:filter_id', roles: every,
    call: async (f, role) => ({ url: `/data/user/filters/${(await makeFilter(f.t.app, me(f, role))).id}` }),
  },
  { method: 'GET', path: '/data/user/filter-groups', roles: every, call: () => ({ url: '/data/user/filter-groups' }) },
  { method: 'POST', path: '/data/user/filter-groups', roles: every, call: () => ({ url: '/data/user/filter-groups', payload: { name: 'g' } }) },
  {
    method: 'GET', path: '/data/user/filter-groups/:filter_group_id', roles: every,
    call: async (f, role) => ({ url: `/data/user/filter-groups/${(await makeFilterGroup(f.t.app, me(f, role))).id}` }),
  },
  {
    method: 'PUT', path: '/data/user/filter-groups/:filter_group_id', roles: every,
    call: async (f, role) => ({ url: `/data/user/filter-groups/${(await makeFilterGroup(f.t.app, me(f, role))).id}`, payload: { color: '#000' } }),
  },
  {
    method: 'DELETE', path: '/data/user/filter-groups/:filter_group_id', roles: every,
    call: async (f, role) => ({ url: `/data/user/filter-groups/${(await makeFilterGroup(f.t.app, me(f, role))).id}` }),
  },
  { method: 'GET', path: '/data/user/desktop-login-logs', roles: every, call: () => ({ url: '/data/user/desktop-login-logs' }) },
  { method: 'POST', path: '/data/user/desktop-login-logs', roles: every, call: () => ({ url: '/data/user/desktop-login-logs', payload: {} }) },
  { method: 'GET', path: '/data/user/time-spents', roles: every, call: () => ({ url: '/data/user/time-spents?start_date=2024-01-01&end_date=2024-01-31' }) },
  { method: 'GET', path: '/data/user/time-spents/:date', roles: every, call: () => ({ url: '/data/user/time-spents/2024-01-02' }) },
  {
    method: 'GET', path: '/data/user/tasks/:task_id/time-spents/:date', roles: every,
    call: (f) => ({ url: `/data/user/tasks/${f.prod.task.id}/time-spents/2024-01-02` }),
  },
  { method: 'GET', path: '/data/user/day-offs/:date', roles: every, call: () => ({ url: '/data/user/day-offs/2024-01-02' }) },
  { method: 'GET', path: '/data/user/notifications', roles: every, call: () => ({ url: '/data/user/notifications' }) },
  {
    method: 'GET', path: '/data/user/notifications/:notification_id', roles: every,
    call: async (f, role) => ({ url: `/data/user/notifications/${(await makeNotification(f.t.app, me(f, role), f.admin.id, { task_id: f.prod.task.id })).id}` }),
  },
  {
    method: 'PUT', path: '/data/user/notifications/:notification_id', roles: every,
    call: async (f, role) => ({ url: `/data/user/notifications/${(await makeNotification(f.t.app, me(f, role), f.admin.id)).id}`, payload: { read: true } }),
  },
  { method: 'POST', path: '/actions/user/notifications/mark-all-as-read', roles: every, ok: 200, call: () => ({ url: '/actions/user/notifications/mark-all-as-read' }) },
  { method: 'GET', path: '/data/user/tasks/:task_id/subscribed', roles: every, call: (f) => ({ url: `/data/user/tasks/${f.prod.task.id}/subscribed` }) },
  { method: 'POST', path: '/actions/user/tasks/:task_id/subscribe', roles: every, call: (f) => ({ url: `/actions/user/tasks/${f.prod.task.id}/subscribe` }) },
  { method: 'DELETE', path: '/actions/user/tasks/:task_id/unsubscribe', roles: every, call: (f) => ({ url: `/actions/user/tasks/${f.prod.task.id}/unsubscribe` }) },
  { method: 'POST', path: '/actions/user/tasks/subscribe', roles: every, call: (f) => ({ url: '/actions/user/tasks/subscribe', payload: { task_ids: [f.prod.task.id] } }) },
  {
    method: 'POST', path: '/actions/user/tasks/unsubscribe', roles: every, ok: 200,
    call: (f) => ({ url: '/actions/user/tasks/unsubscribe', payload: { task_ids: [f.prod.task.id] } }),
  },
  {
    method: 'GET', path: '/data/user/sequences/:sequence_id/task-types/:task_type_id/subscribed', roles: every,
    call: async (f) => ({ url: `/data/user/sequences/${(await tree(f)).sequence.id}/task-types/${tt(f)}/subscribed` }),
  },
  {
    method: 'GET', path: '/data/user/entities/:sequence_id/task-types/:task_type_id/subscribed', roles: every,
    call: async (f) => ({ url: `/data/user/entities/${(await tree(f)).sequence.id}/task-types/${tt(f)}/subscribed` }),
  },
  {
    method: 'GET', path: '/data/user/projects/:project_id/task-types/:task_type_id/sequence-subscriptions', roles: every,
    call: (f) => ({ url: `/data/user/projects/${p(f)}/task-types/${tt(f)}/sequence-subscriptions` }),
  },
  {
    method: 'POST', path: '/actions/user/sequences/:sequence_id/task-types/:task_type_id/subscribe', roles: every,
    call: async (f) => ({ url: `/actions/user/sequences/${(await tree(f)).sequence.id}/task-types/${tt(f)}/subscribe` }),
  },
  {
    method: 'DELETE', path: '/actions/user/sequences/:sequence_id/task-types/:task_type_id/unsubscribe', roles: every,
    call: async (f) => ({ url: `/actions/user/sequences/${(await tree(f)).sequence.id}/task-types/${tt(f)}/unsubscribe` }),
  },
  { method: 'GET', path: '/data/user/chats', roles: every, call: () => ({ url: '/data/user/chats' }) },
  { method: 'POST', path: '/actions/user/chats/:entity_id/join', roles: TEAM, ok: 200, call: (f) => ({ url: `/actions/user/chats/${f.prod.asset.id}/join` }) },
  { method: 'DELETE', path: '/actions/user/chats/:entity_id/join', roles: TEAM, call: (f) => ({ url: `/actions/user/chats/${f.prod.asset.id}/join` }) },
  { method: 'DELETE', path: '/actions/user/clear-avatar', roles: every, call: () => ({ url: '/actions/user/clear-avatar' }) },
]

routeTable('user', file, rows)

describe('user blueprint: bots', () => {
  it('refuses every route to a bot with 403', async () => {
    expect(rows.length).toBe(52)
    const bot = await asBot(file.t.app, 'admin')
    const wrong: string[] = []
    for (const row of rows) {
      const c = await row.call(file, 'admin')
      const res = await file.t.app.inject({ method: row.method, url: c.url, headers: bot.headers, payload: c.payload as object | undefined })
      if (res.statusCode !== 403) wrong.push(`${row.method} ${row.path}: ${res.statusCode} ${res.body.slice(0, 120)}`)
    }
    expect(wrong).toEqual([])
  })
})
