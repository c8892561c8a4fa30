// Episode statistics of a project (routes.md §3): task counts by episode, task type and
// status, and retake statistics. PostgreSQL aggregates every bucket (GROUPING SETS, one
// statement each); this file only nests the rows into Zou's objects.
import { raw, sql, type Sql } from '../crud/select.ts'
import type { Ctx } from '../crud/context.ts'
import { requireProjectAccess } from './access.ts'
import { assignedTask } from './sequences-common.ts'

type Json = Record<string, unknown>

/** Tasks (tk) of the project's shots (e) with their sequence (sq) and episode (ep). */
const shotTasks = (ctx: Ctx, projectId: string, onlyAssigned: boolean): Sql => sql`
  FROM task tk
  JOIN task_status ts ON ts.id = tk.task_status_id
  JOIN entity e ON e.id = tk.entity_id
  JOIN entity sq ON sq.id = e.parent_id
  JOIN entity ep ON ep.id = sq.parent_id
  WHERE tk.project_id = ${projectId}::uuid ${onlyAssigned ? sql`AND ${assignedTask(ctx, 'tk')}` : sql``}`

/** PA; vendors count only their own tasks. */
async function scope(ctx: Ctx, projectId: string): Promise<boolean> {
  return (await requireProjectAccess(ctx, projectId)) === 'vendor'
}

const at = (obj: Json, key: string): Json => (obj[key] ??= {}) as Json

/** GET /data/projects/:project_id/episodes/stats. */
export async function episodeStats(ctx: Ctx, projectId: string): Promise<Json> {
  const onlyAssigned = await scope(ctx, projectId)
  const q = sql`SELECT
      CASE WHEN GROUPING(ep.id) = 1 THEN 'all' ELSE ep.id::text END AS episode,
      CASE WHEN GROUPING(tk.task_type_id) = 1 THEN 'all' ELSE tk.task_type_id::text END AS task_type,
      tk.task_status_id::text AS status, ts.short_name AS name, ts.color,
      count(*)::int AS count, COALESCE(sum(e.nb_frames), 0)::int AS frames, COALESCE(sum(tk.nb_drawings), 0)::int AS drawings
    ${shotTasks(ctx, projectId, onlyAssigned)}
    GROUP BY GROUPING SETS (
      (ep.id, tk.task_type_id, tk.task_status_id, ts.short_name, ts.color),
      (ep.id, tk.task_status_id, ts.short_name, ts.color),
      (tk.task_type_id, tk.task_status_id, ts.short_name, ts.color),
      (tk.task_status_id, ts.short_name, ts.color))
    ORDER BY GROUPING(ep.id), episode, GROUPING(tk.task_type_id), task_type, status`
  const { rows } = await ctx.pool.query(q.text, q.values)
  const results: Json = {}
  for (const r of rows) {
    at(at(results, r.episode), r.task_type)[r.status] = { name: r.name, color: r.color, count: r.count, frames: r.frames, drawings: r.drawings }
  }
  return results
}

const B = ['done', 'retake', 'other'] as const

/** `{count, frames, drawings}` of one class, read from columns `<class>_count` etc. */
const bucket = (r: Json, cls: string) => ({ count: r[`${cls}_count`], frames: r[`${cls}_frames`], drawings: r[`${cls}_drawings`] })

/** Per class: the count, frames and drawings of the tasks (alias x) matching `cond`. */
const classSums = (classes: Record<(typeof B)[number], string>) =>
  B.map((c) => `count(*) FILTER (WHERE ${classes[c]})::int AS ${c}_count,
    COALESCE(sum(x.frames) FILTER (WHERE ${classes[c]}), 0)::int AS ${c}_frames,
    COALESCE(sum(x.drawings) FILTER (WHERE ${classes[c]}), 0)::int AS ${c}_drawings`).join(',\n')

/** Current state: done first, then retake, then the rest. */
const CURRENT = classSums({ done: 'x.is_done', retake: 'NOT x.is_done AND x.is_retake', other: 'NOT x.is_done AND NOT x.is_retake' })
/** Take i of the evolution: a retake up to the task's retake count, else done or other. */
const RETAKEN = 'x.rc > 0 AND i.take <= x.rc'
const EVOLUTION = classSums({ done: `NOT (${RETAKEN}) AND x.is_done`, retake: RETAKEN, other: `NOT (${RETAKEN}) AND NOT x.is_done` })

/** GET /data/projects/:project_id/episodes/retake-stats. */
export async function episodeRetakeStats(ctx: Ctx, projectId: string): Promise<Json> {
  const onlyAssigned = await scope(ctx, projectId)
  const q = sql`WITH x AS (
      SELECT ep.id::text AS episode, tk.task_type_id::text AS task_type, COALESCE(tk.retake_count, 0) AS rc,
        COALESCE(ts.is_done, false) AS is_done, COALESCE(ts.is_retake, false) AS is_retake,
        COALESCE(e.nb_frames, 0) AS frames, COALESCE(tk.nb_drawings, 0) AS drawings
      ${shotTasks(ctx, projectId, onlyAssigned)}
    ), buckets AS (
      SELECT CASE WHEN GROUPING(x.episode) = 1 THEN 'all' ELSE x.episode END AS episode,
        CASE WHEN GROUPING(x.task_type) = 1 THEN 'all' ELSE x.task_type END AS task_type,
        COALESCE(max(x.rc), 0) AS max_rc, ${raw(CURRENT)}
      FROM x GROUP BY GROUPING SETS ((x.episode, x.task_type), (x.episode), (x.task_type), ())
    ), evolution AS (
      SELECT b.episode, b.task_type, i.take, ${raw(EVOLUTION)}
      FROM buckets b
      JOIN x ON x.episode = b.episode AND (b.task_type = 'all' OR x.task_type = b.task_type)
      CROSS JOIN LATERAL generate_series(1, b.max_rc) AS i(take)
      WHERE b.episode <> 'all'
      GROUP BY b.episode, b.task_type, i.take
    )
    SELECT b.*, COALESCE((SELECT json_object_agg(v.take, json_build_object(
        'done', json_build_object('count', v.done_count, 'frames', v.done_frames, 'drawings', v.done_drawings),
        'retake', json_build_object('count', v.retake_count, 'frames', v.retake_frames, 'drawings', v.retake_drawings),
        'other', json_build_object('count', v.other_count, 'frames', v.other_frames, 'drawings', v.other_drawings))
        ORDER BY v.take)
      FROM evolution v WHERE v.episode = b.episode AND v.task_type = b.task_type), '{}'::json) AS evolution
    FROM buckets b
    ORDER BY b.episode = 'all' DESC, b.episode, b.task_type = 'all' DESC, b.task_type`
  const { rows } = await ctx.pool.query(q.text, q.values)
  const results: Json = {}
  for (const r of rows) {
    at(results, r.episode)[r.task_type] = {
      max_retake_count: r.max_rc, evolution: r.evolution, done: bucket(r, 'done'), retake: bucket(r, 'retake'), other: bucket(r, 'other'),
    }
  }
  return results
}
