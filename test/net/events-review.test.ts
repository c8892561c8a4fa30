// Review rooms (events.md §4.3) across two instances sharing Redis (test/helpers/redis.ts:
// the machine's 127.0.0.1:6379, or a redis-server started here when none answers): people
// and state shared, people removed on leave and disconnect, outsiders ignored, malformed
// payloads answered with an error while the connection stays up.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../helpers/fixtures.ts'
import { useRedis } from '../helpers/redis.ts'
import { listen, sleep, startInstance, trackedClients, until, type Client, type Instance } from './events-helpers.ts'

let t: TestApp
let redis: Awaited<ReturnType<typeof useRedis>>
let a: Instance
let b: Instance
let admin: TestPerson
let member: TestPerson
let outsider: TestPerson
let playlistId: string
const { open, closeAll } = trackedClients()
type People = { people: string[]; playlist_id: string; id: string }
const lastPayload = <T>(c: Client, name: string) => c.named(name).at(-1)?.args[0] as T

beforeAll(async () => {
  redis = await useRedis()
  t = await buildTestApp({ REDIS_URL: redis.url })
  a = await listen(t.app)
  b = await startInstance(t.databaseUrl, { REDIS_URL: redis.url })
  admin = await as(t.app, 'admin')
  member = await as(t.app, 'user')
  outsider = await as(t.app, 'user')
  const prod = await makeProduction(t.app, [{ id: member.id }])
  playlistId = (await t.app.db.playlist.create({ data: { name: 'Dailies', project_id: prod.project.id } })).id
})
afterAll(async () => {
  closeAll()
  await b.app.close()
  await t.close()
  await redis.stop()
})

