// Task data derived from its comments and time spents (Zou's reset_task_data), and the
// default statuses Zou creates on first use. Both run on the caller's transaction client.
import type pg from 'pg'

type Client = Pick<pg.PoolClient, 'query'>

/**
 * Zou's default status (get_or_create_status): `Todo` (or, for concepts, `Neutral`) flagged
 * is_default; created when missing. `created` tells the caller to emit `task-status:new`.
 */
export async function defaultStatus(client: Client, forConcept: boolean): Promise<{ status: StatusRow; created: boolean }> {
  const found = await client.query(
    `SELECT id, name, short_name, color FROM task_status
      WHERE (is_default AND for_concept IS NOT DISTINCT FROM $1) OR (short_name = $2 AND for_concept IS NOT DISTINCT FROM $1)
      ORDER BY is_default DESC NULLS LAST, created_at LIMIT 1`,
    [forConcept, forConcept ? 'neutral' : 'todo'],
  )
  if (found.rows[0]) return { status: found.rows[0], created: false }
  const [name, shortName, color] = forConcept ? ['Neutral', 'neutral', '#CCCCCC'] : ['Todo', 'todo', '#f5f5f5']
  const { rows } = await client.query(
    `INSERT INTO task_status (id, name, short_name, color, is_default, for_concept, created_at, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, true, $4, now(), now()) RETURNING id, name, short_name, color`,
    [name, shortName, color, forConcept],
  )
  return { status: rows[0], created: true }
}

export interface StatusRow { id: string; name: string; short_name: string; color: string }

/**
 * Recomputes the task's derived fields from its remaining comments (oldest first) and time
 * spents: retake count, real start (first WIP), end (first feedback request), done (last
 * done), last comment date, status (last comment's, else the default) and duration.
 * Returns the status before and after, and a default status it had to create.
 */
export async function resetTaskData(client: Client, taskId: string) {
  const { rows: [task] } = await client.query(
    `SELECT t.task_status_id, et.name = 'Concept' AS is_concept,
       (SELECT COALESCE(sum(duration), 0) FROM time_spent WHERE task_id = t.id) AS duration
     FROM task t JOIN entity e ON e.id = t.entity_id JOIN entity_type et ON et.id = e.entity_type_id
     WHERE t.id = $1 FOR UPDATE OF t`,
    [taskId],
  )
  const { rows: comments } = await client.query(
    `SELECT c.created_at, c.task_status_id, ts.is_retake, ts.is_feedback_request, ts.is_done, ts.is_wip
       FROM comment c JOIN task_status ts ON ts.id = c.task_status_id
      WHERE c.object_id = $1 ORDER BY c.created_at, c.id`,
    [taskId],
  )
  let retakeCount = 0
  let previousRetake = false
  let realStart: Date | null = null
  let endDate: Date | null = null
  let doneDate: Date | null = null
  let lastCommentDate: Date | null = null
  let statusId: string | null = null
  for (const c of comments) {
    if (c.is_retake && !previousRetake) retakeCount++
    previousRetake = !!c.is_retake
    if (c.is_wip && !realStart) realStart = c.created_at
    if (c.is_feedback_request && !endDate) endDate = c.created_at
    if (c.is_done) doneDate = c.created_at
    statusId = c.task_status_id
    lastCommentDate = c.created_at
  }
  let createdStatus: StatusRow | null = null
  if (!statusId) {
    const d = await defaultStatus(client, !!task.is_concept)
    statusId = d.status.id
    if (d.created) createdStatus = d.status
  }
  await client.query(
    `UPDATE task SET duration = $2, retake_count = $3, real_start_date = $4, last_comment_date = $5,
       end_date = $6, done_date = $7, task_status_id = $8, updated_at = now() WHERE id = $1`,
    [taskId, task.duration, retakeCount, realStart, lastCommentDate, endDate, doneDate, statusId],
  )
  return { previousStatusId: task.task_status_id as string, statusId, createdStatus }
}
