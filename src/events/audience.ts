// Who receives which event (Slate's rooms; Zou sends everything to everyone). An event of a
// project goes to that project's readers (its team, and admins); a notification event to the
// person it names; anything else to every connected client.
import type { Pool } from '../db/client.ts'
import { isUuid } from '../lib/serialize.ts'

export const ALL = 'all'
export const ADMINS = 'admins'
export const projectRoom = (id: string) => `project:${id}`
export const personRoom = (id: string) => `person:${id}`

/** The routing room of an event. Chat events carry no project: the bus resolves it. */
export function routeOf(name: string, data: Record<string, unknown>, projectId: string | null): string {
  if (name.startsWith('notification:') && typeof data.person_id === 'string') return personRoom(data.person_id)
  if (projectId) return projectRoom(projectId)
  return ALL
}

/** The project of each entity chat named by chat:* events without one (one query). */
export async function chatProjects(pool: Pool, chatIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(chatIds.filter(isUuid))]
  if (!ids.length) return new Map()
  const { rows } = await pool.query<{ id: string; project_id: string }>(
    `SELECT c.id, e.project_id FROM chat c JOIN entity e ON e.id = c.object_id WHERE c.id = ANY($1::uuid[])`,
    [ids],
  )
  return new Map(rows.map((r) => [r.id, r.project_id]))
}

/** What a connected socket may read, refreshed when its person or a team changes. */
export interface Viewer {
  personId: string
  /** Global role (review rooms refuse clients on non-client playlists). */
  role: string
  isAdmin: boolean
  projects: Set<string>
  /** Personal access tokens may be limited to projects: their rooms never grow. */
  frozen: boolean
  /** Sent last_seq or with_seq: events carry a second `{seq}` argument. */
  withSeq: boolean
}

export function mayReceive(v: Viewer, room: string): boolean {
  if (room === ALL || room === personRoom(v.personId)) return true
  if (room.startsWith('project:')) return v.isAdmin || v.projects.has(room.slice(8))
  return false
}

/** The rooms a viewer's socket belongs to. */
export function roomsOf(v: Viewer): string[] {
  return [ALL, personRoom(v.personId), ...(v.isAdmin ? [ADMINS] : [...v.projects].map(projectRoom))]
}

/** The rooms an event is emitted to. */
export const targetsOf = (room: string) => (room.startsWith('project:') ? [room, ADMINS] : [room])

/** A socket's room name in its delivery variant (with or without the seq argument). */
export const variant = (room: string, withSeq: boolean) => (withSeq ? `${room}#seq` : room)

/** A person's current access: null when missing or inactive (their sockets are closed). */
export async function loadAccess(pool: Pool, personIds: string[]): Promise<Map<string, { role: string; projects: string[] }>> {
  const { rows } = await pool.query<{ id: string; role: string; projects: string[] }>(
    `SELECT p.id, p.role,
            ARRAY(SELECT l.project_id::text FROM project_person_link l WHERE l.person_id = p.id) AS projects
     FROM person p WHERE p.id = ANY($1::uuid[]) AND p.active`,
    [personIds],
  )
  return new Map(rows.map((r) => [r.id, { role: r.role, projects: r.projects }]))
}

export async function teamOf(pool: Pool, projectId: string): Promise<Set<string>> {
  const { rows } = await pool.query<{ person_id: string }>('SELECT person_id FROM project_person_link WHERE project_id = $1', [projectId])
  return new Set(rows.map((r) => r.person_id))
}

export interface LoggedEvent { seq: number; name: string; data: Record<string, unknown> }

/** Persisted events after `seq` the viewer may read, oldest first (same rules as mayReceive). */
export async function readAfter(db: Pick<Pool, 'query'>, v: Viewer, seq: number, limit: number): Promise<LoggedEvent[]> {
  const { rows } = await db.query<{ seq: string; name: string; data: Record<string, unknown> }>(
    `SELECT seq, name, data FROM api_event
     WHERE seq > $1 AND CASE
       WHEN name LIKE 'notification:%' AND jsonb_typeof(data->'person_id') = 'string' THEN data->>'person_id' = $2
       WHEN project_id IS NULL THEN true
       ELSE $3 OR project_id = ANY($4::uuid[]) END
     ORDER BY seq LIMIT $5`,
    [seq, v.personId, v.isAdmin, [...v.projects], limit],
  )
  return rows.map((r) => ({ seq: Number(r.seq), name: r.name, data: r.data ?? {} }))
}
