// The caller's notifications (listing shape, filters, reply texts, client texts hidden from
// artists, playlists), the read flag and mark-all-as-read with their events, and the task and
// sequence subscriptions.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { eventsDuring, makeBreakdown, makeNotification } from './helpers.ts'

interface NotificationsFile extends FileApp {
  artist: TestPerson
  supervisor: TestPerson
  client: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
  tree: Awaited<ReturnType<typeof makeBreakdown>>
}

const file = useFileAppWith<NotificationsFile>(async ({ t }) => {
  const artist = await as(t.app, 'user')
  const supervisor = await as(t.app, 'supervisor')
  const client = await as(t.app, 'client')
  const prod = await makeProduction(t.app, [{ id: artist.id }, { id: supervisor.id }, { id: client.id }])
  const tree = await makeBreakdown(t.app, prod, [artist.id])
  return { artist, supervisor, client, prod, tree }
})

const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: TestPerson, payload?: unknown) => call(file.t.app, method, url, who.headers, payload)

async function comment(taskId: string, authorId: string, text: string, extra: Record<string, unknown> = {}) {
  return file.t.app.db.comment.create({ data: { object_id: taskId, object_type: 'Task', person_id: authorId, text, task_status_id: file.prod.status.id, ...extra } })
}

describe('GET /data/user/notifications', () => {
  it('answers the newest 100 with comment, reply, entity and subscription details', async () => {
    const { t, artist, supervisor, prod, tree } = file
    const dep = await t.app.db.department.create({ data: { name: `Dep ${Date.now()}`, color: '#000000' } })
    const c1 = await comment(tree.tasks.shot, supervisor.id, 'Please fix the arm')
    await t.app.db.commentMentions.create({ data: { comment: c1.id, person: artist.id } })
    await t.app.db.commentDepartmentMentions.create({ data: { comment: c1.id, department: dep.id } })
    const replyId = randomUUID()
    const c2 = await comment(prod.task.id, supervisor.id, 'Main text', {
      replies: [{ id: replyId, text: 'A reply', person_id: supervisor.id, mentions: [artist.id], department_mentions: [dep.id] }],
    })
    const n1 = await makeNotification(t.app, artist.id, supervisor.id, { comment_id: c1.id, task_id: tree.tasks.shot, change: true, created_at: new Date('2024-03-01T10:00:00Z') })
    const n2 = await makeNotification(t.app, artist.id, supervisor.id, { comment_id: c2.id, task_id: prod.task.id, type: 'reply', reply_id: replyId, created_at: new Date('2024-03-02T10:00:00Z') })
    await t.app.db.subscription.create({ data: { person_id: artist.id, task_id: prod.task.id } })

    const res = await req('GET', '/data/user/notifications', artist)
    expect(res.status).toBe(200)
    expect(res.body.map((n: { id: string }) => n.id).slice(0, 2)).toEqual([n2.id, n1.id])
    const first = res.body.find((n: { id: string }) => n.id === n1.id)
    expect(first).toEqual({
      id: n1.id, type: 'Notification', notification_type: 'comment', author_id: supervisor.id, comment_id: c1.id,
      task_id: tree.tasks.shot, task_type_id: prod.taskType.id, task_status_id: prod.status.id, mentions: [artist.id],
      department_mentions: [dep.id], reply_mentions: [], reply_department_mentions: [], preview_file_id: null,
      project_id: prod.project.id, project_name: prod.project.name, comment_text: 'Please fix the arm', reply_text: '',
      created_at: '2024-03-01T10:00:00', read: false, change: true,
      full_entity_name: `${tree.episode.name} / ${tree.sequence.name} / ${tree.shot.name}`, episode_id: tree.episode.id,
      entity_preview_file_id: null, subscription_id: null, playlist_id: null, playlist_name: '', playlist_for_entity: '',
      playlist_is_for_all: false,
    })
    const reply = res.body.find((n: { id: string }) => n.id === n2.id)
    expect(reply).toMatchObject({
      notification_type: 'reply', comment_text: 'Main text', reply_text: 'A reply', reply_mentions: [artist.id],
      reply_department_mentions: [dep.id], full_entity_name: `${prod.assetType.name} / Hero`, subscription_id: expect.any(String),
    })

    const one = await req('GET', `/data/user/notifications/${n1.id}`, artist)
    expect(one.body).toEqual(first)
  })

  it('filters by read, type, watching, task type/status and date; refuses malformed values', async () => {
    const { t, artist, supervisor, prod } = file
    const read = await makeNotification(t.app, artist.id, supervisor.id, { task_id: prod.task.id, type: 'assignation', read: true, created_at: new Date('2023-06-01T00:00:00Z') })
    const ids = async (qs: string) => ((await req('GET', `/data/user/notifications?${qs}`, artist)).body as Array<{ id: string }>).map((n) => n.id)
    expect(await ids('read=true')).toEqual([read.id])
    expect(await ids('type=assignation')).toEqual([read.id])
    expect(await ids('before=2023-12-31')).toEqual([read.id])
    expect(await ids('after=2023-12-31T00:00:00&type=assignation')).toEqual([])
    expect(await ids('watching=true')).toEqual(expect.arrayContaining([read.id]))
    expect(await ids('watching=false')).not.toContain(read.id)
    expect(await ids(`task_type_id=${prod.taskType.id}&type=assignation`)).toEqual([read.id])
    expect(await ids(`task_status_id=${randomUUID()}`)).toEqual([])
    const badDate = await req('GET', '/data/user/notifications?after=yesterday-ish', artist)
    expect(badDate.status).toBe(400)
    expect(badDate.body).toEqual({ error: true, message: 'Wrong date format for after or before.', data: null })
    const badId = await req('GET', '/data/user/notifications?task_type_id=42', artist)
    expect(badId.body).toEqual({ error: true, message: 'Invalid UUID format for task_type_id: 42', data: null })
    expect((await req('GET', '/data/user/notifications/42', artist)).status).toBe(400)
  })

  it('blanks client-written texts for artists only; playlist notifications name the playlist', async () => {
    const { t, artist, supervisor, client, prod } = file
    const c = await comment(prod.task.id, client.id, 'client says')
    const n = await makeNotification(t.app, artist.id, client.id, { comment_id: c.id, task_id: prod.task.id, type: 'mention' })
    const m = await makeNotification(t.app, supervisor.id, client.id, { comment_id: c.id, task_id: prod.task.id, type: 'mention' })
    expect((await req('GET', `/data/user/notifications/${n.id}`, artist)).body.comment_text).toBe('')
    expect((await req('GET', `/data/user/notifications/${m.id}`, supervisor)).body.comment_text).toBe('client says')
    const playlist = await t.app.db.playlist.create({ data: { name: 'Dailies', project_id: prod.project.id, for_entity: 'asset', is_for_all: true } })
    const p = await makeNotification(t.app, artist.id, supervisor.id, { playlist_id: playlist.id, type: 'playlist-ready' })
    expect((await req('GET', `/data/user/notifications/${p.id}`, artist)).body).toMatchObject({
      playlist_id: playlist.id, playlist_name: 'Dailies', playlist_for_entity: 'asset', playlist_is_for_all: true,
      project_id: prod.project.id, project_name: prod.project.name, full_entity_name: '', task_id: null,
    })
  })

  it('someone else\'s notification is a 404', async () => {
    const { t, artist, supervisor } = file
    const n = await makeNotification(t.app, supervisor.id, artist.id)
    expect((await req('GET', `/data/user/notifications/${n.id}`, artist)).status).toBe(404)
    expect((await req('PUT', `/data/user/notifications/${n.id}`, artist, { read: true })).status).toBe(404)
  })
})

