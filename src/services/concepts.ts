// routes.md §13: concepts (entities of type Concept). Clients and vendors are refused on the
// lists and on creation; single-concept routes refuse clients and apply EA to vendors.
import { typeIdSql } from './entities/types.ts'
import { forbidden, notFound } from '../lib/errors.ts'
import { formatDateTime, isUuid, type Row } from '../lib/serialize.ts'
import { join, sql, type Sql } from '../crud/select.ts'
import { serialize } from '../crud/service.ts'
import type { Ctx } from '../crud/context.ts'
import type { Role } from '../plugins/auth.ts'
import { prepared, withTransaction } from '../db/client.ts'
import { requireEntityRead, requireProjectAccess } from './access.ts'
import { loadEntity, type EntityRow } from './entities/load.ts'
import { deleteEntity, requireEntityDelete } from './entities/remove.ts'
import { detailedTasks } from './entities/task-list.ts'
import {
  checkIdCriterions, entityCriterions, entityModel, entityWithRelations, getOrCreateEntity, hasAssignedTask,
  listEntities, queryValue, requireProjectFromPath, taskTypesOfEntity, tasksJson, type TaskField,
} from './concepts-edits-shared.ts'

type Query = Record<string, unknown>

/** Zou's CONCEPTS_AND_TASKS_TASK_FIELDS. */
export const CONCEPT_TASK_FIELDS: readonly TaskField[] = [
  'id', 'duration', 'due_date', 'end_date', 'entity_id', 'estimation', 'last_comment_date', 'nb_assets_ready',
  'priority', 'real_start_date', 'retake_count', 'start_date', 'task_status_id', 'task_type_id', 'data',
]

function refuseVendorsAndClients(role: Role): void {
  if (role === 'vendor' || role === 'client') throw forbidden()
}

/** GET /data/concepts: criterions (`assigned_to` special), with project_name, by name. */
export async function listConcepts(ctx: Ctx, query: Query): Promise<Row[]> {
  refuseVendorsAndClients(await requireProjectAccess(ctx, queryValue(query.project_id)?.toLowerCase()))
  const where = entityCriterions(query, ['assigned_to'])
  if (query.assigned_to !== undefined) where.push(hasAssignedTask(ctx, sql`t.id`))
  return listEntities(ctx, 'Concept', where, { projectName: true })
}

/** The with-tasks rows of the concepts matching `where` (alias `e`), one statement. */
async function conceptRows(ctx: Ctx, where: Sql[], assignedOnly: boolean): Promise<Row[]> {
  const conditions = [sql`e.entity_type_id = ${typeIdSql('Concept')}`, ...where]
  if (assignedOnly) conditions.push(hasAssignedTask(ctx, sql`e.id`))
  const q = sql`SELECT e.id, e.name, e.description, e.data, e.canceled, e.entity_type_id, e.parent_id, e.preview_file_id,
      e.source_id, e.nb_frames, e.nb_entities_out, e.is_casting_standby, e.created_by, e.created_at, e.updated_at,
      e.project_id, p.name AS project_name,
      ${tasksJson(ctx, sql`e`, CONCEPT_TASK_FIELDS, assignedOnly)} AS tasks,
      COALESCE((SELECT json_agg(l.entity_out_id) FROM entity_concept_link l WHERE l.entity_in_id = e.id), '[]'::json) AS links
    FROM entity e JOIN project p ON p.id = e.project_id
    WHERE ${join(conditions, ' AND ')}
    ORDER BY e.name, e.id`
  const { rows } = await ctx.pool.query(prepared(q.text, q.values))
  return rows.map((r: Row) => {
    const data = (r.data ?? {}) as Row
    return {
      canceled: r.canceled, data, description: r.description, entity_type_id: r.entity_type_id,
      fps: data.fps ?? null, frame_in: data.frame_in ?? null, frame_out: data.frame_out ?? null,
      id: r.id, name: r.name, nb_frames: r.nb_frames, parent_id: r.parent_id, preview_file_id: r.preview_file_id,
      project_id: r.project_id, project_name: r.project_name, source_id: r.source_id, nb_entities_out: r.nb_entities_out,
      is_casting_standby: r.is_casting_standby, tasks: r.tasks, entity_concept_links: r.links, type: 'Concept',
      updated_at: formatDateTime(r.updated_at as Date), created_at: formatDateTime(r.created_at as Date), created_by: r.created_by,
    }
  })
}

