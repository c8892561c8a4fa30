// routes.md §9 file responses with real stored bytes: each URL serves its variant (bytes,
// content type), movie fallbacks, conditional GET, cache headers, download names, 404s for
// unknown rows and missing variants, the extension check, THUMB-READ's shared-asset rule and
// attachment thumbnails.
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as, type TestPerson } from '../../helpers/fixtures.ts'
import { countQueries } from '../../helpers/query-count.ts'
import { newComment, newPreview } from '../tasks/helpers.ts'
import { call, mp4Of, pngOf, storePictureVariants } from './helpers.ts'

const file = useFileAppWithProduction()
const app = () => file.t.app
const suffix = randomUUID().slice(0, 6)
let picture: string
let pictureBytes: Awaited<ReturnType<typeof storePictureVariants>>
let movie: string
let hd: Buffer
let low: Buffer
let outsider: TestPerson
let vendor: TestPerson
let comment: string

beforeAll(async () => {
  const db = app().db
  await db.project.update({ where: { id: file.prod.project.id }, data: { name: `Big Buck ${suffix}` } })
  await db.entityType.update({ where: { id: file.prod.assetType.id }, data: { name: `Props ${suffix}` } })
  await db.entity.update({ where: { id: file.prod.asset.id }, data: { name: 'Chair' } })
  await db.taskType.update({ where: { id: file.prod.taskType.id }, data: { name: `Modeling ${suffix}` } })
  comment = (await newComment(app(), file.prod.task.id, file.manager.id)).id
  // A preview slot made through the API, then given its processed state directly.
  const slot = await call(app(), file.manager, 'POST', `/actions/tasks/${file.prod.task.id}/comments/${comment}/add-preview`, {})
  expect(slot.statusCode).toBe(201)
  picture = slot.json().id
  await db.previewFile.update({ where: { id: picture }, data: { extension: 'png', status: 'ready', original_name: 'my shot' } })
  pictureBytes = await storePictureVariants(app(), picture)
  movie = (await newPreview(app(), file.prod.task.id, comment, { extension: 'mp4', revision: 1, position: 2, original_name: 'take' })).id
  hd = await mp4Of(320, 240)
  low = await mp4Of(160, 120)
  await app().storage.put('movies', `previews-${movie}`, hd)
  await app().storage.put('movies', `lowdef-${movie}`, low)
  await app().storage.put('pictures', `tiles-${movie}`, await pngOf(80, 60))
  outsider = await as(app(), 'user')
  vendor = await as(app(), 'vendor')
})

const get = (url: string, person: TestPerson = file.manager, headers: Record<string, string> = {}) => call(app(), person, 'GET', url, undefined, headers)

