// crud.md §2, §5–§8: malformed ids, bodies and values are refused with Zou's 400 bodies,
// never a 5xx, and leave the database as it was.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call, countRows } from './helpers.ts'

let t: TestApp
let admin: TestPerson
let prod: Awaited<ReturnType<typeof makeProduction>>
let department: { id: string; name: string }
/** Row counts of the tables these tests write to, taken before each test. */
let before: Record<string, number>
const TABLES = ['department', 'task_type', 'person', 'entity', 'task', 'api_event']

const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => call(t.app, method, url, admin.headers, payload)
const wrong = (message: string) => ({ error: true, message, data: null })
const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (n) => [n, await countRows(t.app, n)])))

beforeAll(async () => {
  t = await buildTestApp()
  admin = await as(t.app, 'admin')
  prod = await makeProduction(t.app)
  department = await t.app.db.department.create({ data: { name: 'Modeling', color: '#111111' } })
  await t.app.db.taskType.update({ where: { id: prod.taskType.id }, data: { department_id: department.id } })
})
beforeEach(async () => { before = await counts() })
afterAll(async () => { await t.close() })

/** Nothing was written: same row counts, and the reference rows untouched. */
async function unchanged() {
  expect(await counts()).toEqual(before)
  const dep = await t.app.db.department.findUnique({ where: { id: department.id } })
  expect(dep).toMatchObject({ name: 'Modeling', color: '#111111', archived: false })
  const task = await t.app.db.task.findUnique({ where: { id: prod.task.id } })
  expect(task).toMatchObject({ start_date: null, priority: 0 })
}

describe('ids in paths', () => {
  it('answers 400 Malformed ID. before anything else', async () => {
    for (const [method, route] of [['GET', 'departments'], ['PUT', 'tasks'], ['DELETE', 'persons'], ['GET', 'entities'], ['PUT', 'projects']] as const) {
      const res = await req(method, `/data/${route}/not-a-uuid`, method === 'PUT' ? { name: 'x' } : undefined)
      expect(res, `${method} ${route}`).toMatchObject({ status: 400, body: wrong('Malformed ID.') })
    }
    await unchanged()
  })

  it('answers 404 on the single GET of the routes Zou loads through a service', async () => {
    for (const route of ['output-files', 'output-types', 'softwares', 'working-files', 'comments']) {
      expect((await req('GET', `/data/${route}/not-a-uuid`)).status, route).toBe(404)
      expect((await req('DELETE', `/data/${route}/not-a-uuid`)).status, route).toBe(400)
    }
  })
})

