// JOB_WORKER=off: the API process queues movie jobs but does not work them; `slate worker`
// (startWorker: the same app on the same database and storage, not listening) does. A job
// whose upload is gone fails and leaves its preview broken with the reason.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, testConfig, type TestApp } from '../../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { startWorker, type Worker } from '../../../src/cli/worker.ts'
import { makeMovie, makeSlot, scratch, upload, waitForStatus } from './helpers.ts'

const shared = mkdtempSync(join(tmpdir(), 'slate-worker-'))
const env = { JOB_WORKER: 'off', FS_LOCAL_ROOT: join(shared, 'previews'), TMP_DIR: join(shared, 'tmp') }
let t: TestApp
let manager: TestPerson
let prod: Awaited<ReturnType<typeof makeProduction>>
let worker: Worker | null = null

beforeAll(async () => {
  t = await buildTestApp(env)
  manager = await as(t.app, 'manager')
  prod = await makeProduction(t.app, [{ id: manager.id }])
  await t.app.db.project.update({ where: { id: prod.project.id }, data: { resolution: '320x240' } })
})
afterAll(async () => {
  await worker?.close()
  await t?.close()
})

// Encodes on a shared 2-core machine: generous time limits, no timed assertions.
describe('slate worker', { timeout: 180_000 }, () => {
  it('movies stay processing on a JOB_WORKER=off API until a worker processes them', async () => {
    const movie = await makeMovie(scratch(), 'w.mp4', { audio: false, seconds: 1 })
    const good = await makeSlot(t.app, manager, prod.task.id, prod.status.id)
    const lost = await makeSlot(t.app, manager, prod.task.id, prod.status.id)
    for (const slot of [good, lost]) {
      const res = await upload(t.app, manager, `/pictures/preview-files/${slot.id}`, 'w.mp4', movie)
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json().status).toBe('processing')
    }
    // The second upload's bytes disappear before any worker reads them.
    await t.app.storage.delete('movies', `source-${lost.id}`)
    const { rows: queued } = await t.app.pool.query(`SELECT state FROM pgboss.job WHERE name = 'preview-movie'`)
    expect(queued.map((r) => r.state)).toEqual(['created', 'created'])
    await new Promise((r) => setTimeout(r, 2500))
    expect((await t.app.db.previewFile.findUnique({ where: { id: good.id } }))?.status).toBe('processing')

    worker = await startWorker(testConfig({ ...env, DATABASE_URL: t.databaseUrl }))
    expect(await waitForStatus(t.app, good.id)).toBe('ready')
    expect(await t.app.storage.exists('movies', `previews-${good.id}`)).toBe(true)
    expect(await waitForStatus(t.app, lost.id)).toBe('broken')
    const broken = await t.app.db.previewFile.findUnique({ where: { id: lost.id } })
    expect(String((broken?.data as { error?: string }).error)).toMatch(/uploaded movie not found/)
  })
})
