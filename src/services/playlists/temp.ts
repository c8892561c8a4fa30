// POST /data/projects/:project_id/playlists/temp (routes.md §10): a playlist that is never
// stored, one "playlisted entity" per task, with the task's latest preview (else the first
// task type, by priority, that has previews on the entity). Three queries in all.
import { notFound, wrongParameter } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import { requireProjectAccess } from '../access.ts'
import { findTasks, requireTaskRead } from '../tasks-common.ts'
import { MALFORMED_ID, requireId } from './access.ts'
import { enrichEntries, type Entry } from './full.ts'
import { isUuid } from '../../lib/serialize.ts'

const ENTITIES_SQL = `SELECT t.id::text AS task_id, t.task_type_id::text, e.id::text, e.name, et.name AS type_name,
    et.id::text AS type_id, p.id::text AS parent_id, p.name AS parent_name, pet.name AS parent_type,
    gp.id::text AS grandparent_id, gp.name AS grandparent_name, src.id::text AS source_id, src.name AS source_name
  FROM task t JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id
  LEFT JOIN entity p ON p.id = e.parent_id LEFT JOIN entity_type pet ON pet.id = p.entity_type_id
  LEFT JOIN entity gp ON gp.id = p.parent_id
  LEFT JOIN entity src ON src.id = e.source_id
  WHERE t.id = ANY($1::uuid[])`

const TEMPORAL = new Set(['Shot', 'Sequence', 'Episode', 'Edit', 'Scene', 'Concept'])

function playlisted(r: Row): Row {
  const out: Row = {
    id: r.id, name: r.name, preview_file_task_id: r.task_id, parent_name: '',
    episode_id: '', episode_name: '', sequence_id: '', sequence_name: '', asset_type_id: '', asset_type_name: '',
  }
  const type = r.type_name as string
  if (type === 'Shot' || type === 'Scene') {
    Object.assign(out, { parent_name: r.parent_name ?? '', sequence_id: r.parent_id ?? '', sequence_name: r.parent_name ?? '' })
    if (r.grandparent_id) Object.assign(out, { episode_id: r.grandparent_id, episode_name: r.grandparent_name })
  } else if (type === 'Sequence' || type === 'Edit') {
    Object.assign(out, { parent_name: r.parent_name ?? '', episode_id: r.parent_id ?? '', episode_name: r.parent_name ?? '' })
  } else if (TEMPORAL.has(type)) {
    out.parent_name = type
  } else {
    Object.assign(out, { parent_name: type, asset_type_id: r.type_id, asset_type_name: type })
    if (r.source_id) Object.assign(out, { episode_id: r.source_id, episode_name: r.source_name })
  }
  return out
}

export async function tempPlaylist(ctx: Ctx, projectId: string, taskIds: unknown, sort: boolean): Promise<Row[]> {
  await requireProjectAccess(ctx, requireId(projectId))
  if (!Array.isArray(taskIds)) throw wrongParameter('Validation error.', { errors: [{ field: 'task_ids', message: 'Input should be a valid list' }] })
  if (!taskIds.every(isUuid)) throw wrongParameter(MALFORMED_ID)
  const tasks = await findTasks(ctx, taskIds)
  for (const id of taskIds) {
    const task = tasks.get(id.toLowerCase())
    if (!task) throw notFound()
    await requireTaskRead(ctx, task)
  }
  if (!taskIds.length) return []
  const { rows } = await ctx.pool.query(ENTITIES_SQL, [taskIds])
  const byTask = new Map(rows.map((r) => [r.task_id as string, r]))
  const entries: Entry[] = taskIds.map((id) => ({ entity_id: byTask.get(id.toLowerCase())!.id as string }))
  await enrichEntries(ctx.pool, entries, { annotations: true })
  const out = taskIds.map((id, i) => {
    const r = byTask.get(id.toLowerCase())!
    const item = playlisted(r)
    const byType = entries[i].preview_files as Record<string, Row[]>
    const list = byType[r.task_type_id as string]?.length ? byType[r.task_type_id as string] : Object.values(byType).find((l) => l.length)
    const preview = list?.[0]
    if (preview) {
      Object.assign(item, {
        preview_file_id: preview.id, preview_file_extension: preview.extension, preview_file_width: preview.width,
        preview_file_height: preview.height, preview_file_duration: preview.duration, preview_file_revision: preview.revision,
        preview_file_status: preview.status, preview_file_annotations: preview.annotations, preview_file_previews: preview.previews,
      })
      if (list !== byType[r.task_type_id as string]) item.preview_file_task_id = preview.task_id
    }
    item.preview_files = byType
    return item
  })
  if (sort) {
    const key = (x: Row) => String(x.episode_name || x.sequence_name || x.asset_type_name || '')
    out.sort((a, b) => key(a).localeCompare(key(b)) || String(a.name).localeCompare(String(b.name)))
  }
  return out
}
