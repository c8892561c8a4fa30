// routes.md §21: every news route at the root and under /api, allowed and refused per role.
import { ALL_ROLES, routeTable, TEAM, useRoleProduction, type RoleFileApp } from '../../helpers/route-table.ts'

const file = useRoleProduction()

let news: Promise<string> | null = null
/** A news row, made by posting a comment through the API. */
function newsId(f: RoleFileApp) {
  news ??= (async () => {
    await f.t.app.inject({ method: 'POST', url: `/actions/tasks/${f.prod.task.id}/comment`, headers: f.people.manager.headers, payload: { task_status_id: f.prod.status.id, comment: 'news' } })
    const row = await f.t.app.db.news.findFirstOrThrow({ where: { task_id: f.prod.task.id } })
    return row.id
  })()
  return news
}

routeTable('news', file, [
  { method: 'GET', path: '/data/projects/news', roles: ALL_ROLES, call: () => ({ url: '/data/projects/news' }) },
  { method: 'GET', path: '/data/projects/:project_id/news', roles: TEAM, call: (f) => ({ url: `/api/data/projects/${f.prod.project.id}/news` }) },
  {
    method: 'GET', path: '/data/projects/:project_id/news/:news_id', roles: TEAM.filter((r) => r !== 'vendor'),
    call: async (f) => ({ url: `/data/projects/${f.prod.project.id}/news/${await newsId(f)}` }),
  },
])
