// routes.md §5: every comments route at the root and under /api, allowed and refused per role.
import { randomUUID } from 'node:crypto'
import { ALL_ROLES, MANAGERS, routeTable, useRoleProduction, type RoleFileApp, type TableRole } from '../../helpers/route-table.ts'
import { insertComment, multipart } from './helpers.ts'

const file = useRoleProduction()

/** TAA on the production's task: managers, supervisors without departments, clients, the assigned vendor. */
const COMMENTERS: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'client', 'vendor']
/** TA: the team (the vendor is assigned on the asset). */
const READERS: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user', 'client', 'vendor']

const once = <T>(make: (f: RoleFileApp) => Promise<T>) => {
  let p: Promise<T> | null = null
  return (f: RoleFileApp) => (p ??= make(f))
}
const task = (f: RoleFileApp) => f.prod.task.id
/** A comment of the manager on the production's task. */
const managerComment = (f: RoleFileApp) => insertComment(f.t.app, task(f), f.people.manager.id, f.prod.status.id).then((c) => c.id)
const sharedComment = once(managerComment)
/** A second task on the asset, target of the moves. */
const otherTask = once(async (f) => {
  const tt = await f.t.app.db.taskType.create({ data: { name: `Rigging ${randomUUID().slice(0, 6)}`, for_entity: 'Asset' } })
  const t = await f.t.app.db.task.create({ data: { name: 'main', project_id: f.prod.project.id, entity_id: f.prod.asset.id, task_type_id: tt.id, task_status_id: f.prod.status.id } })
  return t.id
})
/** An attachment stored through the API (bytes in the storage). */
const storedAttachment = once(async (f) => {
  const comment = await sharedComment(f)
  const body = multipart({}, [{ field: 'file', filename: 'notes.txt', type: 'text/plain', data: 'some notes' }])
  const res = await f.t.app.inject({ method: 'POST', url: `/actions/tasks/${task(f)}/comments/${comment}/add-attachment`, headers: { ...f.people.manager.headers, ...body.headers }, payload: body.payload })
  return res.json()[0].id as string
})
async function managerReply(f: RoleFileApp) {
  const comment = await managerComment(f)
  const reply = { id: randomUUID(), date: '2024-01-01T00:00:00', created_at: '2024-01-01T00:00:00', person_id: f.people.manager.id, text: 'r', mentions: [], department_mentions: [] }
  await f.t.app.db.comment.update({ where: { id: comment }, data: { replies: [reply] } })
  return { comment, reply: reply.id }
}

routeTable('comments', file, [
  {
    method: 'POST', path: '/actions/tasks/:task_id/comment', roles: COMMENTERS,
    call: (f) => ({ url: `/actions/tasks/${task(f)}/comment`, payload: { task_status_id: f.prod.status.id, comment: 'table' } }),
  },
  {
    // Zou keeps only the entries the caller may comment: the others get an empty list.
    method: 'POST', path: '/actions/projects/:project_id/tasks/comment-many', roles: ALL_ROLES,
    call: (f) => ({ url: `/api/actions/projects/${f.prod.project.id}/tasks/comment-many`, payload: [{ object_id: task(f), task_status_id: f.prod.status.id, comment: 'many' }] }),
  },
  {
    method: 'POST', path: '/data/tasks/:task_id/comments/:comment_id/ack', roles: READERS, ok: 200,
    call: async (f) => ({ url: `/data/tasks/${task(f)}/comments/${await sharedComment(f)}/ack` }),
  },
  {
    method: 'POST', path: '/data/tasks/:task_id/comments/:comment_id/reply', roles: COMMENTERS, ok: 200,
    call: async (f) => ({ url: `/data/tasks/${task(f)}/comments/${await sharedComment(f)}/reply`, payload: { text: 'a reply' } }),
  },
  {
    method: 'DELETE', path: '/data/tasks/:task_id/comments/:comment_id/reply/:reply_id', roles: MANAGERS, ok: 200,
    call: async (f) => {
      const { comment, reply } = await managerReply(f)
      return { url: `/data/tasks/${task(f)}/comments/${comment}/reply/${reply}` }
    },
  },
  {
    method: 'POST', path: '/actions/tasks/:task_id/comments/:comment_id/add-attachment', roles: MANAGERS,
    call: async (f) => {
      const body = multipart({}, [{ field: 'file', filename: 'a.txt', type: 'text/plain', data: 'abc' }])
      return { url: `/actions/tasks/${task(f)}/comments/${await sharedComment(f)}/add-attachment`, payload: body.payload, headers: body.headers }
    },
  },
  {
    method: 'DELETE', path: '/data/tasks/:task_id/comments/:comment_id/attachments/:attachment_file_id', roles: MANAGERS,
    call: async (f) => {
      const comment = await sharedComment(f)
      const a = await f.t.app.db.attachmentFile.create({ data: { name: 'x.txt', extension: 'txt', comment_id: comment } })
      return { url: `/data/tasks/${task(f)}/comments/${comment}/attachments/${a.id}` }
    },
  },
  {
    method: 'GET', path: '/data/attachment-files/:attachment_file_id/file/:file_name', roles: READERS,
    call: async (f) => ({ url: `/data/attachment-files/${await storedAttachment(f)}/file/notes.txt` }),
  },
  {
    method: 'POST', path: '/actions/tasks/:task_id/comments/:comment_id/move', roles: MANAGERS, ok: 200,
    call: async (f) => ({ url: `/actions/tasks/${task(f)}/comments/${await managerComment(f)}/move`, payload: { target_task_id: await otherTask(f) } }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/attachment-files', roles: ['admin'],
    call: (f) => ({ url: `/data/projects/${f.prod.project.id}/attachment-files` }),
  },
  {
    method: 'GET', path: '/data/tasks/:task_id/attachment-files', roles: ['admin'],
    call: (f) => ({ url: `/data/tasks/${task(f)}/attachment-files` }),
  },
])
