// routes.md §4 task comments and previews: the list's shape and role filtering, one comment
// (CA), deletion with the task recomputed and its events, preview slots (revision rules),
// preview removal and the main preview.
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { eventsOf, newComment, newPreview, newTask } from './helpers.ts'

const file = useRoleProduction()
const app = () => file.t.app
const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who = file.admin, payload?: unknown) =>
  call(app(), method, url, who.headers, payload)
let prod: Awaited<ReturnType<typeof makeProduction>>

beforeAll(async () => {
  const { manager, supervisor, user, client, vendor } = file.people
  prod = await makeProduction(app(), [manager, supervisor, user, client, vendor].map((p) => ({ id: p.id })))
})

describe('GET /data/tasks/:task_id/comments', () => {
  let task: string
  const c: Record<string, string> = {}

  beforeAll(async () => {
    const { manager, user, client } = file.people
    task = (await newTask(app(), prod, [user.id, file.people.vendor.id])).id
    const at = (d: string) => ({ created_at: new Date(`2024-01-0${d}T10:00:00Z`) })
    c.studio = (await newComment(app(), task, manager.id, { ...at('1'), checklist: [{ text: 'x', checked: false }] })).id
    c.withPreview = (await newComment(app(), task, manager.id, at('2'))).id
    await newPreview(app(), task, c.withPreview)
    await newPreview(app(), task, c.withPreview, { revision: 1, position: 2, validation_status: 'rejected', name: 'rejected' })
    c.forClient = (await newComment(app(), task, manager.id, { ...at('3'), for_client: true, editor_id: manager.id })).id
    c.client = (await newComment(app(), task, client.id, {
      ...at('4'),
      replies: [{ id: 'r1', person_id: manager.id, text: 'studio reply', date: '2024-01-04T11:00:00' }, { id: 'r2', person_id: client.id, text: 'client reply', date: '2024-01-04T12:00:00' }],
    })).id
    await app().db.commentAcknoledgments.create({ data: { comment: c.studio, person: user.id } })
    await app().db.commentMentions.create({ data: { comment: c.studio, person: user.id } })
    await app().db.attachmentFile.create({ data: { comment_id: c.studio, name: 'notes.txt', extension: 'txt', size: 12 } })
  })

  it('gives managers every comment, newest first, with its people, status, previews and attachments', async () => {
    const res = await req('GET', `/data/tasks/${task}/comments`, file.people.manager)
    expect(res.status).toBe(200)
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([c.client, c.forClient, c.withPreview, c.studio])
    const studio = res.body[3]
    expect(studio).toMatchObject({
      type: 'Comment', object_id: task, created_at: '2024-01-01T10:00:00',
      person: { id: file.people.manager.id, first_name: 'manager', last_name: 'Tester', full_name: 'manager Tester', has_avatar: false, role: 'manager' },
      task_status: { id: prod.status.id, name: 'Todo', short_name: 'todo', color: '#f5f5f5' },
      acknowledgements: [file.people.user.id], mentions: [file.people.user.id], department_mentions: [],
      previews: [], attachment_files: [{ name: 'notes.txt', extension: 'txt', size: 12, reply_id: null }],
    })
    expect(studio).not.toHaveProperty('editor')
    expect(res.body[1].editor).toMatchObject({ id: file.people.manager.id, role: 'manager' })
    expect(res.body[2].previews).toHaveLength(2)
    expect(res.body[2].previews[0]).toMatchObject({ revision: 1, extension: 'png', status: 'ready', validation_status: 'neutral', position: 1 })
    expect(res.body[0].replies.map((r: { person: { id: string } }) => r.person.id)).toEqual([file.people.manager.id, file.people.client.id])
  })

  it('hides client comments from artists and vendors', async () => {
    for (const who of [file.people.user, file.people.vendor]) {
      const res = await req('GET', `/data/tasks/${task}/comments`, who)
      expect(res.body.map((r: { id: string }) => r.id)).toEqual([c.forClient, c.withPreview, c.studio])
    }
  })

  it('shows clients client and for-client comments, studio preview comments blanked, studio people nulled', async () => {
    const res = await req('GET', `/data/tasks/${task}/comments`, file.people.client)
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([c.client, c.forClient, c.withPreview])
    const [own, forClient, blanked] = res.body
    expect(own.person.id).toBe(file.people.client.id)
    expect(own.replies.map((r: { person: unknown }) => r.person === null)).toEqual([true, false])
    expect(forClient).toMatchObject({ person: null, editor: null, editor_id: null })
    expect(blanked).toMatchObject({ text: '', attachment_files: [], checklist: [], replies: [], person: null })
    expect(blanked.previews).toHaveLength(1) // the rejected one is hidden
  })

  it('keeps only the client’s own comments when the project isolates clients', async () => {
    await app().db.project.update({ where: { id: prod.project.id }, data: { is_clients_isolated: true } })
    const other = await newComment(app(), task, file.people.outsider.id)
    await app().db.person.update({ where: { id: file.people.outsider.id }, data: { role: 'client' } })
    try {
      const res = await req('GET', `/data/tasks/${task}/comments`, file.people.client)
      expect(res.body.map((r: { id: string }) => r.id)).toEqual([c.client, c.forClient, c.withPreview])
    } finally {
      await app().db.person.update({ where: { id: file.people.outsider.id }, data: { role: 'user' } })
      await app().db.comment.delete({ where: { id: other.id } })
      await app().db.project.update({ where: { id: prod.project.id }, data: { is_clients_isolated: false } })
    }
  })

  it('answers one comment of the task (CA), 404 when it belongs to another task', async () => {
    const one = await req('GET', `/data/tasks/${task}/comments/${c.client}`, file.people.client)
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({ id: c.client, type: 'Comment' })
    expect((await req('GET', `/data/tasks/${task}/comments/${c.client}`, file.people.user)).status).toBe(403)
    expect((await req('GET', `/data/tasks/${task}/comments/${c.studio}`, file.people.client)).status).toBe(403)
    expect((await req('GET', `/data/tasks/${prod.task.id}/comments/${c.studio}`)).status).toBe(404)
    expect((await req('GET', `/data/tasks/${task}/comments/nope`)).status).toBe(404)
  })
})

