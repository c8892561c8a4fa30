// routes.md §9 frame extraction on a real movie: extract-frame (size, 1-based numbering),
// annotated frames drawn from fabric objects (scaled from the drawing canvas), the zip and
// PDF bundles (one image per annotated time), the tile rebuild, and their 4xx/404 answers.
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { PDFDocument } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { newPreview } from '../tasks/helpers.ts'
import { annotationSvg } from '../../../src/services/previews/annotation-render.ts'
import { call, frameAt, mp4Of, pngOf, storedZipEntries } from './helpers.ts'

const file = useFileAppWithProduction()
const app = () => file.t.app
let clip: Buffer
let movie: string

// A red box drawn on a 640×480 canvas: lands at (20,20)-(120,70) on the 320×240 frame.
const box = { id: 'box', type: 'rect', left: 40, top: 40, width: 200, height: 100, fill: '#ff0000', canvasWidth: 640, canvasHeight: 480 }
const scribble = { id: 'p', type: 'path', stroke: '#00ff00', strokeWidth: 6, path: [['M', 200, 200], ['Q', 220, 220, 240, 200], ['L', 300, 200]] }
const label = { id: 't', type: 'i-text', text: 'Fix <this> & that', left: 10, top: 150, fontSize: 18, fill: '#0000ff' }
const annotations = [
  frameAt(0, [box, scribble, label, { id: 'u', type: 'sparkles' }]),
  frameAt(0.4, [box]),
  frameAt(0.8, [box]),
]

beforeAll(async () => {
  clip = await mp4Of()
  movie = (await newPreview(app(), file.prod.task.id, null, { extension: 'mp4', annotations })).id
  await app().storage.put('movies', `previews-${movie}`, clip)
  await app().storage.put('movies', `lowdef-${movie}`, clip)
})

const get = (url: string) => call(app(), file.manager, 'GET', url)
const pixel = async (png: Buffer, x: number, y: number) => {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
  const i = (y * info.width + x) * info.channels
  return [data[i], data[i + 1], data[i + 2]]
}

describe('extract-frame', () => {
  it('answers the PNG of frame n (1-based) at the movie size', async () => {
    const first = await get(`/actions/preview-files/${movie}/extract-frame?frame_number=1`)
    expect(first.statusCode).toBe(200)
    expect(first.headers['content-type']).toBe('image/png')
    expect(await sharp(first.rawPayload).metadata()).toMatchObject({ format: 'png', width: 320, height: 240 })
    const zero = await get(`/actions/preview-files/${movie}/extract-frame`)
    const later = await get(`/actions/preview-files/${movie}/extract-frame?frame_number=20`)
    expect(zero.rawPayload.equals(first.rawPayload)).toBe(true)
    expect(later.rawPayload.equals(first.rawPayload)).toBe(false)
  })

  it('queues concurrent extractions (one ffmpeg per core) and answers them all', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(`/actions/preview-files/${movie}/extract-frame?frame_number=7`)))
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200])
    for (const r of answers) expect(r.rawPayload.equals(answers[0].rawPayload)).toBe(true)
  })

  it('answers 404 for non-movies, imported-only rows and missing movies; 400 for a bad number', async () => {
    const picture = await newPreview(app(), file.prod.task.id, null, { revision: 2 })
    expect((await get(`/actions/preview-files/${picture.id}/extract-frame`)).statusCode).toBe(404)
    const imported = await newPreview(app(), file.prod.task.id, null, { revision: 3, extension: 'mp4', data: { imported_only: true } })
    const res = await get(`/actions/preview-files/${imported.id}/extract-frame`)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: 'preview file binary is not available' })
    const empty = await newPreview(app(), file.prod.task.id, null, { revision: 4, extension: 'mp4' })
    expect((await get(`/actions/preview-files/${empty.id}/extract-frame`)).json()).toEqual({ error: 'preview file binary is not available' })
    const bad = await get(`/actions/preview-files/${movie}/extract-frame?frame_number=x`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('Wrong value for parameter frame_number.')
    expect((await get(`/actions/preview-files/${randomUUID()}/extract-frame`)).statusCode).toBe(404)
  })
})

