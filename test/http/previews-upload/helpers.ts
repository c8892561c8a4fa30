// Media made in the tests (no binary fixtures): PNGs with sharp, a crafted PNG header for the
// pixel bomb, 2 s 320x240 movies with ffmpeg's lavfi sources, a glTF cube; plus slots and
// uploads through the real routes.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import sharp from 'sharp'
import { Document, NodeIO } from '@gltf-transform/core'
import { FFMPEG, runTool } from '../../../src/media/ffmpeg.ts'
import type { TestPerson } from '../../helpers/fixtures.ts'
import { insertComment, multipart } from '../comments/helpers.ts'

export const scratch = () => mkdtempSync(join(tmpdir(), 'slate-media-'))

/** An RGBA PNG: left half opaque red, right half transparent. */
export async function alphaPng(width = 320, height = 180): Promise<Buffer> {
  const half = Math.floor(width / 2)
  const left = await sharp({ create: { width: half, height, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toBuffer()
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: left, left: 0, top: 0 }])
    .png()
    .toBuffer()
}

/** A Display P3 PNG (embedded profile) of the sRGB colour `rgb`. */
export async function p3Png(rgb: { r: number; g: number; b: number }, width = 64, height = 64): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: rgb } }).withIccProfile('p3').png().toBuffer()
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A PNG declaring width × height (8-bit RGB) with a few bytes of data: a decompression bomb's header. */
export function bombPng(width = 30000, height = 30000): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A 2 s 320x240 25 fps movie (testsrc), with a 440 Hz tone when `audio`. */
export async function makeMovie(dir: string, name: string, opts: { audio: boolean; seconds?: number } = { audio: false }): Promise<Buffer> {
  const out = join(dir, name)
  const seconds = opts.seconds ?? 2
  const args = ['-v', 'error', '-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=320x240:rate=25`]
  if (opts.audio) args.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac', '-shortest')
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-y', out)
  await runTool(FFMPEG, args)
  return readFileSync(out)
}

/** A unit cube (8 vertices, 12 triangles) placed by a node translated by (10, 0, 0). */
export async function cubeGlb(): Promise<Buffer> {
  const doc = new Document()
  const buffer = doc.createBuffer()
  const positions = new Float32Array([
    -0.5, -0.5, -0.5, 0.5, -0.5, -0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5,
    -0.5, -0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0.5,
  ])
  const indices = new Uint16Array([
    0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4,
    2, 3, 7, 2, 7, 6, 1, 2, 6, 1, 6, 5, 0, 4, 7, 0, 7, 3,
  ])
  const position = doc.createAccessor().setType('VEC3').setArray(positions).setBuffer(buffer)
  const index = doc.createAccessor().setType('SCALAR').setArray(indices).setBuffer(buffer)
  const material = doc.createMaterial('grey')
  const prim = doc.createPrimitive().setAttribute('POSITION', position).setIndices(index).setMaterial(material)
  const mesh = doc.createMesh('cube').addPrimitive(prim)
  const node = doc.createNode('cube').setMesh(mesh).setTranslation([10, 0, 0])
  doc.createScene().addChild(node)
  return Buffer.from(await new NodeIO().writeBinary(doc))
}

/** A comment on the task and a preview slot on it (through the real add-preview route). */
export async function makeSlot(app: FastifyInstance, who: TestPerson, taskId: string, statusId: string): Promise<{ id: string; commentId: string }> {
  const comment = await insertComment(app, taskId, who.id, statusId)
  const res = await app.inject({ method: 'POST', url: `/actions/tasks/${taskId}/comments/${comment.id}/add-preview`, headers: who.headers, payload: {} })
  if (res.statusCode !== 201) throw new Error(`add-preview: ${res.statusCode} ${res.body}`)
  return { id: res.json().id, commentId: comment.id }
}

export function upload(app: FastifyInstance, who: TestPerson, url: string, filename: string, data: Buffer | string, field = 'file') {
  const body = multipart({}, [{ field, filename, type: 'application/octet-stream', data }])
  return app.inject({ method: 'POST', url, headers: { ...who.headers, ...body.headers }, payload: body.payload })
}

/** Reads a stored object whole. */
export async function stored(app: FastifyInstance, bucket: 'pictures' | 'movies' | 'files', key: string): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of await app.storage.get(bucket, key)) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

/** Polls the preview row until its status leaves `processing` (the job path). */
export async function waitForStatus(app: FastifyInstance, id: string, timeoutMs = 150_000): Promise<string> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await app.pool.query('SELECT status FROM preview_file WHERE id = $1', [id])
    if (rows[0]?.status !== 'processing' || Date.now() > end) return rows[0]?.status
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** A Radiance HDR (new run-length encoding): a vertical gradient, brighter than 1.0 at the bottom. */
export function radianceHdr(width = 64, height = 32): Buffer {
  const header = Buffer.from(`#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y ${height} +X ${width}\n`, 'latin1')
  const lines: Buffer[] = [header]
  for (let y = 0; y < height; y++) {
    const rgbe = [40 + y * 6, 80, 200 - y * 4, 129]
    const line = [2, 2, width >> 8, width & 0xff]
    for (const value of rgbe) {
      for (let left = width; left > 0; left -= 127) line.push(128 + Math.min(127, left), value)
    }
    lines.push(Buffer.from(line))
  }
  return Buffer.concat(lines)
}

/** What is left in TMP_DIR (hidden files aside); `tus/`, the resumable uploads' area, counts only by its contents. */
export function leftInTmp(tmpDir: string): string[] {
  return readdirSync(tmpDir).flatMap((n) => {
    if (n.startsWith('.')) return []
    if (n === 'tus') return readdirSync(join(tmpDir, n)).map((f) => `tus/${f}`)
    return [n]
  })
}
