// GET /data/assets/with-tasks and the "full asset" of GET /data/assets/:id (routes.md §2):
// assets with their tasks in three SQL statements whatever the production size — the assets
// (with the episodes casting them), their tasks (with the caller's subscription), and the
// tasks' assignees — run side by side and joined in memory. Dates and ids come out of
// PostgreSQL as text.
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { crudByRoute } from '../crud/models.ts'
import { raw, selectById, sql, whereClause, type Sql } from '../crud/select.ts'
import { serialize } from '../crud/service.ts'
import type { Ctx } from '../crud/context.ts'
import type { WithTasksLayout } from './entities/with-tasks-output.ts'
import type { EntityRow } from './entities/load.ts'
import { loadEntity } from './entities/load.ts'
import { requireProjectAccess } from './access.ts'
import {
  assetScope, assignedToCaller, hasTaskOfCaller, hiddenFields, isAssetType, maskData, visibleEntities, visibleTasks,
  type AssetScope,
} from './assets-scope.ts'

export const ASSET_LAYOUT: WithTasksLayout = {
  fieldsKey: 'asset_fields',
  fields: ['id', 'name', 'preview_file_id', 'description', 'asset_type_name', 'asset_type_id', 'canceled', 'ready_for',
    'episode_id', 'casting_episode_ids', 'is_casting_standby', 'is_shared', 'data', 'tasks'],
  taskFields: ['id', 'due_date', 'done_date', 'duration', 'entity_id', 'estimation', 'end_date', 'is_subscribed',
    'last_comment_date', 'last_preview_file_id', 'priority', 'real_start_date', 'retake_count', 'start_date', 'difficulty',
    'task_status_id', 'task_type_id', 'assignees', 'data'],
}

export interface WithTasksFilter {
  id?: string
  projectId?: string
  /** `main` (no main episode), `all` (no filter), or an episode id (main episode or cast in it). */
  episodeId?: string
  /** Only the assets with a task assigned to the caller, and only those tasks. */
  assigned: boolean
  /** Fill casting_episode_ids even without a project (the full asset). */
  withEpisodeIds: boolean
  /** The caller's scope; null: none (single-asset reads, already checked). */
  scope: AssetScope | null
}

/** Zou's isoformat() of a naive datetime without microseconds. */
const dt = (col: string) => raw(`to_char(t.${col}, 'YYYY-MM-DD"T"HH24:MI:SS')`)

function assetConditions(ctx: Ctx, f: WithTasksFilter): Sql[] {
  const where: Sql[] = [isAssetType('et')]
  if (f.id) where.push(sql`e.id = ${f.id}::uuid`)
  if (f.projectId) where.push(sql`e.project_id = ${f.projectId}::uuid`)
  if (f.episodeId === 'main') where.push(sql`e.source_id IS NULL`)
  else if (f.episodeId && f.episodeId !== 'all') {
    where.push(sql`(e.source_id = ${f.episodeId}::uuid
      OR EXISTS (SELECT 1 FROM entity_link el WHERE el.entity_out_id = e.id AND el.entity_in_id = ${f.episodeId}::uuid))`)
  }
  if (f.assigned) where.push(hasTaskOfCaller(ctx, sql`e.id`))
  if (f.scope) where.push(...visibleEntities(ctx, f.scope, 'e'))
  return where
}

function castingEpisodes(f: WithTasksFilter): Sql {
  if (!f.projectId && !f.withEpisodeIds) return sql`NULL::text[]`
  const byEpisode = f.episodeId && f.episodeId !== 'all' && f.episodeId !== 'main'
  return sql`(SELECT array_agg(l.entity_in_id::text ORDER BY ep.name) FROM entity_link l
      JOIN entity ep ON ep.id = l.entity_in_id JOIN entity_type ept ON ept.id = ep.entity_type_id
      WHERE l.entity_out_id = e.id AND ept.name = 'Episode'
      ${f.projectId ? sql`AND ep.project_id = ${f.projectId}::uuid` : sql``}
      ${byEpisode ? sql`AND l.entity_in_id = ${f.episodeId}::uuid` : sql``})`
}

