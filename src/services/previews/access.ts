// Who may read or act on a preview file (routes.md §9): one query loads the minimal preview
// row with its task's project, entity and department, then each rule is checked on it.
// PREVIEW-READ = TA on the preview's task; THUMB-READ also lets non-vendors see the main
// preview of a shared asset from any project. Unknown (or malformed) ids are 404s.
import { forbidden, notFound } from '../../lib/errors.ts'
import { isUuid } from '../../lib/serialize.ts'
import { supervisesDepartment } from '../../crud/row-rules.ts'
import { requireManagerAccess, requireProjectAccess } from '../access.ts'
import type { Ctx } from '../../crud/context.ts'
import type { Role } from '../../plugins/auth.ts'
import type { ServedPreview } from './serve.ts'

export interface PreviewAccessRow extends ServedPreview {
  task_id: string | null
  revision: number | null
  status: string
  data: Record<string, unknown> | null
  project_id: string | null
  entity_id: string | null
  department_id: string | null
  /** The caller has a task assigned on the preview's entity (EA for vendors). */
  caller_on_entity: boolean
  /** The preview is the main preview of its (shared) entity. */
  shared_main: boolean
  annotations?: unknown
}

export async function loadPreviewAccess(ctx: Ctx, id: unknown, opts: { annotations?: boolean } = {}): Promise<PreviewAccessRow> {
  if (!isUuid(id)) throw notFound()
  const { rows } = await ctx.pool.query(
    `SELECT pf.id::text, pf.extension, pf.updated_at, pf.task_id::text, pf.revision, pf.status, pf.data,
            ${opts.annotations ? 'pf.annotations,' : ''}
            t.project_id::text, t.entity_id::text, tt.department_id::text,
            EXISTS (SELECT 1 FROM task o JOIN task_person_link ol ON ol.task_id = o.id
                     WHERE o.entity_id = t.entity_id AND ol.person_id = $2::uuid) AS caller_on_entity,
            COALESCE(e.preview_file_id = pf.id AND e.is_shared, false) AS shared_main
       FROM preview_file pf
       LEFT JOIN task t ON t.id = pf.task_id
       LEFT JOIN task_type tt ON tt.id = t.task_type_id
       LEFT JOIN entity e ON e.id = t.entity_id
      WHERE pf.id = $1::uuid`,
    [id, ctx.actor.id],
  )
  if (!rows[0]) throw notFound()
  return rows[0]
}

/** TA on the preview's task: PA on its project, then EA (vendors assigned on the entity). */
export async function requireTaskReadOf(ctx: Ctx, row: PreviewAccessRow): Promise<Role> {
  const role = await requireProjectAccess(ctx, row.project_id)
  if (role === 'vendor' && !row.caller_on_entity) throw forbidden()
  return role
}

/** PREVIEW-READ. */
export async function readablePreview(ctx: Ctx, id: unknown, opts: { annotations?: boolean } = {}): Promise<PreviewAccessRow> {
  const row = await loadPreviewAccess(ctx, id, opts)
  await requireTaskReadOf(ctx, row)
  return row
}

/** THUMB-READ: PREVIEW-READ, except shared-asset main previews for non-vendors (global role). */
export async function readableThumbnail(ctx: Ctx, id: unknown): Promise<PreviewAccessRow> {
  const row = await loadPreviewAccess(ctx, id)
  if (row.shared_main && ctx.actor.role !== 'vendor') return row
  await requireTaskReadOf(ctx, row)
  return row
}

/** MPA on the preview's project (frame extraction routes). */
export async function managedPreview(ctx: Ctx, id: unknown, opts: { annotations?: boolean } = {}): Promise<PreviewAccessRow> {
  const row = await loadPreviewAccess(ctx, id, opts)
  await requireManagerAccess(ctx, row.project_id)
  return row
}

/** update-annotations: PA, then manager, client, or a supervisor of the task type's department. */
export async function annotatablePreview(ctx: Ctx, id: unknown): Promise<PreviewAccessRow> {
  const row = await loadPreviewAccess(ctx, id)
  const role = await requireProjectAccess(ctx, row.project_id)
  if (role === 'admin' || role === 'manager' || role === 'client') return row
  if (role === 'supervisor' && (await supervisesDepartment(ctx, row.department_id))) return row
  throw forbidden()
}