/** GET /data/concepts/with-tasks: `project_id`, `id`, `assigned_to`. */
export async function conceptsWithTasks(ctx: Ctx, query: Query): Promise<Row[]> {
  checkIdCriterions(query, ['id', 'project_id'])
  const projectId = queryValue(query.project_id)?.toLowerCase()
  refuseVendorsAndClients(await requireProjectAccess(ctx, projectId))
  const where: Sql[] = []
  if (projectId) where.push(sql`e.project_id = ${projectId}::uuid`)
  const id = queryValue(query.id)
  if (id) where.push(sql`e.id = ${id.toLowerCase()}::uuid`)
  return conceptRows(ctx, where, query.assigned_to !== undefined)
}

/** A concept the caller may read: PA + EA, clients refused. */
async function readableConcept(ctx: Ctx, id: string): Promise<EntityRow> {
  const concept = await loadEntity(ctx, id, 'Concept')
  if ((await requireEntityRead(ctx, concept)) === 'client') throw forbidden()
  return concept
}

/** GET /data/concepts/:id: the with-tasks row merged with the concept and its relation keys. */
export async function getConcept(ctx: Ctx, id: string): Promise<Row> {
  const concept = await readableConcept(ctx, id)
  const [row] = await conceptRows(ctx, [sql`e.id = ${concept.id}::uuid`], false)
  return { ...row, ...(await entityWithRelations(ctx, concept.id)) }
}

export async function deleteConcept(ctx: Ctx, id: string, force: boolean): Promise<void> {
  const concept = await loadEntity(ctx, id, 'Concept')
  await requireEntityDelete(ctx, concept)
  await deleteEntity(ctx, concept, force)
}

/** The id of a concept the caller may read (for the shared per-entity answers). */
export async function readableConceptId(ctx: Ctx, id: string): Promise<string> {
  return (await readableConcept(ctx, id)).id
}

export async function conceptTaskTypes(ctx: Ctx, id: string): Promise<Row[]> {
  return taskTypesOfEntity(ctx, await readableConceptId(ctx, id))
}

export async function conceptTasks(ctx: Ctx, id: string, relations: boolean): Promise<Row[]> {
  const concept = await readableConcept(ctx, id)
  return detailedTasks(ctx, sql`t.entity_id = ${concept.id}::uuid`, relations)
}

/** GET /data/projects/:project_id/concepts. */
export async function projectConcepts(ctx: Ctx, projectId: string): Promise<Row[]> {
  refuseVendorsAndClients(await requireProjectFromPath(ctx, projectId))
  return listEntities(ctx, 'Concept', [sql`t.project_id = ${projectId.toLowerCase()}::uuid`])
}

export interface NewConceptBody {
  name: string
  data?: Record<string, unknown> | null
  description?: string | null
  entity_concept_links?: Array<string | { id: string }>
}

/**
 * Ids of the entities to link. Zou declares the items as objects and looks each up as a
 * primary key (so `{"id": …}` works); bare id strings are accepted too. A malformed id is
 * Zou's EntityNotFoundException (404); unknown ids are skipped, as Zou does.
 */
function linkIds(items: NewConceptBody['entity_concept_links']): string[] {
  return (items ?? []).map((item) => {
    const id = typeof item === 'string' ? item : item.id
    if (!isUuid(id)) throw notFound()
    return id.toLowerCase()
  })
}

/** POST /data/projects/:project_id/concepts: get-or-create by name; new → `concept:new`. */
export async function createConcept(ctx: Ctx, projectId: string, body: NewConceptBody): Promise<Row> {
  refuseVendorsAndClients(await requireProjectFromPath(ctx, projectId))
  const project = projectId.toLowerCase()
  const links = linkIds(body.entity_concept_links)
  const { row, created } = await withTransaction(ctx.pool, async (client) => {
    const result = await getOrCreateEntity(client, {
      kind: 'Concept', projectId: project, name: body.name, parentId: null,
      description: body.description ?? null, data: body.data ?? null, createdBy: ctx.actor.id,
    }, false)
    if (result.created && links.length) {
      await client.query(
        `INSERT INTO entity_concept_link (entity_in_id, entity_out_id)
         SELECT $1, e.id FROM entity e WHERE e.id = ANY($2::uuid[]) ON CONFLICT DO NOTHING`,
        [result.row.id, links],
      )
    }
    return result
  })
  if (created) await ctx.events.emit('concept:new', { concept_id: row.id }, { projectId: project, userId: ctx.actor.id })
  return serialize(ctx, entityModel, row, false)
}