describe('bodies', () => {
  it('refuses unknown keys on POST and ignores them on PUT', async () => {
    const post = await req('POST', '/data/departments', { name: 'FX', color: '#000000', foo: 1 })
    expect(post).toMatchObject({ status: 400, body: { message: "'foo' is an invalid keyword argument for Department" } })
    expect(post.body).not.toHaveProperty('error')
    const task = await req('POST', '/data/task-types', { name: 'Rig', foo: 'bar' })
    expect(task.body).toEqual({ message: "'foo' is an invalid keyword argument for TaskType" })
    await unchanged()
    const put = await req('PUT', `/data/departments/${department.id}`, { foo: 'bar', archived: false })
    expect(put.status).toBe(200)
    expect(put.body).not.toHaveProperty('foo')
    expect(put.body).toMatchObject({ id: department.id, name: 'Modeling', archived: false })
  })

  it('refuses a null, array, string or unparsable body', async () => {
    for (const method of ['POST', 'PUT'] as const) {
      const url = method === 'POST' ? '/data/departments' : `/data/departments/${department.id}`
      const nul = await t.app.inject({ method, url, headers: { ...admin.headers, 'content-type': 'application/json' }, payload: 'null' })
      expect(nul.statusCode).toBe(400)
      expect(nul.json()).toEqual(wrong('Data are empty. Please verify that you sent JSON data and that you set the right headers.'))
      for (const payload of ['[{"name": "X", "color": "#000000"}]', '"name"', '42']) {
        const res = await t.app.inject({ method, url, headers: { ...admin.headers, 'content-type': 'application/json' }, payload })
        expect(res.statusCode, `${method} ${payload}`).toBe(400)
        expect(res.json().message).toBeTypeOf('string')
      }
      const broken = await t.app.inject({ method, url, headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"name": ' })
      expect(broken.statusCode).toBe(400)
      expect(broken.json()).toEqual({ error: true, message: 'The browser (or proxy) sent a request that this server could not understand.' })
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const res = await t.app.inject({ method, url, headers: { ...admin.headers, 'content-type': type }, payload: 'name=x' })
        expect(res.statusCode, type).toBe(415)
        expect(res.json()).toEqual({ error: true, message: "Did not attempt to load JSON data because the request Content-Type was not 'application/json'." })
      }
    }
    await unchanged()
  })
})

describe('values', () => {
  it('refuses values of the wrong type', async () => {
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/data/task-types', { name: 'Rig', priority: 'abc' }],
      ['POST', '/data/departments', { name: { en: 'FX' }, color: '#000000' }],
      ['POST', '/data/departments', { name: 'FX', color: '#000000', archived: 1 }],
      ['POST', '/data/departments', { name: 'FX', color: ['#000000'] }],
      ['POST', '/data/tasks', { name: 'x', entity_id: 'nope', task_type_id: prod.taskType.id }],
      ['PUT', `/data/departments/${department.id}`, { archived: 'yes' }],
      ['PUT', `/data/departments/${department.id}`, { name: [] }],
      ['PUT', `/data/tasks/${prod.task.id}`, { priority: 1.5 }],
      ['PUT', `/data/tasks/${prod.task.id}`, { priority: 2 ** 40 }],
      ['PUT', `/data/tasks/${prod.task.id}`, { estimation: 'a lot' }],
      ['PUT', `/data/tasks/${prod.task.id}`, { task_status_id: 'todo' }],
    ]
    for (const [method, url, payload] of cases) {
      const res = await req(method as 'POST', url, payload)
      expect(res.status, `${method} ${url} ${JSON.stringify(payload)}: ${res.text}`).toBe(400)
      expect(res.body.message).toBeTypeOf('string')
    }
    await unchanged()
  })

  it('refuses strings longer than their column', async () => {
    const post = await req('POST', '/data/departments', { name: 'x'.repeat(500), color: '#000000' })
    expect(post.status).toBe(400)
    const put = await req('PUT', `/data/departments/${department.id}`, { color: '#1234567' })
    expect(put.status).toBe(400)
    await unchanged()
  })

  it('refuses a missing required column and a duplicate', async () => {
    expect(await req('POST', '/data/departments', { name: 'FX' })).toMatchObject({ status: 400, body: { message: 'A required field is missing.' } })
    expect(await req('PUT', `/data/departments/${department.id}`, { color: null })).toMatchObject({ status: 400, body: { message: 'A required field is missing.' } })
    const dup = await req('POST', '/data/departments', { name: 'Modeling', color: '#000000' })
    expect(dup).toMatchObject({ status: 400, body: { message: 'A record with the same unique values already exists.' } })
    const other = await t.app.db.department.create({ data: { name: 'Other', color: '#000000' } })
    before = await counts()
    const rename = await req('PUT', `/data/departments/${other.id}`, { name: 'Modeling' })
    expect(rename).toMatchObject({ status: 400, body: { message: 'A record with the same unique values already exists.' } })
    await unchanged()
  })

  it('refuses codes outside an enum', async () => {
    const person = await req('POST', '/data/persons', { first_name: 'A', last_name: 'B', role: 'god' })
    expect(person).toMatchObject({ status: 400, body: wrong('Invalid role') })
    const entity = await req('POST', '/data/entities', { name: 'X', project_id: prod.project.id, entity_type_id: prod.assetType.id, status: 'x' })
    expect(entity).toMatchObject({ status: 400, body: { message: 'Invalid status' } })
    const put = await req('PUT', `/data/entities/${prod.asset.id}`, { status: 'x' })
    expect(put).toMatchObject({ status: 400, body: { message: 'Invalid status' } })
    await unchanged()
  })

  it('refuses dates that are not ISO 8601', async () => {
    const res = await req('PUT', `/data/tasks/${prod.task.id}`, { start_date: 'yesterday' })
    expect(res).toMatchObject({
      status: 400,
      body: wrong("Invalid date format for 'start_date': 'yesterday'. Expected an ISO 8601 date or datetime."),
    })
    expect((await req('PUT', `/data/tasks/${prod.task.id}`, { due_date: '2024-02-30' })).status).toBe(400)
    expect((await req('POST', '/data/milestones', { name: 'M', project_id: prod.project.id, date: 'soon' })).status).toBe(400)
    await unchanged()
  })

  it('accepts ISO dates with offsets and stores them as given (naive UTC)', async () => {
    const res = await req('PUT', `/data/tasks/${prod.task.id}`, { due_date: '2024-03-01T10:20:30+02:00' })
    expect(res.status).toBe(200)
    expect(res.body.due_date).toBe('2024-03-01T10:20:30')
    await t.app.db.task.update({ where: { id: prod.task.id }, data: { due_date: null } })
  })
})

describe('deletes', () => {
  it('refuses to delete a row still referenced', async () => {
    const res = await req('DELETE', `/data/departments/${department.id}`)
    expect(res).toMatchObject({ status: 400, body: { message: 'The change conflicts with records referencing this one.' } })
    await unchanged()
    expect(await t.app.db.department.count({ where: { id: department.id } })).toBe(1)
  })

  it('answers 404 for a well-formed unknown id and leaves everything alone', async () => {
    expect((await req('DELETE', `/data/departments/${randomUUID()}`)).status).toBe(404)
    await unchanged()
  })
})
