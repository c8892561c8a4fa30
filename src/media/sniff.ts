// What a file really is, from its first bytes (pictures, glTF binaries) or from ffprobe
// (movies): an upload whose content does not match its declared extension is refused.
import { open } from 'node:fs/promises'
import { probe, type Probe } from './ffmpeg.ts'

export async function readHead(path: string, length = 16): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buf = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buf, 0, length, 0)
    return buf.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function pictureFormat(head: Buffer): 'png' | 'jpeg' | null {
  if (head.subarray(0, 8).equals(PNG)) return 'png'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg'
  return null
}

export const isGlb = (head: Buffer) => head.subarray(0, 4).toString('latin1') === 'glTF'

/** ffprobe containers that are single pictures, not movies (a PNG renamed .mp4 probes as png_pipe). */
const PICTURE_CONTAINERS = /(^|,)(image2|\w+_pipe|gif|apng|tty)(,|$)/

/** The probe of a real movie (a container with a video stream that is not a picture), or the reason it is not one. */
export async function probeMovie(path: string): Promise<{ probe: Probe } | { reason: string }> {
  let info: Probe
  try {
    info = await probe(path)
  } catch (err) {
    return { reason: `unreadable movie: ${(err as Error).message}` }
  }
  const video = info.streams.find((s) => s.codec_type === 'video')
  if (!video || !video.width || !video.height) return { reason: 'no video stream' }
  if (PICTURE_CONTAINERS.test(info.format.format_name ?? '')) return { reason: `not a movie (${info.format.format_name})` }
  return { probe: info }
}
