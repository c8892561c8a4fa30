// crud.md §3–§4: the list contract (array vs page object, Zou's order and paging maths),
// filters and their 400s, relations and fields, person filter restrictions, the single GET's
// relations default and the event log's 1000-row cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from './helpers.ts'

let t: TestApp
let admin: TestPerson
let manager: TestPerson
let prod: Awaited<ReturnType<typeof makeProduction>>
let other: Awaited<ReturnType<typeof makeProduction>>
/** Department ids in Zou's page order: updated_at DESC, created_at DESC, id ASC. */
let ordered: string[]
const DEPARTMENTS = ['Animation', 'Hero FX', 'Herbs', 'Layout', 'Lighting']

const get = (url: string, who: TestPerson = admin) => call(t.app, 'GET', url, who.headers)
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort()
const wrong = (message: string) => ({ error: true, message, data: null })

beforeAll(async () => {
  t = await buildTestApp()
  admin = await as(t.app, 'admin')
  manager = await as(t.app, 'manager')
  prod = await makeProduction(t.app, [{ id: manager.id }])
  other = await makeProduction(t.app)
  // Two rows share updated_at and created_at (the id breaks the tie), one shares only updated_at.
  const stamps = [['2024-01-05', '2024-01-01'], ['2024-01-04', '2024-01-02'], ['2024-01-04', '2024-01-01'], ['2024-01-03', '2024-01-01'], ['2024-01-03', '2024-01-01']]
  const rows = []
  for (const [i, name] of DEPARTMENTS.entries()) {
    const [updated, created] = stamps[i]
    const { rows: [row] } = await t.app.pool.query(
      `INSERT INTO department (name, color, updated_at, created_at) VALUES ($1, '#000000', $2, $3) RETURNING id`,
      [name, updated, created],
    )
    rows.push({ id: row.id as string, updated, created })
  }
  ordered = [...rows].sort((a, b) => b.updated.localeCompare(a.updated) || b.created.localeCompare(a.created) || a.id.localeCompare(b.id)).map((r) => r.id)
})
afterAll(async () => { await t.close() })

describe('array and page modes', () => {
  it('answers an array without any query string', async () => {
    const res = await get('/data/departments')
    expect(res.status).toBe(200)
    expect(ids(res.body)).toEqual([...ordered].sort())
    expect(res.body[0]).toMatchObject({ type: 'Department', color: '#000000' })
  })

  it('pages in Zou order with its maths', async () => {
    const pages = []
    for (const page of [1, 2, 3]) {
      const res = await get(`/data/departments?page=${page}&limit=2`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ total: 5, nb_pages: 3, limit: 2, offset: (page - 1) * 2, page })
      pages.push(...res.body.data.map((r: { id: string }) => r.id))
    }
    expect(pages).toEqual(ordered)
  })

  it('answers empty data with totals beyond the last page and for page 0', async () => {
    expect((await get('/data/departments?page=4&limit=2')).body).toEqual({ data: [], total: 5, nb_pages: 3, limit: 2, offset: 6, page: 4 })
    expect((await get('/data/departments?page=0&limit=2')).body).toEqual({ data: [], total: 5, nb_pages: 3, limit: 2, offset: -2, page: 0 })
    expect((await get('/data/departments?page=1')).body).toMatchObject({ total: 5, nb_pages: 1, limit: 100, offset: 0 })
    expect(ids((await get('/data/departments?page=-1')).body)).toEqual([...ordered].sort())
  })

  it('refuses non-integer page and limit', async () => {
    expect(await get('/data/departments?page=abc')).toMatchObject({ status: 400, body: wrong('page must be an integer.') })
    expect(await get('/data/departments?page=1&limit=x')).toMatchObject({ status: 400, body: wrong('limit must be an integer.') })
  })
})

