// Deleting entities (routes.md §2, §3, §13, §15): a live entity with tasks is only canceled
// unless forced; a forced delete removes its tasks and everything hanging off it; sequences
// and episodes cascade to what they contain. All of it set-based, in one transaction, and
// the events (`task:delete` per task, `<kind>:delete` per entity) emitted after commit.
import { invalid } from '../../lib/errors.ts'
import { withTransaction } from '../../db/client.ts'
import type { Ctx } from '../../crud/context.ts'
import { requireManagerAccess, requireProjectAccess } from '../access.ts'
import { removeTasks, type Exec } from '../tasks-remove.ts'
import { castingStatsEvents, refreshShotCastingStats, refreshStatsOfShotsCasting, type CastingStat } from '../casting-stats.ts'
import { TEMPORAL_SQL, type EntityRow } from './load.ts'

/**
 * Zou's rule: the entity's creator, or MPA. Zou only looks up (and does not enforce) the
 * creator's team membership; Slate requires the creator to still be on the team.
 */
export async function requireEntityDelete(ctx: Ctx, entity: EntityRow): Promise<void> {
  if (entity.created_by && entity.created_by === ctx.actor.id) await requireProjectAccess(ctx, entity.project_id)
  else await requireManagerAccess(ctx, entity.project_id)
}

export interface RemovedTask {
  id: string
  entity_id: string
  task_type_id: string
}

export interface Removal {
  tasks: RemovedTask[]
  entities: Array<{ id: string; kind: string }>
  /** Entities (shots, assets, episodes) whose casting lost a link: their stats need refreshing. */
  castingChanged: string[]
  /** The recomputed readiness of the tasks of the shots in castingChanged. */
  castingStats: CastingStat[]
}

const KIND_SQL = `CASE WHEN et.name IN ${TEMPORAL_SQL} THEN et.name ELSE 'Asset' END`

/** The entity plus, for sequences and episodes, everything beneath it (and an episode's assets). */
async function closure(exec: Exec, entity: EntityRow): Promise<string[]> {
  if (entity.kind !== 'Sequence' && entity.kind !== 'Episode') return [entity.id]
  const { rows } = (await exec(
    `WITH RECURSIVE under(id) AS (
       SELECT $1::uuid
       UNION SELECT e.id FROM entity e JOIN under u ON e.parent_id = u.id
     )
     SELECT id FROM under
     UNION SELECT id FROM entity WHERE source_id = $1::uuid AND $2::boolean`,
    [entity.id, entity.kind === 'Episode'],
  )) as { rows: Array<{ id: string }> }
  return rows.map((r) => r.id)
}

/** Removes the entities and everything referencing them. Runs inside the caller's transaction. */
export async function purgeEntities(exec: Exec, ids: string[]): Promise<Removal> {
  const q = async <T>(text: string) => ((await exec(text, [ids])) as { rows: T[] }).rows
  const tasks = await q<RemovedTask>('SELECT id, entity_id, task_type_id FROM task WHERE entity_id = ANY($1::uuid[])')
  const entities = await q<{ id: string; kind: string }>(
    `SELECT e.id, ${KIND_SQL} AS kind FROM entity e JOIN entity_type et ON et.id = e.entity_type_id WHERE e.id = ANY($1::uuid[])`,
  )
  await removeTasks(exec, tasks.map((t) => t.id))
  const castingChanged = await q<{ id: string }>(
    `DELETE FROM entity_link WHERE entity_in_id = ANY($1::uuid[]) OR entity_out_id = ANY($1::uuid[])
     RETURNING entity_in_id AS id`,
  )
  const changed = [...new Set(castingChanged.map((r) => r.id))].filter((id) => !ids.includes(id))
  await exec(
    `UPDATE entity e SET nb_entities_out = (SELECT count(*) FROM entity_link l WHERE l.entity_in_id = e.id)
     WHERE e.id = ANY($1::uuid[])`,
    [changed],
  )
  const castingStats = await refreshShotCastingStats(exec, changed)
  const steps = [
    'DELETE FROM entity_version WHERE entity_id = ANY($1::uuid[])',
    'DELETE FROM subscription WHERE entity_id = ANY($1::uuid[])',
    'DELETE FROM entity_concept_link WHERE entity_in_id = ANY($1::uuid[]) OR entity_out_id = ANY($1::uuid[])',
    `DELETE FROM asset_instance_link WHERE entity_id = ANY($1::uuid[]) OR asset_instance_id IN (
       SELECT id FROM asset_instance WHERE asset_id = ANY($1::uuid[]) OR scene_id = ANY($1::uuid[])
         OR target_asset_id = ANY($1::uuid[]) OR entity_id = ANY($1::uuid[]))`,
    `DELETE FROM asset_instance WHERE asset_id = ANY($1::uuid[]) OR scene_id = ANY($1::uuid[])
       OR target_asset_id = ANY($1::uuid[]) OR entity_id = ANY($1::uuid[])`,
    'DELETE FROM output_file WHERE entity_id = ANY($1::uuid[]) OR temporal_entity_id = ANY($1::uuid[])',
    'DELETE FROM working_file WHERE entity_id = ANY($1::uuid[])',
    'DELETE FROM schedule_item WHERE object_id = ANY($1::uuid[])',
    `DELETE FROM notification WHERE playlist_id IN (SELECT id FROM playlist WHERE episode_id = ANY($1::uuid[]))`,
    `DELETE FROM playlist_share_link WHERE playlist_id IN (SELECT id FROM playlist WHERE episode_id = ANY($1::uuid[]))`,
    `DELETE FROM build_job WHERE playlist_id IN (SELECT id FROM playlist WHERE episode_id = ANY($1::uuid[]))`,
    'DELETE FROM playlist WHERE episode_id = ANY($1::uuid[])',
    'UPDATE entity SET parent_id = NULL WHERE parent_id = ANY($1::uuid[]) AND NOT id = ANY($1::uuid[])',
    'UPDATE entity SET source_id = NULL WHERE source_id = ANY($1::uuid[]) AND NOT id = ANY($1::uuid[])',
    'DELETE FROM entity WHERE id = ANY($1::uuid[])',
  ]
  for (const text of steps) await exec(text, [ids])
  return { tasks, entities, castingChanged: changed, castingStats }
}

