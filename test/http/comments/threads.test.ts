// routes.md §5: acknowledgements, replies (notifications, mentions, attachments), reply
// deletion, attachments added to and removed from a comment, moves, and the admin listings.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { captureEvents, insertComment, multipart, names } from './helpers.ts'

interface F extends FileApp {
  manager: TestPerson
  artist: TestPerson
  other: TestPerson
  replier: TestPerson
  stranger: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}

const file = useFileAppWith<F>(async ({ t }) => {
  const manager = await as(t.app, 'manager', { first_name: 'Mia', last_name: 'Manager' })
  const artist = await as(t.app, 'user', { first_name: 'Ada', last_name: 'Artist' })
  const other = await as(t.app, 'user', { first_name: 'Otto', last_name: 'Other' })
  const replier = await as(t.app, 'user', { first_name: 'Rae', last_name: 'Replier' })
  const stranger = await as(t.app, 'user')
  const prod = await makeProduction(t.app, [{ id: manager.id }, { id: artist.id }, { id: other.id }, { id: replier.id }, { id: stranger.id }])
  await t.app.db.taskPersonLink.create({ data: { task_id: prod.task.id, person_id: artist.id } })
  await t.app.db.taskPersonLink.create({ data: { task_id: prod.task.id, person_id: replier.id } })
  return { manager, artist, other, replier, stranger, prod }
})

