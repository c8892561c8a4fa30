// GET /data/shots/with-tasks and the with-tasks half of GET /data/shots/:id (routes.md §3):
// every shot of the filter with its sequence, episode and project names and its tasks
// (assignees, caller's subscription), built as JSON by one SQL statement whatever the
// production size. Vendors only get shots and tasks assigned to them, with masked metadata.
import type { Ctx } from '../crud/context.ts'
import { empty, join, raw, sql, type Sql } from '../crud/select.ts'
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { WithTasksLayout } from './entities/with-tasks-output.ts'
import { assignedEntity, assignedTask, maskedData } from './entities/vendor-scope.ts'
import { typeIdSql } from './entities/types.ts'
import { requireProjectAccess } from './access.ts'

export const SHOT_FIELDS = [
  'canceled', 'data', 'description', 'entity_type_id', 'episode_id', 'episode_name', 'fps', 'frame_in', 'frame_out',
  'id', 'name', 'nb_frames', 'parent_id', 'preview_file_id', 'project_id', 'project_name', 'sequence_id',
  'sequence_name', 'source_id', 'nb_entities_out', 'is_casting_standby', 'type', 'tasks',
] as const

export const SHOT_TASK_FIELDS = [
  'id', 'duration', 'due_date', 'end_date', 'done_date', 'entity_id', 'estimation', 'is_subscribed',
  'last_comment_date', 'last_preview_file_id', 'nb_assets_ready', 'priority', 'real_start_date', 'retake_count',
  'start_date', 'difficulty', 'nb_drawings', 'task_status_id', 'task_type_id', 'assignees', 'data',
] as const

export const shotsLayout: WithTasksLayout = { fieldsKey: 'shot_fields', fields: SHOT_FIELDS, taskFields: SHOT_TASK_FIELDS }

export interface ShotsFilter {
  projectId?: string | null
  id?: string | null
  /** Shots whose sequence's parent is this episode. */
  episodeId?: string | null
  /** Only shots with a task assigned to the caller, and only those tasks. */
  assigned?: boolean
  /** Strip the vendor-restricted descriptor fields from `data`. */
  mask?: boolean
  /** Keep shots without a sequence (the single-shot GET). */
  withoutSequence?: boolean
}

/** Datetimes as Zou writes them: json_build_object renders a timestamp as YYYY-MM-DDTHH:MM:SS[.f]. */
const dt = (column: string) => raw(`date_trunc('second', t.${column})`)

function taskJson(ctx: Ctx): Sql {
  const subscribed = sql`t.id IN (SELECT sb.task_id FROM subscription sb WHERE sb.person_id = ${ctx.actor.id}::uuid AND sb.task_id IS NOT NULL)`
  const assignees = raw(`COALESCE((SELECT json_agg(l.person_id) FROM task_person_link l WHERE l.task_id = t.id), '[]'::json)`)
  return sql`json_build_object('id', t.id, 'duration', t.duration, 'due_date', ${dt('due_date')}, 'end_date', ${dt('end_date')},
    'done_date', ${dt('done_date')}, 'entity_id', t.entity_id, 'estimation', t.estimation, 'is_subscribed', ${subscribed},
    'last_comment_date', ${dt('last_comment_date')}, 'last_preview_file_id', t.last_preview_file_id,
    'nb_assets_ready', t.nb_assets_ready, 'priority', COALESCE(t.priority, 0), 'real_start_date', ${dt('real_start_date')},
    'retake_count', t.retake_count, 'start_date', ${dt('start_date')}, 'difficulty', t.difficulty, 'nb_drawings', t.nb_drawings,
    'task_status_id', t.task_status_id, 'task_type_id', t.task_type_id, 'assignees', ${assignees}, 'data', t.data)`
}

