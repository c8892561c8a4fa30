// POST /pictures/preview-files/:id with pictures: sRGB PNG original + three variants in the
// pictures bucket, the row, the task's last preview, the automated main preview, the events.
import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { captureEvents } from '../comments/helpers.ts'
import { alphaPng, makeSlot, p3Png, stored, upload, leftInTmp } from './helpers.ts'

const file = useFileAppWithProduction()

describe('picture previews', () => {
  it('stores an RGBA PNG with its variants, updates the row and the task, emits the upload events', async () => {
    const { app } = file.t
    const slot = await makeSlot(app, file.manager, file.prod.task.id, file.prod.status.id)
    // A path in the client's name: only its base name is ever used.
    const { result: res, events } = await captureEvents(app, () =>
      upload(app, file.manager, `/api/pictures/preview-files/${slot.id}`, '../../render v2.PNG', alphaPngCache!))
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({
      id: slot.id, type: 'PreviewFile', extension: 'png', original_name: 'render v2', status: 'ready',
      width: 320, height: 180, revision: 1, position: 1, task_id: file.prod.task.id,
    })
    expect(body.file_size).toBeGreaterThan(0)

    const original = await stored(app, 'pictures', `original-${slot.id}`)
    expect(original.length).toBe(body.file_size)
    const meta = await sharp(original).metadata()
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 320, 180, true])
    const { data } = await sharp(original).raw().toBuffer({ resolveWithObject: true })
    expect([...data.subarray(0, 4)]).toEqual([255, 0, 0, 255])
    expect(data[(320 * 90 + 300) * 4 + 3]).toBe(0)
    for (const [key, w, h] of [['thumbnails', 150, 100], ['thumbnails-square', 100, 100], ['previews', 1200, 675]] as const) {
      const m = await sharp(await stored(app, 'pictures', `${key}-${slot.id}`)).metadata()
      expect([key, m.width, m.height, m.hasAlpha]).toEqual([key, w, h, true])
    }

    const task = await app.db.task.findUnique({ where: { id: file.prod.task.id } })
    expect(task?.last_preview_file_id).toBe(slot.id)
    const named = events.filter((e) => e.name !== 'preview-file:new')
    expect(named.map((e) => e.name)).toEqual(['preview-file:update', 'task:update', 'comment:update', 'preview-file:add-file'])
    expect(named[3].data).toEqual({
      comment_id: slot.commentId, task_id: file.prod.task.id, preview_file_id: slot.id, revision: 1, extension: 'png', status: 'ready',
      project_id: file.prod.project.id,
    })
    // Nothing is left in TMP_DIR.
    expect(leftInTmp(file.t.config.tmpDir)).toEqual([])
  })

  it('refuses a second upload on the same row (400) and an empty file (400)', async () => {
    const { app } = file.t
    const slot = await makeSlot(app, file.manager, file.prod.task.id, file.prod.status.id)
    const empty = await upload(app, file.manager, `/pictures/preview-files/${slot.id}`, 'empty.png', Buffer.alloc(0))
    expect([empty.statusCode, empty.json().message]).toEqual([400, 'The uploaded file is empty.'])
    expect((await upload(app, file.manager, `/pictures/preview-files/${slot.id}`, 'a.png', alphaPngCache!)).statusCode).toBe(201)
    const again = await upload(app, file.manager, `/pictures/preview-files/${slot.id}`, 'b.png', alphaPngCache!)
    expect(again.statusCode).toBe(400)
    expect(again.json().error).toBe(true)
  })

  it('two uploads of the same slot at once: one is processed, the other refused', async () => {
    const { app } = file.t
    const slot = await makeSlot(app, file.manager, file.prod.task.id, file.prod.status.id)
    const url = `/pictures/preview-files/${slot.id}`
    const results = await Promise.all([upload(app, file.manager, url, 'a.png', alphaPngCache!), upload(app, file.manager, url, 'b.png', alphaPngCache!)])
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 400])
    const winner = results.find((r) => r.statusCode === 201)!.json()
    expect((await app.db.previewFile.findUnique({ where: { id: slot.id } }))?.original_name).toBe(winner.original_name)
  })

  it('converts a Display P3 picture to sRGB', async () => {
    const { app } = file.t
    const slot = await makeSlot(app, file.manager, file.prod.task.id, file.prod.status.id)
    const p3 = await p3Png({ r: 200, g: 60, b: 40 })
    const { data: raw } = await sharp(p3, { ignoreIcc: true }).raw().toBuffer({ resolveWithObject: true })
    expect(Math.abs(raw[0] - 200) + Math.abs(raw[1] - 60)).toBeGreaterThan(10) // really re-encoded as P3
    const res = await upload(app, file.manager, `/pictures/preview-files/${slot.id}`, 'p3.png', p3)
    expect(res.statusCode, res.body).toBe(201)
    const original = await stored(app, 'pictures', `original-${slot.id}`)
    expect((await sharp(original).metadata()).icc).toBeUndefined()
    const { data } = await sharp(original, { ignoreIcc: true }).raw().toBuffer({ resolveWithObject: true })
    expect(Math.abs(data[0] - 200)).toBeLessThanOrEqual(3)
    expect(Math.abs(data[1] - 60)).toBeLessThanOrEqual(3)
    expect(Math.abs(data[2] - 40)).toBeLessThanOrEqual(3)
  })

  it('sets the main preview when the project automates it (preview-file:set-main + asset:update)', async () => {
    const { app } = file.t
    const project = await app.db.project.create({ data: { name: `Auto ${Date.now()}`, project_status_id: file.prod.open.id, is_set_preview_automated: true } })
    await app.db.projectPersonLink.create({ data: { project_id: project.id, person_id: file.manager.id } })
    const asset = await app.db.entity.create({ data: { name: 'Auto', project_id: project.id, entity_type_id: file.prod.assetType.id } })
    const task = await app.db.task.create({ data: { name: 'main', project_id: project.id, entity_id: asset.id, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id } })
    const slot = await makeSlot(app, file.manager, task.id, file.prod.status.id)
    const { result: res, events } = await captureEvents(app, () => upload(app, file.manager, `/pictures/preview-files/${slot.id}`, 'x.jpg', jpegCache!))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().extension).toBe('png')
    expect((await app.db.entity.findUnique({ where: { id: asset.id } }))?.preview_file_id).toBe(slot.id)
    expect(events.find((e) => e.name === 'preview-file:set-main')?.data).toEqual({ entity_id: asset.id, preview_file_id: slot.id, project_id: project.id })
    expect(events.find((e) => e.name === 'asset:update')?.data).toEqual({ asset_id: asset.id, project_id: project.id })
  })
})

let alphaPngCache: Buffer | null = null
let jpegCache: Buffer | null = null
await (async () => {
  alphaPngCache = await alphaPng()
  jpegCache = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).jpeg().toBuffer()
})()
