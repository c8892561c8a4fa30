// VENDOR-SCOPE (routes.md §1.6) as SQL fragments of the listing statement itself, so a list
// costs one query whatever its length: vendors only get entities (and tasks) assigned to
// them, and the descriptor fields restricted to departments they are not in are taken out
// of `data`.
import type { Ctx } from '../../crud/context.ts'
import { raw, sql, type Sql } from '../../crud/select.ts'

/** The task (by its id expression) is assigned to the caller. */
export const assignedTask = (ctx: Ctx, taskId: Sql): Sql =>
  sql`EXISTS (SELECT 1 FROM task_person_link apl WHERE apl.task_id = ${taskId} AND apl.person_id = ${ctx.actor.id}::uuid)`

/** The entity (by its id expression) has a task assigned to the caller. */
export const assignedEntity = (ctx: Ctx, entityId: Sql): Sql =>
  sql`EXISTS (SELECT 1 FROM task atk JOIN task_person_link apl ON apl.task_id = atk.id
    WHERE atk.entity_id = ${entityId} AND apl.person_id = ${ctx.actor.id}::uuid)`

/**
 * The entity's `data` for a vendor: without the fields of the project's descriptors of that
 * kind restricted to departments, none of which is the caller's (Zou's
 * remove_not_allowed_fields_from_metadata, which also turns a null `data` into {}).
 */
export function maskedData(ctx: Ctx, kind: string, alias: string): Sql {
  const e = raw(alias)
  return sql`(COALESCE(${e}.data, '{}'::jsonb) - ARRAY(
    SELECT md.field_name::text FROM metadata_descriptor md
    WHERE md.project_id = ${e}.project_id AND md.entity_type = ${kind}
      AND EXISTS (SELECT 1 FROM department_metadata_descriptor_link mdl WHERE mdl.metadata_descriptor_id = md.id)
      AND NOT EXISTS (SELECT 1 FROM department_metadata_descriptor_link mdl
        WHERE mdl.metadata_descriptor_id = md.id AND mdl.department_id = ANY(${ctx.actor.departments}::uuid[]))))`
}
