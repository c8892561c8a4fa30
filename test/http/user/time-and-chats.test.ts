// The caller's time spents and day offs, desktop login logs (auth.md §7.4: last_presence and
// person:update), clearing the avatar, and the entity chats (join / leave events).
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { eventsDuring, makeBreakdown } from './helpers.ts'

interface TimeFile extends FileApp {
  artist: TestPerson
  vendor: TestPerson
  outsider: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}

const file = useFileAppWith<TimeFile>(async ({ t }) => {
  const artist = await as(t.app, 'user')
  const vendor = await as(t.app, 'vendor')
  const outsider = await as(t.app, 'user')
  const prod = await makeProduction(t.app, [{ id: artist.id }, { id: vendor.id }])
  return { artist, vendor, outsider, prod }
})

const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: TestPerson, payload?: unknown) => call(file.t.app, method, url, who.headers, payload)
const day = (s: string) => new Date(`${s}T00:00:00Z`)

describe('time spents and day offs', () => {
  it('answer the caller\'s rows by range, by date, and for one task', async () => {
    const { t, artist, outsider, prod } = file
    const a = await t.app.db.timeSpent.create({ data: { person_id: artist.id, task_id: prod.task.id, date: day('2024-01-10'), duration: 60 } })
    const b = await t.app.db.timeSpent.create({ data: { person_id: artist.id, task_id: prod.task.id, date: day('2024-01-20'), duration: 30 } })
    await t.app.db.timeSpent.create({ data: { person_id: outsider.id, task_id: prod.task.id, date: day('2024-01-10'), duration: 15 } })
    const range = await req('GET', '/data/user/time-spents?start_date=2024-01-10&end_date=2024-01-19', artist)
    expect(range.status).toBe(200)
    expect(range.body).toEqual([{
      id: a.id, type: 'TimeSpent', person_id: artist.id, task_id: prod.task.id, date: '2024-01-10', duration: 60,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/), updated_at: expect.any(String),
    }])
    expect((await req('GET', '/data/user/time-spents?start_date=2024-01-01&end_date=2024-01-31', artist)).body.map((r: { id: string }) => r.id)).toEqual([a.id, b.id])
    expect((await req('GET', '/data/user/time-spents', artist)).body).toEqual([])
    const half = await req('GET', '/data/user/time-spents?start_date=2024-01-01', artist)
    expect(half.status).toBe(400)
    expect(half.body.message).toBe('If querying for a range of dates, both a `start_date` and an `end_date` must be given.')
    const bad = await req('GET', '/data/user/time-spents?start_date=2024-13-01&end_date=2024-01-31', artist)
    expect(bad.body).toEqual({ error: true, message: 'Wrong date format for 2024-13-01 and/or 2024-01-31', data: null })

    expect((await req('GET', '/data/user/time-spents/2024-01-20', artist)).body.map((r: { id: string }) => r.id)).toEqual([b.id])
    expect((await req('GET', '/data/user/time-spents/20-01-2024', artist)).body).toEqual({ error: true, message: 'Wrong date format.', data: null })
    const one = await req('GET', `/data/user/tasks/${prod.task.id}/time-spents/2024-01-10`, artist)
    expect(one.body).toMatchObject({ id: a.id, duration: 60 })
    const none = await req('GET', `/data/user/tasks/${prod.task.id}/time-spents/2024-01-11`, artist)
    expect(none.status).toBe(200)
    expect(none.text).toBe('null')
    expect((await req('GET', `/data/user/tasks/${prod.task.id}/time-spents/someday`, artist)).status).toBe(404)
  })

  it('day off covering a date, or {}', async () => {
    const { t, artist } = file
    const off = await t.app.db.dayOff.create({ data: { person_id: artist.id, date: day('2024-05-01'), end_date: day('2024-05-03'), description: 'trip' } })
    const res = await req('GET', '/data/user/day-offs/2024-05-02', artist)
    expect(res.body).toMatchObject({ id: off.id, type: 'DayOff', date: '2024-05-01', end_date: '2024-05-03', description: 'trip' })
    expect((await req('GET', '/data/user/day-offs/2024-05-04', artist)).body).toEqual({})
    expect((await req('GET', '/data/user/day-offs/may', artist)).status).toBe(404)
  })
})

