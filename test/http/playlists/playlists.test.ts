// routes.md §10 behaviour: the full playlist's shape, lists and client visibility, adding
// entries (dedupe, default latest preview, concurrency, bad input), temporary playlists,
// notify-clients, and the share-link lifecycle with its invitation mail.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as } from '../../helpers/fixtures.ts'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { startSmtp, type TestSmtp } from '../../helpers/smtp.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { captureEvents, names } from '../comments/helpers.ts'
import { makeBuildJob, makePlaylist, makePreview } from './helpers.ts'

const file = useFileAppWithProduction()

/** A second asset with a task of the production's task type. */
async function asset(name: string) {
  const { app } = file.t
  const e = await app.db.entity.create({ data: { name, project_id: file.prod.project.id, entity_type_id: file.prod.assetType.id } })
  const t = await app.db.task.create({ data: { name: 'main', project_id: file.prod.project.id, entity_id: e.id, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id } })
  return { entity: e, task: t }
}

const get = (url: string, headers = file.manager.headers) => file.t.app.inject({ method: 'GET', url, headers })
const post = (url: string, payload: unknown, headers = file.manager.headers) => file.t.app.inject({ method: 'POST', url, headers, payload: payload as object })

describe('full playlist', () => {
  it('gives build jobs newest first and enriches each entry with previews by task type and revision', async () => {
    const { app } = file.t
    const a = await asset('Full A')
    const r1 = await makePreview(app, a.task.id, { revision: 1, extension: 'mp4', duration: 2.5, created_at: new Date('2024-01-01T00:00:00Z') })
    const r2 = await makePreview(app, a.task.id, { revision: 2, position: 1, extension: 'png', annotations: [{ time: 0, drawing: { objects: [{ id: 'x' }] } }] })
    const r2b = await makePreview(app, a.task.id, { revision: 2, position: 2, extension: 'png' })
    const gone = randomUUID()
    const pl = await makePlaylist(app, file.prod.project.id, {
      shots: [{ entity_id: a.entity.id, preview_file_id: r2.id }, { entity_id: a.entity.id, preview_file_id: gone }, { id: a.entity.id, preview_file_id: r1.id }],
    })
    const old = await makeBuildJob(app, pl.id)
    await app.pool.query("UPDATE build_job SET created_at = now() - interval '1 day' WHERE id = $1", [old.id])
    const recent = await makeBuildJob(app, pl.id, 'failed')

    const res = await get(`/data/projects/${file.prod.project.id}/playlists/${pl.id}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ id: pl.id, name: pl.name, type: 'Playlist', project_id: file.prod.project.id })
    expect(body.build_jobs.map((j: { id: string }) => j.id)).toEqual([recent.id, old.id])
    expect(Object.keys(body.build_jobs[0]).sort()).toEqual(['created_at', 'id', 'status'])
    const [first, second, third] = body.shots
    expect(first).toMatchObject({
      id: a.entity.id, entity_id: a.entity.id, preview_file_id: r2.id, preview_file_extension: 'png', preview_file_revision: 2,
      preview_file_width: 320, preview_file_height: 240, preview_file_status: 'ready', preview_file_task_id: a.task.id,
    })
    expect(first.preview_file_previews.map((p: { id: string }) => p.id)).toEqual([r2b.id])
    expect(first).not.toHaveProperty('preview_file_annotations')
    const revisions = first.preview_files[file.prod.taskType.id]
    expect(revisions.map((p: { id: string }) => p.id)).toEqual([r2.id, r1.id])
    expect(revisions[0].previews.map((p: { id: string }) => p.id)).toEqual([r2b.id])
    expect(revisions[1]).toMatchObject({ revision: 1, extension: 'mp4', duration: 2.5, created_at: '2024-01-01T00:00:00', task_id: a.task.id, previews: [] })
    expect(revisions[0]).not.toHaveProperty('annotations')
    // The referenced preview no longer exists: the entry loses its preview_file_id.
    expect(second).not.toHaveProperty('preview_file_id')
    expect(second.id).toBe(a.entity.id)
    // Legacy `id` entries are read as the entity.
    expect(third).toMatchObject({ id: a.entity.id, preview_file_id: r1.id, preview_file_duration: 2.5 })
  })

  it('is refused to vendors, 404 for an unknown playlist, 400 for a malformed id', async () => {
    const vendor = await as(file.t.app, 'vendor')
    const pl = await makePlaylist(file.t.app, file.prod.project.id)
    expect((await get(`/data/projects/${file.prod.project.id}/playlists/${pl.id}`, vendor.headers)).statusCode).toBe(403)
    expect((await get(`/data/projects/${file.prod.project.id}/playlists/${randomUUID()}`)).statusCode).toBe(404)
    const bad = await get(`/data/projects/${file.prod.project.id}/playlists/not-a-uuid`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('One of the ID sent in parameter is not properly formatted.')
  })
})

describe('lists', () => {
  it('pages by 20, sorts, filters by task type and shows clients only playlists for them', async () => {
    const { app } = file.t
    const prod = await makeProduction(app, [{ id: file.manager.id }])
    const client = await as(app, 'client')
    await app.db.projectPersonLink.create({ data: { project_id: prod.project.id, person_id: client.id } })
    const preview = await makePreview(app, prod.task.id)
    for (let i = 0; i < 22; i++) {
      await makePlaylist(app, prod.project.id, { name: `P${String(i).padStart(2, '0')}`, for_client: i % 2 === 0, shots: i === 0 ? [{ entity_id: prod.asset.id, preview_file_id: preview.id }] : [] })
    }
    const base = `/data/projects/${prod.project.id}/playlists`
    const page1 = (await get(`${base}?sort_by=name`)).json()
    expect(page1).toHaveLength(20)
    expect(page1[0]).toMatchObject({ name: 'P00', for_entity: 'shot', first_preview_file_id: preview.id, type: 'Playlist' })
    expect(page1[0]).not.toHaveProperty('shots')
    expect(page1[1]).not.toHaveProperty('first_preview_file_id')
    expect((await get(`${base}?sort_by=name&page=2`)).json().map((p: { name: string }) => p.name)).toEqual(['P20', 'P21'])
    const forClient = (await get(`${base}?sort_by=name`, client.headers)).json()
    expect(forClient).toHaveLength(11)
    expect(forClient.every((p: { for_client: boolean }) => p.for_client)).toBe(true)
    const hidden = (await app.pool.query('SELECT id FROM playlist WHERE project_id = $1 AND NOT for_client LIMIT 1', [prod.project.id])).rows[0].id
    expect((await get(`${base}/${hidden}`, client.headers)).statusCode).toBe(403)
    expect((await get(`${base}?task_type_id=${prod.taskType.id}`)).json()).toEqual([])
    expect((await get(`${base}?task_type_id=nope`)).statusCode).toBe(400)
  })

  it('lists an episode, `main` and `all`', async () => {
    const { app } = file.t
    const prod = await makeProduction(app, [{ id: file.manager.id }])
    const epType = (await app.db.entityType.findFirst({ where: { name: 'Episode' } })) ?? (await app.db.entityType.create({ data: { name: 'Episode' } }))
    const ep = await app.db.entity.create({ data: { name: 'E01', project_id: prod.project.id, entity_type_id: epType.id } })
    await makePlaylist(app, prod.project.id, { name: 'ep', episode_id: ep.id })
    await makePlaylist(app, prod.project.id, { name: 'main' })
    await makePlaylist(app, prod.project.id, { name: 'all', is_for_all: true })
    const names = async (e: string) => (await get(`/data/projects/${prod.project.id}/episodes/${e}/playlists`)).json().map((p: { name: string }) => p.name)
    expect(await names(ep.id)).toEqual(['ep'])
    expect(await names('main')).toEqual(['main'])
    expect(await names('all')).toEqual(['all'])
    expect((await get(`/data/projects/${prod.project.id}/episodes/${randomUUID()}/playlists`)).statusCode).toBe(404)
    const all = (await get(`/data/projects/${prod.project.id}/playlists/all?page=1`, file.admin.headers)).json()
    expect(all).toMatchObject({ total: 3, nb_pages: 1, limit: 100, offset: 0, page: 1 })
    expect(all.data[0].build_jobs).toEqual([])
  })
})

describe('add-entity', () => {
  it('adds the latest preview by default (of the playlist task type), dedupes, emits playlist:add_entity', async () => {
    const { app } = file.t
    const a = await asset('Add A')
    const otherType = await app.db.taskType.create({ data: { name: `Comp ${randomUUID().slice(0, 6)}`, for_entity: 'Asset' } })
    const otherTask = await app.db.task.create({ data: { name: 'main', project_id: file.prod.project.id, entity_id: a.entity.id, task_type_id: otherType.id, task_status_id: file.prod.status.id } })
    const v1 = await makePreview(app, a.task.id, { revision: 1 })
    const v2 = await makePreview(app, a.task.id, { revision: 2 })
    await makePreview(app, otherTask.id, { revision: 5 })
    const pl = await makePlaylist(app, file.prod.project.id, { task_type_id: file.prod.taskType.id })
    const url = `/actions/playlists/${pl.id}/add-entity`
    const { result: res, events } = await captureEvents(app, () => post(url, { entity_id: a.entity.id }))
    expect(res.statusCode).toBe(200)
    expect(res.json().shots).toEqual([{ entity_id: a.entity.id, preview_file_id: v2.id }])
    expect(names(events)).toEqual(['playlist:add_entity'])
    expect(events[0].data).toMatchObject({ playlist_id: pl.id, entity_id: a.entity.id, preview_file_id: v2.id })
    // Same couple again: nothing added, no event; another preview of the entity: added.
    const again = await captureEvents(app, () => post(url, { entity_id: a.entity.id, preview_file_id: '' }))
    expect(again.result.json().shots).toHaveLength(1)
    expect(again.events).toEqual([])
    const many = await post(`/actions/playlists/${pl.id}/add-entities`, { entities: [{ entity_id: a.entity.id, preview_file_id: v1.id }, { entity_id: a.entity.id, preview_file_id: v1.id }] })
    expect(many.json().shots).toEqual([{ entity_id: a.entity.id, preview_file_id: v2.id }, { entity_id: a.entity.id, preview_file_id: v1.id }])
  })

  it('answers clear 4xx for unknown or foreign entities and malformed ids', async () => {
    const { app } = file.t
    const pl = await makePlaylist(app, file.prod.project.id)
    const url = `/actions/playlists/${pl.id}/add-entity`
    const unknown = await post(url, { entity_id: randomUUID() })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual({ error: true, message: 'Entity not found' })
    expect((await post(url, { entity_id: 'nope' })).statusCode).toBe(400)
    expect((await post(url, { entity_id: file.prod.asset.id, preview_file_id: randomUUID() })).statusCode).toBe(404)
    expect((await post(url, { entity_id: file.prod.asset.id, preview_file_id: 'x' })).statusCode).toBe(400)
    const other = await makeProduction(app)
    const foreign = await post(url, { entity_id: other.asset.id })
    expect(foreign.statusCode).toBe(400)
    expect((await post(`/actions/playlists/${randomUUID()}/add-entity`, { entity_id: file.prod.asset.id })).statusCode).toBe(404)
    expect((await post(`/actions/playlists/${pl.id}/add-entities`, { entities: [] })).statusCode).toBe(400)
    expect((await app.pool.query('SELECT shots FROM playlist WHERE id = $1', [pl.id])).rows[0].shots).toEqual([])
  })

  it('loses nothing under concurrent calls (the playlist row is locked)', async () => {
    const { app } = file.t
    const pl = await makePlaylist(app, file.prod.project.id)
    const assets = []
    for (let i = 0; i < 8; i++) assets.push(await asset(`Conc ${i}`))
    const results = await Promise.all(assets.map((a) => post(`/actions/playlists/${pl.id}/add-entity`, { entity_id: a.entity.id })))
    expect(results.map((r) => r.statusCode)).toEqual(assets.map(() => 200))
    const { rows } = await app.pool.query('SELECT shots FROM playlist WHERE id = $1', [pl.id])
    expect(rows[0].shots.map((s: { entity_id: string }) => s.entity_id).sort()).toEqual(assets.map((a) => a.entity.id).sort())
  })
})

describe('temporary playlists', () => {
  it('gives one playlisted entity per task with its latest preview', async () => {
    const { app } = file.t
    const a = await asset('Temp A')
    const b = await asset('Temp B')
    const v = await makePreview(app, a.task.id, { revision: 3, extension: 'mp4' })
    const res = await post(`/data/projects/${file.prod.project.id}/playlists/temp?sort=true`, { task_ids: [b.task.id, a.task.id] })
    expect(res.statusCode).toBe(200)
    const [first, second] = res.json()
    expect(first).toMatchObject({ id: a.entity.id, name: 'Temp A', preview_file_id: v.id, preview_file_revision: 3, preview_file_extension: 'mp4', preview_file_task_id: a.task.id, asset_type_name: file.prod.assetType.name, sequence_id: '' })
    expect(first.preview_files[file.prod.taskType.id][0].id).toBe(v.id)
    expect(second).toMatchObject({ id: b.entity.id, name: 'Temp B' })
    expect(second).not.toHaveProperty('preview_file_id')
    expect((await post(`/data/projects/${file.prod.project.id}/playlists/temp`, { task_ids: [] })).json()).toEqual([])
    expect((await post(`/data/projects/${file.prod.project.id}/playlists/temp`, { task_ids: [randomUUID()] })).statusCode).toBe(404)
    expect((await post(`/data/projects/${file.prod.project.id}/playlists/temp`, { task_ids: ['x'] })).statusCode).toBe(400)
  })
})

describe('notify-clients', () => {
  it('notifies the clients of the project (effective role), with notification:new', async () => {
    const { app } = file.t
    const client = await as(app, 'client')
    const artistAsClient = await as(app, 'user')
    const artist = await as(app, 'user')
    for (const [p, role] of [[client, null], [artistAsClient, 'client'], [artist, null]] as const) {
      await app.db.projectPersonLink.create({ data: { project_id: file.prod.project.id, person_id: p.id, role } })
    }
    const pl = await makePlaylist(app, file.prod.project.id, { for_client: true })
    const { result, events } = await captureEvents(app, () => post(`/data/playlists/${pl.id}/notify-clients`, {}))
    expect(result.json()).toEqual({ status: 'success' })
    const { rows } = await app.pool.query("SELECT person_id::text, author_id::text FROM notification WHERE playlist_id = $1 AND type = 'playlist-ready'", [pl.id])
    expect(rows.map((r) => r.person_id).sort()).toEqual([client.id, artistAsClient.id].sort())
    expect(rows.every((r) => r.author_id === file.manager.id)).toBe(true)
    expect(events.filter((e) => e.name === 'notification:new').map((e) => e.data.person_id).sort()).toEqual([client.id, artistAsClient.id].sort())
  })
})

describe('share links', () => {
  let t: TestApp
  let smtp: TestSmtp
  beforeAll(async () => {
    smtp = await startSmtp()
    t = await buildTestApp({ MAIL_SERVER: '127.0.0.1', MAIL_PORT: String(smtp.port), DOMAIN_NAME: 'kitsu.example.com', DOMAIN_PROTOCOL: 'https' })
  })
  afterAll(async () => { await t?.close(); await smtp?.close() })

  it('creates (password hashed, never returned), lists, invites by mail, deactivates', async () => {
    const manager = await as(t.app, 'manager')
    const invited = await as(t.app, 'client')
    const prod = await makeProduction(t.app, [{ id: manager.id }])
    const pl = await makePlaylist(t.app, prod.project.id, { name: 'Dailies' })
    const h = manager.headers
    const created = await t.app.inject({ method: 'POST', url: `/data/playlists/${pl.id}/share`, headers: h, payload: { expiration_date: '2099-03-04', password: 'pw', can_comment: false } })
    expect(created.statusCode).toBe(201)
    const link = created.json()
    expect(link).toMatchObject({ playlist_id: pl.id, created_by: manager.id, expiration_date: '2099-03-04T23:59:59', can_comment: false, is_active: true, has_password: true, type: 'PlaylistShareLink' })
    expect(link).not.toHaveProperty('password')
    const stored = (await t.app.pool.query('SELECT password FROM playlist_share_link WHERE id = $1', [link.id])).rows[0].password
    expect(stored).toMatch(/^\$2[aby]\$/)
    const badDate = await t.app.inject({ method: 'POST', url: `/data/playlists/${pl.id}/share`, headers: h, payload: { expiration_date: 'tomorrow' } })
    expect(badDate.statusCode).toBe(400)
    expect(badDate.json().message).toBe('tomorrow is not a valid ISO 8601 date')

    const listed = (await t.app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/share`, headers: h })).json()
    expect(listed.map((l: { token: string }) => l.token)).toEqual([link.token])

    const invite = await t.app.inject({ method: 'POST', url: `/data/playlists/${pl.id}/share/${link.token}/invite`, headers: h, payload: { emails: ['ext@example.org', 'EXT@example.org'], person_ids: [invited.id], message: 'Please look' } })
    expect(invite.statusCode).toBe(200)
    expect(invite.json().sent.sort()).toEqual(['ext@example.org', invited.email].sort())
    const mail = await smtp.next('ext@example.org')
    expect(mail.text).toContain(`https://kitsu.example.com/playlists/shared/${link.token}`)
    expect(mail.text).toContain('Please look')
    expect(mail.subject).toContain('Dailies')
    await smtp.next(invited.email)
    const badMail = await t.app.inject({ method: 'POST', url: `/data/playlists/${pl.id}/share/${link.token}/invite`, headers: h, payload: { emails: ['not an email'] } })
    expect(badMail.statusCode).toBe(400)
    expect(badMail.json()).toHaveProperty('error')

    // The guest sees it until it is deactivated (password checked).
    expect((await t.app.inject({ method: 'GET', url: `/shared/playlists/${link.token}?password=pw` })).statusCode).toBe(200)
    const off = await t.app.inject({ method: 'DELETE', url: `/data/playlists/${pl.id}/share/${link.token}`, headers: h })
    expect(off.statusCode).toBe(200)
    expect(off.json().is_active).toBe(false)
    expect((await t.app.inject({ method: 'GET', url: `/shared/playlists/${link.token}?password=pw` })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/share`, headers: h })).json()).toEqual([])
    expect((await t.app.inject({ method: 'POST', url: `/data/playlists/${pl.id}/share/${link.token}/invite`, headers: h, payload: { emails: ['a@b.co'] } })).statusCode).toBe(404)
    const otherPl = await makePlaylist(t.app, prod.project.id)
    expect((await t.app.inject({ method: 'DELETE', url: `/data/playlists/${otherPl.id}/share/${link.token}`, headers: h })).statusCode).toBe(404)
  })
})
