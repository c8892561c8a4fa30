// Movies (files-and-previews.md §5.4): normalised to the entity's / project's frame rate and
// resolution (HD `previews-<id>` + LD `lowdef-<id>`, or stored as uploaded), first-frame
// picture variants, the tile strip, the source kept when PREVIEW_SAVE_SOURCE_FILE; then the
// row is `ready` (or `broken` with the reason). Runs in the request (no_job) or as the
// `preview-movie` job, which reads the upload back from `source-<id>` so any worker can.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Row } from '../../lib/serialize.ts'
import { probe } from '../../media/ffmpeg.ts'
import { buildTile, extractFrame } from '../../media/frames.ts'
import { encodeMovie, evenUp, sourceInfo, type MovieTarget, type SourceInfo } from '../../media/normalize.ts'
import { probeMovie } from '../../media/sniff.ts'
import { removeTemp } from '../../lib/receive-file.ts'
import { storePictureVariants } from './pictures.ts'
import { localFile } from '../../storage/index.ts'
import { emitPreviewUpdate, markBroken, updatePreview, workDir, type PipelineDeps } from './pipeline.ts'

export const MOVIE_JOB = 'preview-movie'

export interface MovieJobData {
  previewFileId: string
  normalize: boolean
  userId: string | null
}

/** Zou's fps input: commas read as dots, 3 decimals; null when not a positive number. */
export function parseFps(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  const n = Number.parseFloat(String(value).replace(',', '.'))
  return Number.isFinite(n) && n > 0 && n <= 1000 ? Math.round(n * 1000) / 1000 : null
}

/** Canvas size: entity `WxH` (3-4 digits each), else project `WxH` or `xH`, else height 1080; even. */
export function targetSize(src: SourceInfo, entityResolution: unknown, projectResolution: unknown): { width: number; height: number } {
  const fromRatio = (h: number) => ({ width: evenUp(h * src.displayWidth / src.height), height: evenUp(h) })
  const exact = /^(\d{3,4})x(\d{3,4})$/
  const e = exact.exec(String(entityResolution ?? '').trim())
  if (e) return { width: evenUp(Number(e[1])), height: evenUp(Number(e[2])) }
  const p = /^(\d+)?x(\d+)$/.exec(String(projectResolution ?? '').trim())
  if (p && Number(p[2]) > 0 && Number(p[2]) <= 8640 && (!p[1] || (Number(p[1]) > 0 && Number(p[1]) <= 15360))) {
    return p[1] ? { width: evenUp(Number(p[1])), height: evenUp(Number(p[2])) } : fromRatio(Number(p[2]))
  }
  return fromRatio(1080)
}

async function movieSettings(deps: PipelineDeps, id: string) {
  const { rows } = await deps.pool.query(
    `SELECT e.data->>'fps' AS entity_fps, e.data->>'resolution' AS entity_resolution, p.fps, p.resolution
       FROM preview_file pf LEFT JOIN task t ON t.id = pf.task_id LEFT JOIN entity e ON e.id = t.entity_id
       LEFT JOIN project p ON p.id = t.project_id WHERE pf.id = $1`,
    [id],
  )
  return rows[0] ?? {}
}

interface Encoded {
  /** The movie the row describes (HD, else LD, else the upload). */
  main: string
  /** The smallest stored movie (tile and first frame are read from it). */
  small: string
}

async function normalizeMovie(deps: PipelineDeps, id: string, input: string, dir: string, src: SourceInfo): Promise<Encoded> {
  const settings = await movieSettings(deps, id)
  const fps = parseFps(settings.entity_fps) ?? parseFps(settings.fps) ?? 25
  const size = targetSize(src, settings.entity_resolution, settings.resolution)
  const timeoutMs = deps.config.jobs.timeout * 1000
  const low: MovieTarget = { width: 1280, height: evenUp(1280 * size.height / size.width), fps, bitrate: '6M' }
  const lowPath = join(dir, 'lowdef.mp4')
  await encodeMovie(input, lowPath, src, low, timeoutMs)
  await deps.storage.put('movies', `lowdef-${id}`, createReadStream(lowPath))
  if (deps.config.previews.skipNormalizationHighdef) return { main: lowPath, small: lowPath }
  const highPath = join(dir, 'previews.mp4')
  await encodeMovie(input, highPath, src, { ...size, fps, bitrate: '28M' }, timeoutMs)
  await deps.storage.put('movies', `previews-${id}`, createReadStream(highPath))
  return { main: highPath, small: lowPath }
}

