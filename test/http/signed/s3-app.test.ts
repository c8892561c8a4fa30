// The whole app on FS_BACKEND=s3 against a real S3-compatible server (s3rver): a comment
// attachment goes to the `<prefix>files` bucket and comes back whole, in ranges and through a
// signed link; and an unreachable S3 stops the start-up with a clear error.
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { buildApp } from '../../../src/app.ts'
import { createPool } from '../../../src/db/client.ts'
import { S3Storage } from '../../../src/storage/s3.ts'
import { buildTestApp, testConfig, type TestApp } from '../../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { startS3, type TestS3 } from '../../helpers/s3rver.ts'
import { bytes, storeAttachment } from './helpers.ts'

let s3: TestS3
let t: TestApp
let manager: TestPerson
let prod: Awaited<ReturnType<typeof makeProduction>>
beforeAll(async () => {
  s3 = await startS3()
  t = await buildTestApp({ ...s3.env, FS_BUCKET_PREFIX: 'slate-app-' })
  manager = await as(t.app, 'manager')
  prod = await makeProduction(t.app, [{ id: manager.id }])
})
afterAll(async () => {
  await t?.close()
  await s3?.stop()
})

describe('the app on S3 storage', () => {
  it('stores an attachment in the files bucket and serves it whole, in ranges and by signed link', async () => {
    expect(t.app.storage).toBeInstanceOf(S3Storage)
    const data = bytes(300_000)
    const id = await storeAttachment(t.app, manager, prod.task.id, prod.status.id, { name: 'plate.exr', type: 'image/x-exr', data })
    const head = await (t.app.storage as S3Storage).client.send(new HeadObjectCommand({ Bucket: 'slate-app-files', Key: `attachments-${id}` }))
    expect(head.ContentLength).toBe(300_000)

    const url = `/api/data/attachment-files/${id}/file/plate.exr`
    const whole = await t.app.inject({ method: 'GET', url, headers: manager.headers })
    expect(whole.statusCode).toBe(200)
    expect(whole.rawPayload.equals(data)).toBe(true)

    const part = await t.app.inject({ method: 'GET', url, headers: { ...manager.headers, range: 'bytes=123456-123555' } })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe('bytes 123456-123555/300000')
    expect(part.rawPayload.equals(data.subarray(123456, 123556))).toBe(true)

    const tail = await t.app.inject({ method: 'GET', url, headers: { ...manager.headers, range: 'bytes=-1' } })
    expect(tail.statusCode).toBe(206)
    expect(tail.rawPayload.equals(data.subarray(299_999))).toBe(true)

    const outside = await t.app.inject({ method: 'GET', url, headers: { ...manager.headers, range: 'bytes=300000-' } })
    expect(outside.statusCode).toBe(416)

    const etag = String(whole.headers.etag)
    expect((await t.app.inject({ method: 'GET', url, headers: { ...manager.headers, 'if-none-match': etag } })).statusCode).toBe(304)

    const minted = await t.app.inject({ method: 'GET', url: `/data/attachment-files/${id}/signed-url?expires_in=60`, headers: manager.headers })
    const signed = await t.app.inject({ method: 'GET', url: minted.json().url, headers: { range: 'bytes=1000-1999' } })
    expect(signed.statusCode).toBe(206)
    expect(signed.rawPayload.equals(data.subarray(1000, 2000))).toBe(true)
  })

  it('answers 404 for an attachment whose object is missing from the bucket', async () => {
    const id = await storeAttachment(t.app, manager, prod.task.id, prod.status.id, { name: 'gone.txt', type: 'text/plain', data: Buffer.from('x') })
    await t.app.storage.delete('files', `attachments-${id}`)
    const res = await t.app.inject({ method: 'GET', url: `/data/attachment-files/${id}/file/gone.txt`, headers: manager.headers })
    expect(res.statusCode).toBe(404)
  })

  it('refuses to start, with a clear error, when the S3 server cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port
        srv.close(() => resolve(p))
      })
    })
    const config = testConfig({ ...s3.env, FS_S3_ENDPOINT: `http://127.0.0.1:${port}` })
    const pool = createPool(t.databaseUrl, 1)
    try {
      await expect(buildApp({ config, pool, logger: false })).rejects.toThrow(`S3 storage unusable: bucket "pictures" at http://127.0.0.1:${port}`)
    } finally {
      await pool.end()
    }
  })
})
