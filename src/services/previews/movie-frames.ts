// Frames of a stored preview movie: the fps Zou numbers frames with (entity `data.fps`, else
// the project's, else 25), a local copy of the movie for ffmpeg (the storage may be remote),
// one frame as PNG bytes, and the tile strip.
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { availableParallelism } from 'node:os'
import type { Ctx } from '../../crud/context.ts'
import { AppError } from '../../lib/errors.ts'
import { buildTile, extractFrame } from '../../media/frames.ts'
import { probe } from '../../media/ffmpeg.ts'
import { localFile } from '../../storage/index.ts'
import { storedVariant, type PreviewVariant } from './serve.ts'

// Frame requests run ffmpeg inside the API process: at most one per core at a time, the
// others wait their turn instead of starving the request handlers.
const slots = { free: availableParallelism(), waiting: [] as Array<() => void> }
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (slots.free > 0) slots.free--
  else await new Promise<void>((resolve) => slots.waiting.push(resolve))
  try {
    return await work()
  } finally {
    const next = slots.waiting.shift()
    if (next) next()
    else slots.free++
  }
}

/** Zou's answer when the movie bytes are not here (imported-only rows, nothing stored). */
export const binaryUnavailable = () => new AppError(404, { error: 'preview file binary is not available' })

export async function previewFps(ctx: Ctx, previewId: string): Promise<number> {
  const { rows } = await ctx.pool.query(
    `SELECT e.data->>'fps' AS entity_fps, p.fps AS project_fps
       FROM preview_file pf JOIN task t ON t.id = pf.task_id
       JOIN project p ON p.id = t.project_id LEFT JOIN entity e ON e.id = t.entity_id
      WHERE pf.id = $1`,
    [previewId],
  )
  for (const value of [rows[0]?.entity_fps, rows[0]?.project_fps]) {
    const fps = Number.parseFloat(value ?? '')
    if (Number.isFinite(fps) && fps > 0) return fps
  }
  return 25
}

/** A fresh temp path under TMP_DIR; the caller removes it. */
export async function tempPath(ctx: Ctx, suffix: string): Promise<string> {
  await mkdir(ctx.config.tmpDir, { recursive: true })
  return join(ctx.config.tmpDir, `${randomUUID()}${suffix}`)
}

/**
 * Runs `fn` on a local file of the preview's movie (the variant's fallback chain): the stored
 * file itself on the local backend, else a temp copy removed afterwards. No stored movie →
 * 404 `preview file binary is not available`.
 */
export async function withLocalMovie<T>(ctx: Ctx, previewId: string, variant: PreviewVariant, fn: (path: string) => Promise<T>): Promise<T> {
  const found = await storedVariant(ctx.storage, previewId, variant)
  if (!found) throw binaryUnavailable()
  const copy = await tempPath(ctx, '.mp4')
  try {
    return await fn(await localFile(ctx.storage, found[0], found[1], copy))
  } finally {
    await rm(copy, { force: true })
  }
}

/** Seconds of 1-based frame n (frame 0 and 1 are the first frame). */
export const frameTime = (frameNumber: number, fps: number) => Math.max(0, (frameNumber - 1) / fps)

/** The PNG of frame n of a local movie; past the end, the last frame ffmpeg can decode. */
export async function framePng(ctx: Ctx, movie: string, frameNumber: number, fps: number): Promise<Buffer> {
  const out = await tempPath(ctx, '.png')
  try {
    await limited(() => extractFrame(movie, frameTime(frameNumber, fps), out))
    const bytes = await readFile(out).catch(() => null)
    if (!bytes?.length) throw binaryUnavailable()
    return bytes
  } finally {
    await rm(out, { force: true })
  }
}

/** The tile strip of a local movie (frame count from ffprobe). */
export async function tilePng(ctx: Ctx, movie: string): Promise<Buffer> {
  const info = await probe(movie)
  const video = info.streams.find((s) => s.codec_type === 'video')
  let frames = Number.parseInt(video?.nb_frames ?? '', 10)
  if (!Number.isFinite(frames) || frames <= 0) {
    const [num, den] = (video?.avg_frame_rate ?? video?.r_frame_rate ?? '25/1').split('/').map(Number)
    const fps = den ? num / den : 25
    frames = Math.max(1, Math.round(Number.parseFloat(info.format.duration ?? video?.duration ?? '1') * (fps || 25)))
  }
  const out = await tempPath(ctx, '.png')
  try {
    await limited(() => buildTile(movie, frames, out))
    return await readFile(out)
  } finally {
    await rm(out, { force: true })
  }
}
