// Preview background files (routes.md §9): HDR environments for the 3D viewer, stored as
// `preview-backgrounds-<id>` with a tone-mapped 300×200 PNG `thumbnails-<id>` (pictures
// bucket). Only `.hdr` is accepted; its content must be Radiance RGBE.
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Ctx } from '../../crud/context.ts'
import { notFound, wrongParameter } from '../../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../../lib/serialize.ts'
import { removeTemp, type ReceivedFile } from '../../lib/receive-file.ts'
import { sendStoredFile } from '../../lib/file-response.ts'
import { fitAndPadRaw } from '../../media/images.ts'
import { decodeRadiance } from '../../media/radiance.ts'
import { splitName } from './kinds.ts'

const serializeBackground = modelRowSerializer('PreviewBackgroundFile')

async function loadBackground(ctx: Ctx, id: string): Promise<Row> {
  if (!isUuid(id)) throw notFound()
  const { rows } = await ctx.pool.query('SELECT * FROM preview_background_file WHERE id = $1', [id])
  if (!rows[0]) throw notFound()
  return rows[0]
}

/** Route pre-check (ADMIN is the route's access level): the row must exist. */
export const checkBackgroundUpload = (ctx: Ctx, id: string) => loadBackground(ctx, id)

export async function saveBackground(ctx: Ctx, id: string, file: ReceivedFile): Promise<Row> {
  try {
    const row = await loadBackground(ctx, id)
    const { name, extension } = splitName(file.filename)
    if (extension !== 'hdr') {
      await ctx.pool.query('DELETE FROM preview_background_file WHERE id = $1', [row.id])
      throw wrongParameter(`Wrong file format, extension: ${extension}`)
    }
    const size = (await stat(file.path)).size
    if (size === 0) throw wrongParameter('The uploaded file is empty.')
    let thumbnail: Buffer
    try {
      const decoded = decodeRadiance(await readFile(file.path), ctx.config.previews.maxImagePixels)
      thumbnail = await fitAndPadRaw(decoded.rgb, decoded, 300, 200)
    } catch (err) {
      throw wrongParameter(`The file content does not match its extension: hdr (${(err as Error).message}).`)
    }
    try {
      await ctx.storage.put('pictures', `preview-backgrounds-${row.id}`, createReadStream(file.path))
      await ctx.storage.put('pictures', `thumbnails-${row.id}`, thumbnail)
    } catch {
      await ctx.pool.query('DELETE FROM preview_background_file WHERE id = $1', [row.id])
      throw wrongParameter(`Error while saving preview background file and thumbnail: ${row.id}`)
    }
    const { rows } = await ctx.pool.query(
      `UPDATE preview_background_file SET extension = 'hdr', original_name = $2, file_size = $3, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [row.id, name.slice(0, 250), size],
    )
    const userId = ctx.actor.id
    await ctx.events.emitMany([
      { name: 'preview-background-file:update', data: { preview_background_file_id: row.id }, userId },
      { name: 'preview-background-file:add-file', data: { preview_background_file_id: row.id, extension: 'hdr' }, userId },
    ])
    return serializeBackground(rows[0])
  } finally {
    await removeTemp(file.path)
  }
}

/** GET the HDR itself: the extension must be the row's. */
export async function sendBackground(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: string, extension: string) {
  const row = await loadBackground(ctx, id)
  if (!row.extension || row.extension !== extension.toLowerCase()) throw notFound()
  return sendStoredFile(req, reply, ctx.storage, {
    bucket: 'pictures',
    key: `preview-backgrounds-${row.id}`,
    mimetype: row.extension === 'hdr' ? 'image/vnd.radiance' : 'application/octet-stream',
    updatedAt: row.updated_at as Date,
    downloadName: `${row.original_name ?? row.id}.${row.extension}`,
    inline: true,
  })
}

export async function sendBackgroundThumbnail(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: string) {
  const row = await loadBackground(ctx, id)
  return sendStoredFile(req, reply, ctx.storage, {
    bucket: 'pictures',
    key: `thumbnails-${row.id}`,
    mimetype: 'image/png',
    updatedAt: row.updated_at as Date,
    downloadName: `${row.id}.png`,
    inline: true,
  })
}
