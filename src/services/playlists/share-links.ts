// Share links of a playlist (routes.md §10): list the active ones, create one (token = a
// random UUID, password bcrypt-hashed and never returned), deactivate one, and invite people
// by e-mail. MANAGER(global) then MPA on the playlist's project for all of them.
import { randomUUID } from 'node:crypto'
import bcrypt from 'bcrypt'
import { AppError, notFound, wrongParameter } from '../../lib/errors.ts'
import { formatDateTime, isUuid, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import { requireGlobalManager, requireManagerAccess } from '../access.ts'
import { loadPlaylist, MALFORMED_ID, type PlaylistRow } from './access.ts'

export function serializeShareLink(r: Row): Row {
  return {
    id: r.id, token: r.token, playlist_id: r.playlist_id, created_by: r.created_by,
    expiration_date: formatDateTime(r.expiration_date as Date | null), can_comment: r.can_comment, is_active: r.is_active,
    has_password: !!r.password, created_at: formatDateTime(r.created_at as Date | null),
    updated_at: formatDateTime(r.updated_at as Date | null), type: 'PlaylistShareLink',
  }
}

async function managedPlaylist(ctx: Ctx, playlistId: string): Promise<PlaylistRow> {
  requireGlobalManager(ctx)
  const playlist = await loadPlaylist(ctx.pool, playlistId)
  await requireManagerAccess(ctx, playlist.project_id)
  return playlist
}

export async function listShareLinks(ctx: Ctx, playlistId: string): Promise<Row[]> {
  const playlist = await managedPlaylist(ctx, playlistId)
  const { rows } = await ctx.pool.query(
    'SELECT * FROM playlist_share_link WHERE playlist_id = $1 AND is_active ORDER BY created_at, id', [playlist.id],
  )
  return rows.map(serializeShareLink)
}

/** ISO date → the end of that day; ISO datetime as given (UTC when no zone). */
export function parseExpiration(value: unknown): Date | null {
  if (value === undefined || value === null || value === '') return null
  const text = String(value).trim()
  const invalid = () => wrongParameter(`${text} is not a valid ISO 8601 date`)
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const d = new Date(`${text}T23:59:59.999Z`)
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) throw invalid()
    return d
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) throw invalid()
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text)
  const d = new Date(zoned ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`)
  if (Number.isNaN(d.getTime())) throw invalid()
  return d
}

export interface ShareBody {
  expiration_date?: string | null
  can_comment?: boolean
  password?: string | null
}

export async function createShareLink(ctx: Ctx, playlistId: string, body: ShareBody): Promise<Row> {
  const playlist = await managedPlaylist(ctx, playlistId)
  const expiration = parseExpiration(body.expiration_date)
  const hash = body.password ? await bcrypt.hash(body.password, ctx.config.bcryptRounds) : null
  const { rows } = await ctx.pool.query(
    `INSERT INTO playlist_share_link (token, playlist_id, created_by, expiration_date, can_comment, password, is_active)
     VALUES ($1, $2, $3, $4, $5, $6, true) RETURNING *`,
    [randomUUID(), playlist.id, ctx.actor.id, expiration, body.can_comment ?? true, hash],
  )
  return serializeShareLink(rows[0])
}

async function linkOf(ctx: Ctx, playlist: PlaylistRow, token: string, activeOnly: boolean): Promise<Row> {
  const { rows } = await ctx.pool.query('SELECT * FROM playlist_share_link WHERE token = $1', [token])
  const link = rows[0]
  if (!link || link.playlist_id !== playlist.id || (activeOnly && !link.is_active)) throw notFound()
  return link
}

export async function deactivateShareLink(ctx: Ctx, playlistId: string, token: string): Promise<Row> {
  const playlist = await managedPlaylist(ctx, playlistId)
  const link = await linkOf(ctx, playlist, token, false)
  const { rows } = await ctx.pool.query(
    'UPDATE playlist_share_link SET is_active = false, updated_at = now() WHERE id = $1 RETURNING *', [link.id],
  )
  return serializeShareLink(rows[0])
}

export interface InviteBody {
  emails?: string[]
  person_ids?: string[]
  message?: string | null
}

const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export async function inviteToShareLink(ctx: Ctx, playlistId: string, token: string, body: InviteBody): Promise<{ sent: string[] }> {
  const playlist = await managedPlaylist(ctx, playlistId)
  const link = await linkOf(ctx, playlist, token, true)
  const personIds = body.person_ids ?? []
  if (!personIds.every(isUuid)) throw wrongParameter(MALFORMED_ID)
  const emails = (body.emails ?? []).map((e) => String(e).trim())
  for (const email of emails) {
    if (!EMAIL.test(email)) throw new AppError(400, { error: `The email address ${email} is not valid.` })
  }
  if (personIds.length) {
    const { rows } = await ctx.pool.query('SELECT email FROM person WHERE id = ANY($1::uuid[]) AND email IS NOT NULL', [personIds])
    emails.push(...rows.map((r) => r.email as string).filter((e) => EMAIL.test(e)))
  }
  const byAddress = new Map<string, string>()
  for (const e of emails) if (!byAddress.has(e.toLowerCase())) byAddress.set(e.toLowerCase(), e)
  const distinct = [...byAddress.values()]
  const { rows: [info] } = await ctx.pool.query(
    `SELECT p.name AS project_name, trim(concat_ws(' ', a.first_name, a.last_name)) AS author
       FROM project p, person a WHERE p.id = $1 AND a.id = $2`,
    [playlist.project_id, ctx.actor.id],
  )
  const url = `${ctx.config.domainProtocol}://${ctx.config.domainName}/playlists/shared/${link.token}`
  const subject = `[Kitsu] ${info?.author ?? 'Someone'} shared the playlist ${playlist.name} (${info?.project_name ?? ''}) with you`
  const message = body.message ? String(body.message) : ''
  const html = `<p><strong>${escapeHtml(info?.author ?? '')}</strong> invites you to review the playlist <strong>${escapeHtml(playlist.name)}</strong> of the project <strong>${escapeHtml(info?.project_name ?? '')}</strong>.</p>
${message ? `<p><em>${escapeHtml(message)}</em></p>\n` : ''}<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>\n`
  const text = `${info?.author ?? ''} invites you to review the playlist ${playlist.name} of the project ${info?.project_name ?? ''}.\n\n${message ? `${message}\n\n` : ''}${url}\n`
  // Mails leave after the answer: a slow mail server never holds the request.
  for (const to of distinct) void ctx.mailer.send({ to, subject, html, text })
  return { sent: distinct }
}
