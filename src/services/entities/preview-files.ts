// routes.md §3 "preview files by task type" (shots, edits, concepts, entities …/preview-files):
// the previews of an entity's tasks keyed by task type id, one entry per revision (highest
// first) with the revision's other files under `previews`. One query.
import { formatDateTime, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'

const SQL = `SELECT pf.id, pf.revision, pf.position, pf.original_name, pf.extension, pf.width, pf.height,
    pf.duration, pf.status, pf.annotations, pf.created_at, pf.task_id, t.task_type_id, pf.data
  FROM preview_file pf
  JOIN task t ON t.id = pf.task_id
  JOIN task_type tt ON tt.id = t.task_type_id
  WHERE t.entity_id = $1
  ORDER BY tt.priority DESC NULLS LAST, tt.name, t.id, pf.revision DESC, pf.created_at`

function present(r: Row): Row {
  const data = (r.data ?? {}) as Row
  return {
    id: r.id,
    revision: r.revision,
    original_name: r.original_name,
    extension: r.extension,
    width: r.width,
    height: r.height,
    duration: r.duration === null ? null : Number(r.duration),
    status: r.status,
    annotations: r.annotations,
    created_at: formatDateTime(r.created_at as Date | null),
    task_id: r.task_id,
    original_width: data.original_width ?? null,
    original_height: data.original_height ?? null,
    original_duration: data.original_duration ?? null,
    original_file_size: data.original_file_size ?? null,
  }
}

export async function previewFilesByTaskType(ctx: Ctx, entityId: string): Promise<Record<string, Row[]>> {
  const { rows } = await ctx.pool.query(SQL, [entityId])
  const byTask = new Map<string, { taskTypeId: string; revisions: Row[]; byRevision: Map<unknown, Row> }>()
  for (const r of rows as Row[]) {
    let group = byTask.get(r.task_id as string)
    if (!group) byTask.set(r.task_id as string, (group = { taskTypeId: r.task_type_id as string, revisions: [], byRevision: new Map() }))
    const parent = group.byRevision.get(r.revision)
    if (parent) {
      ;(parent.previews as Row[]).push({ ...present(r), position: r.position, task_type_id: r.task_type_id })
    } else {
      const entry = { ...present(r), previews: [] as Row[] }
      group.byRevision.set(r.revision, entry)
      group.revisions.push(entry)
    }
  }
  // Zou keys by task type: a second task of the same type replaces the first.
  const out: Record<string, Row[]> = {}
  for (const g of byTask.values()) out[g.taskTypeId] = g.revisions
  return out
}

const previewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, revision: { type: ['integer', 'null'] }, original_name: { type: ['string', 'null'] },
    extension: { type: ['string', 'null'] }, width: { type: ['integer', 'null'] }, height: { type: ['integer', 'null'] },
    duration: { type: ['number', 'null'] }, status: { type: 'string' }, annotations: {}, created_at: { type: ['string', 'null'] },
    task_id: { type: 'string' }, original_width: {}, original_height: {}, original_duration: {}, original_file_size: {},
    position: { type: ['integer', 'null'] }, task_type_id: { type: 'string' },
  },
}

/** Response schema of the preview-files-by-task-type object. */
export const PreviewFilesByTaskType = {
  type: 'object',
  additionalProperties: {
    type: 'array',
    items: { ...previewSchema, properties: { ...previewSchema.properties, previews: { type: 'array', items: previewSchema } } },
  },
}
