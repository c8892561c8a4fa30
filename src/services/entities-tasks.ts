// POST /data/entities/:entity_id/tasks (routes.md §16): one `main` task per task type for an
// entity, skipping the types it already has a task of. Without a list: every task type
// enabled on the project (and, for an asset whose type has a workflow, in that workflow) whose
// for_entity is empty or the entity's kind. With a list: each type must fit those same rules.
import type { PoolClient } from 'pg'
import type { Ctx } from '../crud/context.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { modelSchema } from '../crud/model-schemas.ts'
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, rowSerializer, type Row } from '../lib/serialize.ts'
import { withTransaction } from '../db/client.ts'
import { requireEntityRead } from './access.ts'
import { loadEntity, type EntityRow } from './entities/load.ts'

interface TaskTypeFacts {
  id: string
  for_entity: string | null
  enabled: boolean
  in_workflow: boolean
  has_task: boolean
}

/** The `task_type_ids` of the body (absent body or key: []), Zou's validation shape otherwise. */
export function taskTypeIdsBody(body: unknown): string[] {
  if (body === undefined || body === null) return []
  const invalid = (message: string) => wrongParameter('Validation error.', { errors: [{ field: 'task_type_ids', message }] })
  if (typeof body !== 'object' || Array.isArray(body)) throw wrongParameter('Validation error.', { errors: [{ field: 'body', message: 'Input should be a valid dictionary' }] })
  const ids = (body as Row).task_type_ids
  if (ids === undefined || ids === null) return []
  if (!Array.isArray(ids)) throw invalid('Input should be a valid list')
  if (!ids.every((id) => typeof id === 'string')) throw invalid('Input should be a valid string')
  return [...new Set(ids.map((id) => id.toLowerCase()))]
}

const FACTS_SQL = `SELECT tt.id::text, tt.for_entity,
    EXISTS (SELECT 1 FROM project_task_type_link p WHERE p.project_id = $2 AND p.task_type_id = tt.id) AS enabled,
    EXISTS (SELECT 1 FROM task_type_asset_type_link w WHERE w.asset_type_id = $3 AND w.task_type_id = tt.id) AS in_workflow,
    EXISTS (SELECT 1 FROM task t WHERE t.entity_id = $4 AND t.task_type_id = tt.id) AS has_task
  FROM task_type tt
  WHERE ($1::uuid[] IS NULL OR tt.id = ANY($1::uuid[]))
  ORDER BY tt.priority, tt.name, tt.id`

/** The task types to create tasks of, checked against Zou's rules (400 / 404). */
async function taskTypesFor(ctx: Ctx, entity: EntityRow, requested: string[]): Promise<string[]> {
  if (requested.some((id) => !isUuid(id))) throw notFound()
  const { rows: [{ has_workflow: hasWorkflow }] } = await ctx.pool.query(
    'SELECT EXISTS (SELECT 1 FROM task_type_asset_type_link WHERE asset_type_id = $1) AS has_workflow',
    [entity.entity_type_id],
  )
  const { rows } = await ctx.pool.query(FACTS_SQL, [requested.length ? requested : null, entity.project_id, entity.entity_type_id, entity.id])
  const facts = rows as TaskTypeFacts[]
  const workflow = entity.kind === 'Asset' && hasWorkflow
  const fits = (t: TaskTypeFacts) => !t.for_entity || t.for_entity === entity.kind
  if (!requested.length) return facts.filter((t) => t.enabled && fits(t) && (!workflow || t.in_workflow) && !t.has_task).map((t) => t.id)
  const byId = new Map(facts.map((t) => [t.id, t]))
  for (const id of requested) {
    const t = byId.get(id)
    if (!t) throw notFound()
    if (!fits(t)) throw wrongParameter(`Task type ${id} is for ${t.for_entity} entities, got ${entity.kind}.`)
    if (!t.enabled) throw wrongParameter(`Task type ${id} is not enabled in project ${entity.project_id}.`)
    if (workflow && !t.in_workflow) throw wrongParameter(`Task type ${id} is not in the workflow of asset type ${entity.entity_type_id}.`)
  }
  return requested.filter((id) => !byId.get(id)!.has_task)
}