describe('read flags', () => {
  it('PUT sets the flag and emits notification:read / :unread, persisted without project', async () => {
    const { t, artist, supervisor } = file
    const n = await makeNotification(t.app, artist.id, supervisor.id)
    let res: Awaited<ReturnType<typeof req>> | undefined
    const events = await eventsDuring(t.app, async () => { res = await req('PUT', `/data/user/notifications/${n.id}`, artist, { read: true }) })
    expect(res!.status).toBe(200)
    expect(res!.body).toMatchObject({ id: n.id, type: 'Notification', notification_type: 'comment', read: true, person_id: artist.id })
    expect(events).toEqual([{ name: 'notification:read', data: { person_id: artist.id, notification_id: n.id }, projectId: null, userId: artist.id }])
    const unread = await eventsDuring(t.app, () => req('PUT', `/data/user/notifications/${n.id}`, artist, { read: false }))
    expect(unread.map((e) => e.name)).toEqual(['notification:unread'])
    expect((await t.app.db.notification.findUniqueOrThrow({ where: { id: n.id } })).read).toBe(false)
    const stored = await t.app.pool.query(`SELECT data, project_id FROM api_event WHERE name = 'notification:unread' AND data->>'notification_id' = $1`, [n.id])
    expect(stored.rows).toEqual([{ data: { person_id: artist.id, notification_id: n.id }, project_id: null }])
    expect((await req('PUT', `/data/user/notifications/${n.id}`, artist, {})).status).toBe(400)
  })

  it('mark-all-as-read reads every unread one of the caller and emits notification:all-read', async () => {
    const { t, supervisor, artist } = file
    await makeNotification(t.app, supervisor.id, artist.id, { type: 'assignation' })
    const othersBefore = await t.app.db.notification.count({ where: { person_id: artist.id, read: false } })
    let res: Awaited<ReturnType<typeof req>> | undefined
    const events = await eventsDuring(t.app, async () => { res = await req('POST', '/actions/user/notifications/mark-all-as-read', supervisor) })
    expect(res!.status).toBe(200)
    expect(res!.body).toEqual({ success: true })
    expect(events).toEqual([{ name: 'notification:all-read', data: { person_id: supervisor.id }, projectId: null, userId: supervisor.id }])
    expect(await t.app.db.notification.count({ where: { person_id: supervisor.id, read: false } })).toBe(0)
    expect(await t.app.db.notification.count({ where: { person_id: artist.id, read: false } })).toBe(othersBefore)
    expect((await req('GET', '/data/user/context', supervisor)).body.notification_count).toBe(0)
  })
})

