// The tus routes, the upload record and the output file bytes: who may call what, and the
// refusals that must come before any byte is stored.
import { randomUUID } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { routeTable, TEAM, useRoleProduction } from '../../helpers/route-table.ts'
import { sweepUploads, EXPIRED } from '../../../src/services/uploads/cleanup.ts'
import { join } from 'node:path'
import { createTus, makeTargets, metadata, tusFiles, TUS, uploadIdOf, waitForRecord } from './setup.ts'

const file = useRoleProduction()
let targets: Awaited<ReturnType<typeof makeTargets>> | null = null
const targetsOf = async () => (targets ??= await makeTargets(file))

const outputMeta = async () => ({ target: 'output-file', id: (await targetsOf()).outputFile.id, filename: 'cache.abc' })

/** A fresh 10-byte upload of the `user` person on the output file. */
async function userUpload(): Promise<string> {
  const res = await createTus(file.t.app, file.people.user.headers, await outputMeta(), 10)
  if (res.statusCode !== 201) throw new Error(`creation failed: ${res.statusCode} ${res.body}`)
  return res.headers.location as string
}

const patchHeaders = (offset: number) => ({ ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' })

/** POST + one PATCH through inject; returns the upload id once the record is final. */
async function uploadWhole(headers: Record<string, string>, meta: Record<string, string>, body: Buffer) {
  const created = await createTus(file.t.app, headers, meta, body.length)
  expect(created.statusCode, created.body).toBe(201)
  const patch = await file.t.app.inject({ method: 'PATCH', url: created.headers.location as string, headers: { ...headers, ...patchHeaders(0) }, payload: body })
  expect(patch.statusCode, patch.body).toBe(204)
  const id = uploadIdOf(created.headers.location as string)
  return waitForRecord(file.t.app, headers, id, (r) => r.status === 'active' || r.status === 'failed')
}

routeTable('uploads', file, [
  {
    method: 'POST', path: '/uploads', roles: TEAM,
    call: async () => ({ url: '/uploads', headers: { ...TUS, 'upload-length': '10', 'upload-metadata': metadata(await outputMeta()) } }),
  },
  {
    method: 'PATCH', path: '/uploads/:upload_id', roles: ['user'], ok: 204,
    call: async () => ({ url: await userUpload(), headers: patchHeaders(0), payload: Buffer.alloc(10, 7) }),
  },
  { method: 'HEAD', path: '/uploads/:upload_id', roles: ['user'], call: async () => ({ url: await userUpload(), headers: TUS }) },
  { method: 'DELETE', path: '/uploads/:upload_id', roles: ['user'], call: async () => ({ url: await userUpload(), headers: TUS }) },
  {
    method: 'GET', path: '/data/uploads/:upload_id', roles: ['admin', 'user'],
    call: async () => ({ url: `/data/uploads/${uploadIdOf(await userUpload())}` }),
  },
  {
    method: 'GET', path: '/data/output-files/:output_file_id/file', roles: TEAM,
    call: async () => {
      const { outputFile } = await targetsOf()
      await file.t.app.storage.put('files', `outputs-${outputFile.id}`, Buffer.from('published bytes'))
      return { url: `/data/output-files/${outputFile.id}/file` }
    },
  },
])

describe('refusals before any byte', () => {
  const uploadRows = async () => Number((await file.t.app.pool.query('SELECT count(*) FROM upload')).rows[0].count)

  it('401 without a token, 403 without the right: no record, no temp file', async () => {
    const { workingFile, outputFile } = await targetsOf()
    const rowsBefore = await uploadRows()
    const filesBefore = await tusFiles(file.t.config.tmpDir)
    const anonymous = await createTus(file.t.app, {}, await outputMeta(), 10)
    expect(anonymous.statusCode).toBe(401)
    for (const meta of [
      { target: 'output-file', id: outputFile.id, filename: 'a.bin' },
      { target: 'working-file', id: workingFile.id, filename: 'a.bin' },
    ]) {
      const res = await createTus(file.t.app, file.people.outsider.headers, meta, 10)
      expect(res.statusCode, meta.target).toBe(403)
      expect(res.json()).toMatchObject({ error: true })
    }
    expect(await uploadRows()).toBe(rowsBefore)
    expect(await tusFiles(file.t.config.tmpDir)).toEqual(filesBefore)
  })

  it('preview files need TAA on the task: an artist not assigned is refused, a manager is not', async () => {
    const { previewFile } = await targetsOf()
    const meta = { target: 'preview-file', id: previewFile.id, filename: 'shot.mp4' }
    expect((await createTus(file.t.app, file.people.user.headers, meta, 10)).statusCode).toBe(403)
    expect((await createTus(file.t.app, file.people.vendor.headers, meta, 10)).statusCode).toBe(201)
    expect((await createTus(file.t.app, file.people.manager.headers, meta, 10)).statusCode).toBe(201)
  })

  it('a preview that already has its file refuses another upload (400)', async () => {
    const { prod } = file
    const done = await file.t.app.db.previewFile.create({ data: { name: 'x', task_id: prod.task.id, original_name: 'first.png' } })
    const res = await createTus(file.t.app, file.admin.headers, { target: 'preview-file', id: done.id, filename: 'b.png' }, 10)
    expect(res.statusCode).toBe(400)
  })

  it('Upload-Length above MAX_CONTENT_LENGTH: 413', async () => {
    const res = await createTus(file.t.app, file.admin.headers, await outputMeta(), file.t.config.maxContentLength + 1)
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ error: true })
    const fits = await createTus(file.t.app, file.admin.headers, await outputMeta(), file.t.config.maxContentLength)
    expect(fits.statusCode).toBe(201)
  })

  it('unknown target rows: 404', async () => {
    for (const target of ['preview-file', 'output-file', 'working-file']) {
      const res = await createTus(file.t.app, file.admin.headers, { target, id: randomUUID(), filename: 'a.bin' }, 10)
      expect(res.statusCode, target).toBe(404)
    }
  })

  it('bad metadata or length: 400', async () => {
    const { outputFile } = await targetsOf()
    const cases: Array<Record<string, string>> = [
      { id: outputFile.id, filename: 'a.bin' },
      { target: 'comment', id: outputFile.id, filename: 'a.bin' },
      { target: 'output-file', id: 'not-a-uuid', filename: 'a.bin' },
      { target: 'output-file', id: outputFile.id },
      { target: 'output-file', id: outputFile.id, filename: '../' },
    ]
    for (const meta of cases) {
      const res = await createTus(file.t.app, file.admin.headers, meta, 10)
      expect(res.statusCode, JSON.stringify(meta)).toBe(400)
      expect(res.json().error).toBe(true)
    }
    const raw = (headers: Record<string, string>) => file.t.app.inject({ method: 'POST', url: '/uploads', headers: { ...TUS, ...file.admin.headers, ...headers } })
    expect((await raw({ 'upload-length': '10', 'upload-metadata': 'target b3V0cHV0LWZpbGU=,id %%%' })).statusCode).toBe(400)
    expect((await raw({ 'upload-metadata': metadata(await outputMeta()) })).statusCode).toBe(400)
    expect((await raw({ 'upload-length': '-3', 'upload-metadata': metadata(await outputMeta()) })).statusCode).toBe(400)
    expect((await raw({ 'upload-defer-length': '1', 'upload-metadata': metadata(await outputMeta()) })).statusCode).toBe(400)
    const noTus = await file.t.app.inject({ method: 'POST', url: '/uploads', headers: { ...file.admin.headers, 'upload-length': '10', 'upload-metadata': metadata(await outputMeta()) } })
    expect(noTus.statusCode).toBe(412)
  })

  it("a URL cannot smuggle someone else's upload id past the owner check", async () => {
    const mine = uploadIdOf(await userUpload())
    const theirs = await createTus(file.t.app, file.people.manager.headers, await outputMeta(), 10)
    const theirsId = uploadIdOf(theirs.headers.location as string)
    const res = await file.t.app.inject({
      method: 'PATCH', url: `/uploads/${mine}?x=/${theirsId}`,
      headers: { ...file.people.user.headers, ...patchHeaders(0) }, payload: Buffer.alloc(4, 9),
    })
    expect(res.statusCode).toBe(204)
    const headOf = async (id: string, headers: Record<string, string>) =>
      (await file.t.app.inject({ method: 'HEAD', url: `/uploads/${id}`, headers: { ...TUS, ...headers } })).headers['upload-offset']
    expect(await headOf(mine, file.people.user.headers)).toBe('4')
    expect(await headOf(theirsId, file.people.manager.headers)).toBe('0')
  })

  it('an unknown upload id: 404', async () => {
    const res = await file.t.app.inject({ method: 'PATCH', url: `/uploads/${randomUUID()}`, headers: { ...file.admin.headers, ...patchHeaders(0) }, payload: Buffer.alloc(3) })
    expect(res.statusCode).toBe(404)
    const record = await file.t.app.inject({ method: 'GET', url: '/data/uploads/nope', headers: file.admin.headers })
    expect(record.statusCode).toBe(404)
  })
})