describe('DELETE /data/tasks/:task_id/comments/:comment_id', () => {
  it('removes the comment with its previews and links, recomputes the task and emits its events', async () => {
    const { app: a } = file.t
    const wip = await a.db.taskStatus.create({ data: { name: 'WIP c', short_name: 'wipc', color: '#0000ff', is_wip: true } })
    const task = await newTask(a, prod, [file.people.user.id])
    const first = await newComment(a, task.id, file.people.user.id, { task_status_id: wip.id, created_at: new Date('2024-02-01T00:00:00Z') })
    const last = await newComment(a, task.id, file.people.user.id, { task_status_id: prod.status.id, created_at: new Date('2024-02-02T00:00:00Z') })
    const preview = await newPreview(a, task.id, last.id)
    await a.db.task.update({ where: { id: task.id }, data: { task_status_id: prod.status.id, last_preview_file_id: preview.id } })
    await a.db.news.create({ data: { comment_id: last.id, task_id: task.id, author_id: file.people.user.id, preview_file_id: preview.id } })
    await a.db.notification.create({ data: { comment_id: last.id, task_id: task.id, person_id: file.people.manager.id, author_id: file.people.user.id, type: 'comment' } })
    // Another artist may not delete it; its author may.
    expect((await req('DELETE', `/data/tasks/${task.id}/comments/${last.id}`, file.people.vendor)).status).toBe(403)
    const { result, events } = await eventsOf(a, () => req('DELETE', `/data/tasks/${task.id}/comments/${last.id}`, file.people.user))
    expect(result.status).toBe(204)
    expect(result.text).toBe('')
    expect(events.map((e) => e.name)).toEqual(['comment:delete', 'task:update', 'task:status-changed'])
    expect(events[2].data).toEqual({
      task_id: task.id, new_task_status_id: wip.id, previous_task_status_id: prod.status.id, person_id: file.people.user.id, project_id: prod.project.id,
    })
    expect(await a.db.comment.findUnique({ where: { id: last.id } })).toBeNull()
    expect(await a.db.previewFile.findUnique({ where: { id: preview.id } })).toBeNull()
    expect(await a.db.news.count({ where: { comment_id: last.id } })).toBe(0)
    const after = await a.db.task.findUniqueOrThrow({ where: { id: task.id } })
    expect(after).toMatchObject({ task_status_id: wip.id, last_preview_file_id: null, real_start_date: first.created_at, last_comment_date: first.created_at })
    const persisted = await a.db.apiEvent.count({ where: { name: 'comment:delete', data: { path: ['comment_id'], equals: last.id } } })
    expect(persisted).toBe(1)
  })
})

