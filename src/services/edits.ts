// routes.md §15: edits (entities of type Edit, under an episode or none). Vendors only see
// edits holding a task assigned to them, with restricted metadata masked, in the same query.
import { typeIdSql } from './entities/types.ts'
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { join, sql, type Sql } from '../crud/select.ts'
import { serialize } from '../crud/service.ts'
import type { Ctx } from '../crud/context.ts'
import { prepared } from '../db/client.ts'
import { requireEntityRead, requireManagerAccess, requireNotVendor, requireProjectAccess } from './access.ts'
import { loadEntity, type EntityRow } from './entities/load.ts'
import { deleteEntity, requireEntityDelete } from './entities/remove.ts'
import { detailedTasks } from './entities/task-list.ts'
import {
  checkIdCriterions, entityCriterions, entityModel, entityVersions, getOrCreateEntity, hasAssignedTask, listEntities,
  maskedData, queryValue, requireProjectFromPath, taskTypesOfEntity, tasksJson, vendorDepartments, type TaskField,
} from './concepts-edits-shared.ts'

type Query = Record<string, unknown>

/** Zou's EDITS_AND_TASKS_TASK_FIELDS. */
export const EDIT_TASK_FIELDS: readonly TaskField[] = [
  'id', 'duration', 'due_date', 'entity_id', 'end_date', 'estimation', 'last_comment_date', 'last_preview_file_id',
  'nb_assets_ready', 'priority', 'real_start_date', 'retake_count', 'start_date', 'task_status_id', 'task_type_id', 'data',
]

/** GET /data/edits and /data/edits/all: criterions (`assigned_to` special), VENDOR-SCOPE. */
export async function listEdits(ctx: Ctx, query: Query): Promise<Row[]> {
  const role = await requireProjectAccess(ctx, queryValue(query.project_id)?.toLowerCase())
  const where = entityCriterions(query, ['assigned_to'])
  if (role === 'vendor' || query.assigned_to !== undefined) where.push(hasAssignedTask(ctx, sql`t.id`))
  return listEntities(ctx, 'Edit', where, { projectName: true, maskFor: await vendorDepartments(ctx, role) })
}

interface EditRowsOptions {
  /** Only edits with a task assigned to the caller, and only those tasks (Zou's assigned_to). */
  assignedOnly: boolean
  maskFor: string[] | null
}

/** The with-tasks rows of the edits matching `where` (alias `e`), one statement. */
async function editRows(ctx: Ctx, where: Sql[], opts: EditRowsOptions): Promise<Row[]> {
  const conditions = [sql`e.entity_type_id = ${typeIdSql('Edit')}`, ...where]
  if (opts.assignedOnly) conditions.push(hasAssignedTask(ctx, sql`e.id`))
  const data = opts.maskFor ? maskedData(sql`e`, 'Edit', opts.maskFor) : sql`e.data`
  const q = sql`SELECT e.id, e.name, e.description, ${data} AS data, e.canceled, e.entity_type_id, e.parent_id,
      e.preview_file_id, e.source_id, e.nb_entities_out, e.project_id, ep.id AS episode_id, ep.name AS episode_name,
      p.name AS project_name, ${tasksJson(ctx, sql`e`, EDIT_TASK_FIELDS, opts.assignedOnly)} AS tasks
    FROM entity e JOIN project p ON p.id = e.project_id LEFT JOIN entity ep ON ep.id = e.parent_id
    WHERE ${join(conditions, ' AND ')}
    ORDER BY e.name, e.id`
  const { rows } = await ctx.pool.query(prepared(q.text, q.values))
  return rows.map((r: Row) => ({
    canceled: r.canceled, data: r.data ?? {}, description: r.description, entity_type_id: r.entity_type_id,
    episode_id: r.episode_id, episode_name: r.episode_name ?? '', id: r.id, name: r.name, parent_id: r.parent_id,
    preview_file_id: r.preview_file_id, project_id: r.project_id, project_name: r.project_name, source_id: r.source_id,
    nb_entities_out: r.nb_entities_out, tasks: r.tasks, type: 'Edit',
  }))
}

/** GET /data/edits/with-tasks: `project_id`, `id`, `episode_id`, `assigned_to`; VENDOR-SCOPE. */
export async function editsWithTasks(ctx: Ctx, query: Query): Promise<Row[]> {
  checkIdCriterions(query, ['id', 'project_id', 'episode_id'])
  const projectId = queryValue(query.project_id)?.toLowerCase()
  const role = await requireProjectAccess(ctx, projectId)
  const where: Sql[] = []
  if (projectId) where.push(sql`e.project_id = ${projectId}::uuid`)
  const id = queryValue(query.id)
  if (id) where.push(sql`e.id = ${id.toLowerCase()}::uuid`)
  const episodeId = queryValue(query.episode_id)
  // Zou 500s on the "all"/"main" pseudo-episodes Kitsu uses elsewhere: all = no filter,
  // main = edits outside any episode.
  if (episodeId === 'main') where.push(sql`e.parent_id IS NULL`)
  else if (episodeId && episodeId !== 'all') where.push(sql`e.parent_id = ${episodeId.toLowerCase()}::uuid`)
  return editRows(ctx, where, {
    assignedOnly: role === 'vendor' || query.assigned_to !== undefined,
    maskFor: await vendorDepartments(ctx, role),
  })
}

