// The full playlist (routes.md §10): the row, its build jobs (newest first) and its entries,
// each with the entity's previews by task type (one entry per revision, the revision's other
// files under `previews`) and the facts of the entry's own preview. Two queries whatever the
// number of entries. Guests (shared playlists) also get annotations and display names.
import { formatDateTime, isUuid, type Row } from '../../lib/serialize.ts'
import type { Pool } from '../../db/client.ts'
import { serializePlaylist, type PlaylistRow } from './access.ts'

const PREVIEWS_SQL = `SELECT pf.id::text, pf.revision, pf.position, pf.extension, pf.width, pf.height, pf.duration,
    pf.status, pf.annotations, pf.created_at, pf.task_id::text, t.task_type_id::text, t.entity_id::text
  FROM preview_file pf
  JOIN task t ON t.id = pf.task_id
  JOIN task_type tt ON tt.id = t.task_type_id
  WHERE t.entity_id = ANY($1::uuid[])
  ORDER BY tt.priority DESC NULLS LAST, tt.name, pf.revision DESC, pf.position NULLS FIRST, pf.created_at`

export interface Entry extends Row {
  entity_id?: string
  preview_file_id?: string | null
}

/** The entries of a playlist's `shots` column, with legacy keys (`id`, `shot_id`) read as the entity. */
export function playlistEntries(shots: unknown): Entry[] {
  if (!Array.isArray(shots)) return []
  return shots
    .filter((s): s is Row => !!s && typeof s === 'object')
    .map((s) => ({ ...s, entity_id: (s.entity_id ?? s.shot_id ?? s.id) as string | undefined }))
}

function light(r: Row, annotations: boolean): Row {
  const out: Row = {
    id: r.id,
    revision: r.revision,
    extension: r.extension,
    width: r.width,
    height: r.height,
    duration: r.duration === null ? null : Number(r.duration),
    status: r.status,
    created_at: formatDateTime(r.created_at as Date | null),
    task_id: r.task_id,
  }
  if (annotations) out.annotations = r.annotations
  return out
}

/** Adds `id`, `preview_files` and the `preview_file_*` facts to each entry, in place. */
export async function enrichEntries(pool: Pool, entries: Entry[], opts: { annotations: boolean }): Promise<void> {
  const entityIds = [...new Set(entries.map((e) => e.entity_id).filter(isUuid))]
  const { rows } = entityIds.length ? await pool.query(PREVIEWS_SQL, [entityIds]) : { rows: [] }
  const byEntity = new Map<string, Record<string, Row[]>>()
  // Each preview's light entry and the revision entry (head) it belongs to.
  const heads = new Map<string, Row>()
  const found = new Map<string, { entry: Row; head: Row }>()
  for (const r of rows as Row[]) {
    const types = byEntity.get(r.entity_id as string) ?? {}
    byEntity.set(r.entity_id as string, types)
    const entry = light(r, opts.annotations)
    const headKey = `${r.task_id}:${r.revision}`
    let head = heads.get(headKey)
    if (head) {
      ;(head.previews as Row[]).push({ ...entry, position: r.position })
    } else {
      head = Object.assign(entry, { previews: [] as Row[] })
      heads.set(headKey, head)
      ;(types[r.task_type_id as string] ??= []).push(head)
    }
    found.set(r.id as string, { entry, head })
  }
  for (const entry of entries) {
    if (entry.entity_id) entry.id = entry.entity_id
    entry.preview_files = byEntity.get(entry.entity_id ?? '') ?? {}
    const pf = entry.preview_file_id ? found.get(entry.preview_file_id) : undefined
    if (!pf) {
      delete entry.preview_file_id
      continue
    }
    const { entry: p, head } = pf
    entry.preview_file_extension = p.extension
    entry.preview_file_revision = p.revision
    entry.preview_file_width = p.width
    entry.preview_file_height = p.height
    entry.preview_file_duration = p.duration
    entry.preview_file_status = p.status
    entry.preview_file_task_id = p.task_id
    // The other files of the same revision.
    entry.preview_file_previews = [head, ...(head.previews as Row[])]
      .filter((s) => s.id !== p.id)
      .map(({ previews: _p, ...rest }) => rest)
    if (opts.annotations) entry.preview_file_annotations = p.annotations
  }
}

/** GET …/playlists/:playlist_id: the row, `build_jobs` newest first, the enriched entries. */
export async function fullPlaylist(pool: Pool, playlist: PlaylistRow, opts: { annotations: boolean }): Promise<Row> {
  const out = serializePlaylist(playlist)
  const { rows: jobs } = await pool.query(
    'SELECT id::text, status, created_at FROM build_job WHERE playlist_id = $1 ORDER BY created_at DESC, id',
    [playlist.id],
  )
  out.build_jobs = jobs.map((j) => ({ id: j.id, status: j.status, created_at: formatDateTime(j.created_at) }))
  const entries = playlistEntries(playlist.shots)
  await enrichEntries(pool, entries, opts)
  out.shots = entries
  return out
}
