// routes.md §4 task previews: the task's preview list, preview slots added to a comment
// (revision and position rules), deleting a preview, and setting an entity's main preview
// from its task's latest preview.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'
import { withTransaction } from '../db/client.ts'
import { crudByRoute } from '../crud/models.ts'
import { serialize } from '../crud/service.ts'
import { entityKind } from '../crud/hooks/entities.ts'
import { findTasks, hasTaskAction, loadTask, requireTaskRead, type TaskFacts } from './tasks-common.ts'
import { removePreviewRows } from './tasks-comments.ts'
import type { Ctx } from '../crud/context.ts'
import type { Storage, Bucket } from '../storage/index.ts'

const serializePreview = modelRowSerializer('PreviewFile')

/** GET /data/tasks/:task_id/previews: highest revision first. */
export async function taskPreviews(ctx: Ctx, taskId: string): Promise<Row[]> {
  const task = await loadTask(ctx, taskId)
  await requireTaskRead(ctx, task)
  const { rows } = await ctx.pool.query(
    'SELECT * FROM preview_file WHERE task_id = $1 ORDER BY revision DESC, position, created_at',
    [task.id],
  )
  return rows.map(serializePreview)
}

async function requireTaskAction(ctx: Ctx, taskId: string): Promise<TaskFacts> {
  const task = await loadTask(ctx, taskId)
  if (!(await hasTaskAction(ctx, task))) throw forbidden()
  return task
}

/**
 * Zou's add_preview_file_to_comment: a new preview slot on the comment. No revision (0) → the
 * task's next revision for a comment without previews, else the comment's revision at the
 * next position; an explicit revision goes at its next position (and must be new on a
 * comment without previews). One transaction, the task row locked while numbering.
 */
async function addPreviewSlot(ctx: Ctx, task: TaskFacts, commentId: string, revision: number): Promise<Row> {
  const result = await withTransaction(ctx.pool, async (client) => {
    const { rows: [state] } = await client.query(
      `SELECT p.is_single_preview_per_revision AS single,
         (SELECT min(pf.revision) FROM comment_preview_link l JOIN preview_file pf ON pf.id = l.preview_file
           WHERE l.comment = c.id) AS comment_revision,
         EXISTS (SELECT 1 FROM comment_preview_link l WHERE l.comment = c.id) AS has_previews
       FROM comment c, task t JOIN project p ON p.id = t.project_id
       WHERE c.id = $1 AND t.id = $2 FOR UPDATE OF t`,
      [commentId, task.id],
    )
    if (!state) throw notFound()
    let rev = revision
    if (rev === 0 && !state.has_previews) {
      const { rows } = await client.query('SELECT COALESCE(max(revision), 0) + 1 AS next FROM preview_file WHERE task_id = $1', [task.id])
      rev = rows[0].next
    } else if (rev === 0) {
      rev = state.comment_revision
    } else if (!state.has_previews) {
      const { rowCount } = await client.query('SELECT 1 FROM preview_file WHERE task_id = $1 AND revision = $2 AND position = 1', [task.id, rev])
      if (rowCount) {
        throw wrongParameter(`Revision ${rev} already exists for this task. Choose a different revision number, or omit it to let the revision auto-increment.`)
      }
    }
    const { rows: [pos] } = await client.query('SELECT count(*)::int + 1 AS next FROM preview_file WHERE task_id = $1 AND revision = $2', [task.id, rev])
    if (pos.next > 1 && state.single) throw wrongParameter('Only one preview file is allowed per revision for this project.')
    const { rows: [preview] } = await client.query(
      `INSERT INTO preview_file (id, name, revision, position, source, extension, status, task_id, person_id, created_at, updated_at)
       VALUES (gen_random_uuid(), left(gen_random_uuid()::text, 13), $1, $2, 'webgui', 'mp4', 'processing', $3, $4, now(), now())
       RETURNING *`,
      [rev, pos.next, task.id, ctx.actor.id],
    )
    await client.query('INSERT INTO comment_preview_link (comment, preview_file) VALUES ($1, $2)', [commentId, preview.id])
    await client.query('UPDATE news SET preview_file_id = $2 WHERE comment_id = $1', [commentId, preview.id])
    return preview
  })
  const opts = { projectId: task.project_id, userId: ctx.actor.id }
  await ctx.events.emitMany([
    { name: 'preview-file:new', data: { preview_file_id: result.id, comment_id: commentId }, ...opts },
    { name: 'comment:update', data: { comment_id: commentId }, ...opts },
  ])
  return { ...serializePreview(result), comments: [commentId] }
}

const commentIdOr404 = (id: string) => {
  if (!isUuid(id)) throw notFound()
  return id.toLowerCase()
}

/** POST /actions/tasks/:task_id/comments/:comment_id/add-preview. */
export async function addPreview(ctx: Ctx, taskId: string, commentId: string, revision: number): Promise<Row> {
  const task = await requireTaskAction(ctx, taskId)
  return addPreviewSlot(ctx, task, commentIdOr404(commentId), revision)
}

/** POST /actions/tasks/:task_id/comments/:comment_id/preview-files/:preview_file_id. */
export async function addExtraPreview(ctx: Ctx, taskId: string, commentId: string, previewFileId: string): Promise<Row> {
  const task = await requireTaskAction(ctx, taskId)
  const id = commentIdOr404(commentId)
  const { rows } = isUuid(previewFileId)
    ? await ctx.pool.query('SELECT revision FROM preview_file WHERE id = $1', [previewFileId])
    : { rows: [] }
  if (!rows[0]) throw notFound()
  return addPreviewSlot(ctx, task, id, rows[0].revision ?? 0)
}

