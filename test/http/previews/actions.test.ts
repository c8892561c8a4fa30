// routes.md §9 preview actions: set-main-preview (from a movie frame too), update-position,
// update-annotations (merge rules, event, concurrent writers) and the running list.
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as, type TestPerson } from '../../helpers/fixtures.ts'
import { eventsOf, newPreview, newTask } from '../tasks/helpers.ts'
import { call, frameAt, mp4Of, storePictureVariants } from './helpers.ts'

const file = useFileAppWithProduction()
const app = () => file.t.app
let client: TestPerson
let clip: Buffer

beforeAll(async () => {
  client = await as(app(), 'client')
  await app().db.projectPersonLink.create({ data: { project_id: file.prod.project.id, person_id: client.id } })
  clip = await mp4Of()
})

const put = (url: string, payload: unknown, person: TestPerson = file.manager) => call(app(), person, 'PUT', url, payload)

describe('set-main-preview', () => {
  it('sets the entity main preview and emits set-main and <kind>:update', async () => {
    const preview = await newPreview(app(), file.prod.task.id, null, { revision: 11 })
    const { result, events } = await eventsOf(app(), () => put(`/actions/preview-files/${preview.id}/set-main-preview`, {}))
    expect(result.statusCode).toBe(200)
    expect(result.json()).toMatchObject({ id: file.prod.asset.id, preview_file_id: preview.id, type: 'Asset' })
    expect((await app().db.entity.findUniqueOrThrow({ where: { id: file.prod.asset.id } })).preview_file_id).toBe(preview.id)
    const project_id = file.prod.project.id
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['preview-file:set-main', { entity_id: file.prod.asset.id, preview_file_id: preview.id, project_id }],
      ['asset:update', { asset_id: file.prod.asset.id, project_id }],
    ])
    expect(events[0].projectId).toBe(file.prod.project.id)
  })

  it('replaces the picture variants with the chosen movie frame', async () => {
    const movie = await newPreview(app(), file.prod.task.id, null, { revision: 12, extension: 'mp4' })
    const before = await storePictureVariants(app(), movie.id)
    await app().storage.put('movies', `previews-${movie.id}`, clip)
    const res = await put(`/actions/preview-files/${movie.id}/set-main-preview`, { frame_number: 10 })
    expect(res.statusCode).toBe(200)
    const read = async (prefix: string) => {
      const chunks: Buffer[] = []
      for await (const c of await app().storage.get('pictures', `${prefix}-${movie.id}`)) chunks.push(c as Buffer)
      return Buffer.concat(chunks)
    }
    const thumb = await read('thumbnails')
    expect(thumb.equals(before.thumbnails)).toBe(false)
    expect(await sharp(thumb).metadata()).toMatchObject({ width: 150, height: 100 })
    expect(await sharp(await read('original')).metadata()).toMatchObject({ width: 320, height: 240 })
    expect(await sharp(await read('thumbnails-square')).metadata()).toMatchObject({ width: 100, height: 100 })
    expect(await sharp(await read('previews')).metadata()).toMatchObject({ width: 1200 })
    // The served thumbnail is the new one.
    const served = await call(app(), file.manager, 'GET', `/pictures/thumbnails/preview-files/${movie.id}.png`)
    expect(served.rawPayload.equals(thumb)).toBe(true)
  })

  it('refuses a frame number on a non-movie preview, and clients', async () => {
    const picture = await newPreview(app(), file.prod.task.id, null, { revision: 13 })
    const res = await put(`/actions/preview-files/${picture.id}/set-main-preview`, { frame_number: 2 })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe("Can't use a given frame on non movie preview")
    expect((await put(`/actions/preview-files/${picture.id}/set-main-preview`, {}, client)).statusCode).toBe(403)
    expect((await put(`/actions/preview-files/${randomUUID()}/set-main-preview`, {})).statusCode).toBe(404)
  })

  it('accepts a request without body (Zou reads the query then)', async () => {
    const picture = await newPreview(app(), file.prod.task.id, null, { revision: 14 })
    const res = await app().inject({ method: 'PUT', url: `/actions/preview-files/${picture.id}/set-main-preview`, headers: file.manager.headers })
    expect(res.statusCode).toBe(200)
    expect(res.json().preview_file_id).toBe(picture.id)
    const frame = await app().inject({ method: 'PUT', url: `/actions/preview-files/${picture.id}/set-main-preview?frame_number=3`, headers: file.manager.headers })
    expect(frame.statusCode).toBe(400)
    expect(frame.json().message).toBe("Can't use a given frame on non movie preview")
  })
})

describe('update-position', () => {
  it('moves a preview within its revision and renumbers 1..n; out of range changes nothing', async () => {
    const task = await newTask(app(), file.prod)
    const ids: string[] = []
    for (const position of [1, 2, 3]) {
      ids.push((await newPreview(app(), task.id, null, { revision: 1, position, created_at: new Date(Date.now() + position) })).id)
    }
    await newPreview(app(), task.id, null, { revision: 2, position: 1 })
    const res = await put(`/actions/preview-files/${ids[2]}/update-position`, { position: 1 })
    expect(res.statusCode).toBe(200)
    expect(res.json().map((p: { id: string; position: number }) => [p.id, p.position])).toEqual([[ids[2], 1], [ids[0], 2], [ids[1], 3]])
    const stored = await app().db.previewFile.findMany({ where: { task_id: task.id, revision: 1 }, orderBy: { position: 'asc' } })
    expect(stored.map((p) => p.id)).toEqual([ids[2], ids[0], ids[1]])
    for (const position of [0, 4]) {
      const same = await put(`/actions/preview-files/${ids[0]}/update-position`, { position })
      expect(same.json().map((p: { id: string }) => p.id)).toEqual([ids[2], ids[0], ids[1]])
    }
    const bad = await put(`/actions/preview-files/${ids[0]}/update-position`, { position: -1 })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('Validation error.')
  })
})

