import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as } from '../../helpers/fixtures.ts'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

describe('smoke', () => {
  it('logs in and reads projects', async () => {
    const admin = await as(t.app, 'admin')
    const res = await t.app.inject({ method: 'GET', url: '/api/data/projects', headers: admin.headers })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual([])
    const me = await t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: admin.headers })
    expect(me.statusCode, me.body).toBe(200)
    const created = await t.app.inject({ method: 'POST', url: '/data/departments/', headers: admin.headers, payload: { name: 'Anim', color: '#ffffff' } })
    expect(created.statusCode, created.body).toBe(201)
    const list = await t.app.inject({ method: 'GET', url: '/data/departments?page=1', headers: admin.headers })
    expect(list.json().total).toBe(1)
  })
})
