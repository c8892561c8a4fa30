// The preview actions of routes.md §9: set an entity's main preview (optionally from a movie
// frame), move a preview within its revision, merge annotation changes, and the admin list
// of previews still processing or broken.
import type { Ctx } from '../../crud/context.ts'
import { forbidden, notFound, wrongParameter } from '../../lib/errors.ts'
import { formatDateTime, isUuid, modelRowSerializer, type Row } from '../../lib/serialize.ts'
import { withTransaction } from '../../db/client.ts'
import { crudByRoute } from '../../crud/models.ts'
import { serialize } from '../../crud/service.ts'
import { entityKind } from '../../crud/hooks/entities.ts'
import { fitAndPad } from '../../media/images.ts'
import { hasTaskAction, loadTask } from '../tasks-common.ts'
import { requireAdmin } from '../access.ts'
import { fullNameJoins, fullNameSql } from '../entities/full-name.ts'
import { annotatablePreview, loadPreviewAccess, requireTaskReadOf, type PreviewAccessRow } from './access.ts'
import { mergeAnnotations, type AnnotationChanges } from './annotations.ts'
import { framePng, previewFps, withLocalMovie } from './movie-frames.ts'

const serializePreview = modelRowSerializer('PreviewFile')
const entityModel = crudByRoute.get('entities')!

/**
 * The chosen movie frame becomes the preview's pictures (original, thumbnails, square,
 * 1200-wide preview). As in Zou a failure leaves the previous pictures in place: the main
 * preview is still set, only its picture is unchanged.
 */
async function replacePicturesFromFrame(ctx: Ctx, row: PreviewAccessRow, frameNumber: number): Promise<void> {
  const max = ctx.config.previews.maxImagePixels
  try {
    const fps = await previewFps(ctx, row.id)
    const frame = await withLocalMovie(ctx, row.id, 'movie', (movie) => framePng(ctx, movie, frameNumber, fps))
    const variants: Array<[string, Buffer]> = [
      ['original', frame],
      ['thumbnails', await fitAndPad(frame, 150, 100, max)],
      ['thumbnails-square', await fitAndPad(frame, 100, 100, max)],
      ['previews', await fitAndPad(frame, 1200, 0, max)],
    ]
    for (const [prefix, bytes] of variants) await ctx.storage.put('pictures', `${prefix}-${row.id}`, bytes)
    // New validators for the cached pictures.
    await ctx.pool.query('UPDATE preview_file SET updated_at = now() WHERE id = $1', [row.id])
  } catch {
    // Zou logs and carries on (replace_extracted_frame_for_preview_file).
  }
}

/** PUT /actions/preview-files/:id/set-main-preview: PA + EA on the task, clients refused. */
export async function setMainPreview(ctx: Ctx, id: string, frameNumber: number | undefined): Promise<Row> {
  const row = await loadPreviewAccess(ctx, id)
  if (!row.task_id || !row.entity_id) throw notFound()
  const role = await requireTaskReadOf(ctx, row)
  // Clients review content but do not choose how an entity is illustrated.
  if (role === 'client') throw forbidden()
  if (frameNumber !== undefined) {
    if (row.extension !== 'mp4') throw wrongParameter("Can't use a given frame on non movie preview")
    await replacePicturesFromFrame(ctx, row, frameNumber)
  }
  const { rows: [entity] } = await ctx.pool.query(
    `UPDATE entity e SET preview_file_id = $2, updated_at = now() WHERE e.id = $1
     RETURNING e.*, (SELECT et.name FROM entity_type et WHERE et.id = e.entity_type_id) AS __entity_type_name`,
    [row.entity_id, row.id],
  )
  if (!entity) throw notFound()
  const kind = entityKind(entity.__entity_type_name).toLowerCase()
  const opts = { projectId: entity.project_id as string, userId: ctx.actor.id }
  await ctx.events.emitMany([
    { name: 'preview-file:set-main', data: { entity_id: entity.id, preview_file_id: row.id }, ...opts },
    { name: `${kind}:update`, data: { [`${kind}_id`]: entity.id }, ...opts },
  ])
  return serialize(ctx, entityModel, entity, false)
}

