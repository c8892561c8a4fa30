// Building a playlist movie (routes.md §10): the request creates the build_job row and queues
// `playlist-build` (one per playlist: a second request while one is queued or running is a
// 409), the job concatenates the entries' mp4 previews in order and stores the result as
// movies `playlists-<build_job_id>`, then marks the row succeeded or failed.
import { createReadStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../lib/errors.ts'
import { formatDateTime, isUuid, modelRowSerializer, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import { withTransaction, type Pool } from '../../db/client.ts'
import { localFile, type Storage } from '../../storage/index.ts'
import type { EventBus } from '../../events/bus.ts'
import type { Config } from '../../config.ts'
import type { Mailer } from '../mailer.ts'
import { requireManagerAccess } from '../access.ts'
import { storedVariant } from '../previews/serve.ts'
import { loadPlaylist } from './access.ts'
import { playlistEntries } from './full.ts'
import { concatMovies, parseFps, parseResolution } from './movie-concat.ts'

export const BUILD_JOB = 'playlist-build'
export const serializeBuildJob = modelRowSerializer('BuildJob')

export interface BuildData {
  build_job_id: string
  playlist_id: string
  full: boolean
  user_id: string
}

export interface BuildEnv {
  pool: Pool
  storage: Storage
  events: EventBus
  config: Config
  mailer: Mailer
}

/** GET /data/playlists/:id/build/mp4: MPA, one build per playlist, 200 with the running job. */
export async function startBuild(ctx: Ctx, playlistId: string, full: boolean): Promise<Row> {
  const job = await withTransaction(ctx.pool, async (client) => {
    const playlist = await loadPlaylist(client, playlistId, true)
    await requireManagerAccess(ctx, playlist.project_id)
    // A running row younger than the queue's timeout is a build in progress (older ones were lost).
    const { rowCount } = await client.query(
      `SELECT 1 FROM build_job WHERE playlist_id = $1 AND status = 'running' AND created_at > now() - make_interval(secs => $2)`,
      [playlist.id, ctx.config.jobs.timeout],
    )
    if (rowCount) throw inProgress()
    const { rows } = await client.query(
      `INSERT INTO build_job (playlist_id, status, job_type) VALUES ($1, 'running', 'movie') RETURNING *`, [playlist.id],
    )
    return { ...rows[0], project_id: playlist.project_id }
  })
  const data: BuildData = { build_job_id: job.id, playlist_id: job.playlist_id, full, user_id: ctx.actor.id }
  const queued = await ctx.jobs.send(BUILD_JOB, data, { singletonKey: job.playlist_id }).catch(async (err) => {
    // A row left running would block the playlist's builds until it goes stale.
    await ctx.pool.query('DELETE FROM build_job WHERE id = $1', [job.id])
    throw err
  })
  if (!queued) {
    await ctx.pool.query('DELETE FROM build_job WHERE id = $1', [job.id])
    throw inProgress()
  }
  await ctx.events.emit('build-job:new', { build_job_id: job.id, playlist_id: job.playlist_id, created_at: formatDateTime(job.created_at) }, { projectId: job.project_id, userId: ctx.actor.id })
  return serializeBuildJob(job)
}

const inProgress = () => new AppError(409, { error: true, message: 'A build is already in progress for this playlist' })

/** The mp4 previews to concatenate, in entry order (with `full`, every position of each revision). */
async function moviePreviews(pool: Pool, shots: unknown, full: boolean): Promise<string[]> {
  const ids = playlistEntries(shots).map((e) => e.preview_file_id).filter(isUuid)
  if (!ids.length) return []
  // Two fixed joins rather than an OR, so both use an index (preview_file.task_id, the key).
  const join = full ? 'pf.task_id = main.task_id AND pf.revision = main.revision' : 'pf.id = main.id'
  const { rows } = await pool.query(
    `SELECT e.ord, pf.id::text, pf.position FROM unnest($1::uuid[]) WITH ORDINALITY AS e(id, ord)
       JOIN preview_file main ON main.id = e.id
       JOIN preview_file pf ON ${join}
      WHERE pf.extension = 'mp4'
      ORDER BY e.ord, pf.position NULLS FIRST, pf.created_at`,
    [ids],
  )
  return rows.map((r) => r.id as string)
}

async function finish(env: BuildEnv, data: BuildData, status: 'succeeded' | 'failed'): Promise<void> {
  const { rows } = await env.pool.query(
    `UPDATE build_job b SET status = $2, ended_at = now(), updated_at = now() FROM playlist p
      WHERE b.id = $1 AND p.id = b.playlist_id RETURNING p.project_id::text`,
    [data.build_job_id, status],
  )
  if (!rows[0]) return // deleted meanwhile
  await env.events.emit('build-job:update', { build_job_id: data.build_job_id, playlist_id: data.playlist_id, status }, { projectId: rows[0].project_id, userId: data.user_id })
  if (status === 'succeeded') await mailBuildReady(env, data)
}

/** Zou mails the download link of a queued build to whoever asked for it. */
async function mailBuildReady(env: BuildEnv, data: BuildData): Promise<void> {
  const { rows: [r] } = await env.pool.query(
    'SELECT p.email, pl.name FROM person p, playlist pl WHERE p.id = $1 AND pl.id = $2', [data.user_id, data.playlist_id],
  )
  if (!r?.email) return
  const url = `${env.config.domainProtocol}://${env.config.domainName}/api/data/playlists/${data.playlist_id}/jobs/${data.build_job_id}/build/mp4`
  const subject = `[Kitsu] The movie of the playlist ${r.name} is ready`
  const safe = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  await env.mailer.send({ to: r.email, subject, text: `${subject}.\n\n${url}\n`, html: `<p>${safe(subject)}.</p><p><a href="${safe(url)}">Download it</a></p>` })
}

/** The job: concatenates the previews (read in place, or copied to TMP_DIR off local disk), stores the movie. */
export async function runBuild(env: BuildEnv, data: BuildData): Promise<void> {
  const playlist = await loadPlaylist(env.pool, data.playlist_id)
  const { rows: [project] } = await env.pool.query('SELECT fps, resolution FROM project WHERE id = $1', [playlist.project_id])
  const ids = await moviePreviews(env.pool, playlist.shots, data.full)
  if (!ids.length) throw new Error('no movie preview in the playlist')
  const dir = join(env.config.tmpDir, `playlist-build-${data.build_job_id}`)
  await mkdir(dir, { recursive: true })
  try {
    const inputs: string[] = []
    for (const [i, id] of ids.entries()) {
      const found = await storedVariant(env.storage, id, 'movie')
      if (!found) continue
      inputs.push(await localFile(env.storage, found[0], found[1], join(dir, `${i}.mp4`)))
    }
    if (!inputs.length) throw new Error('no stored movie for the playlist previews')
    const out = join(dir, 'out.mp4')
    await concatMovies(inputs, { ...parseResolution(project?.resolution), fps: parseFps(project?.fps) }, { listPath: join(dir, 'list.txt') }, out)
    await env.storage.put('movies', `playlists-${data.build_job_id}`, createReadStream(out))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  await finish(env, data, 'succeeded')
}

/** Declares the job on the app's queue (stately: one queued and one running per playlist). */
export function defineBuildJob(app: FastifyInstance): void {
  const env = (): BuildEnv => ({ pool: app.pool, storage: app.storage, events: app.events, config: app.config, mailer: app.mailer })
  app.jobs.define<BuildData>(BUILD_JOB, (data) => runBuild(env(), data), {
    policy: 'stately',
    onFailure: (data) => finish(env(), data, 'failed'),
  })
}