describe('subscriptions', () => {
  it('to tasks: idempotent subscribe, subscribed flag, bulk forms, unsubscribe', async () => {
    const { supervisor, prod, tree } = file
    const task = prod.task.id
    expect((await req('GET', `/data/user/tasks/${task}/subscribed`, supervisor)).body).toBe(false)
    const sub = await req('POST', `/actions/user/tasks/${task}/subscribe`, supervisor)
    expect(sub.status).toBe(201)
    expect(sub.body).toMatchObject({ type: 'Subscription', person_id: supervisor.id, task_id: task, entity_id: null })
    expect((await req('POST', `/actions/user/tasks/${task}/subscribe`, supervisor)).body.id).toBe(sub.body.id)
    expect((await req('GET', `/data/user/tasks/${task}/subscribed`, supervisor)).text).toBe('true')
    const del = await req('DELETE', `/actions/user/tasks/${task}/unsubscribe`, supervisor)
    expect(del.status).toBe(204)
    expect((await req('GET', `/data/user/tasks/${task}/subscribed`, supervisor)).text).toBe('false')

    const bulk = await req('POST', '/actions/user/tasks/subscribe', supervisor, { task_ids: [tree.tasks.shot, tree.tasks.scene, randomUUID()] })
    expect(bulk.status).toBe(201)
    expect(bulk.body.map((s: { task_id: string }) => s.task_id)).toEqual([tree.tasks.shot, tree.tasks.scene])
    const off = await req('POST', '/actions/user/tasks/unsubscribe', supervisor, { task_ids: [tree.tasks.shot] })
    expect(off.status).toBe(200)
    expect(off.body).toEqual([tree.tasks.shot])
    expect((await req('GET', `/data/user/tasks/${tree.tasks.shot}/subscribed`, supervisor)).body).toBe(false)
    expect((await req('GET', `/data/user/tasks/${tree.tasks.scene}/subscribed`, supervisor)).body).toBe(true)

    expect((await req('POST', `/actions/user/tasks/${randomUUID()}/subscribe`, supervisor)).status).toBe(404)
    expect((await req('GET', '/data/user/tasks/nope/subscribed', supervisor)).status).toBe(400)
    expect((await req('POST', '/actions/user/tasks/subscribe', supervisor, { task_ids: [] })).status).toBe(400)
    expect((await req('POST', '/actions/user/tasks/subscribe', supervisor, { task_ids: ['nope'] })).status).toBe(400)
  })

  it('to (sequence, task type) pairs', async () => {
    const { supervisor, prod, tree } = file
    const seq = tree.sequence.id
    const tt = prod.taskType.id
    expect((await req('GET', `/data/user/sequences/${seq}/task-types/${tt}/subscribed`, supervisor)).body).toBe(false)
    const sub = await req('POST', `/actions/user/sequences/${seq}/task-types/${tt}/subscribe`, supervisor)
    expect(sub.status).toBe(201)
    expect(sub.body).toMatchObject({ type: 'Subscription', entity_id: seq, task_type_id: tt, task_id: null, person_id: supervisor.id })
    expect((await req('POST', `/actions/user/sequences/${seq}/task-types/${tt}/subscribe`, supervisor)).body.id).toBe(sub.body.id)
    expect((await req('GET', `/data/user/entities/${seq}/task-types/${tt}/subscribed`, supervisor)).body).toBe(true)
    const list = await req('GET', `/data/user/projects/${prod.project.id}/task-types/${tt}/sequence-subscriptions`, supervisor)
    expect(list.body).toEqual([seq])
    expect((await req('DELETE', `/actions/user/sequences/${seq}/task-types/${tt}/unsubscribe`, supervisor)).status).toBe(204)
    expect((await req('GET', `/data/user/sequences/${seq}/task-types/${tt}/subscribed`, supervisor)).body).toBe(false)
    expect((await req('POST', `/actions/user/sequences/${randomUUID()}/task-types/${tt}/subscribe`, supervisor)).status).toBe(404)
  })
})
