// VENDOR-SCOPE (routes.md §1.6) as SQL fragments of the statement that reads the rows:
// vendors see entities with a task assigned to them, and entity `data` without the
// descriptor fields restricted to departments they are not in.
import { sql, type Sql } from '../../crud/select.ts'
import type { Ctx } from '../../crud/context.ts'

/** The task (its id expression) is assigned to the caller. */
export const assignedTask = (ctx: Ctx, taskId: Sql): Sql =>
  sql`EXISTS (SELECT 1 FROM task_person_link l WHERE l.task_id = ${taskId} AND l.person_id = ${ctx.actor.id}::uuid)`

/** The entity (its id expression) has a task assigned to the caller. */
export const hasAssignedTask = (ctx: Ctx, entityId: Sql): Sql =>
  sql`EXISTS (SELECT 1 FROM task tk WHERE tk.entity_id = ${entityId} AND ${assignedTask(ctx, sql`tk.id`)})`

/**
 * The entity's (alias expression) `data` without the descriptors of `kind` restricted to
 * departments the caller is not in (Zou's remove_not_allowed_metadata_for_vendor).
 */
export function maskedData(entity: Sql, kind: string, departments: string[]): Sql {
  return sql`(COALESCE(${entity}.data, '{}'::jsonb) - ARRAY(
    SELECT d.field_name::text FROM metadata_descriptor d
    WHERE d.project_id = ${entity}.project_id AND d.entity_type = ${kind}
      AND EXISTS (SELECT 1 FROM department_metadata_descriptor_link dl WHERE dl.metadata_descriptor_id = d.id)
      AND NOT EXISTS (SELECT 1 FROM department_metadata_descriptor_link dl
        WHERE dl.metadata_descriptor_id = d.id AND dl.department_id = ANY(${departments}::uuid[]))))`
}
