// The authenticated reads of one playlist (routes.md §10): the full playlist of a project,
// and an entity's previews by task type for the playlist editor.
import { forbidden, notFound } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import { requireEntityRead, requireNotVendor, requireProjectAccess } from '../access.ts'
import { previewFilesByTaskType } from '../entities/preview-files.ts'
import { loadPlaylist, requireId } from './access.ts'
import { fullPlaylist } from './full.ts'

/** GET /data/projects/:project_id/playlists/:playlist_id: NOVENDOR + PA on the path's project. */
export async function projectPlaylist(ctx: Ctx, projectId: string, playlistId: string): Promise<Row> {
  requireNotVendor(ctx)
  await requireProjectAccess(ctx, requireId(projectId))
  // Zou does not compare the playlist's project with the path's: a client could read another
  // project's playlist (or a non-client one) by id. Both are checked here.
  const playlist = await loadPlaylist(ctx.pool, playlistId)
  if (playlist.project_id !== projectId.toLowerCase()) throw notFound()
  const role = await ctx.projectRole(playlist.project_id)
  if (role === 'client' && !playlist.for_client) throw forbidden()
  return fullPlaylist(ctx.pool, playlist, { annotations: false })
}

/** GET /data/playlists/entities/:entity_id/preview-files: PA + EA. */
export async function entityPreviewFiles(ctx: Ctx, entityId: string): Promise<Record<string, Row[]>> {
  if (!isUuid(entityId)) throw notFound()
  const { rows } = await ctx.pool.query('SELECT id::text, project_id::text FROM entity WHERE id = $1', [entityId])
  if (!rows[0]) throw notFound()
  await requireEntityRead(ctx, rows[0])
  return previewFilesByTaskType(ctx, rows[0].id)
}