describe('filters', () => {
  it('filters on equality, name case-insensitively and with a % prefix', async () => {
    const tasks = await get(`/data/tasks?project_id=${prod.project.id}`)
    expect(ids(tasks.body)).toEqual([prod.task.id])
    expect((await get('/data/departments?name=ANIMATION')).body.map((r: { name: string }) => r.name)).toEqual(['Animation'])
    expect((await get('/data/departments?name=her%25')).body.map((r: { name: string }) => r.name).sort()).toEqual(['Herbs', 'Hero FX'])
    expect((await get('/data/departments?name=her')).body).toEqual([])
    expect((await get('/data/departments?color=%23000000&page=1')).body.total).toBe(5)
  })

  it('reads a JSON array as IN and refuses a malformed one', async () => {
    const list = encodeURIComponent(JSON.stringify([ordered[0], ordered[3]]))
    expect(ids((await get(`/data/departments?id=${list}`)).body)).toEqual([ordered[0], ordered[3]].sort())
    expect(await get(`/data/departments?id=${encodeURIComponent('["a",')}`)).toMatchObject({ status: 400, body: wrong('Malformed list filter for field id.') })
  })

  it('checks booleans, uuids and other casts', async () => {
    await t.app.db.taskStatus.create({ data: { name: 'Done', short_name: 'done', color: '#00ff00' } })
    const yes = await get('/data/task-status?is_default=YES')
    expect(yes.body.map((s: { short_name: string }) => s.short_name)).toEqual(['todo'])
    expect((await get('/data/task-status?is_default=off')).body.map((s: { short_name: string }) => s.short_name)).toEqual(['done'])
    expect(await get('/data/task-status?is_default=maybe')).toMatchObject({ status: 400, body: wrong('Invalid boolean value: maybe') })
    expect(await get('/data/tasks?project_id=x')).toMatchObject({ status: 400, body: wrong('Invalid UUID value: x') })
    expect(await get('/data/tasks?parent_id=null')).toMatchObject({ status: 200 }) // not a task column: ignored
    expect(await get('/data/entities?parent_id=null')).toMatchObject({ status: 400, body: wrong('Invalid UUID value: null') })
    const priority = await get('/data/tasks?priority=abc')
    expect(priority.status).toBe(400)
    expect(priority.body.message).toBeTypeOf('string')
    expect((await get('/data/tasks?priority=0')).body).toHaveLength(2)
    expect((await get('/data/tasks?created_at=2001-01-01T00:00:00')).body).toEqual([])
    expect((await get('/data/tasks?created_at=yesterday')).status).toBe(400)
  })

  it('filters on relations', async () => {
    await t.app.db.taskPersonLink.create({ data: { task_id: prod.task.id, person_id: manager.id } })
    expect(ids((await get(`/data/tasks?assignees=${manager.id}`)).body)).toEqual([prod.task.id])
    expect((await get(`/data/tasks?assignees=${admin.id}`)).body).toEqual([])
    await t.app.db.departmentLink.create({ data: { person_id: manager.id, department_id: ordered[0] } })
    expect(ids((await get(`/data/persons?departments=${ordered[0]}`)).body)).toEqual([manager.id])
    expect(ids((await get(`/data/projects?team=${manager.id}`)).body)).toEqual([prod.project.id])
  })

  it('ignores unknown parameters', async () => {
    const res = await get('/data/departments?foo=bar&episode=1')
    expect(res.status).toBe(200)
    expect(ids(res.body)).toEqual([...ordered].sort())
  })

  it('lets non-admins filter persons only on public columns', async () => {
    for (const key of ['password', 'jti', 'phone']) {
      expect(await get(`/data/persons?${key}=x`, manager)).toMatchObject({ status: 400, body: wrong(`Filtering on ${key} is not allowed.`) })
    }
    expect((await get('/data/persons?phone=x')).status).toBe(200)
    expect(await get('/data/persons?jti=x')).toMatchObject({ status: 400, body: wrong('Filtering on jti is not allowed.') })
    const mine = await get(`/data/persons?email=${encodeURIComponent(manager.email.toUpperCase())}`, manager)
    expect(ids(mine.body)).toEqual([manager.id])
    expect(Object.keys(mine.body[0])).not.toContain('email')
  })
})

describe('relations and fields', () => {
  it('adds relation id arrays only with relations=true', async () => {
    const plain = await get(`/data/tasks?project_id=${prod.project.id}`)
    expect(plain.body[0]).not.toHaveProperty('assignees')
    const withRel = await get(`/data/tasks?project_id=${prod.project.id}&relations=TRUE`)
    expect(withRel.body[0].assignees).toEqual([manager.id])
    const projects = await get(`/data/projects?relations=true&id=${prod.project.id}`)
    expect(projects.body[0]).toMatchObject({ team: [manager.id], asset_types: [], task_types: [], task_statuses: [] })
    expect((await get(`/data/projects?id=${prod.project.id}`)).body[0]).not.toHaveProperty('team')
    expect((await get('/data/tasks')).body[0]).not.toHaveProperty('assignees')
  })

  it('keeps id, type and the named fields', async () => {
    const res = await get('/data/departments?fields=name')
    expect(res.body).toHaveLength(5)
    for (const row of res.body) expect(Object.keys(row).sort()).toEqual(['id', 'name', 'type'])
    const paged = await get('/data/departments?page=1&fields=%20color%20,nope')
    expect(Object.keys(paged.body.data[0]).sort()).toEqual(['color', 'id', 'type'])
  })

  it('gives the single GET relations unless relations=false', async () => {
    const full = await get(`/data/tasks/${prod.task.id}`)
    expect(full.body).toMatchObject({ id: prod.task.id, type: 'Task', assignees: [manager.id] })
    const bare = await get(`/data/tasks/${prod.task.id}?relations=false`)
    expect(bare.status).toBe(200)
    expect(bare.body).not.toHaveProperty('assignees')
    const project = await get(`/data/projects/${other.project.id}`)
    expect(project.body).toMatchObject({ team: [], project_status_name: 'Open' })
  })
})

describe('visibility in lists', () => {
  it('filters the team member\'s rows without refusing the list', async () => {
    expect(ids((await get('/data/tasks', manager)).body)).toEqual([prod.task.id])
    expect(ids((await get('/data/tasks')).body)).toEqual([prod.task.id, other.task.id].sort())
    expect((await get(`/data/tasks?project_id=${other.project.id}&page=1`, manager)).body).toMatchObject({ data: [], total: 0 })
  })
})

describe('event log', () => {
  it('caps the unpaginated list at 1000 rows', async () => {
    await t.app.pool.query(
      `INSERT INTO api_event (name, data) SELECT 'test:bulk', jsonb_build_object('n', g) FROM generate_series(1, 1005) g`,
    )
    const all = await get('/data/events')
    expect(all.status).toBe(200)
    expect(all.body).toHaveLength(1000)
    const filtered = await get('/data/events?name=test:bulk')
    expect(filtered.body).toHaveLength(1000)
    const paged = await get('/data/events?name=test:bulk&page=2&limit=1000')
    expect(paged.body).toMatchObject({ total: 1005, nb_pages: 2, offset: 1000 })
    expect(paged.body.data).toHaveLength(5)
  })
})
