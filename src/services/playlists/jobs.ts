// Build jobs of a playlist (routes.md §10): read, delete, the admin listing per project, the
// built movie's download, and the zip of the playlist's previews (streamed, files read one
// at a time as the zip is written).
import type { FastifyReply, FastifyRequest } from 'fastify'
import yazl from 'yazl'
import { invalid, notFound } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import { sendStoredFile } from '../../lib/file-response.ts'
import type { Ctx } from '../../crud/context.ts'
import { requireAdmin, requireProjectAccess } from '../access.ts'
import { downloadVariant, previewDownloadNames, storedVariant } from '../previews/serve.ts'
import { loadPlaylist, requireId, requirePlaylistRead, type PlaylistRow } from './access.ts'
import { serializeBuildJob } from './build.ts'
import { playlistEntries } from './full.ts'
import { buildJobFileName, playlistFileBase } from './names.ts'

async function jobOf(ctx: Ctx, playlist: PlaylistRow, jobId: string): Promise<Row> {
  const { rows } = await ctx.pool.query('SELECT * FROM build_job WHERE id = $1', [requireId(jobId)])
  if (!rows[0] || rows[0].playlist_id !== playlist.id) throw notFound()
  return rows[0]
}

export async function getBuildJob(ctx: Ctx, playlistId: string, jobId: string): Promise<Row> {
  const playlist = await loadPlaylist(ctx.pool, playlistId)
  await requirePlaylistRead(ctx, playlist)
  return serializeBuildJob(await jobOf(ctx, playlist, jobId))
}

export async function deleteBuildJob(ctx: Ctx, playlistId: string, jobId: string): Promise<void> {
  const playlist = await loadPlaylist(ctx.pool, playlistId)
  await requirePlaylistRead(ctx, playlist)
  const job = await jobOf(ctx, playlist, jobId)
  await ctx.pool.query('DELETE FROM build_job WHERE id = $1', [job.id])
  if (ctx.config.removeFiles) await ctx.storage.delete('movies', `playlists-${job.id}`).catch(() => {})
  await ctx.events.emit('build-job:delete', { build_job_id: job.id, playlist_id: playlist.id }, { projectId: playlist.project_id, userId: ctx.actor.id })
}

export async function projectBuildJobs(ctx: Ctx, projectId: string): Promise<Row[]> {
  requireAdmin(ctx)
  const id = requireId(projectId)
  await requireProjectAccess(ctx, id)
  const { rows } = await ctx.pool.query(
    `SELECT b.* FROM build_job b JOIN playlist p ON p.id = b.playlist_id WHERE p.project_id = $1 ORDER BY b.created_at DESC, b.id`, [id],
  )
  return rows.map(serializeBuildJob)
}

export async function downloadBuild(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, playlistId: string, jobId: string) {
  const playlist = await loadPlaylist(ctx.pool, playlistId)
  await requirePlaylistRead(ctx, playlist, { supervisor: true })
  const job = await jobOf(ctx, playlist, jobId)
  if (job.status !== 'succeeded') throw invalid('Build is not finished')
  return sendStoredFile(req, reply, ctx.storage, {
    bucket: 'movies',
    key: `playlists-${job.id}`,
    mimetype: 'video/mp4',
    updatedAt: job.updated_at as Date | null,
    downloadName: await buildJobFileName(ctx.pool, playlist, job.created_at as Date),
    inline: false,
  })
}

/** Every preview of the entries' revisions (all positions), in entry order, with its extension. */
async function zipPreviews(ctx: Ctx, shots: unknown): Promise<Array<{ id: string; extension: string | null }>> {
  const ids = playlistEntries(shots).map((e) => e.preview_file_id).filter(isUuid)
  if (!ids.length) return []
  const { rows } = await ctx.pool.query(
    `SELECT DISTINCT ON (pf.id) pf.id::text, pf.extension, e.ord, pf.position FROM unnest($1::uuid[]) WITH ORDINALITY AS e(id, ord)
       JOIN preview_file main ON main.id = e.id
       JOIN preview_file pf ON pf.task_id = main.task_id AND pf.revision = main.revision
      ORDER BY pf.id, e.ord`,
    [ids],
  )
  return rows.sort((a, b) => a.ord - b.ord || (a.position ?? 0) - (b.position ?? 0))
}

export async function downloadZip(ctx: Ctx, reply: FastifyReply, playlistId: string) {
  const playlist = await loadPlaylist(ctx.pool, playlistId)
  await requirePlaylistRead(ctx, playlist, { supervisor: true })
  const previews = await zipPreviews(ctx, playlist.shots)
  const names = await previewDownloadNames(ctx.pool, previews.map((p) => p.id))
  const located = await Promise.all(previews.map(async (p) => ({ ...p, at: await storedVariant(ctx.storage, p.id, downloadVariant(p.extension)) })))
  const zip = new yazl.ZipFile()
  const used = new Set<string>()
  for (const p of located) {
    if (!p.at) continue
    let name = names.get(p.id) ?? `${p.id}.${p.extension ?? 'bin'}`
    if (used.has(name)) name = `${p.id}-${name}`
    used.add(name)
    const [bucket, key] = p.at
    zip.addReadStreamLazy(name, { compress: false }, (cb: (err: Error | null, stream: NodeJS.ReadableStream) => void) => {
      ctx.storage.get(bucket, key).then((s) => cb(null, s), (err) => cb(err, undefined as never))
    })
  }
  zip.end()
  const fileName = `${await playlistFileBase(ctx.pool, playlist)}.zip`
  reply.header('content-type', 'application/zip')
  reply.header('content-disposition', `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`)
  return reply.send(zip.outputStream)
}
