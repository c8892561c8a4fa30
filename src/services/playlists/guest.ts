// The shared (guest) side of playlists, routes.md §10.1: the share token rules (unknown,
// inactive or expired → 404; the link's password where asked → 404 when wrong), a request
// context for a guest person (so the comment pipeline runs unchanged), the playlist as guests
// see it, its context, guest persons, and the rule that a preview must belong to the playlist.
import { randomBytes } from 'node:crypto'
import bcrypt from 'bcrypt'
import { AppError, forbidden, notFound } from '../../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import type { Db, Pool } from '../../db/client.ts'
import type { Config } from '../../config.ts'
import type { EventBus } from '../../events/bus.ts'
import type { Storage } from '../../storage/index.ts'
import type { Mailer } from '../mailer.ts'
import type { JobQueue } from '../../jobs/queue.ts'
import type { Deps } from '../write-scope.ts'
import { serializePerson } from '../persons.ts'
import { loadPlaylist, type PlaylistRow } from './access.ts'
import { fullPlaylist, playlistEntries } from './full.ts'

/** What the guest routes need from the app (the app itself satisfies it). */
export interface GuestEnv {
  db: Db
  pool: Pool
  config: Config
  events: EventBus
  storage: Storage
  mailer: Mailer
  jobs: JobQueue
}

export interface Shared {
  link: Row & { id: string; can_comment: boolean; password: string | null }
  playlist: PlaylistRow
}

/** The active, unexpired link and its playlist; `password` checked when given (pw routes). */
export async function resolveShare(env: GuestEnv, token: string, password?: { value: string | undefined }): Promise<Shared> {
  if (typeof token !== 'string' || token.length > 64) throw notFound()
  const { rows } = await env.pool.query(
    `SELECT * FROM playlist_share_link WHERE token = $1 AND is_active
        AND (expiration_date IS NULL OR expiration_date > now() AT TIME ZONE 'UTC')`,
    [token],
  )
  const link = rows[0]
  if (!link) throw notFound()
  if (password && link.password && !(await bcrypt.compare(password.value ?? '', link.password))) throw notFound()
  const playlist = await loadPlaylist(env.pool, link.playlist_id)
  return { link, playlist }
}

export function requireCanComment(shared: Shared, what: 'comments' | 'annotations'): void {
  if (!shared.link.can_comment) {
    throw new AppError(403, { error: what === 'comments' ? 'Comments are disabled for this link' : 'Annotations are disabled' })
  }
}

/** A request context acting as the guest person (no team, client role). */
export function guestDeps(env: GuestEnv, personId: string): Deps {
  const ctx: Ctx = {
    db: env.db,
    pool: env.pool,
    config: env.config,
    events: env.events,
    actor: { id: personId, role: 'client', email: null, identityType: 'person', claims: {} as never, teams: [], departments: [] },
    isAdmin: false,
    memberships: async () => new Map(),
    projectRole: async () => null,
    departments: async () => [],
    signToken: () => { throw new Error('guests do not sign tokens') },
    mailer: env.mailer,
    storage: env.storage,
    jobs: env.jobs,
  }
  return { ctx, storage: env.storage, mailer: env.mailer }
}

/** The guest person created from this link, else 403 `Guest not part of this shared playlist`. */
export async function requireGuest(env: GuestEnv, shared: Shared, guestId: unknown): Promise<Row> {
  const refuse = () => new AppError(403, { error: 'Guest not part of this shared playlist' })
  if (!isUuid(guestId)) throw refuse()
  const { rows } = await env.pool.query(
    `SELECT * FROM person WHERE id = $1 AND is_guest AND data->>'share_link_id' = $2`, [guestId, shared.link.id],
  )
  if (!rows[0]) throw refuse()
  return rows[0]
}

/** Valid preview ids referenced by the playlist's entries. */
export const entryPreviewIds = (playlist: PlaylistRow): string[] =>
  playlistEntries(playlist.shots).map((e) => e.preview_file_id).filter((id): id is string => isUuid(id)).map((id) => id.toLowerCase())

/** Ids of the tasks whose previews the playlist shows (where guests may comment). */
export async function playlistTaskIds(pool: Pool, playlist: PlaylistRow): Promise<string[]> {
  const { rows } = await pool.query('SELECT DISTINCT task_id::text FROM preview_file WHERE id = ANY($1::uuid[]) AND task_id IS NOT NULL', [entryPreviewIds(playlist)])
  return rows.map((r) => r.task_id)
}

/**
 * The preview row when the playlist references it (an entry's preview or another position of
 * the same task and revision): 404 unknown, 403 not in the playlist.
 */
export async function playlistPreview(pool: Pool, playlist: PlaylistRow, previewId: string): Promise<Row & { id: string; extension: string | null; updated_at: Date | null }> {
  if (!isUuid(previewId)) throw notFound()
  const { rows } = await pool.query(
    `SELECT pf.*, EXISTS (SELECT 1 FROM preview_file m WHERE m.id = ANY($2::uuid[])
                            AND (m.id = pf.id OR (m.task_id = pf.task_id AND m.revision = pf.revision))) AS __in_playlist
       FROM preview_file pf WHERE pf.id = $1`,
    [previewId, entryPreviewIds(playlist)],
  )
  const row = rows[0]
  if (!row) throw notFound()
  if (!row.__in_playlist) throw forbidden()
  delete row.__in_playlist
  return row
}

