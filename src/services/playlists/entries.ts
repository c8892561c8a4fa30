// POST /actions/playlists/:id/add-entity and add-entities (routes.md §10). Zou serialises the
// read-modify-write of `shots` with a Redis lock; here the playlist row is locked FOR UPDATE
// in one transaction, so concurrent additions queue on the row and none is lost.
import { notFound, wrongParameter } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import { withTransaction } from '../../db/client.ts'
import { loadPlaylist, MALFORMED_ID, requirePlaylistUpdate, serializePlaylist } from './access.ts'
import { playlistEntries } from './full.ts'

export interface EntityToAdd {
  entity_id: string
  preview_file_id?: string | null
}

function checkInput(list: EntityToAdd[]): Array<{ entity_id: string; preview_file_id: string | null }> {
  return list.map((e) => {
    if (!isUuid(e.entity_id)) throw wrongParameter(MALFORMED_ID)
    const preview = e.preview_file_id === '' || e.preview_file_id == null ? null : e.preview_file_id
    if (preview !== null && !isUuid(preview)) throw wrongParameter(MALFORMED_ID)
    return { entity_id: e.entity_id.toLowerCase(), preview_file_id: preview?.toLowerCase() ?? null }
  })
}

/** The latest preview of each entity (highest revision, newest), of the task type when given. */
const LATEST_SQL = `SELECT DISTINCT ON (t.entity_id) t.entity_id::text, pf.id::text
  FROM preview_file pf JOIN task t ON t.id = pf.task_id
  WHERE t.entity_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR t.task_type_id = $2)
  ORDER BY t.entity_id, pf.revision DESC NULLS LAST, pf.created_at DESC`

export async function addEntities(ctx: Ctx, playlistId: string, input: EntityToAdd[]): Promise<Row> {
  const wanted = checkInput(input)
  const events: Array<{ name: string; data: Row; projectId: string | null }> = []
  const updated = await withTransaction(ctx.pool, async (client) => {
    const playlist = await loadPlaylist(client, playlistId, true)
    await requirePlaylistUpdate(ctx, playlist)
    const entityIds = [...new Set(wanted.map((w) => w.entity_id))]
    const previewIds = [...new Set(wanted.map((w) => w.preview_file_id).filter((p): p is string => !!p))]
    // One client, one query at a time.
    const { rows: entities } = await client.query('SELECT id::text, project_id::text FROM entity WHERE id = ANY($1::uuid[])', [entityIds])
    const { rows: previews } = await client.query('SELECT pf.id::text, t.entity_id::text FROM preview_file pf LEFT JOIN task t ON t.id = pf.task_id WHERE pf.id = ANY($1::uuid[])', [previewIds])
    const { rows: latest } = await client.query(LATEST_SQL, [entityIds, playlist.task_type_id])
    const entityProject = new Map(entities.map((e) => [e.id, e.project_id]))
    const previewEntity = new Map(previews.map((p) => [p.id, p.entity_id]))
    const latestOf = new Map(latest.map((l) => [l.entity_id, l.id]))
    for (const w of wanted) {
      if (!entityProject.has(w.entity_id)) throw notFound('Entity not found')
      // Zou does not check these; an entry of another project or a foreign preview would break the review.
      if (entityProject.get(w.entity_id) !== playlist.project_id) throw wrongParameter('Entity does not belong to the playlist project')
      if (w.preview_file_id && !previewEntity.has(w.preview_file_id)) throw notFound('Preview file not found')
      if (w.preview_file_id && previewEntity.get(w.preview_file_id) !== w.entity_id) throw wrongParameter('Preview file does not belong to this entity')
    }
    const shots = playlistEntries(playlist.shots).map(({ entity_id, preview_file_id, ...rest }) => ({ ...rest, entity_id, preview_file_id }))
    for (const w of wanted) {
      const previewId = w.preview_file_id ?? latestOf.get(w.entity_id) ?? null
      if (shots.some((s) => s.entity_id === w.entity_id && (s.preview_file_id ?? null) === previewId)) continue
      shots.push({ entity_id: w.entity_id, preview_file_id: previewId })
      events.push({ name: 'playlist:add_entity', data: { playlist_id: playlist.id, entity_id: w.entity_id, preview_file_id: previewId }, projectId: playlist.project_id })
    }
    const { rows } = await client.query('UPDATE playlist SET shots = $2::jsonb, updated_at = now() WHERE id = $1 RETURNING *', [playlist.id, JSON.stringify(shots)])
    return rows[0]
  })
  await ctx.events.emitMany(events.map((e) => ({ ...e, userId: ctx.actor.id })))
  return serializePlaylist(updated)
}
