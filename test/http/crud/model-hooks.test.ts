// Per-model behaviours of crud.md §11 that the other files do not reach: the time-spent date
// range (§3.2), preview deletes that detach the preview first (§11.12), and project deletes
// whose events stay in the log (§9.6, §11.2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from './helpers.ts'

let t: TestApp
let admin: TestPerson
let prod: Awaited<ReturnType<typeof makeProduction>>
const wrong = (message: string) => ({ error: true, message, data: null })

beforeAll(async () => {
  t = await buildTestApp()
  admin = await as(t.app, 'admin')
  prod = await makeProduction(t.app)
})
afterAll(async () => { await t.close() })

describe('time-spents date range', () => {
  it('keeps the rows dated inside an inclusive range', async () => {
    const dates = ['2024-01-01', '2024-01-02', '2024-01-05', '2024-01-06']
    const rows = await Promise.all(dates.map((date) => t.app.db.timeSpent.create({ data: { duration: 1, date: new Date(date), task_id: prod.task.id, person_id: admin.id } })))
    const res = await call(t.app, 'GET', '/data/time-spents?start_date=2024-01-02&end_date=2024-01-05', admin.headers)
    expect(res.status).toBe(200)
    expect(res.body.map((r: { date: string }) => r.date).sort()).toEqual(['2024-01-02', '2024-01-05'])
    const paged = await call(t.app, 'GET', `/data/time-spents?start_date=2024-01-06&end_date=2024-12-31&task_id=${prod.task.id}&page=1`, admin.headers)
    expect(paged.body).toMatchObject({ total: 1, data: [{ id: rows[3].id }] })
  })

  it('needs both ends and real dates', async () => {
    const message = 'If querying for a range of dates, both a `start_date` and an `end_date` must be given.'
    expect(await call(t.app, 'GET', '/data/time-spents?start_date=2024-01-02', admin.headers)).toMatchObject({ status: 400, body: wrong(message) })
    expect(await call(t.app, 'GET', '/data/time-spents?end_date=2024-01-02', admin.headers)).toMatchObject({ status: 400, body: wrong(message) })
    expect((await call(t.app, 'GET', '/data/time-spents?start_date=monday&end_date=2024-01-02', admin.headers)).status).toBe(400)
  })
})

describe('preview-files delete', () => {
  it('detaches the preview and points the task at its newest remaining preview', async () => {
    const db = t.app.db
    const older = await db.previewFile.create({ data: { name: 'v1', task_id: prod.task.id, revision: 1, created_at: new Date('2024-01-01') } })
    const newer = await db.previewFile.create({ data: { name: 'v2', task_id: prod.task.id, revision: 2, created_at: new Date('2024-02-01') } })
    const latest = await db.previewFile.create({ data: { name: 'v3', task_id: prod.task.id, revision: 3, created_at: new Date('2024-03-01') } })
    await db.task.update({ where: { id: prod.task.id }, data: { last_preview_file_id: latest.id } })
    await db.entity.update({ where: { id: prod.asset.id }, data: { preview_file_id: latest.id } })
    const comment = await db.comment.create({ data: { object_id: prod.task.id, object_type: 'Task', person_id: admin.id } })
    await db.commentPreviewLink.create({ data: { comment: comment.id, preview_file: latest.id } })
    const news = await db.news.create({ data: { author_id: admin.id, task_id: prod.task.id, comment_id: comment.id, preview_file_id: latest.id } })

    const res = await t.app.inject({ method: 'DELETE', url: `/data/preview-files/${latest.id}`, headers: admin.headers })
    expect(res.statusCode, res.body).toBe(204)
    expect(await db.previewFile.count({ where: { id: latest.id } })).toBe(0)
    expect((await db.entity.findUnique({ where: { id: prod.asset.id } }))!.preview_file_id).toBeNull()
    expect((await db.news.findUnique({ where: { id: news.id } }))!.preview_file_id).toBeNull()
    expect(await db.commentPreviewLink.count({ where: { comment: comment.id } })).toBe(0)
    expect((await db.task.findUnique({ where: { id: prod.task.id } }))!.last_preview_file_id).toBe(newer.id)

    // Deleting a preview that is not the task's last one leaves the task alone.
    expect((await t.app.inject({ method: 'DELETE', url: `/data/preview-files/${older.id}`, headers: admin.headers })).statusCode).toBe(204)
    expect((await db.task.findUnique({ where: { id: prod.task.id } }))!.last_preview_file_id).toBe(newer.id)
    expect((await t.app.inject({ method: 'DELETE', url: `/data/preview-files/${newer.id}`, headers: admin.headers })).statusCode).toBe(204)
    expect((await db.task.findUnique({ where: { id: prod.task.id } }))!.last_preview_file_id).toBeNull()
  })
})

describe('projects create', () => {
  it('reads a null production_style as the default 2d3d, and refuses unknown styles', async () => {
    const created = await call(t.app, 'POST', '/data/projects', admin.headers, { name: `Null style ${Date.now()}`, production_style: null })
    expect(created.status, created.text).toBe(201)
    expect(created.body.production_style).toBe('2d3d')
    const bad = await call(t.app, 'POST', '/data/projects', admin.headers, { name: `Bad style ${Date.now()}`, production_style: 'claymation' })
    expect(bad.status).toBe(400)
  })
})

describe('projects delete', () => {
  it('deletes a closed project after CRUD writes, and logs project:delete', async () => {
    const closed = await t.app.db.projectStatus.create({ data: { name: 'Closed', color: '#000000' } })
    const created = await call(t.app, 'POST', '/data/projects', admin.headers, { name: 'Short', project_status_id: closed.id })
    const id = created.body.id as string
    expect((await call(t.app, 'PUT', `/data/projects/${id}`, admin.headers, { description: 'x' })).status).toBe(200)
    expect((await t.app.inject({ method: 'DELETE', url: `/data/projects/${id}`, headers: admin.headers })).statusCode).toBe(204)
    const { rows } = await t.app.pool.query(`SELECT name, project_id FROM api_event WHERE data->>'project_id' = $1 ORDER BY created_at`, [id])
    expect(rows).toEqual([
      { name: 'project:new', project_id: null },
      { name: 'project:update', project_id: null },
      { name: 'project:delete', project_id: null },
    ])
  })

  it('force-deletes a closed production with its rows, and logs project:delete', async () => {
    const other = await makeProduction(t.app)
    const closed = await t.app.db.projectStatus.findFirstOrThrow({ where: { name: 'Closed' } })
    await t.app.db.project.update({ where: { id: other.project.id }, data: { project_status_id: closed.id } })
    expect((await call(t.app, 'PUT', `/data/tasks/${other.task.id}`, admin.headers, { priority: 1 })).status).toBe(200)
    const plain = await call(t.app, 'DELETE', `/data/projects/${other.project.id}`, admin.headers)
    expect(plain).toMatchObject({ status: 400, body: { message: 'The change conflicts with records referencing this one.' } })
    const forced = await t.app.inject({ method: 'DELETE', url: `/data/projects/${other.project.id}?force=true`, headers: admin.headers })
    expect(forced.statusCode, forced.body).toBe(204)
    expect(await t.app.db.task.count({ where: { project_id: other.project.id } })).toBe(0)
    const { rows } = await t.app.pool.query(`SELECT name FROM api_event WHERE name = 'project:delete' AND data->>'project_id' = $1`, [other.project.id])
    expect(rows).toHaveLength(1)
  })
})
