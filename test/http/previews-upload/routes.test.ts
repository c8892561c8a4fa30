// routes.md §9, the writing half: every route of routes/preview-uploads at the root and under
// /api, allowed and refused per role.
import { routeTable, useRoleProduction, ALL_ROLES, MANAGERS, TEAM, type RoleFileApp, type TableRole } from '../../helpers/route-table.ts'
import { multipart } from '../comments/helpers.ts'
import { alphaPng, makeSlot, radianceHdr } from './helpers.ts'

const file = useRoleProduction()

/** TAA on the production's task: managers, supervisors without departments, clients, the assigned vendor. */
const TAA: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'client', 'vendor']
const ADMIN: readonly TableRole[] = ['admin']

const once = <T>(make: (f: RoleFileApp) => Promise<T>) => {
  let p: Promise<T> | null = null
  return (f: RoleFileApp) => (p ??= make(f))
}
const pngBytes = once(() => alphaPng(40, 30))
const form = async (field = 'file', filename = 'pic.png', data?: Buffer) => multipart({}, [{ field, filename, type: 'image/png', data: data ?? await pngBytes(null as never) }])
const withForm = async (url: string, field?: string, filename?: string, data?: Buffer) => {
  const body = await form(field, filename, data)
  return { url, payload: body.payload, headers: body.headers }
}
const organisation = once(async (f) => f.t.app.db.organisation.create({ data: { name: `Studio ${Date.now()}` } }))
/** Pictures uploaded once by an admin so that the GET rows have something to read. */
const avatars = once(async (f) => {
  const org = await organisation(f)
  for (const url of [`/pictures/thumbnails/persons/${f.people.manager.id}`, `/pictures/thumbnails/projects/${f.prod.project.id}`, `/pictures/thumbnails/organisations/${org.id}`]) {
    const c = await withForm(url)
    const res = await f.t.app.inject({ method: 'POST', url: c.url, headers: { ...f.people.admin.headers, ...c.headers }, payload: c.payload })
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  }
  return org
})
const newBackground = (f: RoleFileApp) => f.t.app.db.previewBackgroundFile.create({ data: { name: `hdr ${Date.now()}` } })
const storedBackground = once(async (f) => {
  const row = await newBackground(f)
  const c = await withForm(`/pictures/preview-background-files/${row.id}`, 'file', 'studio.hdr', radianceHdr())
  const res = await f.t.app.inject({ method: 'POST', url: c.url, headers: { ...f.people.admin.headers, ...c.headers }, payload: c.payload })
  if (res.statusCode !== 201) throw new Error(`background: ${res.statusCode} ${res.body}`)
  return row.id
})
const comments = (f: RoleFileApp, withTask: boolean) => JSON.stringify([{ task_status_id: f.prod.status.id, text: 'batch', ...(withTask ? { task_id: f.prod.task.id } : {}) }])

routeTable('preview uploads', file, [
  {
    method: 'POST', path: '/pictures/preview-files/:instance_id', roles: TAA,
    call: async (f) => withForm(`/pictures/preview-files/${(await makeSlot(f.t.app, f.people.admin, f.prod.task.id, f.prod.status.id)).id}`),
  },
  {
    method: 'POST', path: '/actions/tasks/:task_id/batch-comment', roles: TAA,
    call: (f) => ({ url: `/actions/tasks/${f.prod.task.id}/batch-comment`, payload: { comments: JSON.parse(comments(f, false)) } }),
  },
  {
    method: 'POST', path: '/actions/tasks/batch-comment', roles: TAA,
    call: (f) => {
      const body = multipart({ comments: comments(f, true) })
      return { url: '/api/actions/tasks/batch-comment', payload: body.payload, headers: body.headers }
    },
  },
  // SELF-OR-ADMIN, aimed at the manager.
  { method: 'POST', path: '/pictures/thumbnails/persons/:instance_id', roles: MANAGERS, call: (f) => withForm(`/pictures/thumbnails/persons/${f.people.manager.id}`) },
  { method: 'POST', path: '/pictures/thumbnails/persons/:instance_id.png', roles: MANAGERS, call: (f) => withForm(`/pictures/thumbnails/persons/${f.people.manager.id}.png`) },
  // MPA without .png, ADMIN with it (Zou's two resources).
  { method: 'POST', path: '/pictures/thumbnails/projects/:instance_id', roles: MANAGERS, call: (f) => withForm(`/pictures/thumbnails/projects/${f.prod.project.id}`) },
  { method: 'POST', path: '/pictures/thumbnails/projects/:instance_id.png', roles: ADMIN, call: (f) => withForm(`/pictures/thumbnails/projects/${f.prod.project.id}.png`) },
  { method: 'POST', path: '/pictures/thumbnails/organisations/:instance_id', roles: ADMIN, call: async (f) => withForm(`/pictures/thumbnails/organisations/${(await organisation(f)).id}`) },
  { method: 'POST', path: '/pictures/thumbnails/organisations/:instance_id.png', roles: ADMIN, call: async (f) => withForm(`/pictures/thumbnails/organisations/${(await organisation(f)).id}.png`) },
  { method: 'GET', path: '/pictures/thumbnails/persons/:instance_id', roles: ALL_ROLES, call: async (f) => (await avatars(f), { url: `/pictures/thumbnails/persons/${f.people.manager.id}` }) },
  { method: 'GET', path: '/pictures/thumbnails/persons/:instance_id.png', roles: ALL_ROLES, call: async (f) => (await avatars(f), { url: `/pictures/thumbnails/persons/${f.people.manager.id}.png` }) },
  // Non-managers need PA: the outsider is refused.
  { method: 'GET', path: '/pictures/thumbnails/projects/:instance_id', roles: TEAM, call: async (f) => (await avatars(f), { url: `/pictures/thumbnails/projects/${f.prod.project.id}` }) },
  { method: 'GET', path: '/pictures/thumbnails/projects/:instance_id.png', roles: TEAM, call: async (f) => (await avatars(f), { url: `/pictures/thumbnails/projects/${f.prod.project.id}.png` }) },
  { method: 'GET', path: '/pictures/thumbnails/organisations/:instance_id', roles: ALL_ROLES, call: async (f) => ({ url: `/pictures/thumbnails/organisations/${(await avatars(f)).id}` }) },
  { method: 'GET', path: '/pictures/thumbnails/organisations/:instance_id.png', roles: ALL_ROLES, call: async (f) => ({ url: `/pictures/thumbnails/organisations/${(await avatars(f)).id}.png` }) },
  {
    method: 'POST', path: '/pictures/preview-background-files/:instance_id', roles: ADMIN,
    call: async (f) => withForm(`/pictures/preview-background-files/${(await newBackground(f)).id}`, 'file', 'sky.hdr', radianceHdr()),
  },
  { method: 'GET', path: '/pictures/preview-background-files/:instance_id.:extension', roles: ALL_ROLES, call: async (f) => ({ url: `/pictures/preview-background-files/${await storedBackground(f)}.hdr` }) },
  { method: 'GET', path: '/pictures/thumbnails/preview-background-files/:instance_id.png', roles: ALL_ROLES, call: async (f) => ({ url: `/pictures/thumbnails/preview-background-files/${await storedBackground(f)}.png` }) },
  // Zou: registered, deliberately broken (500 there); 405 for everyone here.
  { method: 'POST', path: '/pictures/thumbnails/preview-background-files/:instance_id.png', roles: ALL_ROLES, ok: 405, call: async (f) => ({ url: `/pictures/thumbnails/preview-background-files/${await storedBackground(f)}.png` }) },
])
