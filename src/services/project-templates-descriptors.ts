// routes.md §25: a template's metadata descriptors are a JSON snapshot, not rows. Entries are
// normalised to one shape when stored, and read back leniently when a template is applied
// (a template created through /data may hold anything in that column).
import type { Ctx } from '../crud/context.ts'
import { METADATA_DATA_TYPE } from '../crud/enums.ts'
import { badRequest } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { slugify } from '../lib/slug.ts'
import { emitTemplateEvent, readTemplate, requireTemplate } from './project-templates.ts'

export interface DescriptorSnapshot {
  name: string
  field_name: string
  entity_type: unknown
  task_type_id: unknown
  data_type: unknown
  choices: unknown
  for_client: boolean
  departments: string[]
  position: unknown
}

/** Python's truth value, which Zou's `x or default` and `bool(x)` rely on. */
const truthy = (v: unknown) =>
  !(v === null || v === undefined || v === false || v === 0 || v === '' ||
    (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0))

export function normalizeDescriptor(entry: Row): DescriptorSnapshot {
  const name = entry.name ?? ''
  if (typeof name !== 'string') throw badRequest('Metadata descriptor name must be a string')
  const departments = Array.isArray(entry.departments) ? entry.departments : []
  return {
    name,
    field_name: typeof entry.field_name === 'string' && entry.field_name ? entry.field_name : slugify(name),
    entity_type: entry.entity_type ?? null,
    task_type_id: entry.task_type_id ?? null,
    data_type: entry.data_type ?? null,
    choices: truthy(entry.choices) ? entry.choices : [],
    for_client: truthy(entry.for_client),
    departments: departments.filter((d) => d !== null && d !== undefined).map(String),
    position: entry.position ?? null,
  }
}

/** PUT …/metadata-descriptors: a bare array or `{"metadata_descriptors": [...]}` replaces the snapshot. */
export async function setTemplateDescriptors(ctx: Ctx, template: string, body: unknown): Promise<Row> {
  const tid = await requireTemplate(ctx, template)
  const list = Array.isArray(body) ? body : ((body ?? {}) as Row).metadata_descriptors ?? []
  if (!Array.isArray(list)) throw badRequest('metadata_descriptors must be a list')
  const cleaned = list.map((entry) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw badRequest('Each metadata descriptor must be an object')
    return normalizeDescriptor(entry as Row)
  })
  await ctx.pool.query(
    `UPDATE project_template SET metadata_descriptors = $2::jsonb, updated_at = (now() AT TIME ZONE 'UTC') WHERE id = $1::uuid`,
    [tid, JSON.stringify(cleaned)],
  )
  await emitTemplateEvent(ctx, tid)
  return readTemplate(ctx, tid)
}

const DATA_TYPES: ReadonlySet<unknown> = new Set(METADATA_DATA_TYPE)

/**
 * The snapshot entries a project can get as descriptors: named, with an entity type, a known
 * data type and a well-formed task type id; the first of entries sharing (entity type, name,
 * task type). Zou skips such entries silently too.
 */
export function creatableDescriptors(snapshot: unknown): DescriptorSnapshot[] {
  if (!Array.isArray(snapshot)) return []
  const seen = new Set<string>()
  const out: DescriptorSnapshot[] = []
  for (const entry of snapshot) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue
    if (typeof (entry as Row).name !== 'string') continue
    const d = normalizeDescriptor(entry as Row)
    if (!d.name || typeof d.entity_type !== 'string' || !d.entity_type) continue
    if (d.data_type !== null && !DATA_TYPES.has(d.data_type)) continue
    if (d.task_type_id !== null && !isUuid(d.task_type_id)) continue
    const key = JSON.stringify([d.entity_type, d.name, d.task_type_id])
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      ...d,
      task_type_id: d.task_type_id === null ? null : (d.task_type_id as string).toLowerCase(),
      position: Number.isInteger(d.position) ? d.position : null,
      departments: d.departments.filter(isUuid).map((id) => id.toLowerCase()),
    })
  }
  return out
}
