// Frame extraction routes of routes.md §9: one frame, one annotated frame, every annotated
// frame as a zip or a PDF, and the tile strip rebuilt from the movie. Frames are 1-based at
// the entity/project fps; an annotation belongs to frame n when its time is within half a
// frame of (n-1)/fps.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import yazl from 'yazl'
import type { Ctx } from '../../crud/context.ts'
import { invalid, notFound, wrongParameter } from '../../lib/errors.ts'
import { readablePreview, managedPreview, type PreviewAccessRow } from './access.ts'
import { binaryUnavailable, framePng, previewFps, tilePng, withLocalMovie } from './movie-frames.ts'
import { renderAnnotation } from './annotation-render.ts'
import { previewDownloadNames, storedVariant } from './serve.ts'
import type { AnnotationFrame } from './annotations.ts'

const ANNOTATED_PICTURES: ReadonlySet<string> = new Set(['jpg', 'jpeg', 'jpe', 'png'])

const importedOnly = (row: PreviewAccessRow) => !!(row.data as { imported_only?: unknown } | null)?.imported_only
const extensionOf = (row: PreviewAccessRow) => (row.extension ?? '').toLowerCase()
const annotationsOf = (row: PreviewAccessRow): AnnotationFrame[] => (Array.isArray(row.annotations) ? row.annotations : [])
const timeOf = (a: AnnotationFrame): number | null => {
  const t = typeof a.time === 'number' ? a.time : Number.parseFloat(String(a.time))
  return Number.isFinite(t) ? t : null
}

/** GET /actions/preview-files/:id/extract-frame: MPA; movies only. */
export async function extractFrame(ctx: Ctx, id: string, frameNumber: number): Promise<Buffer> {
  const row = await managedPreview(ctx, id)
  if (importedOnly(row)) throw binaryUnavailable()
  if (extensionOf(row) !== 'mp4') throw notFound()
  const fps = await previewFps(ctx, row.id)
  return withLocalMovie(ctx, row.id, 'movie', (movie) => framePng(ctx, movie, frameNumber, fps))
}

