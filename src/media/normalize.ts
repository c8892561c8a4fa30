// Zou's movie normalisation (files-and-previews.md §5.4) as ffmpeg arguments: the picture
// de-anamorphosed, fitted inside the target canvas and padded with black bars, square pixels,
// constant frame rate, H.264 yuv420p with a keyframe every 2 frames, +faststart, and an AAC
// track (a silent one when the source has none).
import { FFMPEG, runTool, type Probe } from './ffmpeg.ts'

export interface MovieTarget {
  width: number
  height: number
  fps: number
  /** e.g. '28M' (HD) or '6M' (LD). */
  bitrate: string
}

export const evenUp = (n: number) => Math.max(2, Math.ceil(n / 2) * 2)
const evenDown = (n: number) => Math.max(2, Math.floor(n / 2) * 2)

export interface SourceInfo {
  width: number
  height: number
  /** Display width: width × sample aspect ratio. */
  displayWidth: number
  duration: number
  hasAudio: boolean
  fps: number
}

export function sourceInfo(info: Probe): SourceInfo {
  const video = info.streams.find((s) => s.codec_type === 'video')!
  const width = video.width ?? 0
  const height = video.height ?? 0
  const [num, den] = String(video.sample_aspect_ratio ?? '1:1').split(':').map(Number)
  const sar = num > 0 && den > 0 ? num / den : 1
  const rate = (r?: string) => {
    const [a, b] = String(r ?? '').split('/').map(Number)
    return a > 0 && b > 0 ? a / b : 0
  }
  const duration = Number(info.format.duration ?? video.duration ?? 0)
  return {
    width,
    height,
    displayWidth: Math.round(width * sar),
    duration: Number.isFinite(duration) ? duration : 0,
    hasAudio: info.streams.some((s) => s.codec_type === 'audio'),
    fps: rate(video.avg_frame_rate) || rate(video.r_frame_rate) || 25,
  }
}

/** The filter chain fitting the source inside the target with black bars. */
export function fitFilter(src: SourceInfo, target: MovieTarget): string {
  const scale = Math.min(target.width / src.displayWidth, target.height / src.height)
  const w = Math.min(target.width, evenDown(src.displayWidth * scale))
  const h = Math.min(target.height, evenDown(src.height * scale))
  return `scale=${w}:${h},setsar=1,pad=${target.width}:${target.height}:(ow-iw)/2:(oh-ih)/2:black,fps=${target.fps}`
}

export async function encodeMovie(input: string, output: string, src: SourceInfo, target: MovieTarget, timeoutMs: number): Promise<void> {
  const inputs = ['-i', input]
  const maps = ['-map', '0:v:0']
  if (src.hasAudio) {
    maps.push('-map', '0:a:0')
  } else {
    // An endless silent source, cut at the end of the picture.
    inputs.push('-f', 'lavfi', '-i', 'anullsrc=channel_layout=stereo:sample_rate=48000')
    maps.push('-map', '1:a:0', '-shortest')
  }
  const args = [
    '-v', 'error', '-nostdin', ...inputs, ...maps,
    '-vf', fitFilter(src, target),
    '-c:v', 'libx264', '-preset', 'slow', '-pix_fmt', 'yuv420p', '-b:v', target.bitrate,
    '-g', '2', '-keyint_min', '2', '-sc_threshold', '0', '-vsync', 'cfr', '-r', String(target.fps),
    '-c:a', 'aac', '-b:a', '192k',
    '-movflags', '+faststart', '-f', 'mp4', '-y', output,
  ]
  await runTool(FFMPEG, args, { timeoutMs })
}
