// POST /data/playlists/:id/notify-clients (routes.md §10): a `playlist-ready` notification for
// every non-bot person whose effective role on the project is client (optionally of a studio
// or department), each with notification:new and, per their flag, an e-mail. One INSERT … SELECT.
import { wrongParameter } from '../../lib/errors.ts'
import { isUuid } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import { requireManagerAccess } from '../access.ts'
import { loadPlaylist, MALFORMED_ID } from './access.ts'

const NOTIFY_SQL = `WITH clients AS (
    SELECT p.id FROM project_person_link l JOIN person p ON p.id = l.person_id
    WHERE l.project_id = $1 AND COALESCE(NULLIF(l.role, 'admin'), p.role) = 'client'
      AND COALESCE(p.is_bot, false) = false AND p.id <> $2
      AND ($4::uuid IS NULL OR p.studio_id = $4)
      AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM department_link d WHERE d.person_id = p.id AND d.department_id = $5))
  ), ins AS (
    INSERT INTO notification (person_id, author_id, playlist_id, type, change, read, created_at, updated_at)
    SELECT c.id, $2, $3, 'playlist-ready', false, false, now(), now() FROM clients c
    ON CONFLICT DO NOTHING
    RETURNING id, person_id
  )
  SELECT ins.id::text, ins.person_id::text, p.email, COALESCE(p.notifications_enabled, false) AS mail_enabled
  FROM ins JOIN person p ON p.id = ins.person_id`

const optionalId = (v: unknown): string | null => {
  if (v === undefined || v === null || v === '') return null
  if (!isUuid(v)) throw wrongParameter(MALFORMED_ID)
  return v
}

export async function notifyClients(ctx: Ctx, playlistId: string, body: { studio_id?: string; department_id?: string } | null) {
  const playlist = await loadPlaylist(ctx.pool, playlistId)
  await requireManagerAccess(ctx, playlist.project_id)
  const studio = optionalId(body?.studio_id)
  const department = optionalId(body?.department_id)
  const { rows } = await ctx.pool.query(NOTIFY_SQL, [playlist.project_id, ctx.actor.id, playlist.id, studio, department])
  await ctx.events.emitMany(rows.map((r) => ({
    name: 'notification:new', data: { notification_id: r.id, person_id: r.person_id },
    projectId: playlist.project_id, userId: ctx.actor.id, persist: false,
  })))
  if (rows.some((r) => r.mail_enabled && r.email)) {
    const { rows: [project] } = await ctx.pool.query('SELECT name FROM project WHERE id = $1', [playlist.project_id])
    const url = `${ctx.config.domainProtocol}://${ctx.config.domainName}/productions/${playlist.project_id}/playlists/${playlist.id}`
    const subject = `[Kitsu] The playlist ${playlist.name} in project ${project?.name ?? ''} is ready for review`
    for (const r of rows) {
      if (!r.mail_enabled || !r.email) continue
      void ctx.mailer.send({ to: r.email, subject, text: `${subject}\n\n${url}\n`, html: `<p>${subject.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p><p><a href="${url}">${url}</a></p>` })
    }
  }
  return { status: 'success' }
}
