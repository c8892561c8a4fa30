// Per-entity reads of routes.md §16: the preview files of the entity's tasks, their time
// spents, and the entities linked to it by concept links, with their tasks. Each is PA + EA
// on the entity, then one query.
import type { Ctx } from '../crud/context.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { rowSerializer, type Row } from '../lib/serialize.ts'
import { requireEntityRead } from './access.ts'
import { loadEntity, TEMPORAL_SQL } from './entities/load.ts'

async function readableEntity(ctx: Ctx, entityId: string) {
  const entity = await loadEntity(ctx, entityId)
  await requireEntityRead(ctx, entity)
  return entity
}

const ISO = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS')`

/**
 * GET /data/entities/:entity_id/preview-files: Zou's preview_files_service answer, a flat
 * list (PreviewFile.present()) ordered by task type name, revision (newest first), position.
 */
export async function entityPreviewFiles(ctx: Ctx, entityId: string): Promise<Row[]> {
  const entity = await readableEntity(ctx, entityId)
  const { rows } = await ctx.pool.query(
    `SELECT pf.id::text, pf.name, pf.original_name, pf.extension, pf.revision, pf.position, pf.file_size,
       pf.status, pf.validation_status, pf.task_id::text, pf.person_id::text, ${ISO('pf.created_at')} AS created_at,
       pf.token_in, pf.token_out
     FROM preview_file pf JOIN task t ON t.id = pf.task_id JOIN task_type tt ON tt.id = t.task_type_id
     WHERE t.entity_id = $1
     ORDER BY tt.name, pf.revision DESC, pf.position, pf.created_at, pf.id`,
    [entity.id],
  )
  return rows
}

const serializeTimeSpent = rowSerializer(modelMetaOf('TimeSpent'), 'TimeSpent')

/** GET /data/entities/:entity_id/time-spents: newest date first. */
export async function entityTimeSpents(ctx: Ctx, entityId: string): Promise<Row[]> {
  const entity = await readableEntity(ctx, entityId)
  const { rows } = await ctx.pool.query(
    `SELECT ts.* FROM time_spent ts JOIN task t ON t.id = ts.task_id WHERE t.entity_id = $1
     ORDER BY ts.date DESC, ts.created_at DESC, ts.id`,
    [entity.id],
  )
  return rows.map(serializeTimeSpent)
}

/**
 * GET /data/entities/:entity_id/entities-linked/with-tasks: the entities whose concept links
 * point at this one (`entity_concept_link.entity_out_id`), each with its tasks.
 */
export async function linkedEntitiesWithTasks(ctx: Ctx, entityId: string): Promise<Row[]> {
  const entity = await readableEntity(ctx, entityId)
  const { rows } = await ctx.pool.query(
    `SELECT e.canceled, COALESCE(e.data, '{}'::jsonb) AS data, e.description, e.entity_type_id::text,
       e.data->'fps' AS fps, e.data->'frame_in' AS frame_in, e.data->'frame_out' AS frame_out,
       e.id::text, e.name, e.nb_frames, e.parent_id::text, e.preview_file_id::text, p.id::text AS project_id,
       p.name AS project_name, e.source_id::text, e.nb_entities_out, e.is_casting_standby,
       COALESCE((SELECT json_agg(json_build_object(
           'id', t.id, 'duration', t.duration, 'due_date', ${ISO('t.due_date')}, 'end_date', ${ISO('t.end_date')},
           'entity_id', t.entity_id, 'estimation', t.estimation, 'last_comment_date', ${ISO('t.last_comment_date')},
           'nb_assets_ready', t.nb_assets_ready, 'priority', COALESCE(t.priority, 0),
           'real_start_date', ${ISO('t.real_start_date')}, 'retake_count', t.retake_count,
           'start_date', ${ISO('t.start_date')}, 'task_status_id', t.task_status_id, 'task_type_id', t.task_type_id,
           'assigner_id', t.assigner_id,
           'assignees', COALESCE((SELECT json_agg(a.person_id) FROM task_person_link a WHERE a.task_id = t.id), '[]'::json)
         ) ORDER BY t.created_at, t.id) FROM task t WHERE t.entity_id = e.id), '[]'::json) AS tasks,
       COALESCE((SELECT json_agg(cl.entity_out_id ORDER BY cl.created_at, cl.id) FROM entity_concept_link cl
         WHERE cl.entity_in_id = e.id), '[]'::json) AS entity_concept_links,
       CASE WHEN et.name IN ${TEMPORAL_SQL} THEN et.name ELSE 'Asset' END AS type,
       ${ISO('e.updated_at')} AS updated_at, ${ISO('e.created_at')} AS created_at, e.created_by::text
     FROM entity e JOIN project p ON p.id = e.project_id JOIN entity_type et ON et.id = e.entity_type_id
     WHERE e.id IN (SELECT entity_in_id FROM entity_concept_link WHERE entity_out_id = $1)
     ORDER BY e.name, e.id`,
    [entity.id],
  )
  return rows
}
