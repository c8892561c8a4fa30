// GET /data/shots/with-tasks and the with-tasks half of GET /data/shots/:id (routes.md §3):
// every shot of the filter with its sequence, episode and project names and its tasks
// (assignees, caller's subscription). One SQL statement whatever the production size, which
// also writes each row's JSON text (object, or array for the compact form): Node only joins
// them. Vendors only get shots and tasks assigned to them, with masked metadata.
import type { Ctx } from '../crud/context.ts'
import { empty, join, raw, sql, type Sql } from '../crud/select.ts'
import { wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { WithTasksLayout } from './entities/with-tasks-output.ts'
import { jsonArraySql, jsonObjectSql, pickFields, type JsonField } from './entities/json-sql.ts'
import { hasAssignedTask, assignedTask, maskedData } from './entities/vendor-scope.ts'
import { typeIdSql } from './entities/types.ts'
import { requireProjectAccess } from './access.ts'
import { limiter } from '../lib/limiter.ts'

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

/** Task values (alias t; `subs` = the caller's subscribed task ids, `a` = assignee ids). */
const TASK_JSON: JsonField[] = [
  ['id', 't.id', 'uuid'], ['duration', 't.duration', 'num'], ['due_date', 't.due_date', 'ts'],
  ['end_date', 't.end_date', 'ts'], ['done_date', 't.done_date', 'ts'], ['entity_id', 't.entity_id', 'uuid'],
  ['estimation', 't.estimation', 'num'], ['is_subscribed', 't.id IN (SELECT task_id FROM subs)', 'bool'],
  ['last_comment_date', 't.last_comment_date', 'ts'], ['last_preview_file_id', 't.last_preview_file_id', 'uuid'],
  ['nb_assets_ready', 't.nb_assets_ready', 'num'], ['priority', 'COALESCE(t.priority, 0)', 'num'],
  ['real_start_date', 't.real_start_date', 'ts'], ['retake_count', 't.retake_count', 'num'],
  ['start_date', 't.start_date', 'ts'], ['difficulty', 't.difficulty', 'num'], ['nb_drawings', 't.nb_drawings', 'num'],
  ['task_status_id', 't.task_status_id', 'uuid'], ['task_type_id', 't.task_type_id', 'uuid'],
  ['assignees', `'[' || COALESCE(a.ids, '') || ']'`, 'raw'], ['data', 't.data', 'json'],
]

/** Shot values, in Zou's dict order (alias s = the shots CTE, tk = the shot's task texts). */
const SHOT_JSON: JsonField[] = [
  ['canceled', 's.canceled', 'bool'], ['data', 's.data', 'json'], ['description', 's.description', 'text'],
  ['entity_type_id', 's.entity_type_id', 'uuid'], ['episode_id', 's.episode_id', 'uuid'],
  ['episode_name', `COALESCE(s.episode_name, '')`, 'text'], ['fps', `s.data->'fps'`, 'json'],
  ['frame_in', `s.data->'frame_in'`, 'json'], ['frame_out', `s.data->'frame_out'`, 'json'], ['id', 's.id', 'uuid'],
  ['name', 's.name', 'text'], ['nb_frames', 's.nb_frames', 'num'], ['parent_id', 's.parent_id', 'uuid'],
  ['preview_file_id', 's.preview_file_id', 'uuid'], ['project_id', 's.project_id', 'uuid'],
  ['project_name', 's.project_name', 'text'], ['sequence_id', 's.sequence_id', 'uuid'],
  ['sequence_name', 's.sequence_name', 'text'], ['source_id', 's.source_id', 'uuid'],
  ['nb_entities_out', 's.nb_entities_out', 'num'], ['is_casting_standby', 's.is_casting_standby', 'bool'],
  ['tasks', `'[' || COALESCE(tk.tasks, '') || ']'`, 'raw'], ['type', `'"Shot"'`, 'raw'],
]

const TEXT = {
  plain: { shot: raw(jsonObjectSql(SHOT_JSON)), task: raw(jsonObjectSql(TASK_JSON)) },
  compact: { shot: raw(jsonArraySql(pickFields(SHOT_JSON, SHOT_FIELDS))), task: raw(jsonArraySql(pickFields(TASK_JSON, SHOT_TASK_FIELDS))) },
}

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

/**
 * The JSON texts of the with-tasks rows of the shots matching the filter (objects, or
 * Zou's compact arrays), ordered by episode, sequence and shot name.
 */
export async function shotsWithTasksText(ctx: Ctx, f: ShotsFilter, compact = false): Promise<string[]> {
  const where: Sql[] = [sql`t.entity_type_id = ${typeIdSql('Shot')}`]
  if (f.id) where.push(sql`t.id = ${f.id}::uuid`)
  if (f.projectId) where.push(sql`t.project_id = ${f.projectId}::uuid`)
  if (f.episodeId) where.push(sql`sq.parent_id = ${f.episodeId}::uuid`)
  if (f.assigned) where.push(hasAssignedTask(ctx, sql`t.id`))
  const data = f.mask ? maskedData(raw('t'), 'Shot', ctx.actor.departments) : sql`COALESCE(t.data, '{}'::jsonb)`
  const text = compact ? TEXT.compact : TEXT.plain
  const taskFilter = f.assigned ? sql`WHERE ${assignedTask(ctx, sql`t.id`)}` : empty
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
    subs AS (SELECT task_id FROM subscription WHERE person_id = ${ctx.actor.id}::uuid AND task_id IS NOT NULL),
    asg AS (
      SELECT l.task_id, string_agg('"' || l.person_id::text || '"', ',') AS ids
      FROM task_person_link l JOIN task t ON t.id = l.task_id JOIN shots s ON s.id = t.entity_id
      ${taskFilter}
      GROUP BY l.task_id
    ),
    tasks AS (
      SELECT t.entity_id, string_agg(${text.task}, ',') AS tasks
      FROM task t JOIN shots s ON s.id = t.entity_id LEFT JOIN asg a ON a.task_id = t.id
      ${taskFilter}
      GROUP BY t.entity_id
    )
    SELECT s.episode_name AS k1, s.sequence_name AS k2, s.name AS k3, ${text.shot} AS row
    FROM shots s LEFT JOIN tasks tk ON tk.entity_id = s.id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  // Sorted here rather than in SQL: PostgreSQL would sort the wide row texts, on disk.
  rows.sort((a: Row, b: Row) => cmp(a.k1, b.k1) || cmp(a.k2, b.k2) || cmp(a.k3, b.k3))
  return rows.map((r: Row) => r.row as string)
}

const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as string) < (b as string) ? -1 : 1)