const call = (person: TestPerson, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  file.t.app.inject({ method, url, headers: { ...person.headers, ...headers }, payload: payload as string })
const base = (commentId: string) => `/data/tasks/${file.prod.task.id}/comments/${commentId}`

describe('acknowledgements', () => {
  it('toggles the caller and emits unpersisted acknowledge / unacknowledge events', async () => {
    const { app } = file.t
    const comment = await insertComment(app, file.prod.task.id, file.manager.id, file.prod.status.id)
    const first = await captureEvents(app, () => call(file.artist, 'POST', `${base(comment.id)}/ack`))
    expect(first.result.statusCode).toBe(200)
    expect(first.result.json()).toMatchObject({ id: comment.id, type: 'Comment', acknowledgements: [file.artist.id], mentions: [], attachment_files: [] })
    expect(first.events.map((e) => [e.name, e.data])).toEqual([['comment:acknowledge', { comment_id: comment.id, person_id: file.artist.id, project_id: file.prod.project.id }]])
    const second = await captureEvents(app, () => call(file.artist, 'POST', `${base(comment.id)}/ack`))
    expect(second.result.json().acknowledgements).toEqual([])
    expect(names(second.events)).toEqual(['comment:unacknowledge'])
    expect(await app.db.apiEvent.count({ where: { name: { startsWith: 'comment:' } } })).toBe(0)
    expect((await call(file.artist, 'POST', `${base(randomUUID())}/ack`)).statusCode).toBe(404)
  })
})

describe('replies', () => {
  it('appends a reply with its mentions, notifies the audience and earlier repliers, mentions separately', async () => {
    const { app } = file.t
    const comment = await insertComment(app, file.prod.task.id, file.manager.id, file.prod.status.id)
    const { result: res, events } = await captureEvents(app, () => call(file.replier, 'POST', `${base(comment.id)}/reply`, { text: 'Done @Otto Other' }))
    expect(res.statusCode).toBe(200)
    const reply = res.json()
    expect(reply).toEqual({
      id: expect.any(String), date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), created_at: reply.date,
      person_id: file.replier.id, text: 'Done @Otto Other', mentions: [file.other.id], department_mentions: [],
      person: { id: file.replier.id, first_name: 'Rae', last_name: 'Replier', full_name: 'Rae Replier', has_avatar: false, role: 'user' },
    })
    expect(names(events)).toEqual(['comment:reply', 'notification:new', 'notification:new', 'notification:new'])
    expect(events[0].data).toEqual({ task_id: file.prod.task.id, comment_id: comment.id, reply_id: reply.id, project_id: file.prod.project.id })
    const rows = await app.db.notification.findMany({ where: { reply_id: reply.id } })
    expect(rows.map((r) => `${r.type}:${r.person_id}`).sort()).toEqual([
      `reply-mention:${file.other.id}`, `reply:${file.artist.id}`, `reply:${file.manager.id}`,
    ].sort())
    const stored = await app.db.comment.findUniqueOrThrow({ where: { id: comment.id } })
    expect((stored.replies as Array<{ id: string }>).map((r) => r.id)).toEqual([reply.id])

    // A second reply by the comment author notifies the earlier replier and the assignees.
    const second = await call(file.manager, 'POST', `${base(comment.id)}/reply`, { text: 'thanks' })
    const recipients = await app.db.notification.findMany({ where: { reply_id: second.json().id } })
    expect(recipients.map((r) => r.person_id).sort()).toEqual([file.artist.id, file.replier.id].sort())
  })

  it('stores reply attachments, refuses comments of another task and callers without access', async () => {
    const { app } = file.t
    const comment = await insertComment(app, file.prod.task.id, file.manager.id, file.prod.status.id)
    const body = multipart({ text: 'see file' }, [{ field: 'files', filename: 'ref.pdf', type: 'application/pdf', data: '%PDF' }])
    const res = await call(file.artist, 'POST', `${base(comment.id)}/reply`, body.payload, body.headers)
    expect(res.statusCode).toBe(200)
    expect(res.json().attachment_files).toEqual([{ id: expect.any(String), name: 'ref.pdf', extension: 'pdf', size: 4 }])
    const row = await app.db.attachmentFile.findUniqueOrThrow({ where: { id: res.json().attachment_files[0].id } })
    expect(row).toMatchObject({ comment_id: comment.id, reply_id: res.json().id, mimetype: 'application/pdf' })
    // A PDF downloads as an attachment.
    const dl = await call(file.other, 'GET', `/data/attachment-files/${row.id}/file/ref.pdf`)
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="ref.pdf"/)

    const elsewhere = await app.db.task.create({ data: { name: `other ${randomUUID().slice(0, 4)}`, project_id: file.prod.project.id, entity_id: file.prod.asset.id, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id } })
    const foreign = await insertComment(app, elsewhere.id, file.manager.id, file.prod.status.id)
    expect((await call(file.manager, 'POST', `${base(foreign.id)}/reply`, { text: 'x' })).statusCode).toBe(403)
    // Not assigned, not mentioned, not the author.
    expect((await call(file.stranger, 'POST', `${base(comment.id)}/reply`, { text: 'x' })).statusCode).toBe(403)
  })

  it('deletes a reply with its attachments and notifications (author or admin only)', async () => {
    const { app } = file.t
    const comment = await insertComment(app, file.prod.task.id, file.manager.id, file.prod.status.id)
    const body = multipart({ text: 'with file' }, [{ field: 'f', filename: 'a.txt', type: 'text/plain', data: 'a' }])
    const reply = (await call(file.artist, 'POST', `${base(comment.id)}/reply`, body.payload, body.headers)).json()
    expect(await app.db.notification.count({ where: { reply_id: reply.id } })).toBeGreaterThan(0)
    expect((await call(file.manager, 'DELETE', `${base(comment.id)}/reply/${reply.id}`)).statusCode).toBe(403)
    const { result: res, events } = await captureEvents(app, () => call(file.artist, 'DELETE', `${base(comment.id)}/reply/${reply.id}`))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: comment.id, type: 'Comment', replies: [] })
    expect(events.map((e) => [e.name, e.data])).toEqual([['comment:delete-reply', { task_id: file.prod.task.id, comment_id: comment.id, reply_id: reply.id, project_id: file.prod.project.id }]])
    expect(await app.db.notification.count({ where: { reply_id: reply.id } })).toBe(0)
    expect(await app.db.attachmentFile.count({ where: { reply_id: reply.id } })).toBe(0)
    expect((await call(file.artist, 'DELETE', `${base(comment.id)}/reply/${reply.id}`)).statusCode).toBe(404)
  })
})

