// Movie previews: normalised in the request (no_job=true) and through the job queue worked by
// the API process; HD + LD encodes, silent track added, first-frame variants, tile, row facts.
import { join } from 'node:path'
import { writeFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { probe } from '../../../src/media/ffmpeg.ts'
import { processMovie } from '../../../src/services/previews/movies.ts'
import { captureEvents } from '../comments/helpers.ts'
import type { BusEvent } from '../../../src/events/bus.ts'
import { makeMovie, makeSlot, scratch, stored, upload, waitForStatus, leftInTmp } from './helpers.ts'

const file = useFileAppWithProduction()
const dir = scratch()
let silentMov: Buffer
let loudMp4: Buffer

beforeAll(async () => {
  silentMov = await makeMovie(dir, 'silent.mov', { audio: false })
  loudMp4 = await makeMovie(dir, 'loud.mp4', { audio: true })
  // Small encodes: the project's canvas is the sources' size.
  await file.t.app.db.project.update({ where: { id: file.prod.project.id }, data: { resolution: '320x240', fps: '25' } })
})

async function probeStored(key: string) {
  const path = join(dir, `${key}.mp4`)
  await writeFile(path, await stored(file.t.app, 'movies', key))
  return probe(path)
}

// Encodes on a shared 2-core machine: generous time limits, no timed assertions.
describe('movie previews', { timeout: 180_000 }, () => {
  it('no_job=true: normalises in the request (HD + LD, silent track added) and stores frames and tile', async () => {
    const { app } = file.t
    const slot = await makeSlot(app, file.manager, file.prod.task.id, file.prod.status.id)
    const started = Date.now()
    const { result: res, events } = await captureEvents(app, () => upload(app, file.manager, `/pictures/preview-files/${slot.id}?no_job=true`, 'take 3.mov', silentMov))
    process.stdout.write(`[timing] 2 s movie, in-request processing: ${Date.now() - started} ms\n`)
    expect(res.statusCode, res.body).toBe(201)
    const row = res.json()
    expect(row).toMatchObject({ extension: 'mp4', original_name: 'take 3', status: 'ready', width: 320, height: 240 })
    expect(row.duration).toBeGreaterThan(1.8)
    expect(row.duration).toBeLessThan(2.3)
    expect(row.data).toMatchObject({ original_width: 320, original_height: 240, original_file_size: silentMov.length })
    expect(row.data.original_duration).toBeCloseTo(2, 0)

    const hd = await probeStored(`previews-${slot.id}`)
    const video = hd.streams.find((s) => s.codec_type === 'video')!
    expect([video.codec_name, video.width, video.height, video.r_frame_rate]).toEqual(['h264', 320, 240, '25/1'])
    expect((video as { pix_fmt?: string }).pix_fmt).toBe('yuv420p')
    expect(hd.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac')
    expect(row.file_size).toBe((await stored(app, 'movies', `previews-${slot.id}`)).length)
    const ld = await probeStored(`lowdef-${slot.id}`)
    const ldVideo = ld.streams.find((s) => s.codec_type === 'video')!
    expect([ldVideo.width, ldVideo.height]).toEqual([1280, 960])
    expect(ld.streams.some((s) => s.codec_type === 'audio')).toBe(true)

    for (const [key, w, h] of [['original', 320, 240], ['thumbnails', 150, 100], ['thumbnails-square', 100, 100], ['previews', 1200, 900]] as const) {
      const m = await sharp(await stored(app, 'pictures', `${key}-${slot.id}`)).metadata()
      expect([key, m.width, m.height]).toEqual([key, w, h])
    }
    expect((await sharp(await stored(app, 'pictures', `tiles-${slot.id}`)).metadata()).height).toBeGreaterThanOrEqual(100)
    expect(await app.storage.exists('movies', `source-${slot.id}`)).toBe(false)

    expect(events.filter((e) => e.name === 'preview-file:update').length).toBe(2)
    expect(events.find((e) => e.name === 'preview-file:add-file')?.data).toMatchObject({ preview_file_id: slot.id, extension: 'mp4', status: 'ready' })
    expect(leftInTmp(file.t.config.tmpDir)).toEqual([])
  })

  it('the job path: 201 while processing, then ready from the worker with the source audio kept; the source is dropped', async () => {
    const { app } = file.t
    const slot = await makeSlot(app, file.manager, file.prod.task.id, file.prod.status.id)
    const events: BusEvent[] = []
    const off = app.events.on((e) => { events.push(e) })
    const res = await (async () => {
      const r = await upload(app, file.manager, `/pictures/preview-files/${slot.id}`, 'loud.mp4', loudMp4)
      expect(r.json()).toMatchObject({ status: 'processing', extension: 'mp4', original_name: 'loud' })
      const started = Date.now()
      expect(await waitForStatus(app, slot.id)).toBe('ready')
      // The row is ready just before its preview-file:update leaves.
      for (let i = 0; i < 40 && events.filter((e) => e.name === 'preview-file:update').length < 2; i++) await new Promise((r) => setTimeout(r, 50))
      process.stdout.write(`[timing] 2 s movie, job (queue + processing): ${Date.now() - started} ms\n`)
      return r
    })()
    off()
    expect(res.statusCode).toBe(201)
    expect(events.find((e) => e.name === 'preview-file:add-file')?.data).toMatchObject({ status: 'processing', extension: 'mp4' })
    const updates = events.filter((e) => e.name === 'preview-file:update')
    expect(updates.length).toBe(2)
    expect(updates[1].data).toEqual({ preview_file_id: slot.id, project_id: file.prod.project.id })
    const hd = await probeStored(`previews-${slot.id}`)
    const audio = hd.streams.find((s) => s.codec_type === 'audio')
    expect(audio?.codec_name).toBe('aac')
    expect(await app.storage.exists('pictures', `tiles-${slot.id}`)).toBe(true)
    expect(await app.storage.exists('movies', `source-${slot.id}`)).toBe(false)
  })

  it('SKIP_NORMALIZATION_HIGHDEF: only the LD movie; PREVIEW_SAVE_SOURCE_FILE keeps the upload as source-<id>', async () => {
    const { app } = file.t
    const slot = await makeSlot(app, file.manager, file.prod.task.id, file.prod.status.id)
    const config = { ...app.config, previews: { ...app.config.previews, skipNormalizationHighdef: true } }
    const path = join(dir, 'skip-hd.mov')
    await writeFile(path, silentMov)
    const row = await processMovie({ pool: app.pool, storage: app.storage, config, events: app.events, userId: null }, slot.id, path, { normalize: true, storeSource: true })
    expect([row.status, row.width, row.height]).toEqual(['ready', 1280, 960])
    expect(await app.storage.exists('movies', `previews-${slot.id}`)).toBe(false)
    expect(await app.storage.exists('movies', `lowdef-${slot.id}`)).toBe(true)
    expect((await stored(app, 'movies', `source-${slot.id}`)).equals(silentMov)).toBe(true)
  })

  it('normalize=false stores the movie as uploaded', async () => {
    const { app } = file.t
    const slot = await makeSlot(app, file.manager, file.prod.task.id, file.prod.status.id)
    const res = await upload(app, file.manager, `/pictures/preview-files/${slot.id}?normalize=false&no_job=true`, 'raw.mp4', loudMp4)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ status: 'ready', width: 320, height: 240, file_size: loudMp4.length })
    expect((await stored(app, 'movies', `previews-${slot.id}`)).equals(loudMp4)).toBe(true)
    expect(await app.storage.exists('movies', `lowdef-${slot.id}`)).toBe(false)
    expect(await app.storage.exists('pictures', `thumbnails-${slot.id}`)).toBe(true)
  })
})
