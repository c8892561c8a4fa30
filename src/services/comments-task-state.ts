// What a comment does to its task (routes.md §5 step 3, §4 comment DELETE): the newest comment
// moves the status and its dates; anything else (a back-dated comment, a deleted or moved
// one) recomputes the task from the comments it has. Both run inside the caller's
// transaction, on a pg client or a Prisma transaction (the generic CRUD's comment hooks).
import type { Row } from '../lib/serialize.ts'
import type { PendingEvent } from './write-scope.ts'

/** Runs one statement inside the caller's transaction. */
export type Query = (text: string, values: unknown[]) => Promise<Row[]>

export const pgQuery = (client: { query: (t: string, v: unknown[]) => Promise<{ rows: Row[] }> }): Query =>
  async (text, values) => (await client.query(text, values)).rows

export const prismaQuery = (tx: unknown): Query =>
  (text, values) => (tx as { $queryRawUnsafe: (t: string, ...v: unknown[]) => Promise<Row[]> }).$queryRawUnsafe(text, ...values)

/** Comments of the task joined with their status, for the recompute below. */
const STATUS_COMMENTS = `FROM comment c JOIN task_status s ON s.id = c.task_status_id WHERE c.object_id = task.id`

/**
 * Recomputes the task from its comments: status of the newest comment that has one (else the
 * default status, else unchanged), retake count, first WIP / first feedback-request / last done
 * dates, last comment date, and the time spent. Returns the statuses before and after.
 */
export async function recomputeTaskFromComments(q: Query, taskId: string): Promise<{ previous: string | null; current: string | null } | null> {
  const [row] = await q(
    `WITH before AS (SELECT id, task_status_id FROM task WHERE id = $1::uuid FOR UPDATE)
     UPDATE task SET
       task_status_id = COALESCE(
         (SELECT c.task_status_id FROM comment c WHERE c.object_id = task.id AND c.task_status_id IS NOT NULL
           ORDER BY c.created_at DESC LIMIT 1),
         (SELECT s.id FROM task_status s WHERE s.is_default ORDER BY s.created_at LIMIT 1),
         task.task_status_id),
       retake_count = (SELECT count(*)::int ${STATUS_COMMENTS} AND s.is_retake),
       real_start_date = (SELECT min(c.created_at) ${STATUS_COMMENTS} AND s.is_wip),
       end_date = (SELECT min(c.created_at) ${STATUS_COMMENTS} AND s.is_feedback_request),
       done_date = (SELECT max(c.created_at) ${STATUS_COMMENTS} AND s.is_done),
       last_comment_date = (SELECT max(c.created_at) FROM comment c WHERE c.object_id = task.id),
       duration = COALESCE((SELECT sum(ts.duration) FROM time_spent ts WHERE ts.task_id = task.id), 0),
       updated_at = now()
     FROM before WHERE task.id = before.id
     RETURNING before.task_status_id::text AS previous, task.task_status_id::text AS current`,
    [taskId],
  )
  return row ? { previous: (row.previous as string) ?? null, current: (row.current as string) ?? null } : null
}

export interface TaskStateBefore {
  id: string
  project_id: string
  task_status_id: string | null
  real_start_date: Date | null
}

export interface StatusFlags {
  id: string
  is_retake: boolean | null
  is_wip: boolean | null
  is_feedback_request: boolean | null
  is_done: boolean | null
}

/**
 * The newest comment sets the status: on a change, the retake count, real start, end and done
 * dates follow (routes.md §5 step 3). Returns whether the status changed and the events.
 */
export async function applyNewestComment(
  q: Query,
  task: TaskStateBefore,
  status: StatusFlags,
  comment: { id: string; created_at: Date; person_id: string },
): Promise<{ changed: boolean; events: PendingEvent[] }> {
  const changed = status.id !== task.task_status_id
  await q(
    `UPDATE task SET task_status_id = $2, last_comment_date = $3, updated_at = now(),
       retake_count = CASE WHEN $4 AND $5 THEN COALESCE(retake_count, 0) + 1 ELSE retake_count END,
       end_date = CASE WHEN NOT $4 THEN end_date WHEN $6 THEN now() WHEN $7 THEN end_date ELSE NULL END,
       real_start_date = CASE WHEN $4 AND $8 AND real_start_date IS NULL THEN now() ELSE real_start_date END,
       done_date = CASE WHEN NOT $4 THEN done_date WHEN $7 THEN now() ELSE NULL END
     WHERE id = $1`,
    [task.id, status.id, comment.created_at, changed, !!status.is_retake, !!status.is_feedback_request, !!status.is_done, !!status.is_wip],
  )
  const projectId = task.project_id
  const events: PendingEvent[] = [{ name: 'task:update', data: { task_id: task.id }, projectId }]
  if (changed) {
    const change = { task_id: task.id, new_task_status_id: status.id, previous_task_status_id: task.task_status_id, person_id: comment.person_id }
    events.push({ name: 'task:status-changed', data: change, projectId })
    if (status.is_feedback_request) events.push({ name: 'task:to-review', data: { ...change, comment_id: comment.id }, projectId })
  }
  return { changed, events }
}