describe('review rooms on two instances', () => {
  it('share people and state, relay to the room, and clean up on leave and disconnect', async () => {
    const m = await open(a.url, { cookie: member.token })
    const ad = await open(b.url, { cookie: admin.token })
    m.socket.emit('preview-room:open-playlist', { playlist_id: playlistId })
    await until(() => m.named('preview-room:room-people-updated').length === 1, 'people on open')
    expect(lastPayload(m, 'preview-room:room-people-updated')).toEqual({ people: [], playlist_id: playlistId, id: playlistId })

    m.socket.emit('preview-room:join', {
      playlist_id: playlistId, user_id: member.id, local_id: 'tab-1', is_playing: true, current_frame: 12, speed: 2,
      comparing: { enable: true, mode: 'overlay', junk: 1 }, evil: 'dropped', current_entity_id: { nested: true },
    })
    await until(() => m.named('preview-room:room-updated').length === 1, 'room state on join')
    expect(lastPayload<People>(m, 'preview-room:room-people-updated').people).toEqual([member.id])
    const state = lastPayload<Record<string, unknown>>(m, 'preview-room:room-updated')
    expect(state).toMatchObject({ playlist_id: playlistId, user_id: member.id, local_id: 'tab-1', is_playing: true, current_frame: 12, speed: 2, people: [member.id], current_entity_id: null })
    expect(state.comparing).toEqual({ enable: true, mode: 'overlay' })
    expect(state).not.toHaveProperty('evil')

    // The admin on the other instance joins: the state set by the first person stays.
    ad.socket.emit('preview-room:open-playlist', { playlist_id: playlistId })
    ad.socket.emit('preview-room:join', { playlist_id: playlistId, is_playing: false, current_frame: 99 })
    await until(() => lastPayload<People>(m, 'preview-room:room-people-updated')?.people.length === 2, 'people across instances')
    expect(lastPayload<People>(m, 'preview-room:room-people-updated').people).toEqual([member.id, admin.id])
    await until(() => ad.named('preview-room:room-updated').length === 1, 'state on the second instance')
    expect(lastPayload(ad, 'preview-room:room-updated')).toMatchObject({ current_frame: 12, is_playing: true, people: [member.id, admin.id] })

    m.socket.emit('preview-room:room-updated', { playlist_id: playlistId, current_frame: 50, is_playing: false })
    await until(() => ad.named('preview-room:room-updated').length === 2, 'state update across instances')
    expect(lastPayload(ad, 'preview-room:room-updated')).toMatchObject({ only_newcomer: false, current_frame: 50, is_playing: false })

    const annotation = { playlist_id: playlistId, preview_file_id: randomUUID(), obj: { type: 'path', points: [1, 2] } }
    ad.socket.emit('preview-room:add-annotation', annotation)
    await until(() => m.named('preview-room:add-annotation').length === 1, 'relay')
    expect(lastPayload(m, 'preview-room:add-annotation')).toEqual(annotation)

    ad.socket.close()
    await until(() => lastPayload<People>(m, 'preview-room:room-people-updated').people.length === 1, 'people after disconnect')
    expect(lastPayload<People>(m, 'preview-room:room-people-updated').people).toEqual([member.id])

    m.socket.emit('preview-room:leave', { playlist_id: playlistId })
    await until(() => lastPayload<People>(m, 'preview-room:room-people-updated').people.length === 0, 'people after leave')
    // The empty room is dropped from Redis.
    const client = new Redis(redis.url)
    const { rows } = await t.app.pool.query('SELECT current_database() AS db')
    expect(await client.keys(`slate:${rows[0].db}:review:*`)).toEqual([])
    client.disconnect()
  })

  it('ignores open, join and relays from a user without access to the playlist project', async () => {
    const m = await open(a.url, { cookie: member.token })
    const out = await open(b.url, { cookie: outsider.token })
    m.socket.emit('preview-room:open-playlist', { playlist_id: playlistId })
    m.socket.emit('preview-room:join', { playlist_id: playlistId })
    await until(() => m.named('preview-room:room-updated').length === 1, 'member in the room')
    out.socket.emit('preview-room:open-playlist', { playlist_id: playlistId })
    out.socket.emit('preview-room:join', { playlist_id: playlistId })
    out.socket.emit('preview-room:add-annotation', { playlist_id: playlistId, obj: 'x' })
    out.socket.emit('preview-room:room-updated', { playlist_id: playlistId, current_frame: 7 })
    // A marker from the member after the outsider's attempts: everything before it arrived.
    await sleep(300)
    m.socket.emit('preview-room:change-version', { playlist_id: playlistId, marker: true })
    await until(() => m.named('preview-room:change-version').length === 1, 'marker')
    expect(out.events.filter((e) => e.name.startsWith('preview-room:'))).toEqual([])
    expect(m.named('preview-room:add-annotation')).toEqual([])
    expect(m.named('preview-room:room-updated')).toHaveLength(1)
    expect(lastPayload<People>(m, 'preview-room:room-people-updated').people).toEqual([member.id])
    m.socket.emit('preview-room:leave', { playlist_id: playlistId })
  })

  it('answers malformed payloads with an error and keeps the connection', async () => {
    const m = await open(a.url, { cookie: member.token })
    m.socket.emit('preview-room:join', 'not an object')
    m.socket.emit('preview-room:join', [1, 2])
    m.socket.emit('preview-room:join', {})
    m.socket.emit('preview-room:open-playlist', { playlist_id: 'not-a-uuid' })
    m.socket.emit('preview-room:add-annotation', { playlist_id: playlistId, blob: 'x'.repeat(600 * 1024) })
    m.socket.emit('preview-room:room-updated', null)
    await until(() => m.named('preview-room:error').length === 6, 'six errors')
    expect(m.named('preview-room:error').map((e) => (e.args[0] as { event: string }).event)).toEqual([
      'preview-room:join', 'preview-room:join', 'preview-room:join', 'preview-room:open-playlist',
      'preview-room:add-annotation', 'preview-room:room-updated',
    ])
    expect(m.socket.connected).toBe(true)
    m.socket.emit('preview-room:open-playlist', { playlist_id: playlistId })
    await until(() => m.named('preview-room:room-people-updated').length === 1, 'a valid event afterwards')
  })
})