/** The with-tasks row of one shot, as an object (undefined when the filter matches none). */
export async function shotWithTasks(ctx: Ctx, f: ShotsFilter): Promise<Row | undefined> {
  const [text] = await shotsWithTasksText(ctx, f)
  return text === undefined ? undefined : JSON.parse(text)
}

function idArg(name: string, value: string | undefined, sentinels: string[] = []): string | null {
  if (value === undefined) return null
  if (sentinels.includes(value)) return value
  if (!isUuid(value)) throw wrongParameter(`Invalid UUID format for ${name}: ${value}`)
  return value.toLowerCase()
}

/**
 * Whole-production answers hold tens of megabytes each: one at a time per process (the
 * database does the work; a second one in flight would only hold memory). Narrower lists
 * (one episode, one shot) run freely.
 */
const wholeProduction = limiter(1)

/** GET /data/shots/with-tasks: the query read as Zou does, then PA(project) and vendor scope. */
export async function listShotsWithTasks(ctx: Ctx, query: Record<string, string>, compact: boolean): Promise<string[]> {
  const id = idArg('id', query.id)
  const projectId = idArg('project_id', query.project_id)
  const episodeId = idArg('episode_id', query.episode_id, ['all'])
  const role = await requireProjectAccess(ctx, projectId)
  const vendor = role === 'vendor'
  const filter: ShotsFilter = {
    id,
    projectId,
    episodeId: episodeId === 'all' ? null : episodeId,
    assigned: vendor || 'assigned_to' in query,
    mask: vendor,
  }
  const run = () => shotsWithTasksText(ctx, filter, compact)
  return filter.id || filter.episodeId || filter.assigned ? run() : wholeProduction(run)
}
