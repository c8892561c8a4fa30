// Casting readiness (routes.md §11 "Casting update" step 5, §2 DELETE of an asset): each task
// of a shot stores in `nb_assets_ready` how many of the shot's cast assets are ready for it.
// An asset is ready when it is shared from another project, or when the project priority of
// its `ready_for` task type is at least the priority of the task's type (Zou's priority map
// holds the project's Shot task types; a missing or zero priority counts as -1 for the asset's
// type and 0 for the task's). Canceled assets never count. One statement for any number of
// shots; the unpersisted `task:update-casting-stats` events are returned for after commit.
import type { Exec } from './tasks-remove.ts'

export interface CastingStat {
  task_id: string
  nb_assets_ready: number
  project_id: string
}

/** A project's priority of a task type, when the type is one of the project's Shot types. */
const SHOT_PRIORITY = (projectId: string, taskTypeId: string) => `(SELECT NULLIF(pl.priority, 0)
    FROM project_task_type_link pl JOIN task_type ptt ON ptt.id = pl.task_type_id AND ptt.for_entity = 'Shot'
    WHERE pl.project_id = ${projectId} AND pl.task_type_id = ${taskTypeId})`

/** `shots` is a query giving the (id, project_id) of the shots to refresh. */
const refreshSql = (shots: string) => `WITH shots AS (${shots}),
  ready AS (
    SELECT t.id, (
      SELECT count(*)::int FROM entity_link l JOIN entity a ON a.id = l.entity_out_id
      WHERE l.entity_in_id = s.id AND a.canceled IS NOT TRUE
        AND ((a.is_shared AND a.project_id <> s.project_id)
          OR (a.ready_for IS NOT NULL
            AND COALESCE(${SHOT_PRIORITY('s.project_id', 't.task_type_id')}, 0)
              <= COALESCE(${SHOT_PRIORITY('s.project_id', 'a.ready_for')}, -1)))
    ) AS n
    FROM shots s JOIN task t ON t.entity_id = s.id
  )
  UPDATE task SET nb_assets_ready = ready.n FROM ready WHERE task.id = ready.id
  RETURNING task.id::text AS task_id, task.nb_assets_ready, task.project_id::text AS project_id`

const SHOTS_BY_ID = refreshSql(`SELECT e.id, e.project_id FROM entity e
  JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
  WHERE e.id = ANY($1::uuid[])`)

// Zou: the shots listed by the asset's cast-in (canceled shots left out).
const SHOTS_CASTING = refreshSql(`SELECT DISTINCT e.id, e.project_id FROM entity_link l
  JOIN entity e ON e.id = l.entity_in_id AND e.canceled IS NOT TRUE
  JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
  WHERE l.entity_out_id = ANY($1::uuid[])`)

async function run(exec: Exec, text: string, ids: string[]): Promise<CastingStat[]> {
  if (!ids.length) return []
  const { rows } = (await exec(text, [ids])) as { rows: CastingStat[] }
  return rows.sort((a, b) => (a.task_id < b.task_id ? -1 : a.task_id > b.task_id ? 1 : 0))
}

/** Recomputes the stats of the tasks of these entities (those that are shots). */
export const refreshShotCastingStats = (exec: Exec, shotIds: string[]) => run(exec, SHOTS_BY_ID, shotIds)

/** Recomputes the stats of the tasks of the live shots casting these assets. */
export const refreshStatsOfShotsCasting = (exec: Exec, assetIds: string[]) => run(exec, SHOTS_CASTING, assetIds)

/** The unpersisted `task:update-casting-stats` events of the recomputed tasks. */
export function castingStatsEvents(stats: CastingStat[], userId: string | null) {
  return stats.map((s) => ({
    name: 'task:update-casting-stats',
    data: { task_id: s.task_id, nb_assets_ready: s.nb_assets_ready },
    projectId: s.project_id,
    userId,
    persist: false,
  }))
}