/** The picture preview's 1200-wide variant, or 404 when not stored. */
async function pictureBytes(ctx: Ctx, row: PreviewAccessRow): Promise<Buffer> {
  const found = importedOnly(row) ? null : await storedVariant(ctx.storage, row.id, 'preview')
  if (!found) throw binaryUnavailable()
  const chunks: Buffer[] = []
  for await (const chunk of await ctx.storage.get(found[0], found[1])) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** GET /actions/preview-files/:id/extract-annotated-frame. */
export async function extractAnnotatedFrame(ctx: Ctx, id: string, frameNumber: number | undefined): Promise<Buffer> {
  const row = await managedPreview(ctx, id, { annotations: true })
  const ext = extensionOf(row)
  const annotations = annotationsOf(row)
  const maxPixels = ctx.config.previews.maxImagePixels
  if (ext === 'mp4') {
    if (frameNumber === undefined) throw wrongParameter('frame_number is required for movie previews')
    const fps = await previewFps(ctx, row.id)
    const target = (frameNumber - 1) / fps
    const annotation = annotations.find((a) => {
      const t = timeOf(a)
      return t !== null && Math.abs(t - target) <= 1 / (2 * fps)
    })
    if (!annotation) throw invalid(`No annotation found for frame ${frameNumber}`)
    if (importedOnly(row)) throw binaryUnavailable()
    const frame = await withLocalMovie(ctx, row.id, 'movie', (movie) => framePng(ctx, movie, frameNumber, fps))
    return renderAnnotation(frame, annotation, maxPixels)
  }
  if (ANNOTATED_PICTURES.has(ext)) {
    if (!annotations.length) throw invalid('No annotation found on picture preview')
    return renderAnnotation(await pictureBytes(ctx, row), annotations[0], maxPixels)
  }
  throw invalid(`Cannot extract annotated frame from preview with extension '${ext}'`)
}

export interface AnnotatedFrames {
  /** The preview's download name without its extension. */
  baseName: string
  /** Rendered frames, in annotation order: zip entry name and temp file. */
  entries: Array<{ name: string; path: string }>
  /** Removes the temp files. */
  cleanup: () => Promise<void>
}

/** Every annotated frame rendered to a temp file (one movie copy for all of them). */
async function annotatedFrames(ctx: Ctx, id: string): Promise<AnnotatedFrames> {
  const row = await managedPreview(ctx, id, { annotations: true })
  const annotations = annotationsOf(row)
  if (!annotations.length) throw invalid('Preview file has no annotations')
  const ext = extensionOf(row)
  if (ext !== 'mp4' && !ANNOTATED_PICTURES.has(ext)) {
    throw invalid(`Cannot extract annotated frames from preview with extension '${ext}'`)
  }
  if (importedOnly(row)) throw binaryUnavailable()
  const baseName = ((await previewDownloadNames(ctx.pool, [row.id])).get(row.id) ?? row.id).replace(/\.[^.]*$/, '')
  await mkdir(ctx.config.tmpDir, { recursive: true })
  const dir = await mkdtemp(join(ctx.config.tmpDir, 'annotated-'))
  const cleanup = () => rm(dir, { recursive: true, force: true })
  const entries: AnnotatedFrames['entries'] = []
  const maxPixels = ctx.config.previews.maxImagePixels
  const add = async (name: string, frame: Buffer, annotation: AnnotationFrame) => {
    const path = join(dir, `${entries.length}.png`)
    await writeFile(path, await renderAnnotation(frame, annotation, maxPixels))
    entries.push({ name: `${baseName}_frame_${name}.png`, path })
  }
  try {
    if (ext === 'mp4') {
      const fps = await previewFps(ctx, row.id)
      await withLocalMovie(ctx, row.id, 'movie', async (movie) => {
        for (const annotation of annotations) {
          const t = timeOf(annotation)
          if (t === null) continue
          const n = Math.max(1, Math.round(t * fps) + 1)
          // A time past the movie's end has no frame: skipped, as Zou does.
          const frame = await framePng(ctx, movie, n, fps).catch(() => null)
          if (frame) await add(String(n), frame, annotation)
        }
      })
    } else {
      const picture = await pictureBytes(ctx, row)
      for (const [i, annotation] of annotations.entries()) await add(String(i + 1), picture, annotation)
    }
    if (!entries.length) throw invalid('No annotated frame could be extracted from this preview file')
    return { baseName, entries, cleanup }
  } catch (err) {
    await cleanup()
    throw err
  }
}

/** GET …/extract-annotated-frames: a zip stream (temp files removed once it is written). */
export async function annotatedFramesZip(ctx: Ctx, id: string) {
  const frames = await annotatedFrames(ctx, id)
  const zip = new yazl.ZipFile()
  for (const e of frames.entries) zip.addFile(e.path, e.name, { compress: false })
  zip.end()
  const stream = zip.outputStream
  stream.once('end', () => void frames.cleanup())
  stream.once('error', () => void frames.cleanup())
  return { name: `${frames.baseName}_annotated_frames.zip`, stream, cleanup: frames.cleanup }
}

/** GET …/extract-annotated-frames-pdf: one page per frame, at 150 dpi as Zou's. */
export async function annotatedFramesPdf(ctx: Ctx, id: string) {
  const frames = await annotatedFrames(ctx, id)
  try {
    // pdf-lib is loaded on first use: it is heavy and only this route needs it.
    const { PDFDocument } = await import('pdf-lib')
    const pdf = await PDFDocument.create()
    for (const e of frames.entries) {
      const image = await pdf.embedPng(await readFile(e.path))
      const [w, h] = [(image.width * 72) / 150, (image.height * 72) / 150]
      pdf.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h })
    }
    return { name: `${frames.baseName}_annotated_frames.pdf`, bytes: Buffer.from(await pdf.save()) }
  } finally {
    await frames.cleanup()
  }
}

/** GET /actions/preview-files/:id/extract-tile: TA; rebuilt from the movie and stored. */
export async function extractTile(ctx: Ctx, id: string): Promise<Buffer> {
  const row = await readablePreview(ctx, id)
  if (importedOnly(row)) throw binaryUnavailable()
  if (extensionOf(row) !== 'mp4') throw wrongParameter('Preview file is not a movie')
  // A tile is 100 px high: the low-definition movie is enough.
  const tile = await withLocalMovie(ctx, row.id, 'movie-low', (movie) => tilePng(ctx, movie))
  await ctx.storage.put('pictures', `tiles-${row.id}`, tile)
  return tile
}
