// What posting a comment needs to know about its task, read in one statement that also locks
// the task row for the write (two comments on one task then apply their status in turn):
// the facts the permission rules need (TAA, TMA), the retake limit, the names a mail shows,
// and optionally the requested status and whether the caller is mentioned on the task.
import type { Row } from '../lib/serialize.ts'
import { fullNameJoins, fullNameSql } from './entities/full-name.ts'
import type { Query } from './comments-task-state.ts'

export interface TaskContext {
  id: string
  project_id: string
  entity_id: string
  task_type_id: string
  task_status_id: string | null
  retake_count: number | null
  real_start_date: Date | null
  last_comment_date: Date | null
  task_type_name: string
  department_id: string | null
  for_entity: string | null
  entity_creator: string | null
  entity_data: Record<string, unknown> | null
  entity_parent_id: string | null
  entity_type_name: string
  full_entity_name: string
  episode_id: string | null
  project_name: string
  max_retakes: number | null
  production_type: string | null
  assignees: string[]
  /** The requested status row (when one was asked for), null when unknown. */
  status?: StatusRow | null
  /** Whether the caller is mentioned (personally or by department) on the task. */
  mentioned?: boolean
}

export interface StatusRow extends Row {
  id: string
  name: string
  short_name: string
  is_retake: boolean | null
  is_wip: boolean | null
  is_feedback_request: boolean | null
  is_done: boolean | null
  is_artist_allowed: boolean | null
  is_client_allowed: boolean | null
}

const fullName = fullNameSql('e', 'et')

const CONTEXT_SQL = (withStatus: boolean, withMention: boolean) => `
  SELECT t.id, t.project_id, t.entity_id, t.task_type_id, t.task_status_id, t.retake_count,
         t.real_start_date, t.last_comment_date,
         tt.name AS task_type_name, tt.department_id, tt.for_entity,
         e.created_by AS entity_creator, e.data AS entity_data, e.parent_id AS entity_parent_id,
         et.name AS entity_type_name, ${fullName.name} AS full_entity_name, ${fullName.episodeId} AS episode_id,
         p.name AS project_name, p.max_retakes, p.production_type,
         ARRAY(SELECT l.person_id::text FROM task_person_link l WHERE l.task_id = t.id) AS assignees
         ${withStatus ? `, (SELECT to_jsonb(s) FROM task_status s WHERE s.id = $2::uuid) AS status` : ''}
         ${withMention ? `, EXISTS (
           SELECT 1 FROM comment c WHERE c.object_id = t.id AND (
             EXISTS (SELECT 1 FROM comment_mentions m WHERE m.comment = c.id AND m.person = $3::uuid)
             OR EXISTS (SELECT 1 FROM comment_department_mentions d WHERE d.comment = c.id AND d.department = ANY($4::uuid[]))
             OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.replies) = 'array' THEN c.replies ELSE '[]' END) r
                        WHERE r->'mentions' ? $3::text OR r->'department_mentions' ?| $4::text[]))) AS mentioned` : ''}
  FROM task t
  JOIN project p ON p.id = t.project_id
  LEFT JOIN task_type tt ON tt.id = t.task_type_id
  LEFT JOIN entity e ON e.id = t.entity_id
  LEFT JOIN entity_type et ON et.id = e.entity_type_id
  ${fullNameJoins('e')}
  WHERE t.id = ANY($1::uuid[])
  ORDER BY t.id
  FOR UPDATE OF t`

export interface ContextOptions {
  statusId?: string
  /** The caller whose mentions are looked for (with their departments). */
  mentionOf?: { personId: string; departments: string[] }
}

/** The tasks' contexts by id (locked for the transaction); unknown ids are missing. */
export async function loadTaskContexts(q: Query, taskIds: string[], opts: ContextOptions = {}): Promise<Map<string, TaskContext>> {
  const withStatus = opts.statusId !== undefined || !!opts.mentionOf
  const values: unknown[] = [taskIds]
  if (withStatus) values.push(opts.statusId ?? null)
  if (opts.mentionOf) values.push(opts.mentionOf.personId, opts.mentionOf.departments)
  const rows = await q(CONTEXT_SQL(withStatus, !!opts.mentionOf), values)
  for (const r of rows) if (r.status) r.status = statusFromJson(r.status as Row)
  return new Map(rows.map((r) => [r.id as string, r as unknown as TaskContext]))
}

export async function loadTaskContext(q: Query, taskId: string, opts: ContextOptions = {}): Promise<TaskContext | null> {
  return (await loadTaskContexts(q, [taskId], opts)).get(taskId) ?? null
}

/** A status row read as JSON: its timestamps back to Dates (naive UTC) for serialization. */
function statusFromJson(json: Row): StatusRow {
  for (const key of ['created_at', 'updated_at']) {
    if (typeof json[key] === 'string') json[key] = new Date(`${json[key]}Z`)
  }
  return json as StatusRow
}

/** Statuses by id, in one query. */
export async function loadStatuses(q: Query, ids: string[]): Promise<Map<string, StatusRow>> {
  if (!ids.length) return new Map()
  const rows = await q('SELECT * FROM task_status WHERE id = ANY($1::uuid[])', [ids])
  return new Map(rows.map((r) => [r.id as string, r as StatusRow]))
}
