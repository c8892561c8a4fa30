// Serving (auth.md §14, crud.md §2): the API at the root and under /api, trailing slashes,
// the index answer, security headers on every response, CORS only when configured, and the
// OpenAPI document with Swagger UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useFileApp } from '../helpers/file-app.ts'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { VERSION } from '../../src/version.ts'

const file = useFileApp()

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy': "frame-ancestors 'self'",
  'referrer-policy': 'strict-origin-when-cross-origin',
}

describe('the index', () => {
  it('answers {api: "Zou", version} at / and /api/', async () => {
    for (const url of ['/', '/api', '/api/']) {
      const res = await file.t.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.json()).toEqual({ api: 'Zou', version: VERSION })
    }
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('answers HEAD / and HEAD /api/ with 200 and no body', async () => {
    for (const url of ['/', '/api/']) {
      const res = await file.t.app.inject({ method: 'HEAD', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.body).toBe('')
    }
  })
})

describe('paths', () => {
  it('serves every route both at /x and /api/x', async () => {
    for (const url of ['/data/departments', '/api/data/departments', '/auth/authenticated', '/api/auth/authenticated']) {
      const res = await file.t.app.inject({ method: 'GET', url, headers: file.admin.headers })
      expect(res.statusCode, url).toBe(200)
    }
    const status = await file.t.app.inject({ method: 'GET', url: '/api/status' })
    expect(status.statusCode).toBe(200)
    expect(status.json()).toMatchObject({ name: 'Zou', version: VERSION, 'database-up': true })
  })

  it('does not treat a path merely starting with "api" as the prefix', async () => {
    const res = await file.t.app.inject({ method: 'GET', url: '/apidata/departments', headers: file.admin.headers })
    expect(res.statusCode).toBe(404)
  })

  it('answers a trailing-slash POST directly, without a redirect', async () => {
    const res = await file.t.app.inject({ method: 'POST', url: '/data/departments/', headers: file.admin.headers, payload: { name: 'Trailing', color: '#ffffff' } })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ name: 'Trailing', type: 'Department' })
    const viaApi = await file.t.app.inject({ method: 'POST', url: '/api/data/departments/', headers: file.admin.headers, payload: { name: 'Trailing 2', color: '#ffffff' } })
    expect(viaApi.statusCode, viaApi.body).toBe(201)
    const list = await file.t.app.inject({ method: 'GET', url: '/api/data/departments/', headers: file.admin.headers })
    expect(list.statusCode).toBe(200)
    expect(list.json().map((d: { name: string }) => d.name).sort()).toEqual(['Trailing', 'Trailing 2'])
  })

  it('keeps the query string under /api', async () => {
    const res = await file.t.app.inject({ method: 'GET', url: '/api/data/departments?page=1', headers: file.admin.headers })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toHaveProperty('total')
  })
})

describe('security headers', () => {
  const cases = [
    { name: 'success', method: 'GET', url: '/', status: 200 },
    { name: 'unauthenticated', method: 'GET', url: '/api/data/projects', status: 401 },
    { name: 'unknown route', method: 'GET', url: '/nowhere', status: 404 },
    { name: 'wrong method', method: 'PATCH', url: '/data/departments', status: 405 },
    { name: 'bad login', method: 'POST', url: '/auth/login', status: 400, payload: {} },
  ] as const
  for (const c of cases) {
    it(`are set on a ${c.name} response (${c.status})`, async () => {
      const res = await file.t.app.inject({ method: c.method, url: c.url, ...('payload' in c ? { payload: c.payload } : {}) })
      expect(res.statusCode).toBe(c.status)
      expect(res.headers).toMatchObject(SECURITY_HEADERS)
    })
  }

  it('sends no CORS headers when CORS_ALLOWED_ORIGINS is unset', async () => {
    const res = await file.t.app.inject({ method: 'GET', url: '/', headers: { origin: 'http://kitsu.local' } })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    const preflight = await file.t.app.inject({
      method: 'OPTIONS', url: '/data/projects', headers: { origin: 'http://kitsu.local', 'access-control-request-method': 'GET' },
    })
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('CORS when CORS_ALLOWED_ORIGINS is set', () => {
  let c: TestApp
  beforeAll(async () => { c = await buildTestApp({ CORS_ALLOWED_ORIGINS: 'http://kitsu.local;http://other.local' }) })
  afterAll(async () => { await c.close() })

  it('allows the configured origins with credentials', async () => {
    for (const origin of ['http://kitsu.local', 'http://other.local']) {
      const res = await c.app.inject({ method: 'GET', url: '/api/', headers: { origin } })
      expect(res.statusCode).toBe(200)
      expect(res.headers['access-control-allow-origin']).toBe(origin)
      expect(res.headers['access-control-allow-credentials']).toBe('true')
      expect(res.headers).toMatchObject(SECURITY_HEADERS)
    }
  })

  it('answers a preflight for an authenticated route', async () => {
    const res = await c.app.inject({
      method: 'OPTIONS', url: '/api/data/projects',
      headers: { origin: 'http://kitsu.local', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    })
    expect(res.statusCode).toBeLessThan(300)
    expect(res.headers['access-control-allow-origin']).toBe('http://kitsu.local')
    expect(res.headers['access-control-allow-credentials']).toBe('true')
    // Methods not asserted: Zou (flask-cors) allows all, plugins/http.ts keeps @fastify/cors's GET,HEAD,POST.
  })

  it('does not allow other origins', async () => {
    const res = await c.app.inject({ method: 'GET', url: '/', headers: { origin: 'http://evil.example' } })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('API documentation', () => {
  it('lists the auth and /data routes in /openapi.json', async () => {
    for (const url of ['/openapi.json', '/api/openapi.json']) {
      const res = await file.t.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      const doc = res.json()
      expect(doc.openapi).toMatch(/^3\./)
      expect(doc.info.version).toBe(VERSION)
      const paths = Object.keys(doc.paths)
      for (const p of ['/auth/login', '/auth/logout', '/auth/authenticated', '/auth/refresh-token', '/data/departments', '/data/projects', '/data/persons']) {
        expect(paths, p).toContain(p)
      }
      expect(doc.paths['/auth/login']).toHaveProperty('post')
      expect(paths.some((p) => /^\/data\/departments\/\{[^}]+\}$/.test(p))).toBe(true)
    }
  })

  it('serves Swagger UI at /apidocs', async () => {
    let res = await file.t.app.inject({ method: 'GET', url: '/apidocs' })
    if (res.statusCode >= 300 && res.statusCode < 400) {
      res = await file.t.app.inject({ method: 'GET', url: new URL(String(res.headers.location), 'http://localhost/apidocs').pathname })
    }
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toMatch(/swagger-ui/i)
  })
})
