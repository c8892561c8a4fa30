// Zou's refresh_shot_casting_stats, set-based: for every task of the given shots, how many
// of the shot's cast assets are "ready" for the task's type (the asset's ready_for task
// type comes at or after it in the project's shot task type order), stored in
// task.nb_assets_ready and announced with `task:update-casting-stats` (not persisted).
import type { Ctx } from '../crud/context.ts'

// Zou: priority_map.get(ready_for, -1) or -1 (missing, null or 0 → -1) against
// priority_map.get(task_type, 0) or 0; the map holds the project's Shot task types.
const REFRESH_SQL = `
  WITH prio AS (
    SELECT l.task_type_id, NULLIF(l.priority, 0) AS priority FROM project_task_type_link l
    JOIN task_type tt ON tt.id = l.task_type_id
    WHERE l.project_id = $2 AND tt.for_entity = 'Shot'
  ), ready AS (
    SELECT t.id, (
      SELECT count(*)::int FROM entity_link el JOIN entity a ON a.id = el.entity_out_id
      WHERE el.entity_in_id = t.entity_id AND a.ready_for IS NOT NULL
        AND COALESCE((SELECT p.priority FROM prio p WHERE p.task_type_id = t.task_type_id), 0)
          <= COALESCE((SELECT p.priority FROM prio p WHERE p.task_type_id = a.ready_for), -1)
    ) AS nb
    FROM task t WHERE t.entity_id = ANY($1::uuid[])
  )
  UPDATE task t SET nb_assets_ready = r.nb,
    updated_at = CASE WHEN t.nb_assets_ready IS DISTINCT FROM r.nb THEN now() ELSE t.updated_at END
  FROM ready r WHERE r.id = t.id
  RETURNING t.id::text AS task_id, t.nb_assets_ready`

export async function refreshShotCastingStats(ctx: Ctx, shotIds: string[], projectId: string): Promise<void> {
  if (!shotIds.length) return
  const { rows } = await ctx.pool.query(REFRESH_SQL, [shotIds, projectId])
  await ctx.events.emitMany(rows.map((r) => ({
    name: 'task:update-casting-stats',
    data: { task_id: r.task_id, nb_assets_ready: r.nb_assets_ready },
    projectId,
    userId: ctx.actor.id,
    persist: false,
  })))
}