export const pgExec = (client: { query: (t: string, v: unknown[]) => Promise<unknown> }): Exec => (t, v) => client.query(t, v)

export type DeleteOutcome = 'canceled' | 'deleted'

/**
 * DELETE of one entity with Zou's rules per kind. Access is the caller's business
 * (requireEntityDelete). Emits the events after commit.
 */
export async function deleteEntity(ctx: Ctx, entity: EntityRow, force: boolean): Promise<DeleteOutcome> {
  const kind = entity.kind
  const key = `${kind.toLowerCase()}_id`
  const opts = { projectId: entity.project_id, userId: ctx.actor.id }
  const outcome = await withTransaction(ctx.pool, async (client) => {
    const exec = pgExec(client)
    const { rows } = await client.query('SELECT EXISTS (SELECT 1 FROM task WHERE entity_id = $1) AS has_tasks', [entity.id])
    const hasTasks: boolean = rows[0].has_tasks
    if (kind === 'Sequence' || kind === 'Episode') {
      if (!force && (hasTasks || (await referenced(client, entity.id)))) {
        throw invalid(`Some data are still linked to this ${kind.toLowerCase()}.`)
      }
    } else if (kind === 'Scene') {
      // Zou: a scene the database refuses to delete is canceled instead (and still reported deleted).
      if (hasTasks || (await referenced(client, entity.id))) {
        await client.query('UPDATE entity SET canceled = true, updated_at = now() WHERE id = $1', [entity.id])
        return { canceled: true as const, removal: null, stats: [] }
      }
    } else if (hasTasks && !force) {
      await client.query('UPDATE entity SET canceled = true, updated_at = now() WHERE id = $1', [entity.id])
      // A canceled asset no longer counts in the readiness of the shots casting it.
      const stats = kind === 'Asset' ? await refreshStatsOfShotsCasting(exec, [entity.id]) : []
      return { canceled: true as const, removal: null, stats }
    }
    return { canceled: false as const, removal: await purgeEntities(exec, await closure(exec, entity)), stats: [] }
  })
  if (!outcome.removal) {
    await ctx.events.emitMany([
      { name: `${kind.toLowerCase()}:${kind === 'Scene' ? 'delete' : 'update'}`, data: { [key]: entity.id }, ...opts },
      ...castingStatsEvents(outcome.stats, ctx.actor.id),
    ])
    return 'canceled'
  }
  await emitRemoval(ctx, outcome.removal, entity.project_id)
  return 'deleted'
}

/** Whether anything other than casting links still points at the entity. */
async function referenced(client: { query: (t: string, v: unknown[]) => Promise<{ rows: Array<{ ref: boolean }> }> }, id: string) {
  const { rows } = await client.query(
    `SELECT EXISTS (SELECT 1 FROM entity WHERE parent_id = $1 OR source_id = $1)
         OR EXISTS (SELECT 1 FROM playlist WHERE episode_id = $1)
         OR EXISTS (SELECT 1 FROM output_file WHERE entity_id = $1 OR temporal_entity_id = $1)
         OR EXISTS (SELECT 1 FROM working_file WHERE entity_id = $1)
         OR EXISTS (SELECT 1 FROM asset_instance WHERE scene_id = $1 OR entity_id = $1) AS ref`,
    [id],
  )
  return rows[0].ref
}

/** task:delete per removed task, then <kind>:delete per removed entity. */
export async function emitRemoval(ctx: Ctx, removal: Removal, projectId: string): Promise<void> {
  const opts = { projectId, userId: ctx.actor.id }
  await ctx.events.emitMany([
    ...removal.tasks.map((t) => ({ name: 'task:delete', data: { task_id: t.id, entity_id: t.entity_id, task_type_id: t.task_type_id }, ...opts })),
    ...removal.entities.map((e) => ({ name: `${e.kind.toLowerCase()}:delete`, data: { [`${e.kind.toLowerCase()}_id`]: e.id }, ...opts })),
    ...castingStatsEvents(removal.castingStats, ctx.actor.id),
  ])
}
