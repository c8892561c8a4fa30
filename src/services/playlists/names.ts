// Download names of playlist files (routes.md §10): `<context>_<playlist slug>` where the
// context is the project's slug, plus `_<episode | all_assets | main_pack>` for tv shows.
import { slugify } from '../../lib/slug.ts'
import { formatDateTime } from '../../lib/serialize.ts'
import type { Pool } from '../../db/client.ts'
import type { PlaylistRow } from './access.ts'

export async function playlistFileBase(pool: Pool, playlist: PlaylistRow): Promise<string> {
  const { rows: [r] } = await pool.query(
    `SELECT p.name AS project_name, p.production_type, e.name AS episode_name
       FROM project p LEFT JOIN entity e ON e.id = $2 WHERE p.id = $1`,
    [playlist.project_id, playlist.episode_id],
  )
  let context = slugify(r?.project_name ?? '', '_')
  if (r?.production_type === 'tvshow') {
    const episode = playlist.episode_id ? (r.episode_name ?? '') : playlist.is_for_all ? 'all_assets' : 'main_pack'
    context += `_${slugify(episode, '_')}`
  }
  return `${context}_${slugify(playlist.name, '_')}`
}

/** `<created_at slug, "t" → "_">_<context>_<playlist slug>.mp4`, e.g. `20240102_030405_…`. */
export async function buildJobFileName(pool: Pool, playlist: PlaylistRow, createdAt: Date): Promise<string> {
  const stamp = slugify(formatDateTime(createdAt) ?? '', '').replace(/t/g, '_')
  return `${stamp}_${await playlistFileBase(pool, playlist)}.mp4`
}
