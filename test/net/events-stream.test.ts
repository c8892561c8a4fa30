// The live stream on one instance (no Redis): socket.io 4 clients with Kitsu's default
// transports, authenticated by the cookie alone on /socket.io and /api/socket.io; refusals;
// Zou's payloads after commit; project rooms following team changes; the log rows keep
// Zou's shape (no seq).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../helpers/fixtures.ts'
import { connect, listen, trackedClients, until } from './events-helpers.ts'

let t: TestApp
let url: string
let admin: TestPerson
let member: TestPerson
let outsider: TestPerson
let prod: Awaited<ReturnType<typeof makeProduction>>
const { open, closeAll } = trackedClients()

beforeAll(async () => {
  t = await buildTestApp()
  ;({ url } = await listen(t.app))
  admin = await as(t.app, 'admin')
  member = await as(t.app, 'user')
  outsider = await as(t.app, 'user')
  prod = await makeProduction(t.app, [{ id: member.id }])
})
afterAll(async () => {
  closeAll()
  await t.close()
})

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, who: TestPerson, payload?: object) =>
  t.app.inject({ method, url: path, headers: who.headers, ...(payload ? { payload } : {}) })

describe('connection', () => {
  it('accepts the access cookie alone, on /socket.io and /api/socket.io, and upgrades to websocket', async () => {
    for (const path of ['/socket.io', '/api/socket.io']) {
      const c = await open(url, { cookie: member.token, path })
      await until(() => c.socket.io.engine.transport.name === 'websocket', 'upgrade')
      expect(c.socket.connected).toBe(true)
    }
  })

  it('accepts a Bearer header (gazu) and auth.token', async () => {
    expect((await open(url, { bearer: member.token })).socket.connected).toBe(true)
    expect((await open(url, { auth: { token: member.token } })).socket.connected).toBe(true)
  })

  it('refuses a missing, invalid or revoked token', async () => {
    await expect(connect(url)).rejects.toThrow(/Missing JWT/)
    await expect(connect(url, { cookie: 'not-a-token' })).rejects.toThrow()
    await expect(connect(url, { cookie: `${member.token}x` })).rejects.toThrow(/Signature verification failed/)
    const leaving = await as(t.app, 'user')
    expect((await api('GET', '/auth/logout', leaving)).statusCode).toBe(200)
    await expect(connect(url, { cookie: leaving.token })).rejects.toThrow(/revoked/)
  })

  it('refuses a cross-site origin but accepts its own', async () => {
    await expect(connect(url, { cookie: member.token, extraHeaders: { cookie: `access_token_cookie=${member.token}`, origin: 'https://evil.example' } }))
      .rejects.toThrow()
    const own = await open(url, { extraHeaders: { cookie: `access_token_cookie=${member.token}`, origin: url } })
    expect(own.socket.connected).toBe(true)
  })
})

