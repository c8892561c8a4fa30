// Loading a playlist and the playlist access rules of routes.md §1.6: PLA (managers, clients
// on `for_client` playlists, supervisors where a route opts in) and PLU (managers, or the
// supervisor who created it). Malformed ids are a clear 400, unknown playlists a 404.
import { forbidden, notFound, wrongParameter } from '../../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import type { Role } from '../../plugins/auth.ts'
import { requireNotVendor, requireProjectAccess } from '../access.ts'

export const MALFORMED_ID = 'One of the ID sent in parameter is not properly formatted.'

export interface PlaylistRow extends Row {
  id: string
  name: string
  project_id: string | null
  episode_id: string | null
  task_type_id: string | null
  for_client: boolean | null
  created_by: string | null
  shots: unknown
}

export const serializePlaylist = modelRowSerializer('Playlist')

export function requireId(id: unknown): string {
  if (!isUuid(id)) throw wrongParameter(MALFORMED_ID)
  return id.toLowerCase()
}

type Queryable = { query: (text: string, values: unknown[]) => Promise<{ rows: any[] }> }

/** The playlist row or 404; `lock` takes it FOR UPDATE on the caller's transaction. */
export async function loadPlaylist(db: Queryable, id: unknown, lock = false): Promise<PlaylistRow> {
  const { rows } = await db.query(`SELECT * FROM playlist WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [requireId(id)])
  if (!rows[0]) throw notFound()
  return rows[0]
}

/** PLA(pl): PA on its project, then manager, client of a `for_client` playlist, or (opt-in) supervisor. */
export async function requirePlaylistAccess(ctx: Ctx, playlist: PlaylistRow, opts: { supervisor?: boolean } = {}): Promise<Role> {
  const role = await requireProjectAccess(ctx, playlist.project_id)
  if (role === 'admin' || role === 'manager') return role
  if (role === 'client' && playlist.for_client) return role
  if (opts.supervisor && role === 'supervisor') return role
  throw forbidden()
}

/** NOVENDOR (global role, checked first) then PLA. */
export async function requirePlaylistRead(ctx: Ctx, playlist: PlaylistRow, opts: { supervisor?: boolean } = {}): Promise<Role> {
  requireNotVendor(ctx)
  return requirePlaylistAccess(ctx, playlist, opts)
}

/** PLU(pl): MPA on its project, or a team-member supervisor when it has no creator or is theirs. */
export async function requirePlaylistUpdate(ctx: Ctx, playlist: PlaylistRow): Promise<Role> {
  const role = await requireProjectAccess(ctx, playlist.project_id)
  if (role === 'admin' || role === 'manager') return role
  if (role === 'supervisor' && (playlist.created_by === null || playlist.created_by === ctx.actor.id)) return role
  throw forbidden()
}
