// Avatars and project / organisation pictures (files-and-previews.md §7, routes.md §9): any
// picture sharp reads, fitted and padded into 400×400 RGBA PNG, stored as `thumbnails-<id>`
// in the pictures bucket; the record's has_avatar becomes true. Reading answers 404 while
// has_avatar is false.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Ctx } from '../../crud/context.ts'
import { forbidden, notFound, wrongParameter } from '../../lib/errors.ts'
import { isUuid } from '../../lib/serialize.ts'
import { removeTemp, type ReceivedFile } from '../../lib/receive-file.ts'
import { sendStoredFile } from '../../lib/file-response.ts'
import { PictureTooLargeError, fitAndPad, pictureSize } from '../../media/images.ts'
import { requireManagerAccess, requireProjectAccess } from '../access.ts'

export type AvatarKind = 'persons' | 'projects' | 'organisations'

const TABLES: Record<AvatarKind, { table: string; event: string }> = {
  persons: { table: 'person', event: 'person' },
  projects: { table: 'project', event: 'project' },
  organisations: { table: 'organisation', event: 'organisation' },
}

/** Who may replace the picture: the person or an admin; admins for organisations; projects
 * need an admin on the `.png` form and MPA(project) on the other (Zou's two resources). */
export async function checkAvatarUpload(ctx: Ctx, kind: AvatarKind, id: string, dotPng: boolean): Promise<string> {
  if (!isUuid(id)) throw notFound()
  const rowId = id.toLowerCase()
  if (kind === 'persons' && !ctx.isAdmin && ctx.actor.id !== rowId) throw forbidden()
  if (kind === 'organisations' && !ctx.isAdmin) throw forbidden()
  if (kind === 'projects' && dotPng && !ctx.isAdmin) throw forbidden()
  if (kind === 'projects' && !dotPng) await requireManagerAccess(ctx, rowId)
  const { rowCount } = await ctx.pool.query(`SELECT 1 FROM ${TABLES[kind].table} WHERE id = $1`, [rowId])
  if (!rowCount) throw notFound()
  return rowId
}

/** POST: stores the 400×400 picture, sets has_avatar, emits <kind>:update and <kind>:set-thumbnail. */
export async function saveAvatar(ctx: Ctx, kind: AvatarKind, id: string, file: ReceivedFile): Promise<{ thumbnail_path: string }> {
  try {
    const max = ctx.config.previews.maxImagePixels
    let png: Buffer
    try {
      await pictureSize(file.path, max)
      png = await fitAndPad(file.path, 400, 400, max)
    } catch (err) {
      if (err instanceof PictureTooLargeError) throw wrongParameter(err.message)
      throw wrongParameter('The uploaded file is not a picture.')
    }
    await ctx.storage.put('pictures', `thumbnails-${id}`, png)
    const { table, event } = TABLES[kind]
    await ctx.pool.query(`UPDATE ${table} SET has_avatar = true, updated_at = now() WHERE id = $1`, [id])
    const key = `${event}_id`
    const userId = ctx.actor.id
    await ctx.events.emitMany([
      kind === 'projects'
        ? { name: 'project:update', data: {}, projectId: id, userId }
        : { name: `${event}:update`, data: { [key]: id }, userId },
      { name: `${event}:set-thumbnail`, data: { [key]: id }, userId },
    ])
    return { thumbnail_path: `pictures/thumbnails/${kind}/${id}.png` }
  } finally {
    await removeTemp(file.path)
  }
}

/** GET: AUTH; projects need PA for non-managers (global role). */
export async function sendAvatar(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, kind: AvatarKind, id: string) {
  let row: { id: string; has_avatar: boolean | null; updated_at: Date | null } | undefined
  if (kind === 'organisations') {
    // Zou ignores the id (one organisation); the row with that id is preferred when there are several.
    row = (await ctx.pool.query(
      'SELECT id, has_avatar, updated_at FROM organisation ORDER BY id = $1 DESC, created_at LIMIT 1',
      [isUuid(id) ? id : null],
    )).rows[0]
  } else {
    if (!isUuid(id)) throw notFound()
    row = (await ctx.pool.query(`SELECT id, has_avatar, updated_at FROM ${TABLES[kind].table} WHERE id = $1`, [id])).rows[0]
    if (row && kind === 'projects' && !['admin', 'manager'].includes(ctx.actor.role)) await requireProjectAccess(ctx, row.id)
  }
  if (!row || !row.has_avatar) throw notFound()
  return sendStoredFile(req, reply, ctx.storage, {
    bucket: 'pictures',
    key: `thumbnails-${row.id}`,
    mimetype: 'image/png',
    updatedAt: row.updated_at,
    downloadName: `${row.id}.png`,
    inline: true,
  })
}