describe('comment attachments', () => {
  it('adds files (a clashing name gets a random suffix), lists and deletes them', async () => {
    const { app } = file.t
    const comment = await insertComment(app, file.prod.task.id, file.artist.id, file.prod.status.id)
    const one = multipart({}, [{ field: 'a', filename: 'shot.mov', type: 'video/quicktime', data: 'xx' }])
    const first = await call(file.artist, 'POST', `/actions/tasks/${file.prod.task.id}/comments/${comment.id}/add-attachment`, one.payload, one.headers)
    expect(first.statusCode).toBe(201)
    expect(first.json()).toEqual([{ id: expect.any(String), name: 'shot.mov', extension: 'mov', size: 2 }])
    const two = multipart({}, [{ field: 'b', filename: 'shot.mov', type: 'video/quicktime', data: 'yyy' }, { field: 'c', filename: 'LONGEXTENSION.abcdefgh', type: 'text/plain', data: '' }])
    const second = await call(file.artist, 'POST', `/actions/tasks/${file.prod.task.id}/comments/${comment.id}/add-attachment`, two.payload, two.headers)
    const entries = second.json() as Array<{ id: string; name: string; extension: string }>
    expect(entries).toHaveLength(3)
    expect(entries.map((e) => e.name).sort()).toEqual(['LONGEXTENSION.abcdefgh', expect.stringMatching(/^shot-[a-z]{8}\.mov$/), 'shot.mov'])
    expect(entries.find((e) => e.name.startsWith('LONG'))?.extension).toBe('abcdef')
    // Not the author, not a manager: refused.
    expect((await call(file.stranger, 'POST', `/actions/tasks/${file.prod.task.id}/comments/${comment.id}/add-attachment`, one.payload, one.headers)).statusCode).toBe(403)

    const listed = await call(file.admin, 'GET', `/data/tasks/${file.prod.task.id}/attachment-files`)
    expect(listed.json().map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(entries.map((e) => e.id)))
    expect(listed.json().find((a: { id: string }) => a.id === entries[0].id)).toMatchObject({ type: 'AttachmentFile', comment_id: comment.id, mimetype: expect.any(String) })
    const byProject = await call(file.admin, 'GET', `/data/projects/${file.prod.project.id}/attachment-files`)
    expect(byProject.json().length).toBeGreaterThanOrEqual(3)

    const url = `/data/tasks/${file.prod.task.id}/comments/${comment.id}/attachments/${first.json()[0].id}`
    expect((await call(file.stranger, 'DELETE', url)).statusCode).toBe(403)
    expect((await call(file.artist, 'DELETE', url)).statusCode).toBe(204)
    expect(await app.db.attachmentFile.count({ where: { id: first.json()[0].id } })).toBe(0)
    expect((await call(file.artist, 'DELETE', url)).statusCode).toBe(404)
  })
})

describe('moving a comment', () => {
  it('moves it to another task of the entity, recomputes both tasks and re-creates its news', async () => {
    const { app } = file.t
    const target = await app.db.task.create({ data: { name: `target ${randomUUID().slice(0, 4)}`, project_id: file.prod.project.id, entity_id: file.prod.asset.id, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id } })
    const posted = (await call(file.manager, 'POST', `/actions/tasks/${file.prod.task.id}/comment`, { task_status_id: file.prod.status.id, comment: 'to move' })).json()
    const oldNews = await app.db.news.findFirstOrThrow({ where: { comment_id: posted.id } })
    const { result: res, events } = await captureEvents(app, () => call(file.manager, 'POST', `/actions/tasks/${file.prod.task.id}/comments/${posted.id}/move`, { target_task_id: target.id }))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: posted.id, object_id: target.id, acknowledgements: [] })
    expect(names(events)).toEqual(['news:delete', 'task:update', 'task:update', 'comment:delete', 'comment:new', 'news:new'])
    expect(events[0].data).toEqual({ news_id: oldNews.id, project_id: file.prod.project.id })
    expect(await app.db.news.count({ where: { id: oldNews.id } })).toBe(0)
    expect(await app.db.news.count({ where: { comment_id: posted.id, task_id: target.id } })).toBe(1)
    const moved = await app.db.task.findUniqueOrThrow({ where: { id: target.id } })
    expect(moved.last_comment_date?.toISOString().slice(0, 19)).toBe(posted.created_at)

    const url = `/actions/tasks/${target.id}/comments/${posted.id}/move`
    const same = await call(file.manager, 'POST', url, { target_task_id: target.id })
    expect(same.json()).toEqual({ error: true, message: 'Source and target tasks must be different.', data: null })
    const notHere = await call(file.manager, 'POST', `/actions/tasks/${file.prod.task.id}/comments/${posted.id}/move`, { target_task_id: target.id })
    expect(notHere.json().message).toBe('Comment does not belong to the given task.')
    expect((await call(file.artist, 'POST', url, { target_task_id: file.prod.task.id })).statusCode).toBe(403)
    expect((await call(file.manager, 'POST', url, {})).statusCode).toBe(400)
  })
})