describe('completion', () => {
  it('output file: stored as outputs-<id>, served back by GET …/file; the record is active with the checksum', async () => {
    const { outputFile } = await targetsOf()
    const body = Buffer.from('exported cache bytes\n'.repeat(100))
    const record = await uploadWhole(file.people.user.headers, { target: 'output-file', id: outputFile.id, filename: 'cache.abc' }, body)
    expect(record).toMatchObject({ status: 'active', size: body.length, offset: body.length, error: null, target_type: 'output-file', filename: 'cache.abc' })
    const { createHash } = await import('node:crypto')
    expect(record.sha256).toBe(createHash('sha256').update(body).digest('hex'))
    const res = await file.t.app.inject({ method: 'GET', url: `/api/data/output-files/${outputFile.id}/file`, headers: file.people.client.headers })
    expect(res.statusCode).toBe(200)
    expect(res.rawPayload.equals(body)).toBe(true)
    expect(res.headers['content-type']).toBe('application/octet-stream')
    expect(res.headers['content-disposition']).toContain('attachment; filename="main_v001.ma"')
    expect(await tusFiles(file.t.config.tmpDir)).not.toContain(record.id)
  })

  it('after completion: HEAD says complete, PATCH is refused (409), DELETE is refused (400)', async () => {
    const { workingFile } = await targetsOf()
    const user = file.people.user.headers
    const record = await uploadWhole(user, { target: 'working-file', id: workingFile.id, filename: 'scene.blend' }, Buffer.alloc(64, 3))
    expect(record.status).toBe('active')
    const stored = await file.t.app.storage.stat('files', `working-${workingFile.id}`)
    expect(stored?.size).toBe(64)
    const head = await file.t.app.inject({ method: 'HEAD', url: `/uploads/${record.id}`, headers: { ...TUS, ...user } })
    expect(head.statusCode).toBe(200)
    expect(head.headers['upload-offset']).toBe('64')
    const again = await file.t.app.inject({ method: 'PATCH', url: `/uploads/${record.id}`, headers: { ...user, ...patchHeaders(64) }, payload: Buffer.alloc(1) })
    expect(again.statusCode).toBe(409)
    const del = await file.t.app.inject({ method: 'DELETE', url: `/uploads/${record.id}`, headers: { ...TUS, ...user } })
    expect(del.statusCode).toBe(400)
  })

  it('an empty file completes at creation', async () => {
    const { workingFile } = await targetsOf()
    const created = await createTus(file.t.app, file.people.user.headers, { target: 'working-file', id: workingFile.id, filename: 'empty.txt' }, 0)
    expect(created.statusCode).toBe(201)
    const record = await waitForRecord(file.t.app, file.people.user.headers, uploadIdOf(created.headers.location as string), (r) => r.status === 'active' || r.status === 'failed')
    expect(record).toMatchObject({ status: 'active', size: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
    expect((await file.t.app.storage.stat('files', `working-${workingFile.id}`))?.size).toBe(0)
  })

  it('termination: the record says failed and tus keeps nothing', async () => {
    const location = await userUpload()
    const id = uploadIdOf(location)
    expect(await tusFiles(file.t.config.tmpDir)).toContain(id)
    const del = await file.t.app.inject({ method: 'DELETE', url: location, headers: { ...TUS, ...file.people.user.headers } })
    expect(del.statusCode).toBe(204)
    const record = await waitForRecord(file.t.app, file.people.user.headers, id, (r) => r.status !== 'uploading')
    expect(record).toMatchObject({ status: 'failed', error: 'Upload terminated by the client.' })
    expect((await tusFiles(file.t.config.tmpDir)).filter((f) => f.startsWith(id))).toEqual([])
  })

  it('preview file: a refused processing marks the upload failed and leaves no temp file', async () => {
    const { previewFile } = await targetsOf()
    // The pipeline refuses `.txt` (Wrong file format).
    const record = await uploadWhole(file.people.manager.headers, { target: 'preview-file', id: previewFile.id, filename: 'notes.txt' }, Buffer.from('not a picture'))
    expect(record.status).toBe('failed')
    expect(record.error).toMatch(/Wrong file format, extension: txt/)
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/)
    const left = (await readdir(file.t.config.tmpDir)).filter((f) => f.includes(record.id))
    expect(left).toEqual([])
    expect((await tusFiles(file.t.config.tmpDir)).filter((f) => f.startsWith(record.id))).toEqual([])
  })

  it('an upload left without a byte past UPLOAD_EXPIRY is failed as expired and its parts removed; live ones stay', async () => {
    const stale = uploadIdOf(await userUpload())
    const live = uploadIdOf(await userUpload())
    await file.t.app.pool.query(`UPDATE upload SET updated_at = now() - interval '2 hours' WHERE id = $1`, [stale])
    const result = await sweepUploads(file.t.app.pool, join(file.t.config.tmpDir, 'tus'), 3600)
    expect(result.expired).toBe(1)
    const files = await tusFiles(file.t.config.tmpDir)
    expect(files.filter((f) => f.startsWith(stale))).toEqual([])
    expect(files.filter((f) => f.startsWith(live)).length).toBeGreaterThan(0)
    const record = await waitForRecord(file.t.app, file.people.user.headers, stale, () => true)
    expect(record).toMatchObject({ status: 'failed', error: EXPIRED })
    const head = await file.t.app.inject({ method: 'HEAD', url: `/uploads/${stale}`, headers: { ...TUS, ...file.people.user.headers } })
    expect([404, 410]).toContain(head.statusCode)
  })
})