describe('desktop login logs', () => {
  it('POST logs (date as given, default now), refreshes last_presence, emits person:update; GET newest first', async () => {
    const { t, artist } = file
    await t.app.db.timeSpent.create({ data: { person_id: artist.id, task_id: file.prod.task.id, date: day('2024-02-01'), duration: 10 } })
    let res: Awaited<ReturnType<typeof req>> | undefined
    const events = await eventsDuring(t.app, async () => {
      res = await req('POST', '/data/user/desktop-login-logs', artist, { date: '2024-03-05T08:30:00' })
    })
    expect(res!.status).toBe(201)
    expect(res!.body).toMatchObject({ type: 'DesktopLoginLog', person_id: artist.id, date: '2024-03-05T08:30:00' })
    expect(events).toEqual([{ name: 'person:update', data: { person_id: artist.id }, projectId: null, userId: artist.id }])
    const person = await t.app.db.person.findUniqueOrThrow({ where: { id: artist.id } })
    expect(person.last_presence?.toISOString().slice(0, 10)).toBe('2024-03-05')

    const now = await req('POST', '/data/user/desktop-login-logs', artist)
    expect(now.status).toBe(201)
    expect(now.body.date.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10))
    const later = (await t.app.db.person.findUniqueOrThrow({ where: { id: artist.id } })).last_presence
    expect(later?.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10))

    const list = await req('GET', '/data/user/desktop-login-logs', artist)
    expect(list.body.map((l: { id: string }) => l.id)).toEqual([now.body.id, res!.body.id])
    expect((await req('POST', '/data/user/desktop-login-logs', artist, { date: 'not a date' })).status).toBe(400)
  })
})

describe('DELETE /actions/user/clear-avatar', () => {
  it('clears the flag and emits person:update', async () => {
    const { t, outsider } = file
    await t.app.db.person.update({ where: { id: outsider.id }, data: { has_avatar: true } })
    let status = 0
    const events = await eventsDuring(t.app, async () => { status = (await req('DELETE', '/actions/user/clear-avatar', outsider)).status })
    expect(status).toBe(204)
    expect((await t.app.db.person.findUniqueOrThrow({ where: { id: outsider.id } })).has_avatar).toBe(false)
    expect(events.map((e) => [e.name, e.data])).toEqual([['person:update', { person_id: outsider.id }]])
  })
})

describe('chats', () => {
  it('join creates the chat once, lists it, leave removes the caller; unpersisted events', async () => {
    const { t, artist, prod } = file
    const tree = await makeBreakdown(t.app, prod, [])
    let res: Awaited<ReturnType<typeof req>> | undefined
    const joined = await eventsDuring(t.app, async () => { res = await req('POST', `/actions/user/chats/${tree.shot.id}/join`, artist) })
    expect(res!.status).toBe(200)
    expect(res!.body).toMatchObject({ type: 'Chat', object_id: tree.shot.id, object_type: 'entity', last_message: null })
    const chatId = res!.body.id
    expect(joined).toEqual([{ name: 'chat:joined', data: { chat_id: chatId, person_id: artist.id }, projectId: null, userId: artist.id }])
    expect((await req('POST', `/actions/user/chats/${tree.shot.id}/join`, artist)).body.id).toBe(chatId)
    expect(await t.app.db.chat.count({ where: { object_id: tree.shot.id } })).toBe(1)
    const persisted = await t.app.pool.query(`SELECT 1 FROM api_event WHERE name LIKE 'chat:%'`)
    expect(persisted.rowCount).toBe(0)

    const chats = await req('GET', '/data/user/chats', artist)
    expect(chats.body).toEqual([{
      id: chatId, object_id: tree.shot.id, last_message: null, project_id: prod.project.id, preview_file_id: null,
      entity_name: `${tree.episode.name} / ${tree.sequence.name} / ${tree.shot.name}`,
    }])

    const left = await eventsDuring(t.app, async () => { res = await req('DELETE', `/actions/user/chats/${tree.shot.id}/join`, artist) })
    expect(res!.status).toBe(204)
    expect(left.map((e) => e.name)).toEqual(['chat:left'])
    expect((await req('GET', '/data/user/chats', artist)).body).toEqual([])
  })

  it('checks project and entity access: outsiders 403, vendors only on their entities, unknown 404', async () => {
    const { t, vendor, outsider, prod } = file
    const tree = await makeBreakdown(t.app, prod, [])
    expect((await req('POST', `/actions/user/chats/${tree.shot.id}/join`, outsider)).status).toBe(403)
    expect((await req('POST', `/actions/user/chats/${tree.shot.id}/join`, vendor)).status).toBe(403)
    await t.app.db.taskPersonLink.create({ data: { task_id: tree.tasks.shot, person_id: vendor.id } })
    expect((await req('POST', `/actions/user/chats/${tree.shot.id}/join`, vendor)).status).toBe(200)
    expect((await req('POST', `/actions/user/chats/${randomUUID()}/join`, vendor)).status).toBe(404)
    expect((await req('DELETE', '/actions/user/chats/nope/join', vendor)).status).toBe(404)
  })
})
