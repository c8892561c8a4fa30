// crud.md §1: every /data/<route> pair is registered, reachable with and without the /api
// prefix, answers 404 (never 405/500) for an unknown id, and is listed in /openapi.json.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { CRUD_ROUTES, call } from './helpers.ts'

const NOT_FOUND = {
  error: true,
  message: '404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
}

const file = useFileApp()

describe('route table', () => {
  it('lists the routes of crud.md §1 once each', () => {
    const names = CRUD_ROUTES.map(([r]) => r)
    expect(new Set(names).size).toBe(names.length)
    expect(names.length).toBe(46)
  })

  it('registers the five operations of every route', () => {
    const missing: string[] = []
    for (const [route] of CRUD_ROUTES) {
      for (const [method, url] of [['GET', `/data/${route}`], ['POST', `/data/${route}`], ['GET', `/data/${route}/:instance_id`],
        ['PUT', `/data/${route}/:instance_id`], ['DELETE', `/data/${route}/:instance_id`]] as const) {
        if (!file.t.app.hasRoute({ method, url })) missing.push(`${method} ${url}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('publishes every route in /openapi.json', async () => {
    const res = await file.t.app.inject({ method: 'GET', url: '/openapi.json' })
    expect(res.statusCode).toBe(200)
    const paths = res.json().paths as Record<string, Record<string, unknown>>
    const missing: string[] = []
    for (const [route] of CRUD_ROUTES) {
      const collection = paths[`/data/${route}`] ?? {}
      const instance = paths[`/data/${route}/{instance_id}`] ?? {}
      for (const m of ['get', 'post']) if (!collection[m]) missing.push(`${m} /data/${route}`)
      for (const m of ['get', 'put', 'delete']) if (!instance[m]) missing.push(`${m} /data/${route}/{instance_id}`)
    }
    expect(missing).toEqual([])
  })
})

describe.each(CRUD_ROUTES)('/data/%s', (route) => {
  it('lists as admin, with and without /api and a trailing slash', async () => {
    for (const url of [`/data/${route}`, `/api/data/${route}`, `/data/${route}/`]) {
      const res = await call(file.t.app, 'GET', url, file.admin.headers)
      expect(res.status, `${url}: ${res.text}`).toBe(200)
      expect(Array.isArray(res.body), url).toBe(true)
    }
    const paged = await call(file.t.app, 'GET', `/api/data/${route}?page=1`, file.admin.headers)
    expect(paged.status, paged.text).toBe(200)
    // salary-scales ignores filters and paging (crud.md §11.23): always the array.
    if (route !== 'salary-scales') expect(Object.keys(paged.body).sort()).toEqual(['data', 'limit', 'nb_pages', 'offset', 'page', 'total'])
  })

  it('answers 404 for an unknown id on GET, PUT and DELETE', async () => {
    const id = randomUUID()
    for (const [method, url, payload] of [
      ['GET', `/data/${route}/${id}`, undefined],
      ['GET', `/api/data/${route}/${id}`, undefined],
      ['PUT', `/data/${route}/${id}`, { name: 'x' }],
      ['PUT', `/api/data/${route}/${id}`, {}],
      ['DELETE', `/data/${route}/${id}`, undefined],
      ['DELETE', `/api/data/${route}/${id}`, undefined],
    ] as const) {
      const res = await call(file.t.app, method, url, file.admin.headers, payload)
      expect(res.status, `${method} ${url}: ${res.text}`).toBe(404)
      expect(res.body.message, `${method} ${url}`).toBeTypeOf('string')
      if (route !== 'project-templates') expect(res.body, `${method} ${url}`).toEqual(NOT_FOUND)
    }
  })

  it('requires a token and answers 405 to other methods', async () => {
    const anonymous = await file.t.app.inject({ method: 'GET', url: `/data/${route}` })
    expect(anonymous.statusCode).toBe(401)
    const patch = await call(file.t.app, 'PATCH', `/data/${route}/${randomUUID()}`, file.admin.headers, {})
    expect(patch.status).toBe(405)
    expect(patch.body).toEqual({ error: true, message: 'The method is not allowed for the requested URL.' })
    const putCollection = await call(file.t.app, 'PUT', `/data/${route}`, file.admin.headers, {})
    expect(putCollection.status).toBe(405)
  })
})
