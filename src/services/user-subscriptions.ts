// routes.md §23: the caller's notification subscriptions, to tasks and to (sequence, task
// type) pairs. Subscribing is idempotent (the existing row is answered) and one statement;
// Zou checks neither the task's existence nor access, so an unknown task here is a 404
// where Zou fails on the foreign key (500).
import type { Ctx } from '../crud/context.ts'
import { sql } from '../crud/select.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'
import { checkId, rows } from './user-shared.ts'

const subscriptionRow = modelRowSerializer('Subscription')

/** GET /data/user/tasks/:task_id/subscribed. */
export async function isSubscribedToTask(ctx: Ctx, taskId: string): Promise<boolean> {
  const found = await rows(ctx, sql`SELECT 1 FROM subscription WHERE person_id = ${ctx.actor.id}::uuid AND task_id = ${checkId(taskId)}::uuid`)
  return found.length > 0
}

/** Subscribes the caller to the existing tasks among `taskIds`; answers their subscriptions. */
async function subscribe(ctx: Ctx, taskIds: string[]): Promise<Row[]> {
  const found = await rows(ctx, sql`
    WITH added AS (
      INSERT INTO subscription (person_id, task_id)
      SELECT ${ctx.actor.id}::uuid, t.id FROM task t WHERE t.id = ANY(${taskIds}::uuid[])
      ON CONFLICT (person_id, task_id) DO NOTHING RETURNING *)
    SELECT * FROM added
    UNION ALL
    SELECT * FROM subscription WHERE person_id = ${ctx.actor.id}::uuid AND task_id = ANY(${taskIds}::uuid[])`)
  const order = new Map(taskIds.map((id, i) => [id, i]))
  return found.sort((a, b) => order.get(a.task_id as string)! - order.get(b.task_id as string)!).map(subscriptionRow)
}

/** POST /actions/user/tasks/:task_id/subscribe. */
export async function subscribeToTask(ctx: Ctx, taskId: string): Promise<Row> {
  const [row] = await subscribe(ctx, [checkId(taskId)])
  if (!row) throw notFound()
  return row
}

/** DELETE /actions/user/tasks/:task_id/unsubscribe. */
export async function unsubscribeFromTask(ctx: Ctx, taskId: string): Promise<void> {
  await ctx.pool.query('DELETE FROM subscription WHERE person_id = $1 AND task_id = $2', [ctx.actor.id, checkId(taskId)])
}

function checkTaskIds(taskIds: string[]): string[] {
  const bad = taskIds.findIndex((id) => !isUuid(id))
  if (bad >= 0) {
    throw new AppError(400, { error: true, message: 'Validation error.', data: { errors: [{ field: `task_ids.${bad}`, message: 'Input should be a valid UUID' }] } })
  }
  return taskIds
}

/** POST /actions/user/tasks/subscribe: unknown tasks are skipped. */
export const subscribeToTasks = (ctx: Ctx, taskIds: string[]) => subscribe(ctx, [...new Set(checkTaskIds(taskIds))])

/** POST /actions/user/tasks/unsubscribe: answers the ids sent. */
export async function unsubscribeFromTasks(ctx: Ctx, taskIds: string[]): Promise<string[]> {
  await ctx.pool.query('DELETE FROM subscription WHERE person_id = $1 AND task_id = ANY($2::uuid[])', [ctx.actor.id, checkTaskIds(taskIds)])
  return taskIds
}

/** GET /data/user/{sequences,entities}/:sequence_id/task-types/:task_type_id/subscribed. */
export async function isSubscribedToSequence(ctx: Ctx, sequenceId: string, taskTypeId: string): Promise<boolean> {
  const found = await rows(ctx, sql`SELECT 1 FROM subscription WHERE person_id = ${ctx.actor.id}::uuid
    AND entity_id = ${checkId(sequenceId)}::uuid AND task_type_id = ${checkId(taskTypeId)}::uuid`)
  return found.length > 0
}

/** GET /data/user/projects/:project_id/task-types/:task_type_id/sequence-subscriptions. */
export async function sequenceSubscriptions(ctx: Ctx, projectId: string, taskTypeId: string): Promise<string[]> {
  const found = await rows(ctx, sql`
    SELECT s.entity_id FROM subscription s JOIN entity e ON e.id = s.entity_id
    WHERE s.person_id = ${ctx.actor.id}::uuid AND e.project_id = ${checkId(projectId)}::uuid
      AND s.task_type_id = ${checkId(taskTypeId)}::uuid
    ORDER BY s.created_at, s.id`)
  return found.map((r) => r.entity_id as string)
}

/** POST /actions/user/sequences/:sequence_id/task-types/:task_type_id/subscribe. */
export async function subscribeToSequence(ctx: Ctx, sequenceId: string, taskTypeId: string): Promise<Row> {
  checkId(sequenceId)
  checkId(taskTypeId)
  const [row] = await rows(ctx, sql`
    WITH added AS (
      INSERT INTO subscription (person_id, entity_id, task_type_id)
      SELECT ${ctx.actor.id}::uuid, e.id, tt.id FROM entity e, task_type tt
      WHERE e.id = ${sequenceId}::uuid AND tt.id = ${taskTypeId}::uuid
      ON CONFLICT (person_id, task_type_id, entity_id) DO NOTHING RETURNING *)
    SELECT * FROM added
    UNION ALL
    SELECT * FROM subscription WHERE person_id = ${ctx.actor.id}::uuid AND entity_id = ${sequenceId}::uuid
      AND task_type_id = ${taskTypeId}::uuid
    LIMIT 1`)
  if (!row) throw notFound()
  return subscriptionRow(row)
}

/** DELETE /actions/user/sequences/:sequence_id/task-types/:task_type_id/unsubscribe. */
export async function unsubscribeFromSequence(ctx: Ctx, sequenceId: string, taskTypeId: string): Promise<void> {
  await ctx.pool.query('DELETE FROM subscription WHERE person_id = $1 AND entity_id = $2 AND task_type_id = $3',
    [ctx.actor.id, checkId(sequenceId), checkId(taskTypeId)])
}