/** The with-tasks rows of the shots matching the filter, ordered by episode, sequence and shot name. */
export async function shotsWithTasks(ctx: Ctx, f: ShotsFilter): Promise<Row[]> {
  const where: Sql[] = [sql`t.entity_type_id = ${typeIdSql('Shot')}`]
  if (f.id) where.push(sql`t.id = ${f.id}::uuid`)
  if (f.projectId) where.push(sql`t.project_id = ${f.projectId}::uuid`)
  if (f.episodeId) where.push(sql`sq.parent_id = ${f.episodeId}::uuid`)
  if (f.assigned) where.push(assignedEntity(ctx, sql`t.id`))
  const data = f.mask ? maskedData(ctx, 'Shot', 't') : sql`COALESCE(t.data, '{}'::jsonb)`
  const q = sql`WITH shots AS MATERIALIZED (
      SELECT t.id, t.name, t.description, ${data} AS data, t.canceled, t.entity_type_id, t.parent_id, t.preview_file_id,
        t.source_id, t.nb_frames, t.nb_entities_out, t.is_casting_standby, t.project_id,
        ep.id AS episode_id, ep.name AS episode_name, sq.id AS sequence_id, sq.name AS sequence_name, p.name AS project_name
      FROM entity t
      JOIN project p ON p.id = t.project_id
      ${f.withoutSequence ? sql`LEFT JOIN` : sql`JOIN`} entity sq ON sq.id = t.parent_id
      LEFT JOIN entity ep ON ep.id = sq.parent_id
      WHERE ${join(where, ' AND ')}
    ),
    tasks AS (
      SELECT t.entity_id, json_agg(${taskJson(ctx)}) AS tasks
      FROM task t JOIN shots s ON s.id = t.entity_id
      ${f.assigned ? sql`WHERE ${assignedTask(ctx, sql`t.id`)}` : empty}
      GROUP BY t.entity_id
    )
    SELECT s.episode_name AS k1, s.sequence_name AS k2, s.name AS k3, json_build_object(
      'canceled', s.canceled, 'data', s.data, 'description', s.description, 'entity_type_id', s.entity_type_id,
      'episode_id', s.episode_id, 'episode_name', COALESCE(s.episode_name, ''), 'fps', s.data->'fps',
      'frame_in', s.data->'frame_in', 'frame_out', s.data->'frame_out', 'id', s.id, 'name', s.name,
      'nb_frames', s.nb_frames, 'parent_id', s.parent_id, 'preview_file_id', s.preview_file_id,
      'project_id', s.project_id, 'project_name', s.project_name, 'sequence_id', s.sequence_id,
      'sequence_name', s.sequence_name, 'source_id', s.source_id, 'nb_entities_out', s.nb_entities_out,
      'is_casting_standby', s.is_casting_standby, 'tasks', COALESCE(tk.tasks, '[]'::json), 'type', 'Shot') AS row
    FROM shots s LEFT JOIN tasks tk ON tk.entity_id = s.id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  // Sorted here rather than in SQL: sorting the built rows would make PostgreSQL move them all.
  rows.sort((a: Row, b: Row) => cmp(a.k1, b.k1) || cmp(a.k2, b.k2) || cmp(a.k3, b.k3))
  return rows.map((r: Row) => r.row as Row)
}

const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as string) < (b as string) ? -1 : 1)

function idArg(name: string, value: string | undefined, sentinels: string[] = []): string | null {
  if (value === undefined) return null
  if (sentinels.includes(value)) return value
  if (!isUuid(value)) throw wrongParameter(`Invalid UUID format for ${name}: ${value}`)
  return value.toLowerCase()
}

/** GET /data/shots/with-tasks: the query read as Zou does, then PA(project) and vendor scope. */
export async function listShotsWithTasks(ctx: Ctx, query: Record<string, string>): Promise<Row[]> {
  const id = idArg('id', query.id)
  const projectId = idArg('project_id', query.project_id)
  const episodeId = idArg('episode_id', query.episode_id, ['all'])
  const role = await requireProjectAccess(ctx, projectId)
  const vendor = role === 'vendor'
  return shotsWithTasks(ctx, {
    id,
    projectId,
    episodeId: episodeId === 'all' ? null : episodeId,
    assigned: vendor || 'assigned_to' in query,
    mask: vendor,
  })
}