/** The with-tasks rows of the assets matching the filter, ordered by type name then name. */
export async function assetsWithTasks(ctx: Ctx, f: WithTasksFilter): Promise<Row[]> {
  const where = assetConditions(ctx, f)
  const taskWhere = [...where, ...(f.scope ? visibleTasks(ctx, f.scope, 't', 'e') : [])]
  if (f.assigned) taskWhere.push(assignedToCaller(ctx, sql`t.id`))
  // Redundant with the entity's, but lets the planner reach the tasks by their own indexes.
  if (f.projectId) taskWhere.push(sql`t.project_id = ${f.projectId}::uuid`)
  if (f.id) taskWhere.push(sql`t.entity_id = ${f.id}::uuid`)
  const assetsQ = sql`SELECT e.id::text AS id, e.name, e.preview_file_id::text AS preview_file_id, e.description,
      et.name AS asset_type_name, e.entity_type_id::text AS asset_type_id, e.canceled, e.ready_for::text AS ready_for,
      e.source_id::text AS source_id, e.is_casting_standby, e.is_shared, e.data, e.project_id::text AS project_id,
      ${castingEpisodes(f)} AS casting_episode_ids
    FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
    ${whereClause(where)}
    ORDER BY et.name, e.name`
  // Columns in task_fields order (rows as arrays): assignees are added from the third statement.
  const tasksQ = sql`SELECT t.id, ${dt('due_date')}, ${dt('done_date')}, t.duration, t.entity_id, t.estimation, ${dt('end_date')},
      s.task_id IS NOT NULL, ${dt('last_comment_date')}, COALESCE(t.last_preview_file_id::text, ''), COALESCE(t.priority, 0),
      ${dt('real_start_date')}, t.retake_count, ${dt('start_date')}, t.difficulty, t.task_status_id, t.task_type_id, t.data
    FROM task t JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id
    LEFT JOIN (SELECT DISTINCT task_id FROM subscription WHERE person_id = ${ctx.actor.id}::uuid AND task_id IS NOT NULL) s
      ON s.task_id = t.id
    ${whereClause(taskWhere)}`
  // Assignees apart (as Zou does): a third statement the database runs alongside the others.
  const linksQ = sql`SELECT l.task_id, l.person_id
    FROM task_person_link l JOIN task t ON t.id = l.task_id JOIN entity e ON e.id = t.entity_id
    JOIN entity_type et ON et.id = e.entity_type_id
    ${whereClause(taskWhere)}`
  const [assets, tasks, links, hidden] = await Promise.all([
    ctx.pool.query(assetsQ.text, assetsQ.values),
    ctx.pool.query({ text: tasksQ.text, values: tasksQ.values, rowMode: 'array' }),
    ctx.pool.query({ text: linksQ.text, values: linksQ.values, rowMode: 'array' }),
    f.scope ? hiddenFields(ctx, f.scope) : new Map<string, Set<string>>(),
  ])
  const assignees = new Map<string, string[]>()
  for (const [taskId, personId] of links.rows as string[][]) {
    const list = assignees.get(taskId)
    if (list) list.push(personId)
    else assignees.set(taskId, [personId])
  }
  const byAsset = new Map<string, Row[]>()
  for (const t of tasks.rows as unknown[][]) {
    const id = t[0] as string
    const entityId = t[4] as string
    const task = {
      id,
      due_date: t[1],
      done_date: t[2],
      duration: t[3],
      entity_id: entityId,
      estimation: t[5],
      end_date: t[6],
      is_subscribed: t[7],
      last_comment_date: t[8],
      last_preview_file_id: t[9],
      priority: t[10],
      real_start_date: t[11],
      retake_count: t[12],
      start_date: t[13],
      difficulty: t[14],
      task_status_id: t[15],
      task_type_id: t[16],
      assignees: assignees.get(id) ?? [],
      data: t[17],
    }
    const list = byAsset.get(entityId)
    if (list) list.push(task)
    else byAsset.set(entityId, [task])
  }
  return assets.rows.map((a) => ({
    id: a.id,
    name: a.name,
    preview_file_id: a.preview_file_id ?? '',
    description: a.description,
    asset_type_name: a.asset_type_name,
    asset_type_id: a.asset_type_id,
    canceled: a.canceled,
    ready_for: a.ready_for ?? 'None', // Zou: str(None)
    episode_id: a.source_id ?? '',
    casting_episode_ids: a.casting_episode_ids ?? [],
    is_casting_standby: a.is_casting_standby,
    is_shared: a.is_shared,
    data: hidden.size ? maskData(hidden, a.project_id, a.data ?? {}) : (a.data ?? {}),
    tasks: byAsset.get(a.id) ?? [],
  }))
}

/**
 * GET /data/assets/with-tasks: ids checked (400), PA on the project or episode asked for,
 * then the caller's scope.
 */
export async function listAssetsWithTasks(ctx: Ctx, query: Record<string, string>): Promise<Row[]> {
  for (const key of ['id', 'project_id', 'episode_id']) {
    const v = query[key]
    if (v === undefined || (key === 'episode_id' && (v === 'all' || v === 'main'))) continue
    if (!isUuid(v)) throw wrongParameter(`Invalid UUID format for ${key}: ${v}`)
  }
  const episodeId = query.episode_id
  if ('project_id' in query) await requireProjectAccess(ctx, query.project_id)
  // Zou looks `main` and `all` up as episodes (and fails); Slate lists the caller's projects.
  else if (isUuid(episodeId)) await requireProjectAccess(ctx, (await loadEntity(ctx, episodeId, 'Episode')).project_id)
  return assetsWithTasks(ctx, {
    id: query.id,
    projectId: query.project_id,
    episodeId,
    assigned: 'assigned_to' in query,
    withEpisodeIds: false,
    scope: await assetScope(ctx),
  })
}

/**
 * The "full asset": the asset with its relation keys (no source_id, nb_frames), project and
 * type names, merged with its with-tasks row. Access is the caller's business.
 */
export async function fullAsset(ctx: Ctx, asset: EntityRow): Promise<Row> {
  const entities = crudByRoute.get('entities')!
  const [row, [withTasks]] = await Promise.all([
    selectById(ctx, entities, asset.id, true),
    assetsWithTasks(ctx, { id: asset.id, assigned: false, withEpisodeIds: true, scope: null }),
  ])
  const out = serialize(ctx, entities, row!, true)
  delete out.source_id
  delete out.nb_frames
  out.project_name = asset.project_name
  out.asset_type_id = asset.entity_type_id
  out.asset_type_name = asset.entity_type_name
  return Object.assign(out, withTasks)
}
