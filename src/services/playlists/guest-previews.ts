// Guest access to the playlist's previews (routes.md §10.1): the row, its stored variants
// (same bytes and fallbacks as the authenticated routes, through previews/serve.ts) and the
// annotation merge, all limited to previews the playlist references.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import { withTransaction } from '../../db/client.ts'
import { mergeAnnotations, type AnnotationChanges } from '../previews/annotations.ts'
import { downloadVariant, previewDownloadNames, sendPreviewVariant, type PreviewVariant } from '../previews/serve.ts'
import { playlistPreview, requireCanComment, requireGuest, serializePreviewFile, type GuestEnv, type Shared } from './guest.ts'

export async function guestPreviewFile(env: GuestEnv, shared: Shared, previewId: string): Promise<Row> {
  return serializePreviewFile(await playlistPreview(env.pool, shared.playlist, previewId))
}

/** Picture originals by extension: png from the pictures, the row's own other extension from the files. */
export function originalVariant(extension: string, rowExtension: string | null): PreviewVariant {
  if (extension === 'png') return 'original'
  if (extension.toLowerCase() !== (rowExtension ?? '').toLowerCase()) throw notFound()
  return 'file'
}

export async function sendGuestPreview(
  env: GuestEnv, shared: Shared, req: FastifyRequest, reply: FastifyReply, previewId: string,
  variant: PreviewVariant | { extension: string } | 'download',
) {
  const preview = await playlistPreview(env.pool, shared.playlist, previewId)
  const served = { id: preview.id, extension: preview.extension, updated_at: preview.updated_at }
  if (variant === 'download') {
    const names = await previewDownloadNames(env.pool, [preview.id])
    return sendPreviewVariant(req, reply, env, served, downloadVariant(preview.extension), { downloadName: names.get(preview.id) })
  }
  const v = typeof variant === 'string' ? variant : originalVariant(variant.extension, preview.extension)
  return sendPreviewVariant(req, reply, env, served, v)
}

export interface GuestAnnotationsBody extends AnnotationChanges {
  guest_id: string
  preview_file_id: string
}

/** PUT /shared/playlists/:token/annotations: merged on the locked row, one transaction. */
export async function guestAnnotations(env: GuestEnv, shared: Shared, body: GuestAnnotationsBody): Promise<Row> {
  requireCanComment(shared, 'annotations')
  const guest = await requireGuest(env, shared, body.guest_id)
  await playlistPreview(env.pool, shared.playlist, body.preview_file_id)
  const row = await withTransaction(env.pool, async (client) => {
    const { rows: [current] } = await client.query('SELECT * FROM preview_file WHERE id = $1 FOR UPDATE', [body.preview_file_id])
    if (!current) throw notFound()
    const merged = mergeAnnotations(current.annotations, body)
    const { rows } = await client.query(
      'UPDATE preview_file SET annotations = $2::jsonb, updated_at = now() WHERE id = $1 RETURNING *, (SELECT project_id FROM task WHERE id = preview_file.task_id) AS __project_id',
      [current.id, JSON.stringify(merged)],
    )
    return rows[0]
  })
  const out = serializePreviewFile(row)
  await env.events.emit('preview-file:annotation-update', { preview_file_id: row.id, person_id: guest.id, updated_at: out.updated_at },
    { projectId: row.__project_id, userId: guest.id as string })
  return out
}
