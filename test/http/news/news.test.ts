// routes.md §21: the news feed — row and page shapes, filters, paging, status stats, preview
// news, scopes of the three routes.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { makeStatus } from '../comments/helpers.ts'

interface F extends FileApp {
  manager: TestPerson
  artist: TestPerson
  vendor: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
  closed: Awaited<ReturnType<typeof makeProduction>>
  wip: string
  comments: string[]
}

const file = useFileAppWith<F>(async ({ t }) => {
  const { app } = t
  const manager = await as(app, 'manager', { first_name: 'Mia', last_name: 'Manager' })
  const artist = await as(app, 'user')
  const vendor = await as(app, 'vendor')
  const prod = await makeProduction(app, [{ id: manager.id }, { id: artist.id }, { id: vendor.id }])
  const closed = await makeProduction(app, [{ id: manager.id }])
  const closedStatus = (await app.db.projectStatus.findFirst({ where: { name: 'Closed' } })) ?? (await app.db.projectStatus.create({ data: { name: 'Closed', color: '#000000' } }))
  await app.db.project.update({ where: { id: closed.project.id }, data: { project_status_id: closedStatus.id } })
  await app.db.taskPersonLink.create({ data: { task_id: prod.task.id, person_id: artist.id } })
  const wip = (await makeStatus(app, 'WIP', { is_wip: true })).id
  const post = async (person: TestPerson, taskId: string, status: string, text: string) =>
    (await app.inject({ method: 'POST', url: `/actions/tasks/${taskId}/comment`, headers: person.headers, payload: { task_status_id: status, comment: text } })).json().id as string
  const comments = [
    await post(manager, prod.task.id, wip, 'first'), // status change
    await post(artist, prod.task.id, wip, 'second'), // no change
    await post(manager, prod.task.id, prod.status.id, 'third'), // status change
    await post(manager, closed.task.id, wip, 'closed project'),
  ]
  return { manager, artist, vendor, prod, closed, wip, comments }
})

const get = (person: TestPerson, url: string) => file.t.app.inject({ method: 'GET', url, headers: person.headers })

