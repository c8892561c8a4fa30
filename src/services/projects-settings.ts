// routes.md §7: a project's settings, i.e. the asset types, task types, task statuses, status
// automations and preview backgrounds linked to it. Adding is idempotent, removing never
// fails on an absent link; each write is one SQL statement and emits project:update after it.
import type { Ctx } from '../crud/context.ts'
import { selectList } from '../crud/select.ts'
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { requireManagerAccess, requireProjectAccess } from './access.ts'
import { crudModel, emitProjectUpdate, plainProject, requireUuid } from './projects-shared.ts'

interface Setting {
  /** Link table and its column pointing at the linked row. */
  table: string
  column: string
  /** Table of the linked rows, and Zou's model name for the "not found" message. */
  target: string
  modelName: string
  /** CRUD route of the linked model (columns and serializer) and the list order. */
  route: string
  order: string
}

export const SETTINGS = {
  'asset-types': {
    table: 'project_asset_type_link', column: 'asset_type_id', target: 'entity_type', modelName: 'EntityType',
    route: 'entity-types', order: 't.name',
  },
  'task-types': {
    table: 'project_task_type_link', column: 'task_type_id', target: 'task_type', modelName: 'TaskType',
    route: 'task-types', order: 't.priority, t.name',
  },
  'task-status': {
    table: 'project_task_status_link', column: 'task_status_id', target: 'task_status', modelName: 'TaskStatus',
    route: 'task-status', order: 't.priority, t.name',
  },
  'status-automations': {
    table: 'project_status_automation_link', column: 'status_automation_id', target: 'status_automation',
    modelName: 'StatusAutomation', route: 'status-automations', order: 't.created_at',
  },
  'preview-background-files': {
    table: 'project_preview_background_file_link', column: 'preview_background_file_id',
    target: 'preview_background_file', modelName: 'PreviewBackgroundFile', route: 'preview-background-files', order: 't.name',
  },
} as const satisfies Record<string, Setting>

export type SettingKind = keyof typeof SETTINGS

/** The rows linked to the project, serialized as their model (plain). */
export async function listLinked(ctx: Ctx, projectId: string, kind: SettingKind, access: 'project' | 'manager'): Promise<Row[]> {
  await (access === 'manager' ? requireManagerAccess(ctx, projectId) : requireProjectAccess(ctx, projectId))
  const s = SETTINGS[kind]
  const m = crudModel(s.route)
  const { rows } = await ctx.pool.query(
    `SELECT ${selectList(m, false).text} FROM ${s.target} t JOIN ${s.table} l ON l.${s.column} = t.id
     WHERE l.project_id = $1 ORDER BY ${s.order}, t.id`,
    [projectId],
  )
  return rows.map((row) => m.serializer(row))
}

/**
 * Links a row to the project unless it already is (an existing task type link keeps its
 * priority). An unknown or malformed id is a 400 naming the model, as Zou words it.
 */
export async function addLinked(ctx: Ctx, projectId: string, kind: SettingKind, id: string, priority: number | null = null): Promise<Row> {
  const s = SETTINGS[kind]
  await requireManagerAccess(ctx, projectId)
  const unknown = wrongParameter(`${s.modelName} with id ${id} not found`)
  if (kind === 'task-types') requireUuid(id, 'task_type_id is required and must be a valid UUID')
  else if (!isUuid(id)) throw unknown
  const withPriority = kind === 'task-types'
  const { rows } = await ctx.pool.query(
    `WITH target AS (SELECT id FROM ${s.target} WHERE id = $2::uuid),
     ins AS (
       INSERT INTO ${s.table} (project_id, ${s.column}${withPriority ? ', priority' : ''})
       SELECT $1::uuid, target.id${withPriority ? ', $3::int' : ''} FROM target
       ON CONFLICT DO NOTHING RETURNING 1)
     SELECT count(*)::int AS found FROM target`,
    withPriority ? [projectId, id, priority] : [projectId, id],
  )
  if (!rows[0].found) throw unknown
  await emitProjectUpdate(ctx, projectId)
  return plainProject(ctx, projectId)
}

/** Unlinks a row from the project; absent links are fine (Zou). */
export async function removeLinked(ctx: Ctx, projectId: string, kind: SettingKind, id: string): Promise<void> {
  const s = SETTINGS[kind]
  await requireManagerAccess(ctx, projectId)
  await ctx.pool.query(`DELETE FROM ${s.table} WHERE project_id = $1 AND ${s.column} = $2`, [projectId, requireUuid(id)])
  await emitProjectUpdate(ctx, projectId)
}

export interface SettingsBatch {
  task_types?: Array<{ task_type_id: string; priority?: number | null }>
  task_status_ids?: string[]
  asset_type_ids?: string[]
  replace_task_types?: boolean
}

const uuids = (ids: string[]) => ids.map((id) => requireUuid(id))

/**
 * POST settings/batch, in one statement: creates the missing task type links (a listed
 * priority updates an existing one), removes unlisted ones with replace_task_types, and links
 * the task statuses and asset types. Unknown ids are skipped (Zou); malformed ones are a 400.
 */
export async function applySettingsBatch(ctx: Ctx, projectId: string, body: SettingsBatch): Promise<Row> {
  await requireManagerAccess(ctx, projectId)
  const taskTypes = body.task_types ?? []
  const taskTypeIds = uuids(taskTypes.map((t) => t.task_type_id))
  const priorities = taskTypes.map((t) => t.priority ?? null)
  await ctx.pool.query(
    `WITH wanted AS (
       -- the last entry of a task type wins, as in Zou's dict
       SELECT DISTINCT ON (w.id) w.id, w.priority
       FROM unnest($2::uuid[], $3::int[]) WITH ORDINALITY AS w(id, priority, n)
       JOIN task_type tt ON tt.id = w.id
       ORDER BY w.id, w.n DESC),
     upsert AS (
       INSERT INTO project_task_type_link AS l (project_id, task_type_id, priority)
       SELECT $1::uuid, id, priority FROM wanted
       ON CONFLICT (project_id, task_type_id) DO UPDATE SET priority = EXCLUDED.priority, updated_at = now()
         WHERE EXCLUDED.priority IS NOT NULL AND l.priority IS DISTINCT FROM EXCLUDED.priority
       RETURNING 1),
     unlisted AS (
       DELETE FROM project_task_type_link
       WHERE $4::boolean AND project_id = $1::uuid AND task_type_id <> ALL($2::uuid[])
       RETURNING 1),
     statuses AS (
       INSERT INTO project_task_status_link (project_id, task_status_id)
       SELECT DISTINCT $1::uuid, s.id FROM task_status s WHERE s.id = ANY($5::uuid[])
       ON CONFLICT DO NOTHING RETURNING 1),
     asset_types AS (
       INSERT INTO project_asset_type_link (project_id, asset_type_id)
       SELECT DISTINCT $1::uuid, e.id FROM entity_type e WHERE e.id = ANY($6::uuid[])
       ON CONFLICT DO NOTHING RETURNING 1)
     SELECT 1`,
    [
      projectId, taskTypeIds, priorities, body.replace_task_types === true,
      uuids(body.task_status_ids ?? []), uuids(body.asset_type_ids ?? []),
    ],
  )
  await emitProjectUpdate(ctx, projectId)
  return plainProject(ctx, projectId)
}
