// routes.md §3 "entities-and-tasks row" (scenes, sequences, episodes …/with-tasks): the
// entities of one kind with their tasks, built as JSON by one SQL statement.
import type { Ctx } from '../../crud/context.ts'
import { empty, join, raw, sql, type Sql } from '../../crud/select.ts'
import type { Row } from '../../lib/serialize.ts'
import type { EntityKind } from './load.ts'
import { typeIdSql } from './types.ts'
import { maskedData } from './vendor-scope.ts'

export interface EntitiesFilter {
  kind: EntityKind
  projectId?: string | null
  /** Entities whose parent is this one. */
  parentId?: string | null
  entityIds?: string[] | null
  /** Only the tasks one of whose assignees is this id (Zou compares it as given). */
  tasksAssignedTo?: string | null
  mask?: boolean
}

const dt = (column: string) => raw(`date_trunc('second', t.${column})`)

/** Rows ordered by name. */
export async function entitiesAndTasks(ctx: Ctx, f: EntitiesFilter): Promise<Row[]> {
  const where: Sql[] = [sql`e.entity_type_id = ${typeIdSql(f.kind)}`]
  if (f.projectId) where.push(sql`e.project_id = ${f.projectId}::uuid`)
  if (f.parentId) where.push(sql`e.parent_id = ${f.parentId}::uuid`)
  if (f.entityIds) where.push(sql`e.id = ANY(${f.entityIds}::uuid[])`)
  const taskWhere = f.tasksAssignedTo
    ? sql`AND EXISTS (SELECT 1 FROM task_person_link al WHERE al.task_id = t.id AND al.person_id::text = ${f.tasksAssignedTo})`
    : empty
  const data = f.mask ? maskedData(raw('e'), f.kind, ctx.actor.departments) : sql`COALESCE(e.data, '{}'::jsonb)`
  const q = sql`SELECT json_build_object('id', e.id, 'name', e.name, 'status', COALESCE(e.status, 'running'),
      'episode_id', COALESCE(e.parent_id::text, 'None'), 'description', e.description,
      'frame_in', d.data->'frame_in', 'frame_out', d.data->'frame_out', 'fps', d.data->'fps',
      'preview_file_id', COALESCE(e.preview_file_id::text, ''), 'canceled', e.canceled, 'data', d.data,
      'tasks', COALESCE((SELECT json_agg(json_build_object('id', t.id, 'estimation', t.estimation, 'entity_id', t.entity_id,
        'end_date', ${dt('end_date')}, 'due_date', ${dt('due_date')}, 'done_date', ${dt('done_date')}, 'duration', t.duration,
        'last_comment_date', ${dt('last_comment_date')}, 'last_preview_file_id', t.last_preview_file_id,
        'priority', COALESCE(t.priority, 0), 'real_start_date', ${dt('real_start_date')}, 'retake_count', t.retake_count,
        'start_date', ${dt('start_date')}, 'difficulty', t.difficulty, 'task_status_id', t.task_status_id,
        'task_type_id', t.task_type_id, 'data', t.data,
        'is_subscribed', EXISTS (SELECT 1 FROM subscription sb WHERE sb.task_id = t.id AND sb.person_id = ${ctx.actor.id}::uuid),
        'assignees', COALESCE((SELECT json_agg(l.person_id) FROM task_person_link l WHERE l.task_id = t.id), '[]'::json)))
        FROM task t WHERE t.entity_id = e.id ${taskWhere}), '[]'::json)) AS row
    FROM entity e CROSS JOIN LATERAL (SELECT ${data} AS data) d
    WHERE ${join(where, ' AND ')}
    ORDER BY e.name, e.id`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r: Row) => r.row as Row)
}
