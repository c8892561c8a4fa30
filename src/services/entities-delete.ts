// POST /actions/projects/:project_id/delete-entities (routes.md §16): the delete of each listed
// shot, edit, asset or concept of the project, in ONE transaction. A live entity with tasks is
// only canceled (unless forced); a canceled one, one without tasks, or any concept is removed
// with everything hanging off it (the shared purge). Events are those of the single deletes.
import type { Ctx } from '../crud/context.ts'
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid } from '../lib/serialize.ts'
import { withTransaction } from '../db/client.ts'
import { requireEntityDelete, purgeEntities, emitRemoval, pgExec } from './entities/remove.ts'
import { findEntities, type EntityRow } from './entities/load.ts'
import { castingStatsEvents, refreshStatsOfShotsCasting } from './casting-stats.ts'

const DELETABLE = new Set(['Shot', 'Edit', 'Asset', 'Concept'])

/** Zou's id-list body: a bare JSON array of UUIDs. */
export function idListBody(body: unknown): string[] {
  if (!Array.isArray(body)) throw wrongParameter('Request body must be a JSON array.')
  if (!body.every(isUuid)) throw wrongParameter('Request body must only contain valid UUIDs.')
  return [...new Set(body.map((id) => id.toLowerCase()))]
}

export async function deleteProjectEntities(ctx: Ctx, projectId: string, body: unknown, force: boolean): Promise<string[]> {
  if (!isUuid(projectId) || !(await ctx.pool.query('SELECT 1 FROM project WHERE id = $1', [projectId])).rowCount) throw notFound()
  const ids = idListBody(body)
  const found = await findEntities(ctx, ids)
  const listed = ids.map((id) => found.get(id)).filter((e): e is EntityRow => !!e)
  // Each listed entity: its creator (still on the team) or a manager of its project. For the
  // team members this costs no query (memberships come with the caller); admins always pass.
  if (!ctx.isAdmin) for (const entity of listed) await requireEntityDelete(ctx, entity)
  const selected = listed.filter((e) => e.project_id === projectId.toLowerCase() && DELETABLE.has(e.kind))
  if (!selected.length) return []

  // Zou: force, or an entity already canceled, deletes for real; concepts always go.
  const cancelable = selected.filter((e) => e.kind !== 'Concept' && !force && !e.canceled).map((e) => e.id)
  const outcome = await withTransaction(ctx.pool, async (client) => {
    const exec = pgExec(client)
    const { rows } = await client.query(
      `UPDATE entity e SET canceled = true, updated_at = now()
       WHERE e.id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM task t WHERE t.entity_id = e.id) RETURNING e.id::text`,
      [cancelable],
    )
    const canceled = new Set(rows.map((r) => r.id as string))
    const doomed = selected.filter((e) => !canceled.has(e.id)).map((e) => e.id)
    const removal = doomed.length ? await purgeEntities(exec, doomed) : { tasks: [], entities: [], castingChanged: [], castingStats: [] }
    const canceledAssets = selected.filter((e) => canceled.has(e.id) && e.kind === 'Asset').map((e) => e.id)
    return { canceled, removal, stats: await refreshStatsOfShotsCasting(exec, canceledAssets) }
  })

  const opts = { projectId: projectId.toLowerCase(), userId: ctx.actor.id }
  await ctx.events.emitMany([
    ...selected.filter((e) => outcome.canceled.has(e.id)).map((e) => {
      const kind = e.kind.toLowerCase()
      return { name: `${kind}:update`, data: { [`${kind}_id`]: e.id }, ...opts }
    }),
    ...castingStatsEvents(outcome.stats, ctx.actor.id),
  ])
  await emitRemoval(ctx, outcome.removal, opts.projectId)
  return selected.map((e) => e.id)
}
