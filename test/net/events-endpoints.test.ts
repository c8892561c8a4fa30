// The event-stream process's HTTP endpoints (events.md §4.2), under /events-stream on the API
// (Slate's `/` and `/stats` are the API's own), and the /status probe of the stream.
import { afterAll, describe, expect, it } from 'vitest'
import { ALL_ROLES, routeTable, useRoleProduction } from '../helpers/route-table.ts'
import { connect, until, type Client } from './events-helpers.ts'

const file = useRoleProduction()

routeTable('event stream endpoints', file, [
  { method: 'GET', path: '/events-stream', roles: ALL_ROLES, call: () => ({ url: '/events-stream' }) },
  { method: 'GET', path: '/events-stream/stats', roles: ALL_ROLES, call: () => ({ url: '/events-stream/stats' }) },
  { method: 'GET', path: '/events-stream/rooms', roles: ALL_ROLES, call: () => ({ url: '/events-stream/rooms' }) },
  { method: 'POST', path: '/events-stream/rooms', roles: ALL_ROLES, ok: 200, call: () => ({ url: '/events-stream/rooms' }) },
])

const clients: Client[] = []
afterAll(() => { for (const c of clients) c.socket.close() })

describe('event stream endpoints', () => {
  it("answer Zou's bodies; stats count the connected sockets; rooms need a token", async () => {
    const app = file.t.app
    expect((await app.inject({ url: '/api/events-stream' })).json()).toEqual({ name: 'Zou Event stream' })
    expect((await app.inject({ url: '/events-stream/stats' })).json()).toEqual({ nb_connections: 0 })
    expect((await app.inject({ url: '/events-stream/rooms' })).statusCode).toBe(401)
    const rooms = await app.inject({ method: 'POST', url: '/events-stream/rooms', headers: file.people.user.headers })
    expect(rooms.json()).toEqual({ name: 'Zou Review rooms' })
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    clients.push(await connect(url, { cookie: file.people.user.token }), await connect(url, { cookie: file.people.admin.token }))
    expect((await app.inject({ url: '/events-stream/stats' })).json()).toEqual({ nb_connections: 2 })
    clients[0].socket.close()
    await until(() => app.eventStream.connections === 1, 'one connection left')
    const status = await app.inject({ url: '/status' })
    expect(status.json()['event-stream-up']).toBe(true)
  })
})
