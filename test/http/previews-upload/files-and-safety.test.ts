// Other files (stored as is; glTF models read for their facts) and the upload's safety: content
// that does not match its extension, empty and truncated files, a pixel bomb, a path in the
// name, unknown extensions, bodies above MAX_CONTENT_LENGTH. Each is a clear 4xx (or a broken
// row with its reason), never a 500, and TMP_DIR is left empty.
import { Readable } from 'node:stream'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ProductionFileApp } from '../../helpers/file-app.ts'
import { buildTestApp } from '../../helpers/app.ts'
import { as, makeProduction } from '../../helpers/fixtures.ts'
import { multipart } from '../comments/helpers.ts'
import { alphaPng, bombPng, cubeGlb, makeMovie, makeSlot, scratch, stored, upload, leftInTmp } from './helpers.ts'

// MAX_CONTENT_LENGTH = 1 MiB: the 413 case; every other case is far below it.
const file = {} as ProductionFileApp
beforeAll(async () => {
  file.t = await buildTestApp({ MAX_CONTENT_LENGTH: String(1024 * 1024) })
  file.manager = await as(file.t.app, 'manager')
  file.prod = await makeProduction(file.t.app, [{ id: file.manager.id }])
})
afterAll(async () => { await file.t?.close() })

let png: Buffer
let mp4: Buffer
let glb: Buffer
beforeAll(async () => {
  png = await alphaPng(64, 48)
  mp4 = await makeMovie(scratch(), 'clip.mp4', { audio: false, seconds: 1 })
  glb = await cubeGlb()
})

afterEach(() => {
  expect(leftInTmp(file.t.config.tmpDir)).toEqual([])
})

const slot = () => makeSlot(file.t.app, file.manager, file.prod.task.id, file.prod.status.id)
const send = (id: string, name: string, data: Buffer | string, query = '') =>
  upload(file.t.app, file.manager, `/pictures/preview-files/${id}${query}`, name, data)
const rowOf = (id: string) => file.t.app.db.previewFile.findUnique({ where: { id } })

describe('other files', () => {
  it('a glb cube: stored as is in the files bucket, bounding box and counts in data', async () => {
    const s = await slot()
    const res = await send(s.id, 'cube.GLB', glb)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({
      extension: 'glb', original_name: 'cube', status: 'ready', file_size: glb.length,
      data: { triangle_count: 12, mesh_count: 1, material_count: 1, bounding_box: { min: [9.5, -0.5, -0.5], max: [10.5, 0.5, 0.5] } },
    })
    expect((await stored(file.t.app, 'files', `previews-${s.id}`)).equals(glb)).toBe(true)
  })

  it('a pdf is stored as is, without variants', async () => {
    const s = await slot()
    const res = await send(s.id, 'notes.pdf', '%PDF-1.4\n%%EOF\n')
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ extension: 'pdf', status: 'ready', file_size: 15 })
    expect(await file.t.app.storage.exists('pictures', `thumbnails-${s.id}`)).toBe(false)
  })

  it('a corrupt glb (valid header, broken JSON chunk): 400 with the reason, row broken with the parse error', async () => {
    const s = await slot()
    const bad = Buffer.from(glb)
    bad.write('{"asset":', 20, 'latin1')
    bad.fill(0x7b, 29, 60)
    const res = await send(s.id, 'bad.glb', bad)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json()).toMatchObject({ error: true, message: 'Preview file processing failed.' })
    const row = await rowOf(s.id)
    expect(row?.status).toBe('broken')
    expect(String((row?.data as { error?: string }).error)).toMatch(/unreadable model/)
  })

  it('a .gltf pointing at a file on the server is refused, not resolved', async () => {
    const s = await slot()
    const gltf = JSON.stringify({ asset: { version: '2.0' }, buffers: [{ uri: '../../../etc/passwd', byteLength: 10 }] })
    const res = await send(s.id, 'evil.gltf', gltf)
    expect(res.statusCode).toBe(400)
    expect(String(((await rowOf(s.id))?.data as { error?: string }).error)).toMatch(/external resource not allowed/)
  })
})

describe('upload safety', () => {
  it('content that does not match the extension: text named .png, PNG named .mp4, text named .glb → 400, slot kept', async () => {
    for (const [name, data] of [['notes.png', 'just some text'], ['movie.mp4', png], ['model.glb', 'not a model']] as const) {
      const s = await slot()
      const res = await send(s.id, name, data)
      expect([name, res.statusCode]).toEqual([name, 400])
      expect(res.json().message).toMatch(/^The file content does not match its extension/)
      const row = await rowOf(s.id)
      expect([row?.status, row?.original_name]).toEqual(['processing', null])
    }
  })

  it('a truncated movie → 400', async () => {
    const s = await slot()
    const res = await send(s.id, 'cut.mp4', mp4.subarray(0, Math.floor(mp4.length / 2)), '?no_job=true')
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error).toBe(true)
  })

  it('a 30000×30000 PNG bomb → 400 before decoding', async () => {
    const bomb = bombPng()
    expect(bomb.length).toBeLessThan(10_000)
    const s = await slot()
    const res = await send(s.id, 'bomb.png', bomb)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().message).toMatch(/Picture too large: 30000x30000/)
  })

  it('a path in the file name: only the base name is used', async () => {
    const s = await slot()
    const res = await send(s.id, '..\\..\\etc/../../x.png', png)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().original_name).toBe('x')
  })

  it('an unknown extension deletes the slot: 400 Wrong file format', async () => {
    const s = await slot()
    const res = await send(s.id, 'tool.exe', 'MZ')
    expect(res.json()).toEqual({ error: true, message: 'Wrong file format, extension: exe', data: null })
    expect(res.statusCode).toBe(400)
    expect(await rowOf(s.id)).toBeNull()
  })

  it('a body above MAX_CONTENT_LENGTH → 413, the slot kept', async () => {
    const s = await slot()
    const res = await send(s.id, 'huge.png', Buffer.concat([png, Buffer.alloc(1100 * 1024)]))
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ error: true })
    expect((await rowOf(s.id))?.status).toBe('processing')
  })

  it('a streamed body without Content-Length is cut at MAX_CONTENT_LENGTH → 413, temp file removed', async () => {
    const s = await slot()
    const body = multipart({}, [{ field: 'file', filename: 'big.png', type: 'image/png', data: Buffer.concat([png, Buffer.alloc(1200 * 1024)]) }])
    const res = await file.t.app.inject({
      method: 'POST', url: `/pictures/preview-files/${s.id}`, headers: { ...file.manager.headers, ...body.headers },
      payload: Readable.from([body.payload.subarray(0, 500_000), body.payload.subarray(500_000)]),
    })
    expect([res.statusCode, res.json().error]).toEqual([413, true])
  })

  it('no file field → 400 File not provided; unknown row → 404; not TAA → 403, all before the body is used', async () => {
    const s = await slot()
    const none = await upload(file.t.app, file.manager, `/pictures/preview-files/${s.id}`, 'a.png', png, 'other')
    expect([none.statusCode, none.json().message]).toEqual([400, 'File not provided.'])
    const missing = await send('00000000-0000-4000-8000-000000000000', 'a.png', png)
    expect(missing.statusCode).toBe(404)
    const artist = await as(file.t.app, 'user')
    const refused = await upload(file.t.app, artist, `/pictures/preview-files/${s.id}`, 'a.png', png)
    expect(refused.statusCode).toBe(403)
  })
})