describe('preview variants', () => {
  it('serves each picture variant with its bytes, PNG type and private cache headers', async () => {
    const cases: Array<[string, Buffer]> = [
      [`/pictures/thumbnails/preview-files/${picture}.png`, pictureBytes.thumbnails],
      [`/pictures/thumbnails-square/preview-files/${picture}.png`, pictureBytes['thumbnails-square']],
      [`/pictures/originals/preview-files/${picture}.png`, pictureBytes.original],
      [`/pictures/previews/preview-files/${picture}.png`, pictureBytes.previews],
      [`/api/pictures/originals/preview-files/${picture}.png`, pictureBytes.original],
    ]
    for (const [url, bytes] of cases) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(200)
      expect(res.rawPayload.equals(bytes), url).toBe(true)
      expect(res.headers['content-type']).toBe('image/png')
      expect(res.headers['cache-control']).toBe('private, max-age=604800')
      expect(res.headers['content-disposition']).toMatch(/^inline/)
    }
    const tile = await get(`/movies/tiles/preview-files/${movie}.png`)
    expect(tile.statusCode).toBe(200)
    expect(tile.headers['content-type']).toBe('image/png')
    await expect(sharp(tile.rawPayload).metadata()).resolves.toMatchObject({ width: 80, height: 60 })
  })

  it('reads the preview row and its access facts in one query (downloads: one more for the name)', async () => {
    await get(`/pictures/thumbnails/preview-files/${picture}.png`)
    const inline = await countQueries(() => get(`/pictures/thumbnails/preview-files/${picture}.png`))
    expect(inline.sql.filter((q) => q.includes('preview_file'))).toHaveLength(1)
    const download = await countQueries(() => get(`/movies/originals/preview-files/${movie}/download`))
    expect(download.sql.filter((q) => q.includes('preview_file'))).toHaveLength(2)
  })

  it('serves the HD movie, the low one, and falls back when a version is missing', async () => {
    const original = await get(`/movies/originals/preview-files/${movie}.mp4`)
    expect(original.statusCode).toBe(200)
    expect(original.headers['content-type']).toBe('video/mp4')
    expect(original.rawPayload.equals(hd)).toBe(true)
    const lowRes = await get(`/movies/low/preview-files/${movie}.mp4`)
    expect(lowRes.rawPayload.equals(low)).toBe(true)
    expect((await get(`/movies/source/preview-files/${movie}.mp4`)).statusCode).toBe(404)

    const only = (await newPreview(app(), file.prod.task.id, null, { extension: 'mp4', revision: 7 })).id
    await app().storage.put('movies', `lowdef-${only}`, low)
    const fallback = await get(`/movies/originals/preview-files/${only}.mp4`)
    expect(fallback.statusCode).toBe(200)
    expect(fallback.rawPayload.equals(low)).toBe(true)
    await app().storage.put('movies', `source-${only}`, hd)
    expect((await get(`/movies/source/preview-files/${only}.mp4`)).rawPayload.equals(hd)).toBe(true)
    const hdOnly = (await newPreview(app(), file.prod.task.id, null, { extension: 'mp4', revision: 8 })).id
    await app().storage.put('movies', `previews-${hdOnly}`, hd)
    expect((await get(`/movies/low/preview-files/${hdOnly}.mp4`)).rawPayload.equals(hd)).toBe(true)
  })

  it('answers 304 to a matching ETag or If-Modified-Since, and 200 once the row changed', async () => {
    const url = `/pictures/thumbnails/preview-files/${picture}.png`
    const first = await get(url)
    const etag = first.headers.etag as string
    const lastModified = first.headers['last-modified'] as string
    expect(etag).toBeTruthy()
    const row = await app().db.previewFile.findUniqueOrThrow({ where: { id: picture } })
    expect(new Date(lastModified).getTime()).toBe(Math.floor(row.updated_at!.getTime() / 1000) * 1000)
    const cached = await get(url, file.manager, { 'if-none-match': etag })
    expect(cached.statusCode).toBe(304)
    expect(cached.rawPayload.length).toBe(0)
    expect((await get(url, file.manager, { 'if-modified-since': lastModified })).statusCode).toBe(304)
    await app().db.previewFile.update({ where: { id: picture }, data: { updated_at: new Date(Date.now() + 5000) } })
    expect((await get(url, file.manager, { 'if-none-match': etag })).statusCode).toBe(200)
  })

  it('answers 404 for an unknown or malformed id and for a variant not stored', async () => {
    for (const url of [
      `/pictures/thumbnails/preview-files/${randomUUID()}.png`,
      '/pictures/thumbnails/preview-files/not-a-uuid.png',
      `/movies/originals/preview-files/${randomUUID()}.mp4`,
      `/movies/tiles/preview-files/${picture}.png`,
      `/pictures/originals/preview-files/${movie}.png`,
    ]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.json().error).toBe(true)
    }
  })
})