describe('annotated frames', () => {
  it('draws the annotation of the frame, scaled from its canvas', async () => {
    const res = await get(`/actions/preview-files/${movie}/extract-annotated-frame?frame_number=1`)
    expect(res.statusCode).toBe(200)
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ width: 320, height: 240 })
    expect(await pixel(res.rawPayload, 70, 45)).toEqual([255, 0, 0])
    const plain = await get(`/actions/preview-files/${movie}/extract-frame?frame_number=1`)
    expect(await pixel(plain.rawPayload, 70, 45)).not.toEqual([255, 0, 0])
    // Frame 11 is t = 0.4 s: its annotation; frame 5 has none.
    expect((await get(`/actions/preview-files/${movie}/extract-annotated-frame?frame_number=11`)).statusCode).toBe(200)
    const none = await get(`/actions/preview-files/${movie}/extract-annotated-frame?frame_number=5`)
    expect(none.statusCode).toBe(400)
    expect(none.json().message).toBe('No annotation found for frame 5')
    const missing = await get(`/actions/preview-files/${movie}/extract-annotated-frame`)
    expect(missing.statusCode).toBe(400)
    expect((await get(`/actions/preview-files/${movie}/extract-annotated-frame?frame_number=0`)).json().message).toBe('Validation error.')
  })

  it('renders paths, text (escaped) and ignores unknown object types', () => {
    const svg = annotationSvg(annotations[0], 320, 240)
    expect(svg).toContain('<path d="M 200 200 Q 220 220 240 200 L 300 200" fill="none" stroke="#00ff00" stroke-width="6"')
    expect(svg).toContain('Fix &#60;this&#62; &#38; that')
    expect(svg).toContain('<rect x="20" y="20" width="100" height="50" fill="#ff0000"/>')
    expect(svg).not.toContain('sparkles')
  })

  it('annotates a picture preview with its first annotation', async () => {
    const picture = await newPreview(app(), file.prod.task.id, null, { revision: 5, annotations: [frameAt(0, [{ ...box, canvasWidth: 1200, canvasHeight: 900 }])] })
    await app().storage.put('pictures', `previews-${picture.id}`, await pngOf(1200, 900, '#ffffff'))
    const res = await get(`/actions/preview-files/${picture.id}/extract-annotated-frame`)
    expect(res.statusCode).toBe(200)
    expect(await pixel(res.rawPayload, 100, 60)).toEqual([255, 0, 0])
    expect(await pixel(res.rawPayload, 600, 600)).toEqual([255, 255, 255])
    const other = await newPreview(app(), file.prod.task.id, null, { revision: 6, extension: 'pdf', annotations })
    const refused = await get(`/actions/preview-files/${other.id}/extract-annotated-frame`)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().message).toBe("Cannot extract annotated frame from preview with extension 'pdf'")
  })

  it('bundles one PNG per annotated time in a zip and one page each in a PDF', async () => {
    const names = (await call(app(), file.manager, 'GET', `/pictures/originals/preview-files/${movie}/download`)).headers['content-disposition'] as string
    const base = /filename="([^"]+)\.mp4"/.exec(names)![1]
    const zip = await get(`/actions/preview-files/${movie}/extract-annotated-frames`)
    expect(zip.statusCode).toBe(200)
    expect(zip.headers['content-type']).toBe('application/zip')
    expect(zip.headers['content-disposition']).toContain(`attachment; filename="${base}_annotated_frames.zip"`)
    const entries = storedZipEntries(zip.rawPayload)
    expect(entries.map((e) => e.name)).toEqual([1, 11, 21].map((n) => `${base}_frame_${n}.png`))
    for (const e of entries) {
      expect(await sharp(e.data).metadata()).toMatchObject({ format: 'png', width: 320, height: 240 })
      expect(await pixel(e.data, 70, 45)).toEqual([255, 0, 0])
    }
    const pdf = await get(`/actions/preview-files/${movie}/extract-annotated-frames-pdf`)
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.headers['content-disposition']).toContain(`filename="${base}_annotated_frames.pdf"`)
    expect((await PDFDocument.load(pdf.rawPayload)).getPageCount()).toBe(3)

    const bare = await newPreview(app(), file.prod.task.id, null, { revision: 7, extension: 'mp4' })
    const none = await get(`/actions/preview-files/${bare.id}/extract-annotated-frames`)
    expect(none.statusCode).toBe(400)
    const gone = await newPreview(app(), file.prod.task.id, null, { revision: 8, extension: 'mp4', annotations })
    const missing = await get(`/actions/preview-files/${gone.id}/extract-annotated-frames-pdf`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({ error: 'preview file binary is not available' })
  })
})

describe('extract-tile', () => {
  it('rebuilds the tile strip from the movie and stores it', async () => {
    const res = await get(`/actions/preview-files/${movie}/extract-tile`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    // 25 frames, 100 px high each (133 wide at 4:3), 8 per row: 4 rows.
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ width: 8 * 134, height: 400 })
    const served = await get(`/movies/tiles/preview-files/${movie}.png`)
    expect(served.rawPayload.equals(res.rawPayload)).toBe(true)
    const picture = await newPreview(app(), file.prod.task.id, null, { revision: 9 })
    expect((await get(`/actions/preview-files/${picture.id}/extract-tile`)).statusCode).toBe(400)
  })
})
