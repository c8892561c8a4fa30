// routes.md §10 playlist movies, end to end on the job queue: two real 1 s 320x240 mp4
// previews are concatenated into `playlists-<build_job_id>`, downloaded and probed; one build
// per playlist (409); a playlist without movies fails; the zip of the previews.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { FFMPEG, probe, runTool } from '../../../src/media/ffmpeg.ts'
import { captureEvents, names } from '../comments/helpers.ts'
import { makeBuildJob, makePlaylist, makePreview } from './helpers.ts'

const file = useFileAppWithProduction()
const dir = mkdtempSync(join(tmpdir(), 'slate-playlist-build-'))

async function clip(name: string, color: string, size = '320x240'): Promise<Buffer> {
  const out = join(dir, name)
  await runTool(FFMPEG, ['-y', '-v', 'error', '-f', 'lavfi', '-i', `color=c=${color}:s=${size}:r=25:d=1`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', out])
  return readFile(out)
}

/** A movie preview of the production's task with its bytes stored as the HD movie. */
async function moviePreview(revision: number, bytes: Buffer) {
  const { app } = file.t
  const preview = await makePreview(app, file.prod.task.id, { revision, extension: 'mp4', status: 'ready' })
  await app.storage.put('movies', `previews-${preview.id}`, bytes)
  return preview
}

/** The job once its row has left `running` and its build-job:update event has been emitted (just after). */
async function waitForJob(playlistId: string, jobId: string) {
  let updated = false
  const off = file.t.app.events.on((e) => { if (e.name === 'build-job:update' && e.data.build_job_id === jobId) updated = true })
  try {
    for (let i = 0; i < 300; i++) {
      const res = await file.t.app.inject({ method: 'GET', url: `/data/playlists/${playlistId}/jobs/${jobId}`, headers: file.manager.headers })
      if (res.json().status !== 'running' && updated) return res.json()
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    off()
  }
  throw new Error('build did not finish')
}

describe('playlist movie build', () => {
  it('builds on the queue, refuses a second concurrent build, and serves the concatenated movie', async () => {
    const { app } = file.t
    const [red, blue] = await Promise.all([clip('red.mp4', 'red'), clip('blue.mp4', 'blue')])
    const a = await moviePreview(1, red)
    const b = await moviePreview(2, blue)
    const pl = await makePlaylist(app, file.prod.project.id, {
      name: 'Edit Review', shots: [{ entity_id: file.prod.asset.id, preview_file_id: a.id }, { entity_id: file.prod.asset.id, preview_file_id: b.id }],
    })
    const url = `/data/playlists/${pl.id}/build/mp4`
    const { result: [first, second], events } = await captureEvents(app, () => Promise.all([
      app.inject({ method: 'GET', url, headers: file.manager.headers }),
      app.inject({ method: 'GET', url: `/api${url}`, headers: file.manager.headers }),
    ]))
    const statuses = [first.statusCode, second.statusCode].sort()
    expect(statuses).toEqual([200, 409])
    const started = first.statusCode === 200 ? first : second
    const refused = first.statusCode === 200 ? second : first
    expect(refused.json()).toEqual({ error: true, message: 'A build is already in progress for this playlist' })
    const job = started.json()
    expect(job).toMatchObject({ status: 'running', job_type: 'movie', playlist_id: pl.id, ended_at: null, type: 'BuildJob' })
    expect(names(events).filter((n) => n === 'build-job:new')).toHaveLength(1)
    // The refused request left no row behind.
    expect((await app.pool.query('SELECT count(*)::int AS n FROM build_job WHERE playlist_id = $1', [pl.id])).rows[0].n).toBe(1)

    const done = await captureEvents(app, () => waitForJob(pl.id, job.id))
    expect(done.result).toMatchObject({ status: 'succeeded' })
    expect(done.result.ended_at).not.toBeNull()

    const download = await app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/jobs/${job.id}/build/mp4`, headers: file.manager.headers })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('video/mp4')
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment; filename="\d{8}_\d{6}_project_[0-9a-f]{8}_edit_review\.mp4"/)
    const out = join(dir, 'built.mp4')
    writeFileSync(out, download.rawPayload)
    const info = await probe(out)
    expect(Number(info.format.duration)).toBeGreaterThan(1.8)
    expect(Number(info.format.duration)).toBeLessThan(2.3)
    const video = info.streams.find((s) => s.codec_type === 'video')!
    expect([video.width, video.height]).toEqual([320, 240])

    // A new build is accepted once the previous one finished; `full` adds the revision's other positions.
    const second2 = await makePreview(app, file.prod.task.id, { revision: 2, position: 2, extension: 'mp4', status: 'ready' })
    await app.storage.put('movies', `previews-${second2.id}`, red)
    const again = await app.inject({ method: 'GET', url: `${url}?full=true`, headers: file.manager.headers })
    expect(again.statusCode).toBe(200)
    expect((await waitForJob(pl.id, again.json().id)).status).toBe('succeeded')
    const fullMovie = await app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/jobs/${again.json().id}/build/mp4`, headers: file.manager.headers })
    writeFileSync(join(dir, 'full.mp4'), fullMovie.rawPayload)
    const fullDuration = Number((await probe(join(dir, 'full.mp4'))).format.duration)
    expect(fullDuration).toBeGreaterThan(2.8)
    expect(fullDuration).toBeLessThan(3.3)
  })

  it('re-encodes previews of different sizes to the project resolution', async () => {
    const { app } = file.t
    await app.pool.query("UPDATE project SET resolution = '320x240', fps = '25' WHERE id = $1", [file.prod.project.id])
    const [small, big] = await Promise.all([clip('small.mp4', 'green', '160x120'), clip('big.mp4', 'white')])
    const a = await moviePreview(11, small)
    const b = await moviePreview(12, big)
    const pl = await makePlaylist(app, file.prod.project.id, { shots: [{ entity_id: file.prod.asset.id, preview_file_id: a.id }, { entity_id: file.prod.asset.id, preview_file_id: b.id }] })
    const res = await app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/build/mp4`, headers: file.manager.headers })
    expect((await waitForJob(pl.id, res.json().id)).status).toBe('succeeded')
    const download = await app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/jobs/${res.json().id}/build/mp4`, headers: file.manager.headers })
    const out = join(dir, 'mixed.mp4')
    writeFileSync(out, download.rawPayload)
    const info = await probe(out)
    expect(Number(info.format.duration)).toBeGreaterThan(1.8)
    expect(Number(info.format.duration)).toBeLessThan(2.3)
    const video = info.streams.find((s) => s.codec_type === 'video')!
    expect([video.width, video.height]).toEqual([320, 240])
    expect(info.streams.some((s) => s.codec_type === 'audio')).toBe(true)
  })

  it('marks a build without movies failed, and answers 400 while a build runs', async () => {
    const { app } = file.t
    const pl = await makePlaylist(app, file.prod.project.id)
    const res = await app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/build/mp4`, headers: file.manager.headers })
    expect(res.statusCode).toBe(200)
    const { result, events } = await captureEvents(app, () => waitForJob(pl.id, res.json().id))
    expect(result.status).toBe('failed')
    expect(events.find((e) => e.name === 'build-job:update')?.data).toMatchObject({ build_job_id: res.json().id, playlist_id: pl.id, status: 'failed' })

    const running = await makeBuildJob(app, pl.id, 'running')
    const early = await app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/jobs/${running.id}/build/mp4`, headers: file.manager.headers })
    expect(early.statusCode).toBe(400)
    expect(early.json()).toEqual({ error: true, message: 'Build is not finished' })
    // A row still running blocks new builds.
    expect((await app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/build/mp4`, headers: file.manager.headers })).statusCode).toBe(409)
    const other = await makePlaylist(app, file.prod.project.id)
    expect((await app.inject({ method: 'GET', url: `/data/playlists/${other.id}/jobs/${running.id}`, headers: file.manager.headers })).statusCode).toBe(404)
    const del = await captureEvents(app, () => app.inject({ method: 'DELETE', url: `/data/playlists/${pl.id}/jobs/${running.id}`, headers: file.manager.headers }))
    expect(del.result.statusCode).toBe(204)
    expect(names(del.events)).toEqual(['build-job:delete'])
    expect((await app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/jobs/not-an-id`, headers: file.manager.headers })).statusCode).toBe(400)
  })

  it('zips every preview of the entries revisions under their download names', async () => {
    const { app } = file.t
    const p1 = await makePreview(app, file.prod.task.id, { revision: 7, position: 1, extension: 'png' })
    const p2 = await makePreview(app, file.prod.task.id, { revision: 7, position: 2, extension: 'png' })
    const p3 = await makePreview(app, file.prod.task.id, { revision: 8, extension: 'pdf' })
    await app.storage.put('pictures', `original-${p1.id}`, Buffer.from('first-picture'))
    await app.storage.put('pictures', `original-${p2.id}`, Buffer.from('second-picture'))
    await app.storage.put('files', `previews-${p3.id}`, Buffer.from('%PDF-zip'))
    const pl = await makePlaylist(app, file.prod.project.id, {
      name: 'Zip Me', shots: [{ entity_id: file.prod.asset.id, preview_file_id: p1.id }, { entity_id: file.prod.asset.id, preview_file_id: p3.id }],
    })
    const res = await app.inject({ method: 'GET', url: `/data/playlists/${pl.id}/download/zip`, headers: file.manager.headers })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    expect(String(res.headers['content-disposition'])).toMatch(/attachment; filename="project_[0-9a-f]{8}_zip_me\.zip"/)
    const zip = res.rawPayload
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
    const text = zip.toString('latin1')
    for (const content of ['first-picture', 'second-picture', '%PDF-zip']) expect(text).toContain(content)
    expect(text).toContain('_v7.png')
    expect(text).toContain('_v7-2.png')
    expect(text).toContain('_v8.pdf')
  })
})
