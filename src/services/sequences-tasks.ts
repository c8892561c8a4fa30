// Task reads shared by the sequence and episode routes: a vendor's own tasks on an entity,
// and the distinct task types of a set of tasks.
import { rowSerializer, type Row } from '../lib/serialize.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { sql, type Sql } from '../crud/select.ts'
import type { Ctx } from '../crud/context.ts'
import type { EntityRow } from './entities/load.ts'
import { detailedTasks } from './entities/task-list.ts'
import { assignedTask } from './sequences-common.ts'

const serializeTaskType = rowSerializer(modelMetaOf('TaskType'), 'TaskType')

/**
 * Zou's vendor answer of `…/tasks`: only the caller's tasks on the entity, and none when the
 * project is not open (user_service.get_tasks_for_entity).
 */
export async function callerTasksOn(ctx: Ctx, entity: EntityRow): Promise<Row[]> {
  const membership = (await ctx.memberships()).get(entity.project_id)
  if (!membership?.open) return []
  return detailedTasks(ctx, sql`t.entity_id = ${entity.id}::uuid AND ${assignedTask(ctx, 't')}`, false)
}

/** Distinct task types of the tasks whose entity (alias e) matches `where`, by name. */
export async function taskTypesOf(ctx: Ctx, where: Sql): Promise<Row[]> {
  const q = sql`SELECT tt.* FROM task_type tt WHERE tt.id IN (
      SELECT t.task_type_id FROM task t JOIN entity e ON e.id = t.entity_id WHERE ${where})
    ORDER BY tt.name`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map(serializeTaskType)
}