async function readableEdit(ctx: Ctx, id: string): Promise<EntityRow> {
  const edit = await loadEntity(ctx, id, 'Edit')
  await requireEntityRead(ctx, edit)
  return edit
}

/** GET /data/edits/:id: the with-tasks row of the edit (every task, as Zou). */
export async function getEdit(ctx: Ctx, id: string): Promise<Row> {
  const edit = await readableEdit(ctx, id)
  const [row] = await editRows(ctx, [sql`e.id = ${edit.id}::uuid`], { assignedOnly: false, maskFor: null })
  return row
}

export async function deleteEdit(ctx: Ctx, id: string, force: boolean): Promise<void> {
  const edit = await loadEntity(ctx, id, 'Edit')
  await requireEntityDelete(ctx, edit)
  await deleteEntity(ctx, edit, force)
}

/** The id of an edit the caller may read (for the shared per-entity answers). */
export async function readableEditId(ctx: Ctx, id: string): Promise<string> {
  return (await readableEdit(ctx, id)).id
}

export async function editTaskTypes(ctx: Ctx, id: string): Promise<Row[]> {
  return taskTypesOfEntity(ctx, await readableEditId(ctx, id))
}

export async function editTasks(ctx: Ctx, id: string, relations: boolean): Promise<Row[]> {
  const edit = await readableEdit(ctx, id)
  return detailedTasks(ctx, sql`t.entity_id = ${edit.id}::uuid`, relations)
}

export async function editVersions(ctx: Ctx, id: string): Promise<Row[]> {
  return entityVersions(ctx, await readableEditId(ctx, id), 'EditVersion')
}

/** GET /data/episodes/:episode_id/edits: PA + EA on the episode; metadata masked for vendors. */
export async function episodeEdits(ctx: Ctx, episodeId: string, relations: boolean): Promise<Row[]> {
  const episode = await loadEntity(ctx, episodeId, 'Episode')
  const role = await requireEntityRead(ctx, episode)
  return listEntities(ctx, 'Edit', [sql`t.parent_id = ${episode.id}::uuid`], { relations, maskFor: await vendorDepartments(ctx, role) })
}

/** GET /data/episodes/:episode_id/edit-tasks: PA + EA, NOVENDOR; detailed tasks of its edits. */
export async function episodeEditTasks(ctx: Ctx, episodeId: string, relations: boolean): Promise<Row[]> {
  const episode = await loadEntity(ctx, episodeId, 'Episode')
  requireNotVendor(ctx, await requireEntityRead(ctx, episode))
  return detailedTasks(ctx, sql`e.parent_id = ${episode.id}::uuid AND e.entity_type_id = ${typeIdSql('Edit')}`, relations)
}

/** GET /data/projects/:project_id/edits: vendors only get the edits they hold a task on. */
export async function projectEdits(ctx: Ctx, projectId: string): Promise<Row[]> {
  const role = await requireProjectFromPath(ctx, projectId)
  const where = [sql`t.project_id = ${projectId.toLowerCase()}::uuid`]
  if (role === 'vendor') where.push(hasAssignedTask(ctx, sql`t.id`))
  return listEntities(ctx, 'Edit', where, { maskFor: await vendorDepartments(ctx, role) })
}

export interface NewEditBody {
  name: string
  description?: string | null
  data?: Record<string, unknown> | null
  episode_id?: string | null
}

/** Python's UUID(): hyphens, braces and a `urn:uuid:` prefix are accepted; null when invalid. */
function parseUuid(value: string): string | null {
  const hex = value.replace(/^urn:/i, '').replace(/^uuid:/i, '').replace(/^\{|\}$/g, '').replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/i.test(hex)) return null
  const h = hex.toLowerCase()
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** The body's episode: an Episode of the project, or null when none is given. */
async function parentEpisode(ctx: Ctx, projectId: string, episodeId: string | null | undefined): Promise<string | null> {
  // Zou: an empty value means no episode.
  if (episodeId === null || episodeId === undefined || episodeId === '') return null
  const id = parseUuid(episodeId)
  if (!id) throw wrongParameter('Validation error.', { errors: [{ field: 'episode_id', message: 'Input should be a valid UUID' }] })
  const { rowCount } = await ctx.pool.query(
    `SELECT 1 FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
     WHERE e.id = $1 AND e.project_id = $2 AND et.name = 'Episode'`,
    [id, projectId],
  )
  // Zou writes any id (a foreign key error for an unknown one): only an episode of the project is taken.
  if (!rowCount) throw notFound()
  return id
}

/** POST /data/projects/:project_id/edits: MPA; get-or-create by (parent, name); new → `edit:new`. */
export async function createEdit(ctx: Ctx, projectId: string, body: NewEditBody): Promise<Row> {
  if (!isUuid(projectId)) throw notFound()
  const project = projectId.toLowerCase()
  await requireManagerAccess(ctx, project)
  const parentId = await parentEpisode(ctx, project, body.episode_id)
  const { row, created } = await getOrCreateEntity(ctx.pool, {
    kind: 'Edit', projectId: project, name: body.name, parentId,
    description: body.description === undefined ? '' : body.description, data: body.data ?? {}, createdBy: ctx.actor.id,
  }, true)
  if (created) {
    await ctx.events.emit('edit:new', { edit_id: row.id, parent_id: parentId }, { projectId: project, userId: ctx.actor.id })
  }
  return serialize(ctx, entityModel, row, false)
}