describe('delivery', () => {
  it('delivers a write with Zou name and payload (one argument, no log id), after commit', async () => {
    const c = await open(url, { cookie: member.token })
    const res = await api('POST', '/data/task-types', admin, { name: 'Layout', for_entity: 'Shot' })
    expect(res.statusCode).toBe(201)
    const id = res.json().id
    await until(() => c.named('task-type:new').length > 0, 'task-type:new')
    expect(c.named('task-type:new')).toEqual([{ name: 'task-type:new', args: [{ task_type_id: id }] }])
    // After commit: the row the event names is readable when the event arrives.
    expect((await api('GET', `/data/task-types/${id}`, admin)).statusCode).toBe(200)
  })

  it('sends project events only to readers of the project; project-less ones to all', async () => {
    const inTeam = await open(url, { cookie: member.token })
    const out = await open(url, { cookie: outsider.token })
    const adminSocket = await open(url, { cookie: admin.token })
    const res = await api('PUT', `/data/tasks/${prod.task.id}`, admin, { priority: 3 })
    expect(res.statusCode).toBe(200)
    const expected = { name: 'task:update', args: [{ task_id: prod.task.id, project_id: prod.project.id }] }
    await until(() => inTeam.named('task:update').length > 0 && adminSocket.named('task:update').length > 0, 'task:update')
    expect(inTeam.named('task:update')).toEqual([expected])
    expect(adminSocket.named('task:update')).toEqual([expected])
    // A project-less event after it: once the outsider has it, the project event would have come first.
    await api('POST', '/data/task-types', admin, { name: 'Lighting', for_entity: 'Shot' })
    await until(() => out.named('task-type:new').length > 0, 'task-type:new')
    expect(out.events.filter((e) => JSON.stringify(e.args).includes(prod.project.id))).toEqual([])
  })

  it('follows team changes without reconnecting: added, the next event arrives; removed, it stops', async () => {
    const out = await open(url, { cookie: outsider.token })
    expect((await api('POST', `/data/projects/${prod.project.id}/team`, admin, { person_id: outsider.id })).statusCode).toBe(201)
    await api('PUT', `/data/tasks/${prod.task.id}`, admin, { priority: 1 })
    await until(() => out.named('task:update').length === 1, 'task:update after joining')
    expect((await api('DELETE', `/data/projects/${prod.project.id}/team/${outsider.id}`, admin)).statusCode).toBe(204)
    const before = out.named('task-type:new').length
    await api('PUT', `/data/tasks/${prod.task.id}`, admin, { priority: 2 })
    // One socket receives in order: once this later event is in, the task update would be too.
    await api('POST', '/data/task-types', admin, { name: 'Compositing', for_entity: 'Shot' })
    await until(() => out.named('task-type:new').length === before + 1, 'task-type:new after leaving')
    expect(out.named('task:update')).toHaveLength(1)
  })

  it('sends notification events only to the person they name', async () => {
    const target = await open(url, { cookie: member.token })
    const other = await open(url, { cookie: outsider.token })
    await t.app.events.emit('notification:new', { notification_id: prod.task.id, person_id: member.id }, { projectId: prod.project.id, persist: false })
    await t.app.events.emit('main:test', {}, { persist: false })
    await until(() => other.named('main:test').length > 0 && target.named('main:test').length > 0, 'main:test')
    expect(target.named('notification:new')).toHaveLength(1)
    expect(other.named('notification:new')).toEqual([])
  })

  it("sends chat events (no project in Zou's payload) to the readers of the chat's entity project", async () => {
    const inTeam = await open(url, { cookie: member.token })
    const other = await open(url, { cookie: outsider.token })
    const chat = await t.app.db.chat.create({ data: { object_id: prod.asset.id } })
    await t.app.events.emit('chat:joined', { chat_id: chat.id, person_id: member.id }, { persist: false })
    await t.app.events.emit('main:test', {}, { persist: false })
    await until(() => other.named('main:test').length > 0 && inTeam.named('chat:joined').length > 0, 'events')
    expect(inTeam.named('chat:joined')[0].args).toEqual([{ chat_id: chat.id, person_id: member.id }])
    expect(other.named('chat:joined')).toEqual([])
  })

  it('closes the sockets of a deactivated person', async () => {
    const leaving = await as(t.app, 'user')
    const c = await open(url, { cookie: leaving.token })
    let closed = false
    c.socket.on('disconnect', () => { closed = true })
    expect((await api('PUT', `/data/persons/${leaving.id}`, admin, { active: false })).statusCode).toBe(200)
    await until(() => closed, 'disconnect')
  })

  it('gives the seq as a second argument to opted-in sockets only', async () => {
    const plain = await open(url, { cookie: member.token })
    const withSeq = await open(url, { cookie: member.token, auth: { with_seq: true } })
    await api('POST', '/data/task-types', admin, { name: 'FX', for_entity: 'Shot' })
    await until(() => plain.named('task-type:new').length > 0 && withSeq.named('task-type:new').length > 0, 'events')
    expect(plain.named('task-type:new')[0].args).toHaveLength(1)
    const [payload, meta] = withSeq.named('task-type:new')[0].args as [object, { seq: number }]
    expect(payload).toEqual(plain.named('task-type:new')[0].args[0])
    expect(meta.seq).toBeGreaterThan(0)
    const [ready] = withSeq.named('slate:stream-ready')[0].args as [{ seq: number }]
    expect(ready.seq).toBeLessThan(meta.seq)
  })
})

describe('the event log keeps Zou rows', () => {
  it('has no seq in /data/events nor /data/events/last', async () => {
    const crud = await api('GET', '/data/events', admin)
    const last = await api('GET', '/data/events/last', admin)
    expect(crud.statusCode).toBe(200)
    expect(last.statusCode).toBe(200)
    expect(crud.json().length).toBeGreaterThan(0)
    for (const row of crud.json()) expect(Object.keys(row).sort()).toEqual(['created_at', 'data', 'id', 'name', 'project_id', 'type', 'updated_at', 'user_id'])
    for (const row of last.json()) expect(Object.keys(row).sort()).toEqual(['created_at', 'data', 'id', 'name', 'project_id', 'user_id'])
    const one = await api('GET', `/data/events/${crud.json()[0].id}`, admin)
    expect(one.json()).not.toHaveProperty('seq')
  })
})