describe('update-annotations', () => {
  const obj = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'path', stroke: '#ff0000', ...extra })

  it('adds, updates and deletes objects by frame time, dropping emptied frames, and emits the event', async () => {
    const preview = await newPreview(app(), file.prod.task.id, null, { revision: 20 })
    const url = `/actions/preview-files/${preview.id}/update-annotations`
    const first = await put(url, { additions: [frameAt(1, [obj('a'), obj('b')]), frameAt(2, [obj('c')])] })
    expect(first.statusCode).toBe(200)
    expect(first.json().annotations).toEqual([frameAt(1, [obj('a'), obj('b')]), frameAt(2, [obj('c')])])

    const { result, events } = await eventsOf(app(), () => put(url, {
      additions: [frameAt(1, [obj('a', { stroke: 'ignored' }), obj('d'), { type: 'text', text: 'no id' }])],
      updates: [frameAt(1, [obj('b', { stroke: '#00ff00' })]), frameAt(9, [obj('zz')])],
      deletions: [{ time: 2, objects: ['c'] }],
    }))
    expect(result.statusCode).toBe(200)
    const frames = result.json().annotations
    expect(frames).toHaveLength(1)
    const objects = frames[0].drawing.objects
    expect(objects.slice(0, 3)).toEqual([obj('a'), obj('b', { stroke: '#00ff00' }), obj('d')])
    expect(objects[3]).toMatchObject({ type: 'text', text: 'no id' })
    expect(objects[3].id).toMatch(/^[0-9a-f-]{36}$/)
    const stored = await app().db.previewFile.findUniqueOrThrow({ where: { id: preview.id } })
    expect(stored.annotations).toEqual(frames)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      name: 'preview-file:annotation-update',
      data: { preview_file_id: preview.id, person_id: file.manager.id, updated_at: result.json().updated_at },
      projectId: file.prod.project.id,
    })
  })

  it('keeps every object when many writers update the same preview at once', async () => {
    const preview = await newPreview(app(), file.prod.task.id, null, { revision: 21 })
    const url = `/actions/preview-files/${preview.id}/update-annotations`
    const writers = Array.from({ length: 12 }, (_, i) => put(url, { additions: [frameAt(i % 3, [obj(`w${i}`)])] }))
    const answers = await Promise.all(writers)
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 200))
    const stored = await app().db.previewFile.findUniqueOrThrow({ where: { id: preview.id } })
    const ids = (stored.annotations as Array<{ drawing: { objects: Array<{ id: string }> } }>).flatMap((f) => f.drawing.objects.map((o) => o.id))
    expect(ids.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `w${i}`).sort())
  })

  it('validates the body', async () => {
    const preview = await newPreview(app(), file.prod.task.id, null, { revision: 22 })
    const res = await put(`/actions/preview-files/${preview.id}/update-annotations`, { additions: [{ drawing: {} }] })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe('Validation error.')
  })
})

describe('running previews', () => {
  it('lists processing/broken/missing previews of open projects, newest first, with cursor and limit', async () => {
    const task = await newTask(app(), file.prod)
    const base = Date.now() + 60_000
    const rows = []
    for (const [i, status] of ['processing', 'broken', 'ready', 'missing'].entries()) {
      rows.push(await newPreview(app(), task.id, null, { revision: 30 + i, status, created_at: new Date(base + i * 1000) }))
    }
    const admin = file.admin
    const res = await call(app(), admin, 'GET', '/data/playlists/preview-files/running?limit=3')
    expect(res.statusCode).toBe(200)
    const list = res.json()
    expect(list.map((p: { id: string }) => p.id)).toEqual([rows[3].id, rows[1].id, rows[0].id])
    expect(list[0]).toMatchObject({
      project_id: file.prod.project.id, task_type_id: file.prod.taskType.id, status: 'missing', type: 'PreviewFile',
      full_entity_name: `${file.prod.assetType.name} / ${file.prod.asset.name}`,
    })
    const next = await call(app(), admin, 'GET', `/data/playlists/preview-files/running?limit=1&cursor_preview_file_id=${rows[1].id}`)
    expect(next.json().map((p: { id: string }) => p.id)).toEqual([rows[0].id])

    const bad = await call(app(), admin, 'GET', '/data/playlists/preview-files/running?cursor_preview_file_id=nope')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('The cursor_preview_file_id parameter is not a valid id')
    const unknown = randomUUID()
    const missing = await call(app(), admin, 'GET', `/data/playlists/preview-files/running?cursor_preview_file_id=${unknown}`)
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toBe(`No preview file found with id: ${unknown}`)
    const badLimit = await call(app(), admin, 'GET', '/data/playlists/preview-files/running?limit=x')
    expect(badLimit.statusCode).toBe(400)
    expect(badLimit.json().message).toBe('Wrong value for parameter limit.')
  })
})
