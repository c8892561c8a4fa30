// crud.md §10 for every /data route: each persona × operation gets the status the matrix
// (permissions-matrix.ts) gives, refusals carry Zou's 403 body, refused writes change
// nothing, and lists are filtered rather than refused for project-scoped rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { CRUD_ROUTES, FORBIDDEN, call } from './helpers.ts'
import { BASE, MATRIX, OUT, makeFixtures, type Fx, type Persona, type Spec } from './permissions-matrix.ts'

let t: TestApp
let fx: Fx
beforeAll(async () => {
  t = await buildTestApp()
  fx = await makeFixtures(t.app)
})
afterAll(async () => { await t.close() })

const MODELS = new Map(CRUD_ROUTES.map(([route, model]) => [route, model]))
type Delegate = { count(a?: unknown): Promise<number>; findUnique(a: unknown): Promise<unknown> }
const tableOf = (route: string): Delegate => {
  const model = MODELS.get(route)!
  return (t.app.db as unknown as Record<string, Delegate>)[model[0].toLowerCase() + model.slice(1)]
}
const exists = async (route: string, id: string) => (await tableOf(route).count({ where: { id } })) === 1

it('has a row for every route of crud.md §1', () => {
  expect(MATRIX.map((s) => s.route).sort()).toEqual(CRUD_ROUTES.map(([r]) => r).sort())
})

type Outcome = { status: number | string; body?: unknown }

/**
 * Runs one request per persona (refused ones first, so their attempts meet the row as it
 * was) and compares persona → outcome with the matrix; 403s must carry Zou's body.
 */
async function matrix(spec: Spec, allowed: Persona[], run: (p: Persona) => Promise<Outcome>, expected: (p: Persona) => number | string) {
  const personas = (spec.scoped ? [...BASE, ...OUT] : [...BASE]).sort((a, b) => Number(allowed.includes(a)) - Number(allowed.includes(b)))
  const got: Record<string, number | string> = {}
  const want: Record<string, number | string> = {}
  const badBodies: string[] = []
  for (const p of personas) {
    const res = await run(p)
    got[p] = res.status
    want[p] = expected(p)
    if (res.status === 403 && JSON.stringify(res.body) !== JSON.stringify(FORBIDDEN)) badBodies.push(`${p}: ${JSON.stringify(res.body)}`)
  }
  expect(got).toEqual(want)
  expect(badBodies).toEqual([])
}

describe.each(MATRIX)('/data/$route', (spec) => {
  let shared: string
  beforeAll(async () => { shared = spec.shared ? spec.shared(fx) : await spec.make(fx) })
  const as = (p: Persona) => fx.who[p].headers

  it('list (filtered, not refused, for project rows)', async () => {
    const see = spec.see ?? spec.list
    const url = `/data/${spec.route}${spec.listQuery?.(fx) ?? ''}`
    await matrix(spec, spec.list, async (p) => {
      const res = await call(t.app, 'GET', url, as(p))
      if (res.status !== 200) return res
      return { status: (res.body as Array<{ id: string }>).some((r) => r.id === shared) ? 'sees' : 'hidden' }
    }, (p) => (spec.list.includes(p) ? (see.includes(p) ? 'sees' : 'hidden') : 403))
  })

  it('create', async () => {
    // Creating an event row also logs its api-event:new event in the same table.
    const count = () => tableOf(spec.route).count(spec.route === 'events' ? { where: { NOT: { name: 'api-event:new' } } } : undefined)
    const before = await count()
    let created = 0
    await matrix(spec, spec.create, async (p) => {
      const res = await call(t.app, 'POST', `/data/${spec.route}`, as(p), await spec.body(fx))
      if (res.status === 201) created++
      return res
    }, (p) => (spec.create.includes(p) ? (spec.createStatus ?? 201) : 403))
    expect(await count()).toBe(before + created)
  })

  it('get', async () => {
    await matrix(spec, spec.get, (p) => call(t.app, 'GET', `/data/${spec.route}/${shared}`, as(p)), (p) => (spec.get.includes(p) ? 200 : 403))
  })

  it('update', async () => {
    const snapshot = async () => JSON.stringify(await tableOf(spec.route).findUnique({ where: { id: shared } }), (_k, v) => (typeof v === 'bigint' ? String(v) : v))
    const original = await snapshot()
    await matrix(spec, spec.update, async (p) => {
      const res = await call(t.app, 'PUT', `/data/${spec.route}/${shared}`, as(p), spec.patch)
      if (res.status === 403 && (await snapshot()) !== original) return { status: 'refused but written' }
      return res
    }, (p) => (spec.update.includes(p) ? 200 : 403))
  })

  it('delete', async () => {
    await matrix(spec, spec.delete, async (p) => {
      const id = await spec.make(fx)
      const res = await call(t.app, 'DELETE', `/data/${spec.route}/${id}`, as(p))
      const still = await exists(spec.route, id)
      if (res.status === 204 && (still || res.text !== '')) return { status: 'answered 204 but kept' }
      if (res.status === 403 && !still) return { status: 'refused but deleted' }
      return res
    }, (p) => (spec.delete.includes(p) ? 204 : 403))
  })
})