/** The stored objects of a preview, by kind (files-and-previews.md §5.6). */
function previewObjects(preview: Row): Array<[Bucket, string]> {
  const id = preview.id as string
  const ext = String(preview.extension ?? '').toLowerCase()
  const pictures = (prefixes: string[]) => prefixes.map((p): [Bucket, string] => ['pictures', `${p}-${id}`])
  if (['png', 'jpg', 'jpeg', 'gif', 'webp'].includes(ext)) return pictures(['original', 'thumbnails', 'thumbnails-square', 'previews'])
  if (['mp4', 'mov', 'wmv', 'webm', 'avi', 'mkv', 'm4v'].includes(ext)) {
    return [['movies', `previews-${id}`], ['movies', `lowdef-${id}`], ['movies', `source-${id}`], ...pictures(['thumbnails', 'thumbnails-square', 'previews', 'tiles'])]
  }
  return [['files', `previews-${id}`]]
}

/** DELETE /actions/tasks/:task_id/comments/:comment_id/preview-files/:preview_file_id (no event). */
export async function deletePreview(ctx: Ctx, storage: Storage, taskId: string, commentId: string, previewFileId: string, force: boolean) {
  for (const id of [taskId, commentId, previewFileId]) if (!isUuid(id)) throw wrongParameter('Wrong UUID format.')
  const task = await loadTask(ctx, taskId)
  if (!(await ctx.projectRole(task.project_id))) throw forbidden()
  const { rows } = await ctx.pool.query(
    `SELECT pf.*, t.project_id AS __project_id FROM preview_file pf LEFT JOIN task t ON t.id = pf.task_id WHERE pf.id = $1`,
    [previewFileId],
  )
  const preview = rows[0]
  if (!preview) throw notFound()
  // Slate: the preview's own project must be readable too (Zou checks only the task's).
  if (preview.__project_id !== task.project_id && !ctx.isAdmin && !(await ctx.projectRole(preview.__project_id))) throw forbidden()
  await withTransaction(ctx.pool, async (client) => {
    await removePreviewRows(client, [preview.id])
    if (preview.task_id) {
      // Projects that automate the main preview show the task's new last preview.
      await client.query(
        `UPDATE entity e SET preview_file_id = t.last_preview_file_id FROM task t JOIN project p ON p.id = t.project_id
          WHERE t.id = $1 AND e.id = t.entity_id AND p.is_set_preview_automated AND t.last_preview_file_id IS NOT NULL
            AND e.preview_file_id IS NULL`,
        [preview.task_id],
      )
    }
  })
  if (force) {
    for (const [bucket, key] of previewObjects(preview)) {
      try {
        await storage.delete(bucket, key)
      } catch {
        // already gone: nothing to remove
      }
    }
  }
}

const entityModel = crudByRoute.get('entities')!

/** Sets each task's entity main preview to the task's latest preview (highest revision, oldest
 * within it); tasks without preview are left out. Checks PA + EA and refuses clients first. */
async function setMainPreviews(ctx: Ctx, tasks: TaskFacts[]): Promise<Row[]> {
  for (const task of tasks) {
    const role = await requireTaskRead(ctx, task)
    if (role === 'client') throw forbidden()
  }
  const rows = await withTransaction(ctx.pool, async (client) => {
    const { rows } = await client.query(
      `WITH latest AS (
         SELECT DISTINCT ON (t.id) t.id AS task_id, t.entity_id, pf.id AS preview_file_id, array_position($1::uuid[], t.id) AS ord
           FROM task t JOIN preview_file pf ON pf.task_id = t.id
          WHERE t.id = ANY($1::uuid[])
          ORDER BY t.id, pf.revision DESC, pf.created_at ASC, pf.position ASC
       ), updated AS (
         UPDATE entity e SET preview_file_id = l.preview_file_id, updated_at = now()
           FROM latest l WHERE e.id = l.entity_id
         RETURNING e.*
       )
       SELECT u.*, (SELECT et.name FROM entity_type et WHERE et.id = u.entity_type_id) AS __entity_type_name,
              l.preview_file_id AS __preview_file_id, l.ord AS __ord
         FROM updated u JOIN latest l ON l.entity_id = u.id ORDER BY l.ord`,
      [tasks.map((t) => t.id)],
    )
    return rows
  })
  const events = []
  for (const r of rows) {
    const opts = { projectId: r.project_id as string, userId: ctx.actor.id }
    const kind = entityKind(r.__entity_type_name).toLowerCase()
    events.push({ name: 'preview-file:set-main', data: { entity_id: r.id, preview_file_id: r.__preview_file_id }, ...opts })
    events.push({ name: `${kind}:update`, data: { [`${kind}_id`]: r.id }, ...opts })
  }
  await ctx.events.emitMany(events)
  return rows.map((r) => serialize(ctx, entityModel, r, false))
}

/** PUT /actions/tasks/:task_id/set-main-preview. */
export async function setTaskMainPreview(ctx: Ctx, taskId: string): Promise<Row> {
  const task = await loadTask(ctx, taskId)
  const [entity] = await setMainPreviews(ctx, [task])
  if (!entity) throw wrongParameter('This task has no preview file to set as the main preview.')
  return entity
}

/** PUT /actions/tasks/set-main-preview: a missing task is a 404, a refused one a 403. */
export async function setTasksMainPreview(ctx: Ctx, taskIds: string[]): Promise<Row[]> {
  const found = await findTasks(ctx, taskIds)
  const tasks: TaskFacts[] = []
  for (const id of taskIds) {
    const task = isUuid(id) ? found.get(id.toLowerCase()) : undefined
    if (!task) throw notFound()
    if (!tasks.includes(task)) tasks.push(task)
  }
  return setMainPreviews(ctx, tasks)
}