/** GET /shared/playlists/:token: the full playlist with annotations and display facts. */
export async function sharedPlaylist(env: GuestEnv, shared: Shared): Promise<Row> {
  const { playlist } = shared
  const out = await fullPlaylist(env.pool, playlist, { annotations: true })
  const entries = out.shots as Row[]
  const entityIds = entries.map((e) => e.id).filter(isUuid)
  const taskIds = entries.map((e) => e.preview_file_task_id).filter(isUuid)
  const [{ rows: [project] }, { rows: entities }, { rows: tasks }] = await Promise.all([
    env.pool.query('SELECT name, fps FROM project WHERE id = $1', [playlist.project_id]),
    env.pool.query(
      `SELECT e.id::text, e.name, et.name AS type_name, p.name AS parent_name
         FROM entity e JOIN entity_type et ON et.id = e.entity_type_id LEFT JOIN entity p ON p.id = e.parent_id
        WHERE e.id = ANY($1::uuid[])`, [entityIds]),
    env.pool.query(
      `SELECT t.id::text, json_build_object('id', tt.id, 'name', tt.name, 'color', tt.color, 'for_entity', tt.for_entity) AS task_type,
              ts.color AS status_color
         FROM task t JOIN task_type tt ON tt.id = t.task_type_id LEFT JOIN task_status ts ON ts.id = t.task_status_id
        WHERE t.id = ANY($1::uuid[])`, [taskIds]),
  ])
  const entityById = new Map(entities.map((e) => [e.id, e]))
  const taskById = new Map(tasks.map((t) => [t.id, t]))
  const temporal = new Set(['Shot', 'Sequence', 'Episode', 'Edit', 'Concept', 'Scene'])
  for (const entry of entries) {
    const e = entityById.get(entry.id as string)
    if (e) {
      entry.name = e.name
      entry.parent_name = temporal.has(e.type_name) ? (e.parent_name ?? '') : e.type_name
    }
    const t = taskById.get(entry.preview_file_task_id as string)
    if (t) {
      entry.preview_file_task_type = t.task_type
      entry.preview_file_task_type_name = t.task_type.name
      entry.task_status_color = t.status_color
    }
  }
  out.project_fps = project?.fps ?? null
  out.project_name = project?.name ?? null
  return out
}

/** GET /shared/playlists/:token/context. */
export async function sharedContext(env: GuestEnv, shared: Shared): Promise<Row> {
  const { playlist } = shared
  const entityIds = playlistEntries(playlist.shots).map((e) => e.entity_id).filter(isUuid)
  const [{ rows: [project] }, { rows: taskTypes }, { rows: statuses }, { rows: entities }] = await Promise.all([
    env.pool.query('SELECT id::text, name, fps, ratio, resolution FROM project WHERE id = $1', [playlist.project_id]),
    env.pool.query(
      `SELECT tt.id::text, tt.name, tt.color, tt.for_entity FROM project_task_type_link l JOIN task_type tt ON tt.id = l.task_type_id
        WHERE l.project_id = $1 ORDER BY l.priority NULLS LAST, tt.priority NULLS LAST, tt.name`, [playlist.project_id]),
    env.pool.query(
      `SELECT ts.id::text, ts.name, ts.short_name, ts.color, ts.is_client_allowed, ts.is_default, ts.for_concept
         FROM project_task_status_link l JOIN task_status ts ON ts.id = l.task_status_id
        WHERE l.project_id = $1 ORDER BY l.priority NULLS LAST, ts.priority NULLS LAST, ts.name`, [playlist.project_id]),
    env.pool.query('SELECT id::text, name, preview_file_id::text FROM entity WHERE id = ANY($1::uuid[])', [entityIds]),
  ])
  const byId = new Map(entities.map((e) => [e.id, e]))
  return {
    project: project ? { ...project, team: [] } : null,
    task_types: taskTypes,
    task_statuses: statuses,
    entities: entityIds.filter((id, i, all) => all.indexOf(id) === i && byId.has(id)).map((id) => byId.get(id)),
  }
}

export interface GuestBody {
  first_name?: string
  last_name?: string
  guest_id?: string | null
}

/** POST /shared/playlists/:token/guest → [status, person]. */
export async function createGuest(env: GuestEnv, shared: Shared, body: GuestBody): Promise<[number, Row]> {
  if (body.guest_id !== undefined && body.guest_id !== null && body.guest_id !== '') {
    if (isUuid(body.guest_id)) {
      const { rows } = await env.pool.query(
        `SELECT * FROM person WHERE id = $1 AND is_guest AND data->>'share_link_id' = $2`, [body.guest_id, shared.link.id],
      )
      if (rows[0]) return [200, serializePerson(rows[0])]
    }
  }
  const first = (body.first_name ?? 'Guest').slice(0, 80) || 'Guest'
  const last = (body.last_name ?? '').slice(0, 80)
  const { rows: found } = await env.pool.query(
    `SELECT * FROM person WHERE is_guest AND data->>'share_link_id' = $1 AND first_name = $2 AND last_name = $3 LIMIT 1`,
    [shared.link.id, first, last],
  )
  if (found[0]) return [201, serializePerson(found[0])]
  const { rows } = await env.pool.query(
    `INSERT INTO person (first_name, last_name, email, role, is_guest, active, data)
     VALUES ($1, $2, $3, 'client', true, true, $4::jsonb) RETURNING *`,
    [first, last, `guest-${randomBytes(4).toString('hex')}@guest.kitsu`, JSON.stringify({ share_link_id: shared.link.id })],
  )
  await env.events.emit('person:new', { person_id: rows[0].id }, { userId: rows[0].id })
  return [201, serializePerson(rows[0])]
}

export const serializePreviewFile = modelRowSerializer('PreviewFile')
