// GET /data/sequences/with-tasks and /data/episodes/with-tasks (routes.md §3, "entities-and-
// tasks rows"): one SQL statement builds the whole JSON answer, tasks and their assignees
// included, whatever the size of the production.
import { wrongParameter } from '../lib/errors.ts'
import { isUuid } from '../lib/serialize.ts'
import { join, raw, sql, type Sql } from '../crud/select.ts'
import type { Ctx } from '../crud/context.ts'
import { requireProjectAccess } from './access.ts'
import {
  assignedTask, episodeHoldsAssigned, firstValue, maskedData, ofKind, sequenceHoldsAssigned, vendorMask,
} from './sequences-common.ts'

/** A datetime column in Zou's wire format (naive UTC, seconds). */
const dt = (col: string) => raw(`to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS')`)

/** The task object of a row (alias tk), keys in Zou's order. */
const taskJson = (ctx: Ctx): Sql => sql`json_build_object(
  'id', tk.id, 'estimation', tk.estimation, 'entity_id', tk.entity_id,
  'end_date', ${dt('tk.end_date')}, 'due_date', ${dt('tk.due_date')}, 'done_date', ${dt('tk.done_date')},
  'duration', tk.duration, 'last_comment_date', ${dt('tk.last_comment_date')},
  'last_preview_file_id', tk.last_preview_file_id, 'priority', COALESCE(tk.priority, 0),
  'real_start_date', ${dt('tk.real_start_date')}, 'retake_count', tk.retake_count,
  'start_date', ${dt('tk.start_date')}, 'difficulty', tk.difficulty,
  'task_status_id', tk.task_status_id, 'task_type_id', tk.task_type_id, 'data', tk.data,
  'is_subscribed', EXISTS (SELECT 1 FROM subscription su WHERE su.task_id = tk.id AND su.person_id = ${ctx.actor.id}::uuid),
  'assignees', COALESCE((SELECT json_agg(l.person_id ORDER BY l.person_id) FROM task_person_link l WHERE l.task_id = tk.id), '[]'::json))`

type Kind = 'Sequence' | 'Episode'

/**
 * The rows as one JSON text. `project_id` (PA; non-admins must give it) and `episode_id`
 * (the entities whose parent it is; `all` = no filter) are the only filters Zou reads.
 * Vendors get the entities they work on, with their own tasks only.
 */
export async function entitiesAndTasks(ctx: Ctx, kind: Kind, query: Record<string, unknown>): Promise<string> {
  const projectId = firstValue(query.project_id)
  const episodeId = firstValue(query.episode_id)
  if (projectId !== undefined && !isUuid(projectId)) throw wrongParameter('One of the ID sent in parameter is not properly formatted.')
  if (episodeId !== undefined && episodeId !== 'all' && !isUuid(episodeId)) {
    throw wrongParameter('One of the ID sent in parameter is not properly formatted.')
  }
  const role = await requireProjectAccess(ctx, projectId)
  const mask = await vendorMask(ctx, role, kind)
  const where: Sql[] = [ofKind(kind)]
  if (projectId !== undefined) where.push(sql`t.project_id = ${projectId}::uuid`)
  if (episodeId !== undefined && episodeId !== 'all') where.push(sql`t.parent_id = ${episodeId}::uuid`)
  if (mask) where.push(kind === 'Sequence' ? sequenceHoldsAssigned(ctx) : episodeHoldsAssigned(ctx))
  const data = mask ? maskedData(mask) : sql`COALESCE(t.data, '{}'::jsonb)`
  const taskScope = mask ? sql` AND ${assignedTask(ctx, 'tk')}` : sql``
  const q = sql`SELECT COALESCE(json_agg(json_build_object(
      'id', r.id, 'name', r.name, 'status', COALESCE(r.status, 'running'),
      'episode_id', COALESCE(r.parent_id::text, 'None'), 'description', r.description,
      'frame_in', r.data -> 'frame_in', 'frame_out', r.data -> 'frame_out', 'fps', r.data -> 'fps',
      'preview_file_id', COALESCE(r.preview_file_id::text, ''), 'canceled', r.canceled,
      'data', r.data, 'tasks', r.tasks) ORDER BY r.name, r.id), '[]'::json)::text AS body
    FROM (
      SELECT t.id, t.name, t.status, t.parent_id, t.description, t.preview_file_id, t.canceled, ${data} AS data,
        COALESCE((SELECT json_agg(${taskJson(ctx)} ORDER BY tk.created_at, tk.id) FROM task tk
                  WHERE tk.entity_id = t.id${taskScope}), '[]'::json) AS tasks
      FROM entity t WHERE ${join(where, ' AND ')}
    ) r`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows[0].body
}
