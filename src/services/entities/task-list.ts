// routes.md §3 "detailed task list": the tasks of one or more entities with their project,
// type, status and entity names, in one query whatever their number.
import { rowSerializer, type Row } from '../../lib/serialize.ts'
import { modelMetaOf } from '../../crud/meta.ts'
import { modelSchema } from '../../crud/model-schemas.ts'
import { sql, type Sql } from '../../crud/select.ts'
import type { Ctx } from '../../crud/context.ts'

const serializeTask = rowSerializer(modelMetaOf('Task'), 'Task')

/**
 * Tasks matching `where` (a condition on alias `t` = task, `e` = its entity), ordered by
 * project name, task type name, entity type name, entity name. With `relations`, each
 * carries its `assignees` ids.
 */
export async function detailedTasks(ctx: Ctx, where: Sql, relations: boolean): Promise<Row[]> {
  const assignees = relations
    ? sql`, COALESCE((SELECT array_agg(l.person_id::text) FROM task_person_link l WHERE l.task_id = t.id), '{}') AS assignees`
    : sql``
  const q = sql`SELECT t.*, p.name AS project_name, tt.name AS task_type_name, ts.name AS task_status_name,
      et.name AS entity_type_name, e.name AS entity_name ${assignees}
    FROM task t
    JOIN entity e ON e.id = t.entity_id
    JOIN entity_type et ON et.id = e.entity_type_id
    JOIN project p ON p.id = t.project_id
    JOIN task_type tt ON tt.id = t.task_type_id
    JOIN task_status ts ON ts.id = t.task_status_id
    WHERE ${where}
    ORDER BY p.name, tt.name, et.name, e.name`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r: Row) => {
    const out = serializeTask(r)
    out.project_name = r.project_name
    out.task_type_name = r.task_type_name
    out.task_status_name = r.task_status_name
    out.entity_type_name = r.entity_type_name
    out.entity_name = r.entity_name
    if (relations) out.assignees = r.assignees
    return out
  })
}

const { $id: _id, ...taskSchema } = modelSchema(modelMetaOf('Task'), new Set())

/** The response schema of a detailed task list. */
export const DetailedTaskList = {
  type: 'array',
  items: {
    ...taskSchema,
    properties: {
      ...(taskSchema.properties as object),
      project_name: { type: 'string' },
      task_type_name: { type: 'string' },
      task_status_name: { type: 'string' },
      entity_type_name: { type: 'string' },
      entity_name: { type: 'string' },
      assignees: { type: 'array', items: { type: 'string' } },
    },
  },
}
