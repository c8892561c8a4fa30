// Avatars / project pictures (400×400 fit-and-pad, has_avatar, events, 404 without avatar) and
// preview background files (HDR kept as is, 300×200 PNG thumbnail, only .hdr accepted).
import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as } from '../../helpers/fixtures.ts'
import { captureEvents } from '../comments/helpers.ts'
import { alphaPng, radianceHdr, stored, upload } from './helpers.ts'

const file = useFileAppWithProduction()

describe('avatars and pictures', () => {
  it('a person uploads their avatar: 400×400 padded PNG, has_avatar, person:update + person:set-thumbnail, served back', async () => {
    const { app } = file.t
    const artist = await as(app, 'user')
    const before = await app.inject({ url: `/pictures/thumbnails/persons/${artist.id}.png`, headers: artist.headers })
    expect(before.statusCode).toBe(404)
    const wide = await alphaPng(800, 200)
    const { result: res, events } = await captureEvents(app, () => upload(app, artist, `/pictures/thumbnails/persons/${artist.id}`, 'me.png', wide))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toEqual({ thumbnail_path: `pictures/thumbnails/persons/${artist.id}.png` })
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['person:update', { person_id: artist.id }],
      ['person:set-thumbnail', { person_id: artist.id }],
    ])
    expect((await app.db.person.findUnique({ where: { id: artist.id } }))?.has_avatar).toBe(true)
    const png = await stored(app, 'pictures', `thumbnails-${artist.id}`)
    const meta = await sharp(png).metadata()
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([400, 400, true])
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
    expect(data[3]).toBe(0) // padded corner: transparent
    expect([...data.subarray((400 * 200 + 50) * 4, (400 * 200 + 50) * 4 + 4)]).toEqual([255, 0, 0, 255])
    const get = await app.inject({ url: `/api/pictures/thumbnails/persons/${artist.id}`, headers: file.manager.headers })
    expect([get.statusCode, get.headers['content-type']]).toEqual([200, 'image/png'])
    expect(get.rawPayload.equals(png)).toBe(true)
    const again = await app.inject({ url: `/pictures/thumbnails/persons/${artist.id}.png`, headers: { ...artist.headers, 'if-none-match': String(get.headers.etag) } })
    expect(again.statusCode).toBe(304)
  })

  it('a project picture: project:update (with project_id) + project:set-thumbnail; a text file is refused', async () => {
    const { app } = file.t
    const url = `/pictures/thumbnails/projects/${file.prod.project.id}`
    const bad = await upload(app, file.manager, url, 'x.png', 'not a picture')
    expect([bad.statusCode, bad.json().message]).toEqual([400, 'The uploaded file is not a picture.'])
    const { result: res, events } = await captureEvents(app, () => upload(app, file.manager, url, 'p.png', alphaPngSmall))
    expect(res.statusCode, res.body).toBe(201)
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['project:update', { project_id: file.prod.project.id }],
      ['project:set-thumbnail', { project_id: file.prod.project.id }],
    ])
    expect((await app.db.project.findUnique({ where: { id: file.prod.project.id } }))?.has_avatar).toBe(true)
  })
})

describe('preview background files', () => {
  it('stores the HDR and a 300×200 thumbnail, updates the row, emits update + add-file; serves both', async () => {
    const { app } = file.t
    const row = await app.db.previewBackgroundFile.create({ data: { name: 'studio' } })
    const hdr = radianceHdr(64, 32)
    const { result: res, events } = await captureEvents(app, () => upload(app, file.admin, `/pictures/preview-background-files/${row.id}`, 'Studio Light.HDR', hdr))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ id: row.id, type: 'PreviewBackgroundFile', extension: 'hdr', original_name: 'Studio Light', file_size: hdr.length })
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['preview-background-file:update', { preview_background_file_id: row.id }],
      ['preview-background-file:add-file', { preview_background_file_id: row.id, extension: 'hdr' }],
    ])
    expect((await stored(app, 'pictures', `preview-backgrounds-${row.id}`)).equals(hdr)).toBe(true)
    const thumb = await stored(app, 'pictures', `thumbnails-${row.id}`)
    const { data, info } = await sharp(thumb).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([300, 200])
    // 2:1 picture in a 3:2 box: transparent bars above and below, tone-mapped pixels in the middle.
    expect(data[3]).toBe(0)
    const top = (300 * 30 + 150) * 4
    const bottom = (300 * 170 + 150) * 4
    expect([data[top + 3], data[bottom + 3]]).toEqual([255, 255])
    expect(data[top + 2]).toBeGreaterThan(data[top] + 30) // the gradient: blue at the top…
    expect(data[bottom]).toBeGreaterThan(data[bottom + 2] + 30) // …red at the bottom

    const get = await app.inject({ url: `/pictures/preview-background-files/${row.id}.hdr`, headers: file.manager.headers })
    expect([get.statusCode, get.headers['content-type']]).toEqual([200, 'image/vnd.radiance'])
    expect(get.rawPayload.equals(hdr)).toBe(true)
    expect((await app.inject({ url: `/pictures/preview-background-files/${row.id}.exr`, headers: file.manager.headers })).statusCode).toBe(404)
    const t = await app.inject({ url: `/pictures/thumbnails/preview-background-files/${row.id}.png`, headers: file.manager.headers })
    expect(t.rawPayload.equals(thumb)).toBe(true)
  })

  it('only .hdr: another extension deletes the row (400 Wrong file format); fake HDR content is a 400 that keeps it', async () => {
    const { app } = file.t
    const fake = await app.db.previewBackgroundFile.create({ data: { name: 'fake' } })
    const res = await upload(app, file.admin, `/pictures/preview-background-files/${fake.id}`, 'sky.hdr', 'hello')
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/^The file content does not match its extension: hdr/)
    expect(await app.db.previewBackgroundFile.findUnique({ where: { id: fake.id } })).not.toBeNull()
    const wrong = await upload(app, file.admin, `/pictures/preview-background-files/${fake.id}`, 'sky.exr', 'x')
    expect(wrong.json()).toEqual({ error: true, message: 'Wrong file format, extension: exr', data: null })
    expect(await app.db.previewBackgroundFile.findUnique({ where: { id: fake.id } })).toBeNull()
  })
})

const alphaPngSmall = await alphaPng(60, 40)
