// Frames out of a movie: one frame as PNG (main preview from a frame, extract-frame routes),
// and Zou's tile strip (frames 100 px high, 8 per row, at most 3840 frames sampled evenly).
import { FFMPEG, runTool } from './ffmpeg.ts'

/** Writes the frame shown at `seconds` as a PNG file. */
export async function extractFrame(movie: string, seconds: number, outPng: string): Promise<void> {
  await runTool(FFMPEG, ['-v', 'error', '-ss', String(Math.max(0, seconds)), '-i', movie, '-frames:v', '1', '-y', outPng], { timeoutMs: 120_000 })
}

export const TILE_COLUMNS = 8
export const TILE_MAX_FRAMES = 3840

/** Writes the tile strip of a movie with `frameCount` frames as a PNG file. */
export async function buildTile(movie: string, frameCount: number, outPng: string): Promise<void> {
  const frames = Math.max(1, Math.floor(frameCount))
  const step = Math.ceil(frames / TILE_MAX_FRAMES)
  const kept = Math.ceil(frames / step)
  const rows = Math.max(1, Math.ceil(kept / TILE_COLUMNS))
  const filter = `select='not(mod(n\\,${step}))',scale=-2:100,setsar=1,tile=${TILE_COLUMNS}x${rows}`
  await runTool(FFMPEG, ['-v', 'error', '-i', movie, '-vf', filter, '-vsync', '0', '-frames:v', '1', '-y', outPng], { timeoutMs: 600_000 })
}