/** First-frame variants (from the main movie) and the tile strip (from the smallest). A failing tile is only logged (Zou). */
async function storeFrames(deps: PipelineDeps, id: string, movies: Encoded, dir: string, duration: number, fps: number): Promise<void> {
  const frame = join(dir, 'frame.png')
  await extractFrame(movies.main, 0, frame)
  await storePictureVariants(deps.storage, id, frame, deps.config.previews.maxImagePixels)
  try {
    const tile = join(dir, 'tile.png')
    await buildTile(movies.small, Math.max(1, Math.round(duration * fps)), tile)
    await deps.storage.put('pictures', `tiles-${id}`, createReadStream(tile))
  } catch (err) {
    process.emitWarning(`tile of preview ${id} failed: ${(err as Error).message}`)
  }
}

/**
 * Processes the movie at `input` (left in place) and marks the row ready; on failure the row
 * is marked broken with the reason and the error is thrown again.
 */
export async function processMovie(deps: PipelineDeps, id: string, input: string, opts: { normalize: boolean; storeSource: boolean }): Promise<Row> {
  const dir = await workDir(deps.config, id)
  try {
    const checked = await probeMovie(input)
    if ('reason' in checked) throw new Error(checked.reason)
    const src = sourceInfo(checked.probe)
    const originalSize = (await stat(input)).size
    if (opts.storeSource) await deps.storage.put('movies', `source-${id}`, createReadStream(input))
    const normalize = opts.normalize && !deps.config.previews.skipNormalizationFull
    let encoded: Encoded
    if (normalize) {
      encoded = await normalizeMovie(deps, id, input, dir, src)
    } else {
      await deps.storage.put('movies', `previews-${id}`, createReadStream(input))
      encoded = { main: input, small: input }
    }
    const out = sourceInfo((await probe(encoded.main)))
    await storeFrames(deps, id, encoded, dir, out.duration, out.fps)
    const row = await updatePreview(deps.pool, id, {
      status: 'ready',
      file_size: (await stat(encoded.main)).size,
      width: out.width,
      height: out.height,
      duration: Math.round(out.duration * 1000) / 1000,
    }, {
      original_width: src.width,
      original_height: src.height,
      original_duration: src.duration,
      original_file_size: originalSize,
    })
    if (!row) {
      // The preview went away meanwhile (comment deleted): nothing may keep its bytes.
      const keys: Array<['movies' | 'pictures', string]> = [['movies', 'previews'], ['movies', 'lowdef'], ['movies', 'source'],
        ['pictures', 'original'], ['pictures', 'thumbnails'], ['pictures', 'thumbnails-square'], ['pictures', 'previews'], ['pictures', 'tiles']]
      await Promise.allSettled(keys.map(([bucket, prefix]) => deps.storage.delete(bucket, `${prefix}-${id}`)))
      throw new Error('preview file deleted during processing')
    }
    await emitPreviewUpdate(deps, row)
    return row
  } catch (err) {
    await markBroken(deps, id, err)
    throw err
  } finally {
    await removeTemp(dir)
  }
}

/** The `preview-movie` job: the upload is read back from `source-<id>` (kept only with PREVIEW_SAVE_SOURCE_FILE). */
export async function runMovieJob(deps: PipelineDeps, data: MovieJobData): Promise<void> {
  const id = data.previewFileId
  const dir = await workDir(deps.config, id)
  try {
    let input: string
    try {
      input = await localFile(deps.storage, 'movies', `source-${id}`, join(dir, 'source'))
    } catch (err) {
      await markBroken(deps, id, new Error(`uploaded movie not found: ${(err as Error).message}`))
      throw err
    }
    await processMovie(deps, id, input, { normalize: data.normalize, storeSource: false })
  } finally {
    await removeTemp(dir)
    if (!deps.config.previews.saveSourceFile) await deps.storage.delete('movies', `source-${id}`).catch(() => {})
  }
}