/** Zou's default status (the concept one for concepts), created as `Todo` when there is none. */
async function defaultStatus(client: PoolClient, forConcept: boolean): Promise<{ id: string; created: boolean }> {
  const { rows } = await client.query(
    `SELECT id::text FROM task_status WHERE is_default ORDER BY (for_concept IS TRUE) = $1 DESC, created_at, id LIMIT 1`,
    [forConcept],
  )
  if (rows.length) return { id: rows[0].id, created: false }
  const inserted = await client.query(
    `INSERT INTO task_status (name, short_name, color, is_default) VALUES ('Todo', 'todo', '#f5f5f5', true)
     ON CONFLICT (short_name) DO UPDATE SET short_name = EXCLUDED.short_name RETURNING id::text, (xmax = 0) AS created`,
  )
  return inserted.rows[0]
}

const serializeTask = rowSerializer(modelMetaOf('Task'), 'Task')

export async function createEntityTasks(ctx: Ctx, entityId: string, body: unknown): Promise<Row[]> {
  const entity = await loadEntity(ctx, entityId)
  const role = await requireEntityRead(ctx, entity)
  if (role === 'vendor' || role === 'client') throw forbidden()
  const typeIds = await taskTypesFor(ctx, entity, taskTypeIdsBody(body))
  if (!typeIds.length) return []
  const { rows, status } = await withTransaction(ctx.pool, async (client) => {
    const status = await defaultStatus(client, entity.kind === 'Concept')
    const { rows } = await client.query(
      `WITH ins AS (
         INSERT INTO task (name, project_id, entity_id, task_type_id, task_status_id, assigner_id, duration, estimation,
           completion_rate, sort_order)
         SELECT 'main', $1, $2, u.id, $3, $4, 0, 0, 0, 0 FROM unnest($5::uuid[]) WITH ORDINALITY AS u(id, ord)
         ON CONFLICT (name, project_id, task_type_id, entity_id) DO NOTHING
         RETURNING *
       )
       SELECT ins.*, ts.name AS task_status_name, ts.short_name AS task_status_short_name, ts.color AS task_status_color,
         tt.name AS task_type_name, tt.color AS task_type_color, tt.priority AS task_type_priority
       FROM ins JOIN task_status ts ON ts.id = ins.task_status_id JOIN task_type tt ON tt.id = ins.task_type_id
       ORDER BY array_position($5::uuid[], ins.task_type_id)`,
      [entity.project_id, entity.id, status.id, ctx.actor.id, typeIds],
    )
    return { rows: rows as Row[], status }
  })
  const opts = { projectId: entity.project_id, userId: ctx.actor.id }
  await ctx.events.emitMany([
    ...(status.created ? [{ name: 'task-status:new', data: { task_status_id: status.id }, userId: ctx.actor.id }] : []),
    ...rows.map((r) => ({ name: 'task:new', data: { task_id: r.id }, ...opts })),
  ])
  return rows.map((r) => ({
    ...serializeTask(r),
    assignees: [],
    task_status_name: r.task_status_name,
    task_status_short_name: r.task_status_short_name,
    task_status_color: r.task_status_color,
    task_type_name: r.task_type_name,
    task_type_color: r.task_type_color,
    task_type_priority: r.task_type_priority,
  }))
}

const { $id: _id, ...taskSchema } = modelSchema(modelMetaOf('Task'), new Set())
const NStr = { type: ['string', 'null'] }

/** Response schema of the created tasks ("creation shape" of routes.md §4). */
export const CreatedTaskList = {
  type: 'array',
  items: {
    ...taskSchema,
    properties: {
      ...(taskSchema.properties as object),
      assignees: { type: 'array', items: { type: 'string' } },
      task_status_name: NStr, task_status_short_name: NStr, task_status_color: NStr,
      task_type_name: NStr, task_type_color: NStr, task_type_priority: { type: ['integer', 'null'] },
    },
  },
}