describe('preview slots on a comment', () => {
  it('numbers revisions and positions by Zou’s rules and emits preview-file:new then comment:update', async () => {
    const task = await newTask(app(), prod, [file.people.user.id])
    const c1 = await newComment(app(), task.id, file.people.user.id)
    await app().db.news.create({ data: { comment_id: c1.id, task_id: task.id, author_id: file.people.user.id } })
    const url = (comment: string) => `/actions/tasks/${task.id}/comments/${comment}/add-preview`
    const { result: first, events } = await eventsOf(app(), () => req('POST', url(c1.id), file.people.user, {}))
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ type: 'PreviewFile', revision: 1, position: 1, extension: 'mp4', status: 'processing', source: 'webgui', task_id: task.id, person_id: file.people.user.id, comments: [c1.id] })
    expect(first.body.name).toHaveLength(13)
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['preview-file:new', { preview_file_id: first.body.id, comment_id: c1.id, project_id: prod.project.id }],
      ['comment:update', { comment_id: c1.id, project_id: prod.project.id }],
    ])
    expect((await app().db.news.findFirstOrThrow({ where: { comment_id: c1.id } })).preview_file_id).toBe(first.body.id)
    const second = await req('POST', url(c1.id), file.people.user, {})
    expect(second.body).toMatchObject({ revision: 1, position: 2 })
    const c2 = await newComment(app(), task.id, file.people.user.id)
    expect((await req('POST', url(c2.id), file.people.user, {})).body).toMatchObject({ revision: 2, position: 1 })
    const c3 = await newComment(app(), task.id, file.people.user.id)
    const clash = await req('POST', url(c3.id), file.people.user, { revision: 2 })
    expect(clash.status).toBe(400)
    expect(clash.body.message).toBe('Revision 2 already exists for this task. Choose a different revision number, or omit it to let the revision auto-increment.')
    expect((await req('POST', url(c3.id), file.people.user, { revision: -1 })).body.message).toBe('Validation error.')
    const extra = await req('POST', `/actions/tasks/${task.id}/comments/${c2.id}/preview-files/${first.body.id}`, file.people.user)
    expect(extra.body).toMatchObject({ revision: 1, position: 3, comments: [c2.id] })
    await app().db.project.update({ where: { id: prod.project.id }, data: { is_single_preview_per_revision: true } })
    try {
      const single = await req('POST', url(c1.id), file.people.user, {})
      expect(single.body).toEqual({ error: true, message: 'Only one preview file is allowed per revision for this project.', data: null })
    } finally {
      await app().db.project.update({ where: { id: prod.project.id }, data: { is_single_preview_per_revision: false } })
    }
    expect((await req('POST', url('6f9619ff-8b86-d011-b42d-00cf4fc964ff'), file.people.user, {})).status).toBe(404)
  })

  it('deletes a preview (no event), moving the task’s last preview to the newest remaining one', async () => {
    const task = await newTask(app(), prod)
    const comment = await newComment(app(), task.id, file.people.manager.id)
    const old = await newPreview(app(), task.id, comment.id, { revision: 1 })
    const latest = await newPreview(app(), task.id, comment.id, { revision: 2 })
    await app().db.task.update({ where: { id: task.id }, data: { last_preview_file_id: latest.id } })
    await app().db.entity.update({ where: { id: prod.asset.id }, data: { preview_file_id: latest.id } })
    const url = `/actions/tasks/${task.id}/comments/${comment.id}/preview-files/${latest.id}`
    expect((await req('DELETE', url.replace(latest.id, 'bad'))).body).toEqual({ error: true, message: 'Wrong UUID format.', data: null })
    const { result, events } = await eventsOf(app(), () => req('DELETE', `${url}?force=true`, file.people.user))
    expect(result.status).toBe(204)
    expect(events).toEqual([])
    expect(await app().db.previewFile.findUnique({ where: { id: latest.id } })).toBeNull()
    expect((await app().db.task.findUniqueOrThrow({ where: { id: task.id } })).last_preview_file_id).toBe(old.id)
    expect((await app().db.entity.findUniqueOrThrow({ where: { id: prod.asset.id } })).preview_file_id).toBeNull()
  })
})

describe('main previews', () => {
  it('sets the entity preview from the task’s latest preview, with its events', async () => {
    const task = await newTask(app(), prod)
    await newPreview(app(), task.id, null, { revision: 1 })
    const latest = await newPreview(app(), task.id, null, { revision: 3 })
    await newPreview(app(), task.id, null, { revision: 3, position: 2, created_at: new Date(Date.now() + 1000) })
    const { result, events } = await eventsOf(app(), () => req('PUT', `/actions/tasks/${task.id}/set-main-preview`, file.people.user))
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ id: prod.asset.id, type: 'Asset', preview_file_id: latest.id })
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['preview-file:set-main', { entity_id: prod.asset.id, preview_file_id: latest.id, project_id: prod.project.id }],
      ['asset:update', { asset_id: prod.asset.id, project_id: prod.project.id }],
    ])
    const bare = await newTask(app(), prod)
    const none = await req('PUT', `/actions/tasks/${bare.id}/set-main-preview`)
    expect(none.body).toEqual({ error: true, message: 'This task has no preview file to set as the main preview.', data: null })
    const bulk = await req('PUT', '/actions/tasks/set-main-preview', file.people.manager, { task_ids: [bare.id, task.id] })
    expect(bulk.body.map((e: { id: string }) => e.id)).toEqual([prod.asset.id])
    expect((await req('PUT', '/actions/tasks/set-main-preview', file.people.client, { task_ids: [task.id] })).status).toBe(403)
    expect((await req('PUT', '/actions/tasks/set-main-preview', file.people.manager, { task_ids: ['6f9619ff-8b86-d011-b42d-00cf4fc964ff'] })).status).toBe(404)
  })
})
