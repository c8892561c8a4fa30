// routes.md §20 and §24: the public status probes, the admin statistics, /config, and the
// operators' configuration check (registered only with ADMIN_TOKEN).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { as, type TestPerson } from '../helpers/fixtures.ts'

let t: TestApp
let admin: TestPerson

beforeAll(async () => {
  t = await buildTestApp({ ADMIN_TOKEN: 'ops-token-123' })
  admin = await as(t.app, 'admin')
})
afterAll(async () => { await t?.close() })

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })
const FLAGS = ['database-up', 'key-value-store-up', 'event-stream-up', 'job-queue-up', 'indexer-up']

describe('status', () => {
  it('answers the five probes as booleans, integers and text', async () => {
    const status = await get('/api/status')
    expect(status.statusCode).toBe(200)
    expect(Object.keys(status.json()).sort()).toEqual(['name', 'version', ...FLAGS].sort())
    expect(status.json()['database-up']).toBe(true)
    const influx = (await get('/status/influx')).json()
    for (const f of FLAGS) expect([0, 1]).toContain(influx[f])
    expect(Math.abs(influx.time - Date.now() / 1000)).toBeLessThan(60)
    const text = await get('/status.txt')
    expect(text.headers['content-type']).toMatch(/^text\/plain/)
    expect(text.body.split('\n')).toEqual([
      'name: Zou', expect.stringMatching(/^version: /), 'database-up: up', 'event-stream-up: up', 'key-value-store-up: up', 'job-queue-up: up', 'indexer-up: up',
    ])
  })

  it('reports resources', async () => {
    const body = (await get('/status/resources')).json()
    expect(body.cpu.percent.length).toBeGreaterThan(0)
    expect(Object.keys(body.cpu.loadavg)).toEqual(['last 1 min', 'last 5 min', 'last 10 min'])
    expect(body.memory.total).toBeGreaterThan(body.memory.available)
    expect(body.jobs).toEqual({ running_jobs: 0 })
  })

  it('emits an unpersisted main:test event', async () => {
    const seen: string[] = []
    const off = t.app.events.on((e) => { seen.push(`${e.name}:${e.id}`) })
    expect((await get('/status/test-event')).json()).toEqual({ success: true })
    off()
    expect(seen).toEqual(['main:test:null'])
  })

  it('counts previews and comments for admins only', async () => {
    expect((await get('/stats')).statusCode).toBe(401)
    const user = await as(t.app, 'user')
    expect((await get('/stats', user.headers)).statusCode).toBe(403)
    expect((await get('/stats', admin.headers)).json()).toEqual({
      number_of_video_previews: 0, number_of_picture_previews: 0, number_of_model_previews: 0, number_of_comments: 0,
    })
  })

  it('tells the login page whether 2FA is enforced', async () => {
    expect((await get('/config')).json().enforce_2fa).toBe(false)
  })
})

describe('admin config check', () => {
  it('answers with the static token only', async () => {
    expect((await get('/admin/config/check')).statusCode).toBe(403)
    expect((await get('/admin/config/check', { authorization: 'Bearer wrong-token-12' })).statusCode).toBe(403)
    const res = await get('/api/admin/config/check', { authorization: 'Bearer ops-token-123' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ user_limit: { env: 100, redis: 100 }, default_locale: { env: 'en_US' } })
    expect(res.json().active_users).toBeGreaterThanOrEqual(1)
  })

  it('is not registered without ADMIN_TOKEN', async () => {
    const plain = await buildTestApp({ ENFORCE_2FA: 'true' })
    try {
      expect((await plain.app.inject({ method: 'GET', url: '/admin/config/check' })).statusCode).toBe(404)
      expect((await plain.app.inject({ method: 'GET', url: '/config' })).json().enforce_2fa).toBe(true)
    } finally {
      await plain.close()
    }
  })
})