describe('originals by extension and downloads', () => {
  it('serves other files from the files storage with their type, and refuses unknown extensions', async () => {
    const pdf = Buffer.from('%PDF-1.4 test')
    await app().storage.put('files', `previews-${picture}`, pdf)
    const res = await get(`/pictures/originals/preview-files/${picture}.pdf`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.rawPayload.equals(pdf)).toBe(true)
    const glb = await get(`/pictures/originals/preview-files/${picture}.glb`)
    expect(glb.headers['content-type']).toBe('application/octet-stream')
    const upper = await get(`/pictures/originals/preview-files/${picture}.PNG`)
    expect(upper.rawPayload.equals(pictureBytes.original)).toBe(true)
    const bad = await get(`/pictures/originals/preview-files/${picture}.EXE`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ error: true, message: 'Extension not allowed: exe' })
  })

  it('names downloads after project, entity, task type and revision (-position when > 1)', async () => {
    const base = `big_buck_${suffix}_props_${suffix}_chair_modeling_${suffix}_v1`
    const pic = await get(`/pictures/originals/preview-files/${picture}/download`)
    expect(pic.statusCode).toBe(200)
    expect(pic.rawPayload.equals(pictureBytes.original)).toBe(true)
    expect(pic.headers['content-disposition']).toContain(`attachment; filename="${base}.png"`)
    const mov = await get(`/movies/originals/preview-files/${movie}/download`)
    expect(mov.headers['content-type']).toBe('video/mp4')
    expect(mov.headers['content-disposition']).toContain(`attachment; filename="${base}-2.mp4"`)
    const viaPictures = await get(`/pictures/originals/preview-files/${movie}/download`)
    expect(viaPictures.rawPayload.equals(hd)).toBe(true)
    expect(viaPictures.headers['content-disposition']).toContain(`filename="${base}-2.mp4"`)
  })

  it('uses the original file name when the organisation asks for it', async () => {
    const { pool } = app()
    const { rowCount } = await pool.query('UPDATE organisation SET use_original_file_name = true')
    if (!rowCount) await pool.query(`INSERT INTO organisation (id, name, use_original_file_name) VALUES (gen_random_uuid(), 'Kitsu', true)`)
    try {
      const res = await get(`/pictures/originals/preview-files/${picture}/download`)
      expect(res.headers['content-disposition']).toContain('attachment; filename="my shot.png"')
      const mov = await get(`/movies/originals/preview-files/${movie}/download`)
      expect(mov.headers['content-disposition']).toContain('filename="take.mp4"')
    } finally {
      await pool.query('UPDATE organisation SET use_original_file_name = false')
    }
  })
})

describe('THUMB-READ', () => {
  it('lets non-vendors outside the project see the thumbnail of a shared asset main preview only', async () => {
    const url = `/pictures/thumbnails/preview-files/${picture}.png`
    expect((await get(url, outsider)).statusCode).toBe(403)
    await app().db.entity.update({ where: { id: file.prod.asset.id }, data: { is_shared: true, preview_file_id: picture } })
    try {
      expect((await get(url, outsider)).statusCode).toBe(200)
      expect((await get(`/pictures/thumbnails-square/preview-files/${picture}.png`, outsider)).statusCode).toBe(200)
      expect((await get(`/pictures/originals/preview-files/${picture}.png`, outsider)).statusCode).toBe(200)
      // PREVIEW-READ routes keep the project check.
      expect((await get(`/pictures/previews/preview-files/${picture}.png`, outsider)).statusCode).toBe(403)
      expect((await get(url, vendor)).statusCode).toBe(403)
    } finally {
      await app().db.entity.update({ where: { id: file.prod.asset.id }, data: { is_shared: false, preview_file_id: null } })
    }
  })
})

describe('attachment thumbnails', () => {
  it('serves the stored thumbnail to task readers, 404 when none was made', async () => {
    const att = await app().db.attachmentFile.create({ data: { name: 'x.png', mimetype: 'image/png', extension: 'png', comment_id: comment } })
    const url = `/pictures/thumbnails/attachment-files/${att.id}.png`
    expect((await get(url)).statusCode).toBe(404)
    const thumb = await pngOf(30, 20)
    await app().storage.put('pictures', `thumbnails-${att.id}`, thumb)
    const res = await get(url)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.rawPayload.equals(thumb)).toBe(true)
    expect((await get(url, outsider)).statusCode).toBe(403)
    expect((await get(`/pictures/thumbnails/attachment-files/${randomUUID()}.png`)).statusCode).toBe(404)
  })
})
