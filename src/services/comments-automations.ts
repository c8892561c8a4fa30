// The project's status automations after a comment (routes.md §5 step 5): "when a task of type
// X reaches status Y, set the task of type Z on the same entity to status W" (a comment posted
// like any other, recursively) or "set the asset's ready_for to Z" (+ the casting stats of the
// shots casting it). Backward moves (in priority > out priority) are skipped except for
// ready_for, and a pair (task, status) is posted at most once per request, so a cycle of
// automations ends instead of looping (Zou recurses until the stack overflows).
import type { Row } from '../lib/serialize.ts'
import { loadStatuses, loadTaskContext, type TaskContext } from './comments-context.ts'
import { createComment, retakesExhausted, type PostRun } from './comments-post.ts'
import { castingStatsEvents, refreshStatsOfShotsCasting } from './casting-stats.ts'

const TEMPORAL = new Set(['Shot', 'Sequence', 'Episode', 'Edit', 'Scene', 'Concept'])

/** Zou's priority map: project task type links of task types for the automation's entity kind. */
const AUTOMATIONS_SQL = `
  SELECT a.id, a.out_field_type, a.out_task_type_id::text, a.out_task_status_id::text,
         itt.name AS in_task_type_name, ist.name AS in_task_status_name,
         COALESCE(pin.priority, 0) AS in_priority, COALESCE(pout.priority, 0) AS out_priority
  FROM project_status_automation_link l
  JOIN status_automation a ON a.id = l.status_automation_id
  LEFT JOIN task_type itt ON itt.id = a.in_task_type_id
  LEFT JOIN task_status ist ON ist.id = a.in_task_status_id
  LEFT JOIN task_type ott ON ott.id = a.out_task_type_id
  LEFT JOIN project_task_type_link pin ON pin.project_id = l.project_id AND pin.task_type_id = a.in_task_type_id
       AND itt.for_entity = initcap(a.entity_type)
  LEFT JOIN project_task_type_link pout ON pout.project_id = l.project_id AND pout.task_type_id = a.out_task_type_id
       AND ott.for_entity = initcap(a.entity_type)
  WHERE l.project_id = $1 AND NOT COALESCE(a.archived, false)
    AND a.in_task_type_id = $2 AND a.in_task_status_id = $3 AND lower(a.entity_type) = lower($4)
  ORDER BY a.created_at, a.id`

export async function runStatusAutomations(run: PostRun, task: TaskContext, author: Row): Promise<void> {
  if (!task.task_status_id) return
  const kind = TEMPORAL.has(task.entity_type_name) ? task.entity_type_name : 'Asset'
  const automations = await run.q(AUTOMATIONS_SQL, [task.project_id, task.task_type_id, task.task_status_id, kind])
  run.visited.add(`${task.id}:${task.task_status_id}`)
  for (const a of automations) {
    if (a.out_field_type === 'ready_for') {
      if (kind === 'Asset') await setReadyFor(run, task, a.out_task_type_id as string | null)
      continue
    }
    if (a.out_field_type !== 'status' || (a.in_priority as number) > (a.out_priority as number)) continue
    if (!a.out_task_type_id || !a.out_task_status_id) continue
    const [target] = await run.q(
      'SELECT id::text FROM task WHERE entity_id = $1 AND task_type_id = $2 ORDER BY created_at, id LIMIT 1',
      [task.entity_id, a.out_task_type_id],
    )
    if (!target || run.visited.has(`${target.id}:${a.out_task_status_id}`)) continue
    const [targetTask, status] = await Promise.all([
      loadTaskContext(run.q, target.id as string),
      loadStatuses(run.q, [a.out_task_status_id as string]).then((m) => m.get(a.out_task_status_id as string)),
    ])
    // A capped retake is not applied (Zou fails the request after committing the comment).
    if (!targetTask || !status || retakesExhausted(targetTask, status)) continue
    run.visited.add(`${targetTask.id}:${status.id}`)
    await createComment(run, {
      task: targetTask,
      status,
      author,
      text: `Change triggered by ${a.in_task_type_name} set to ${a.in_task_status_name}`,
      checklist: [],
      links: [],
      forClient: false,
      createdAt: null,
      files: [],
      hashtags: false,
    })
  }
}

/** ready_for on the asset, then nb_assets_ready of every task of the shots casting it. */
async function setReadyFor(run: PostRun, task: TaskContext, taskTypeId: string | null): Promise<void> {
  const { w, q } = run
  await q('UPDATE entity SET ready_for = $2, updated_at = now() WHERE id = $1', [task.entity_id, taskTypeId])
  const event = { name: 'asset:update', data: { asset_id: task.entity_id, data: { ready_for: taskTypeId } }, projectId: task.project_id }
  // Zou: update_asset emits it, then the entity update hook emits it again.
  w.events.push(event, { ...event })
  const stats = await refreshStatsOfShotsCasting((text, values) => w.client.query(text, values), [task.entity_id])
  w.events.push(...castingStatsEvents(stats, null))
}
