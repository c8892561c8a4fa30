// files-and-previews.md §2.4: working file bytes stored under `working-<id>` in the files
// storage, streamed in (field `file`), served as application/octet-stream with conditional
// GET; over MAX_CONTENT_LENGTH → 413 and the previous bytes stay.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { multipartFile, setTree } from './fixtures.ts'

const file = useFileAppWithProduction()
const app = () => file.t.app

async function workingFileOn(t: TestApp['app'], who: TestPerson, taskId: string) {
  const res = await t.inject({ method: 'POST', url: `/data/tasks/${taskId}/working-files/new`, headers: who.headers, payload: { name: 'main' } })
  expect(res.statusCode).toBe(201)
  return res.json().id as string
}

describe('working file bytes', () => {
  let id: string
  beforeAll(async () => {
    await setTree(app(), file.prod.project.id)
    id = await workingFileOn(app(), file.manager, file.prod.task.id)
  })
  const get = (headers: Record<string, string> = {}) =>
    app().inject({ method: 'GET', url: `/data/working-files/${id}/file`, headers: { ...file.manager.headers, ...headers } })

  it('404 with Zou body before any upload', async () => {
    const res = await get()
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: true, message: `Working file not found for: ${id}` })
  })

  it('round trip: upload (201, the working file with relations), download, 304 on If-None-Match, overwrite', async () => {
    const data = randomBytes(3 * 1024 * 1024)
    const body = multipartFile('file', 'scene.blend', data)
    const up = await app().inject({ method: 'POST', url: `/data/working-files/${id}/file`, payload: body.payload, headers: { ...file.manager.headers, ...body.headers } })
    expect(up.statusCode).toBe(201)
    expect(up.json()).toMatchObject({ id, type: 'WorkingFile', outputs: [] })
    expect(await app().storage.exists('files', `working-${id}`)).toBe(true)

    const res = await get()
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/octet-stream')
    expect(res.headers['cache-control']).toBe(`max-age=${file.t.config.clientCacheMaxAge}`)
    expect(res.rawPayload.equals(data)).toBe(true)
    const cached = await get({ 'if-none-match': String(res.headers.etag) })
    expect(cached.statusCode).toBe(304)
    expect(cached.body).toBe('')

    const next = multipartFile('file', 'scene.blend', Buffer.from('v2'))
    await app().inject({ method: 'POST', url: `/data/working-files/${id}/file`, payload: next.payload, headers: { ...file.manager.headers, ...next.headers } })
    expect((await get()).body).toBe('v2')
  })

  it('no `file` part → 400; a JSON body → 400; unknown working file → 404', async () => {
    const other = multipartFile('attachment', 'x.bin', Buffer.from('x'))
    const res = await app().inject({ method: 'POST', url: `/data/working-files/${id}/file`, payload: other.payload, headers: { ...file.manager.headers, ...other.headers } })
    expect(res.statusCode).toBe(400)
    expect((await get()).body).toBe('v2')
    const json = await app().inject({ method: 'POST', url: `/data/working-files/${id}/file`, payload: {}, headers: file.manager.headers })
    expect(json.statusCode).toBe(400)
    const missing = await app().inject({ method: 'GET', url: '/data/working-files/00000000-0000-4000-8000-000000000000/file', headers: file.manager.headers })
    expect(missing.statusCode).toBe(404)
  })
})

describe('upload limit', () => {
  let t: TestApp
  let admin: TestPerson
  let id: string
  beforeAll(async () => {
    t = await buildTestApp({ MAX_CONTENT_LENGTH: '1000' })
    admin = await as(t.app, 'admin')
    const prod = await makeProduction(t.app)
    await setTree(t.app, prod.project.id)
    id = await workingFileOn(t.app, admin, prod.task.id)
  })
  afterAll(async () => { await t?.close() })

  it('a file over MAX_CONTENT_LENGTH is refused with 413 and the stored bytes stay', async () => {
    const ok = multipartFile('file', 'a.bin', Buffer.from('small'))
    expect((await t.app.inject({ method: 'POST', url: `/data/working-files/${id}/file`, payload: ok.payload, headers: { ...admin.headers, ...ok.headers } })).statusCode).toBe(201)
    const big = multipartFile('file', 'b.bin', randomBytes(5000))
    const res = await t.app.inject({ method: 'POST', url: `/data/working-files/${id}/file`, payload: big.payload, headers: { ...admin.headers, ...big.headers } })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ error: true })
    const get = await t.app.inject({ method: 'GET', url: `/data/working-files/${id}/file`, headers: admin.headers })
    expect(get.body).toBe('small')
  })
})