describe('project news', () => {
  it('answers a page of news rows, newest first, with the status-change stats', async () => {
    const res = await get(file.manager, `/data/projects/${file.prod.project.id}/news`)
    expect(res.statusCode).toBe(200)
    const page = res.json()
    expect(page).toMatchObject({ total: 3, nb_pages: 1, limit: 50, offset: 0, page: 1, stats: { [file.wip]: 1, [file.prod.status.id]: 1 } })
    expect(page.data.map((n: { comment_id: string }) => n.comment_id)).toEqual([file.comments[2], file.comments[1], file.comments[0]])
    expect(page.data[2]).toEqual({
      id: expect.any(String), type: 'News', author_id: file.manager.id, comment_id: file.comments[0], task_id: file.prod.task.id,
      task_type_id: file.prod.taskType.id, task_status_id: file.wip, task_entity_id: file.prod.asset.id,
      preview_file_id: null, preview_file_extension: null, preview_file_revision: null,
      project_id: file.prod.project.id, project_name: file.prod.project.name, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      change: true, full_entity_name: `${file.prod.assetType.name} / Hero`, episode_id: null, entity_preview_file_id: null,
      person: { id: file.manager.id, first_name: 'Mia', last_name: 'Manager', full_name: 'Mia Manager', has_avatar: false, role: 'manager' },
    })
  })

  it('filters by status, author, task type and dates, and pages', async () => {
    const base = `/data/projects/${file.prod.project.id}/news`
    const byStatus = (await get(file.manager, `${base}?task_status_id=${file.wip}`)).json()
    expect(byStatus.data.map((n: { comment_id: string }) => n.comment_id)).toEqual([file.comments[1], file.comments[0]])
    expect(byStatus.stats).toEqual({ [file.wip]: 1 })
    expect((await get(file.manager, `${base}?person_id=${file.artist.id}`)).json().total).toBe(1)
    expect((await get(file.manager, `${base}?task_type_id=${randomUUID()}`)).json()).toMatchObject({ total: 0, data: [], stats: {} })
    expect((await get(file.manager, `${base}?after=2999-01-01`)).json().total).toBe(0)
    expect((await get(file.manager, `${base}?before=2999-01-01T00:00:00`)).json().total).toBe(3)
    const second = (await get(file.manager, `${base}?limit=2&page=2`)).json()
    expect(second).toMatchObject({ total: 3, nb_pages: 2, limit: 2, offset: 2, page: 2 })
    expect(second.data.map((n: { comment_id: string }) => n.comment_id)).toEqual([file.comments[0]])
    expect((await get(file.manager, `${base}?page=abc`)).json()).toEqual({ error: true, message: 'Wrong value for parameter page.', data: null })
    expect((await get(file.manager, `${base}?after=yesterday`)).statusCode).toBe(400)
    expect((await get(file.manager, `${base}?task_status_id=nope`)).statusCode).toBe(400)
  })

  it('lists preview news with the previews of their revision', async () => {
    const { app } = file.t
    const previews = []
    for (const position of [1, 2]) {
      previews.push(await app.db.previewFile.create({ data: { name: `p${position}`, revision: 3, position, extension: 'png', status: 'ready', task_id: file.prod.task.id } }))
    }
    const news = await app.db.news.create({ data: { author_id: file.manager.id, task_id: file.prod.task.id, preview_file_id: previews[0].id } })
    const res = (await get(file.manager, `/data/projects/${file.prod.project.id}/news?only_preview=true`)).json()
    expect(res.total).toBe(1)
    expect(res.data[0]).toMatchObject({ id: news.id, preview_file_id: previews[0].id, preview_file_extension: 'png', preview_file_revision: 3, comment_id: null, task_status_id: null })
    expect(res.data[0].preview_files).toEqual(previews.map((p) => ({ id: p.id, name: p.name, extension: 'png', revision: 3, position: p.position, status: 'ready' })))
    await app.db.news.delete({ where: { id: news.id } })
  })

  it('reads one news row of the project; vendors are refused; unknown ids are 404', async () => {
    const list = (await get(file.manager, `/data/projects/${file.prod.project.id}/news`)).json()
    const one = await get(file.artist, `/data/projects/${file.prod.project.id}/news/${list.data[0].id}`)
    expect(one.statusCode).toBe(200)
    expect(one.json()).toEqual(list.data[0])
    expect((await get(file.vendor, `/data/projects/${file.prod.project.id}/news/${list.data[0].id}`)).statusCode).toBe(403)
    expect((await get(file.manager, `/data/projects/${file.closed.project.id}/news/${list.data[0].id}`)).statusCode).toBe(404)
    expect((await get(file.manager, `/data/projects/${file.prod.project.id}/news/${randomUUID()}`)).statusCode).toBe(404)
    expect((await get(file.manager, `/data/projects/${randomUUID()}/news`)).statusCode).toBe(404)
  })
})

describe('news of the open projects', () => {
  it('covers the caller\'s open projects (all open ones for admins) and narrows to project_id', async () => {
    const mine = (await get(file.manager, '/data/projects/news')).json()
    expect(mine.data.map((n: { project_id: string }) => n.project_id)).not.toContain(file.closed.project.id)
    expect(mine.data.some((n: { project_id: string }) => n.project_id === file.prod.project.id)).toBe(true)
    const admin = (await get(file.admin, '/data/projects/news')).json()
    expect(admin.data.map((n: { project_id: string }) => n.project_id)).not.toContain(file.closed.project.id)
    expect(admin.total).toBeGreaterThanOrEqual(3)
    const narrowed = (await get(file.manager, `/data/projects/news?project_id=${file.prod.project.id}`)).json()
    expect(narrowed.total).toBe(3)
    const outsider = await as(file.t.app, 'user')
    expect((await get(outsider, '/data/projects/news')).json()).toMatchObject({ total: 0, data: [] })
  })
})
