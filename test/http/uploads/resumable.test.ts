// The resumable protocol end to end with the tus client on a listening server: a multi-chunk
// upload, and an upload cut at about 60 % then resumed from the server's offset.
import { createHash, randomBytes } from 'node:crypto'
import http from 'node:http'
import { beforeAll, describe, expect, it } from 'vitest'
import * as tus from 'tus-js-client'
import sharp from 'sharp'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { makeTargets, TUS, uploadIdOf, waitForRecord } from './setup.ts'

const file = useRoleProduction()
let base = ''
let targets: Awaited<ReturnType<typeof makeTargets>>
beforeAll(async () => {
  base = await file.t.app.listen({ port: 0, host: '127.0.0.1' })
  targets = await makeTargets(file)
})

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

async function readStored(key: string): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of await file.t.app.storage.get('files', key)) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** HEAD on its own connection (a keep-alive fetch connection would outlive the test's app.close()). */
function headOf(url: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'HEAD', agent: false, headers: { ...TUS, ...file.people.user.headers } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res))
    })
    req.on('error', reject)
    req.end()
  })
}

interface Run { url: string | null; error: Error | null }

/** Runs a tus upload to its end (success, error or abort from a callback). */
function run(data: Buffer, options: tus.UploadOptions, onUpload: (u: tus.Upload) => void = () => {}, headers = file.people.user.headers): Promise<Run> {
  return new Promise((resolve) => {
    const upload: tus.Upload = new tus.Upload(data, {
      endpoint: `${base}/api/uploads`,
      chunkSize: 256 * 1024,
      retryDelays: null,
      storeFingerprintForResuming: false,
      headers,
      onSuccess: () => resolve({ url: upload.url, error: null }),
      onError: (error) => resolve({ url: upload.url, error }),
      ...options,
    })
    onUpload(upload)
    upload.start()
  })
}

describe('resumable uploads (tus 1.0)', () => {
  it('a 3 MB upload in 256 KB chunks: the stored bytes are the source, the checksum is recorded', async () => {
    const data = randomBytes(3 * 1024 * 1024)
    const offsets: number[] = []
    const result = await run(data, {
      metadata: { target: 'working-file', id: targets.workingFile.id, filename: 'layout.blend' },
      onChunkComplete: (_size, accepted) => offsets.push(accepted),
    })
    expect(result.error).toBeNull()
    expect(offsets.length).toBe(12)
    expect(result.url).toMatch(/\/api\/uploads\/[0-9a-f-]{36}$/)
    const id = uploadIdOf(result.url!)
    const record = await waitForRecord(file.t.app, file.people.user.headers, id, (r) => r.status !== 'uploading' && r.status !== 'processing')
    expect(record).toMatchObject({ status: 'active', size: data.length, offset: data.length, sha256: sha256(data), target_type: 'working-file' })
    const stored = await readStored(`working-${targets.workingFile.id}`)
    expect(stored.length).toBe(data.length)
    expect(stored.equals(data)).toBe(true)
  })

  it('cut at about 60 %: the record keeps the offset, a new client resumes from it, no byte is lost or doubled', async () => {
    const data = randomBytes(3 * 1024 * 1024)
    const meta = { target: 'output-file', id: targets.outputFile.id, filename: 'anim.abc' }
    let cutAt = 0
    const first = await run(data, { metadata: meta }, (upload) => {
      upload.options.onProgress = (sent) => {
        if (!cutAt && sent >= data.length * 0.6) {
          cutAt = sent
          void upload.abort().then(() => upload.options.onError?.(new Error('cut')))
        }
      }
    })
    expect(first.error?.message).toBe('cut')
    expect(cutAt).toBeGreaterThan(0)
    const url = first.url!
    const id = uploadIdOf(url)
    const paused = await waitForRecord(file.t.app, file.people.user.headers, id, (r) => r.offset > 0)
    expect(paused.status).toBe('uploading')
    expect(paused.offset).toBeLessThan(data.length)

    // HEAD gives the server's offset (the record follows it once the cut request has ended).
    const head = await headOf(url)
    expect(head.statusCode).toBe(200)
    const offset = Number(head.headers['upload-offset'])
    expect(offset).toBeGreaterThan(0)
    expect(offset).toBeLessThan(data.length)
    await waitForRecord(file.t.app, file.people.user.headers, id, (r) => r.offset === offset)

    // Someone else cannot push bytes into it.
    const other = await fetch(url, {
      method: 'PATCH', body: data.subarray(offset, offset + 10),
      headers: { ...TUS, ...file.people.manager.headers, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    })
    expect(other.status).toBe(403)

    let resumedFrom = -1
    const second = await run(data, {
      uploadUrl: url,
      onChunkComplete: (size, accepted) => { if (resumedFrom < 0) resumedFrom = accepted - size },
    })
    expect(second.error).toBeNull()
    expect(resumedFrom).toBe(offset)
    const record = await waitForRecord(file.t.app, file.people.user.headers, id, (r) => r.status !== 'uploading' && r.status !== 'processing')
    expect(record).toMatchObject({ status: 'active', offset: data.length, sha256: sha256(data) })
    const stored = await readStored(`outputs-${targets.outputFile.id}`)
    expect(stored.length).toBe(data.length)
    expect(stored.equals(data)).toBe(true)

    // And through the API.
    const res = await fetch(`${base}/data/output-files/${targets.outputFile.id}/file`, { headers: file.people.user.headers })
    expect(res.status).toBe(200)
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(data))
  })

  it('a picture sent to a preview slot goes through the preview pipeline: ready, with its variants stored', async () => {
    const png = await sharp({ create: { width: 640, height: 360, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 1 } } }).png().toBuffer()
    const headers = file.people.manager.headers
    const result = await run(png, {
      chunkSize: 4 * 1024,
      metadata: { target: 'preview-file', id: targets.previewFile.id, filename: 'frame.png' },
    }, () => {}, headers)
    expect(result.error).toBeNull()
    const record = await waitForRecord(file.t.app, headers, uploadIdOf(result.url!), (r) => r.status !== 'uploading' && r.status !== 'processing')
    expect(record).toMatchObject({ status: 'active', size: png.length, sha256: sha256(png), target_type: 'preview-file' })
    const preview = await file.t.app.db.previewFile.findUniqueOrThrow({ where: { id: targets.previewFile.id } })
    expect(preview).toMatchObject({ status: 'ready', extension: 'png', original_name: 'frame', width: 640, height: 360 })
    for (const key of ['original', 'thumbnails', 'thumbnails-square', 'previews']) {
      expect(await file.t.app.storage.exists('pictures', `${key}-${preview.id}`)).toBe(true)
    }
  })
})
