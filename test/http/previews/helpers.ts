// Fixtures of the preview serving tests: real media bytes (a PNG from sharp, a short mp4 from
// the bundled ffmpeg) put straight into storage, preview rows, and a multi-role caller.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { FastifyInstance } from 'fastify'
import { FFMPEG, runTool } from '../../../src/media/ffmpeg.ts'
import type { TestPerson } from '../../helpers/fixtures.ts'

export async function pngOf(width: number, height: number, colour = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer()
}

/** A 1 s, 25 fps test-pattern movie (libx264) of the given size. */
export async function mp4Of(width = 320, height = 240): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'slate-mp4-'))
  const out = join(dir, 'clip.mp4')
  try {
    await runTool(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=25:duration=1`,
      '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-y', out])
    return await readFile(out)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Stores a picture preview's four variants (distinct bytes each); returns them. */
export async function storePictureVariants(app: FastifyInstance, id: string) {
  const bytes = {
    original: await pngOf(640, 480, '#ff0000'),
    thumbnails: await pngOf(150, 100, '#00ff00'),
    'thumbnails-square': await pngOf(100, 100, '#0000ff'),
    previews: await pngOf(1200, 900, '#ffff00'),
  }
  for (const [prefix, b] of Object.entries(bytes)) await app.storage.put('pictures', `${prefix}-${id}`, b)
  return bytes
}

export function call(app: FastifyInstance, person: TestPerson, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method, url, headers: { ...person.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) })
}

/** A fabric-like annotation frame at `time` with the given objects. */
export const frameAt = (time: number, objects: Array<Record<string, unknown>>) => ({ time, drawing: { objects } })

/** The entries of a zip whose files are stored uncompressed (read from the central directory). */
export function storedZipEntries(zip: Buffer): Array<{ name: string; data: Buffer }> {
  let end = zip.length - 22
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--
  if (end < 0) throw new Error('not a zip')
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries: Array<{ name: string; data: Buffer }> = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory')
    const method = zip.readUInt16LE(at + 10)
    const size = zip.readUInt32LE(at + 20)
    const [nameLen, extraLen, commentLen] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)]
    const local = zip.readUInt32LE(at + 42)
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8')
    if (method !== 0) throw new Error(`entry ${name} is compressed`)
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    entries.push({ name, data: zip.subarray(dataAt, dataAt + size) })
    at += 46 + nameLen + extraLen + commentLen
  }
  return entries
}
