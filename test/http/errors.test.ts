// Error answers that do not depend on a model (crud.md §2, §8): unreadable bodies, content
// types, empty and non-object bodies, unknown routes, wrong methods, size limit, malformed ids.
// None of them may be a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOT_FOUND_MESSAGE } from '../../src/lib/errors.ts'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { as, type TestPerson } from '../helpers/fixtures.ts'

let t: TestApp
let admin: TestPerson
beforeAll(async () => {
  t = await buildTestApp({ MAX_CONTENT_LENGTH: '1000' })
  admin = await as(t.app, 'admin')
})
afterAll(async () => { await t.close() })

const UNREADABLE = { error: true, message: 'The browser (or proxy) sent a request that this server could not understand.' }
const NOT_JSON = { error: true, message: "Did not attempt to load JSON data because the request Content-Type was not 'application/json'." }
const NOT_ALLOWED = { error: true, message: 'The method is not allowed for the requested URL.' }
const NOT_FOUND = { error: true, message: NOT_FOUND_MESSAGE }
const EMPTY = 'Data are empty. Please verify that you sent JSON data and that you set the right headers.'

function send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET', url: string, body?: string, contentType = 'application/json') {
  return t.app.inject({ method, url, headers: { ...admin.headers, ...(body !== undefined ? { 'content-type': contentType } : {}) }, body })
}

async function department() {
  const res = await send('POST', '/data/departments', JSON.stringify({ name: `Dept ${Math.random()}`, color: '#000000' }))
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string }
}

describe('request bodies', () => {
  it('answers 400 Zou text for malformed JSON', async () => {
    for (const [method, url] of [['POST', '/data/departments'], ['POST', '/api/auth/login']] as const) {
      const res = await send(method, url, '{"name": "Anim",')
      expect(res.statusCode, url).toBe(400)
      expect(res.json()).toEqual(UNREADABLE)
    }
    const d = await department()
    const put = await send('PUT', `/data/departments/${d.id}`, '{not json}')
    expect(put.statusCode).toBe(400)
    expect(put.json()).toEqual(UNREADABLE)
  })

  it('answers 415 for a non-JSON content type', async () => {
    const res = await send('POST', '/data/departments', 'name=Anim', 'text/plain')
    expect(res.statusCode).toBe(415)
    expect(res.json()).toEqual(NOT_JSON)
    const form = await send('POST', '/api/data/departments', 'name=Anim&color=%23000000', 'application/x-www-form-urlencoded')
    expect(form.statusCode).toBe(415)
    expect(form.json()).toEqual(NOT_JSON)
  })

  it('answers 400 "Data are empty" for a JSON null body', async () => {
    const res = await send('POST', '/data/departments', 'null')
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: true, message: EMPTY, data: null })
    const d = await department()
    const put = await send('PUT', `/data/departments/${d.id}`, 'null')
    expect(put.statusCode).toBe(400)
    expect(put.json()).toEqual({ error: true, message: EMPTY, data: null })
  })

  it('answers 400 (never 500) for array, string and number bodies', async () => {
    const d = await department()
    for (const body of ['[]', '[{"name": "x"}]', '"text"', '42', 'true']) {
      for (const [method, url] of [['POST', '/data/departments'], ['PUT', `/data/departments/${d.id}`], ['POST', '/auth/login']] as const) {
        const res = await send(method, url, body)
        expect(res.statusCode, `${method} ${url} ${body}: ${res.body}`).toBe(400)
        expect(res.json().message, body).toEqual(expect.any(String))
      }
    }
    expect(await t.app.db.department.count({ where: { name: 'x' } })).toBe(0)
  })

  it('answers 413 for a body over MAX_CONTENT_LENGTH, and accepts one under it', async () => {
    const big = JSON.stringify({ name: 'Big', color: '#000000', padding: 'x'.repeat(2000) })
    const res = await send('POST', '/data/departments', big)
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ error: true, message: expect.any(String) })
    expect(await t.app.db.department.count({ where: { name: 'Big' } })).toBe(0)

    const small = await send('POST', '/data/departments', JSON.stringify({ name: 'Small', color: '#000000' }))
    expect(small.statusCode).toBe(201)
  })
})

describe('routes and methods', () => {
  it('answers 404 with Zou body for unknown routes, with or without a token', async () => {
    for (const url of ['/nowhere', '/api/nowhere', '/data/no-such-model', '/api/data/no-such-model/', '/auth/register']) {
      for (const headers of [{}, admin.headers]) {
        const res = await t.app.inject({ method: 'GET', url, headers })
        expect(res.statusCode, url).toBe(404)
        expect(res.json()).toEqual(NOT_FOUND)
      }
    }
    const post = await t.app.inject({ method: 'POST', url: '/auth/register', payload: { email: 'a@b.c' } })
    expect(post.statusCode).toBe(404)
    expect(post.json()).toEqual(NOT_FOUND)
  })

  it('answers 405 for a method the path does not support', async () => {
    const d = await department()
    const cases = [
      ['PATCH', '/data/departments'], ['DELETE', '/data/departments'], ['PUT', '/api/data/departments/'],
      ['PATCH', `/data/departments/${d.id}`], ['POST', `/data/departments/${d.id}`],
      ['GET', '/auth/login'], ['DELETE', '/auth/login'], ['POST', '/auth/logout'], ['POST', '/'],
    ] as const
    for (const [method, url] of cases) {
      const res = await t.app.inject({ method, url, headers: admin.headers })
      expect(res.statusCode, `${method} ${url}`).toBe(405)
      expect(res.json()).toEqual(NOT_ALLOWED)
    }
    // the department is still there
    expect((await send('GET', `/data/departments/${d.id}`)).statusCode).toBe(200)
  })

  it('answers 405 even without a token', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/data/departments' })
    expect(res.statusCode).toBe(405)
    expect(res.json()).toEqual(NOT_ALLOWED)
  })
})

describe('instance ids', () => {
  it('answers 400 Malformed ID for a malformed id', async () => {
    for (const [method, url] of [['GET', '/data/departments/not-a-uuid'], ['PUT', '/api/data/departments/not-a-uuid'], ['DELETE', '/data/departments/1234']] as const) {
      const res = method === 'PUT' ? await send(method, url, '{"name": "x"}') : await send(method, url)
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400)
      expect(res.json()).toEqual({ error: true, message: 'Malformed ID.', data: null })
    }
  })

  it('answers 404 for a well-formed id that matches nothing', async () => {
    const res = await send('GET', '/data/departments/5c7fb2a4-6f1e-4b8a-9c1d-2e3f4a5b6c7d')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual(NOT_FOUND)
  })

  it('accepts an upper-case id', async () => {
    const d = await department()
    const res = await send('GET', `/data/departments/${d.id.toUpperCase()}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().id).toBe(d.id)
  })
})