/** PUT /actions/preview-files/:id/update-position: TAA; renumbers the (task, revision) group. */
export async function updatePosition(ctx: Ctx, id: string, position: number): Promise<Row[]> {
  const row = await loadPreviewAccess(ctx, id)
  if (!row.task_id) throw notFound()
  const task = await loadTask(ctx, row.task_id)
  if (!(await hasTaskAction(ctx, task))) throw forbidden()
  const group = await withTransaction(ctx.pool, async (client) => {
    const { rows } = await client.query(
      `SELECT * FROM preview_file WHERE task_id = $1 AND revision IS NOT DISTINCT FROM $2
        ORDER BY position, created_at FOR UPDATE`,
      [row.task_id, row.revision],
    )
    if (position < 1 || position > rows.length) return rows
    const ordered = rows.filter((r) => r.id !== row.id)
    ordered.splice(position - 1, 0, rows.find((r) => r.id === row.id)!)
    const moved = ordered.map((r, i) => ({ r, pos: i + 1 })).filter(({ r, pos }) => r.position !== pos)
    if (!moved.length) return ordered
    const { rows: updated } = await client.query(
      `UPDATE preview_file pf SET position = m.pos, updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS m(id, pos) WHERE pf.id = m.id RETURNING pf.*`,
      [moved.map((m) => m.r.id), moved.map((m) => m.pos)],
    )
    const byId = new Map(updated.map((u) => [u.id, u]))
    return ordered.map((r) => byId.get(r.id) ?? r)
  })
  return group.map(serializePreview)
}

/**
 * PUT /actions/preview-files/:id/update-annotations. Zou serializes writers with a Redis lock;
 * here the row itself is locked (SELECT … FOR UPDATE) for the read-merge-write, so concurrent
 * updates queue on the row and none loses another's objects.
 */
export async function updateAnnotations(ctx: Ctx, id: string, changes: AnnotationChanges): Promise<Row> {
  const row = await annotatablePreview(ctx, id)
  const updated = await withTransaction(ctx.pool, async (client) => {
    const { rows: [current] } = await client.query('SELECT annotations FROM preview_file WHERE id = $1 FOR UPDATE', [row.id])
    if (!current) throw notFound()
    const merged = mergeAnnotations(current.annotations, changes)
    const { rows: [saved] } = await client.query(
      'UPDATE preview_file SET annotations = $2::jsonb, updated_at = now() WHERE id = $1 RETURNING *',
      [row.id, JSON.stringify(merged)],
    )
    return saved
  })
  await ctx.events.emit(
    'preview-file:annotation-update',
    { preview_file_id: row.id, person_id: ctx.actor.id, updated_at: formatDateTime(updated.updated_at) },
    { projectId: row.project_id, userId: ctx.actor.id },
  )
  return serializePreview(updated)
}

/** GET /data/playlists/preview-files/running: ADMIN; newest first, older than the cursor. */
export async function runningPreviews(ctx: Ctx, cursor: string | null, limit: number | null): Promise<Row[]> {
  requireAdmin(ctx)
  if (cursor !== null && !isUuid(cursor)) throw wrongParameter('The cursor_preview_file_id parameter is not a valid id')
  let before: Date | null = null
  if (cursor !== null) {
    const { rows } = await ctx.pool.query('SELECT created_at FROM preview_file WHERE id = $1', [cursor])
    if (!rows[0]) throw wrongParameter(`No preview file found with id: ${cursor}`)
    before = rows[0].created_at
  }
  const full = fullNameSql('e', 'et')
  const { rows } = await ctx.pool.query(
    `SELECT pf.*, t.project_id::text AS __project_id, t.task_type_id::text AS __task_type_id, ${full.name} AS __full_name
       FROM preview_file pf
       JOIN task t ON t.id = pf.task_id
       JOIN project p ON p.id = t.project_id
       JOIN project_status ps ON ps.id = p.project_status_id
       LEFT JOIN entity e ON e.id = t.entity_id
       LEFT JOIN entity_type et ON et.id = e.entity_type_id
       ${fullNameJoins('e')}
      WHERE ps.name IN ('Active', 'open', 'Open') AND pf.status IN ('broken', 'missing', 'processing')
        AND ($1::timestamp IS NULL OR pf.created_at < $1::timestamp)
      ORDER BY pf.created_at DESC, pf.id
      LIMIT $2`,
    [before, limit],
  )
  return rows.map((r) => ({
    ...serializePreview(r),
    project_id: r.__project_id,
    task_type_id: r.__task_type_id,
    full_entity_name: r.__full_name,
  }))
}
