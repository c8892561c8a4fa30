// Casting update (routes.md §11 "Casting update"): the links of an entity are dropped and
// recreated from the body; an episode's removals also un-cast the assets from its shots; a
// shot's casting also links its assets to the shot's episode, refreshes the readiness stats
// of its tasks, and detaches from the episode the assets no shot of it casts any more.
// Several castings (the bulk route) run in ONE transaction; events go out after commit.
import type pg from 'pg'
import { withTransaction } from '../db/client.ts'
import type { Ctx } from '../crud/context.ts'
import type { EventBus } from '../events/bus.ts'
import { forbidden, invalid, notFound } from '../lib/errors.ts'
import { isUuid } from '../lib/serialize.ts'
import { requireManagerAccess } from './access.ts'
import { findEntities, type EntityRow } from './entities/load.ts'
import { pgExec } from './entities/remove.ts'
import { castingStatsEvents, refreshShotCastingStats } from './casting-stats.ts'
import { checkCastAssets, parseCasting, type CastingInput } from './casting-input.ts'

type BusEvent = Parameters<EventBus['emitMany']>[0][number]

export interface CastingChange {
  entity: EntityRow
  input: CastingInput
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Shots of an episode (Zou's get_shots_for_episode): type Shot, sequence under the episode. */
const EPISODE_SHOT = `JOIN entity_type st ON st.id = s.entity_type_id AND st.name = 'Shot'
  JOIN entity seq ON seq.id = s.parent_id`

// Un-casts assets from every shot of an episode; returns each removed link with the shot's
// casting count before the removal (Zou decrements it by one per link).
const UNCAST_FROM_EPISODE_SHOTS = `WITH gone AS (
    DELETE FROM entity_link l USING entity s ${EPISODE_SHOT}
    WHERE l.entity_in_id = s.id AND seq.parent_id = $1 AND l.entity_out_id = ANY($2::uuid[])
    RETURNING l.entity_in_id, l.entity_out_id
  ), counts AS (SELECT entity_in_id, count(*)::int AS n FROM gone GROUP BY entity_in_id),
  upd AS (
    UPDATE entity e SET nb_entities_out = COALESCE(e.nb_entities_out, 0) - c.n, updated_at = now()
    FROM counts c WHERE e.id = c.entity_in_id RETURNING e.id, e.nb_entities_out
  )
  SELECT g.entity_in_id::text AS shot_id, g.entity_out_id::text AS asset_id, upd.nb_entities_out + c.n AS before
  FROM gone g JOIN counts c ON c.entity_in_id = g.entity_in_id JOIN upd ON upd.id = g.entity_in_id
  ORDER BY g.entity_out_id, g.entity_in_id`

// Links the assets to the episode when not linked yet (nb_occurences 1); returns the new ones.
const LINK_TO_EPISODE = `WITH ins AS (
    INSERT INTO entity_link (entity_in_id, entity_out_id, nb_occurences, label)
    SELECT $1, u.a, 1, u.l FROM unnest($2::uuid[], $3::text[]) AS u(a, l)
    ON CONFLICT (entity_in_id, entity_out_id) DO NOTHING
    RETURNING entity_out_id
  ), upd AS (
    UPDATE entity SET nb_entities_out = COALESCE(nb_entities_out, 0) + (SELECT count(*) FROM ins)
    WHERE id = $1 AND EXISTS (SELECT 1 FROM ins)
  )
  SELECT entity_out_id::text AS asset_id FROM ins`

// Detaches from the episode the assets that no shot of the episode casts any more.
const DETACH_FROM_EPISODE = `WITH gone AS (
    DELETE FROM entity_link l WHERE l.entity_in_id = $1 AND l.entity_out_id = ANY($2::uuid[])
      AND NOT EXISTS (SELECT 1 FROM entity_link l2 JOIN entity s ON s.id = l2.entity_in_id ${EPISODE_SHOT}
        WHERE seq.parent_id = $1 AND l2.entity_out_id = l.entity_out_id)
    RETURNING l.entity_out_id
  ), upd AS (
    UPDATE entity SET nb_entities_out = COALESCE(nb_entities_out, 0) - (SELECT count(*) FROM gone)
    WHERE id = $1 AND EXISTS (SELECT 1 FROM gone) RETURNING nb_entities_out
  )
  SELECT COALESCE((SELECT array_agg(entity_out_id::text ORDER BY entity_out_id::text) FROM gone), '{}') AS removed,
    (SELECT nb_entities_out FROM upd) AS nb`

/** Applies one entity's casting inside the caller's transaction; returns its events in order. */
async function applyCasting(client: pg.PoolClient, { entity, input }: CastingChange, userId: string): Promise<BusEvent[]> {
  const q = async <T>(text: string, values: unknown[]) => (await client.query(text, values)).rows as T[]
  const id = entity.id
  const ev = (name: string, data: Record<string, unknown>): BusEvent => ({ name, data, projectId: entity.project_id, userId })
  const events: BusEvent[] = []

  const prev = (await q<{ id: string }>('SELECT entity_out_id::text AS id FROM entity_link WHERE entity_in_id = $1', [id])).map((r) => r.id)
  // Distinct assets in order of first appearance; the last entry of an asset wins.
  const last = new Map(input.entries.map((e) => [e.asset_id, e]))
  const first = new Map<string, string | null>()
  for (const e of input.entries) if (!first.has(e.asset_id)) first.set(e.asset_id, e.label)
  const assetIds = [...first.keys()]
  const added = assetIds.filter((a) => !prev.includes(a)).sort(byString)
  const removed = prev.filter((a) => !last.has(a)).sort(byString)

  if (entity.kind === 'Episode' && removed.length) {
    const gone = await q<{ shot_id: string; asset_id: string; before: number }>(UNCAST_FROM_EPISODE_SHOTS, [id, removed])
    const shots = [...new Set(gone.map((g) => g.shot_id))]
    events.push(...castingStatsEvents(await refreshShotCastingStats(pgExec(client), shots), userId))
    const count = new Map<string, number>()
    for (const g of gone) {
      const nb = (count.get(g.shot_id) ?? g.before) - 1
      count.set(g.shot_id, nb)
      events.push(ev('shot:casting-update', { shot_id: g.shot_id, nb_entities_out: nb, added_asset_ids: [], removed_asset_ids: [g.asset_id] }))
    }
  }

  await client.query('DELETE FROM entity_link WHERE entity_in_id = $1', [id])
  const links = await q<{ id: string; asset_id: string }>(
    `INSERT INTO entity_link (entity_in_id, entity_out_id, nb_occurences, label)
     SELECT $1, u.a, u.n, u.l FROM unnest($2::uuid[], $3::int[], $4::text[]) AS u(a, n, l)
     RETURNING id::text, entity_out_id::text AS asset_id`,
    [id, assetIds, assetIds.map((a) => last.get(a)!.nb_occurences), assetIds.map((a) => last.get(a)!.label)],
  )
  const linkIds = new Map(links.map((l) => [l.asset_id, l.id]))

  let episodeId: string | null = null
  let linkedToEpisode = new Set<string>()
  if (entity.kind === 'Shot' && entity.parent_id) {
    episodeId = (await q<{ id: string | null }>('SELECT parent_id::text AS id FROM entity WHERE id = $1', [entity.parent_id]))[0]?.id ?? null
    if (episodeId && assetIds.length) {
      const rows = await q<{ asset_id: string }>(LINK_TO_EPISODE, [episodeId, assetIds, assetIds.map((a) => first.get(a))])
      linkedToEpisode = new Set(rows.map((r) => r.asset_id))
    }
  }

  const seen = new Set<string>()
  for (const e of input.entries) {
    const linkId = linkIds.get(e.asset_id)!
    if (!seen.has(e.asset_id)) {
      seen.add(e.asset_id)
      if (linkedToEpisode.has(e.asset_id)) events.push(ev('asset:update', { asset_id: e.asset_id }))
      events.push(ev('entity-link:new', { entity_link_id: linkId, entity_in_id: id, entity_out_id: e.asset_id, nb_occurences: e.nb_occurences }))
    } else {
      events.push(ev('entity-link:update', { entity_link_id: linkId, nb_occurences: e.nb_occurences }))
    }
    if (entity.kind === 'Episode') events.push(ev('asset:update', { asset_id: e.asset_id }))
  }

  const nb = input.size
  await client.query('UPDATE entity SET nb_entities_out = $2, updated_at = now() WHERE id = $1', [id, nb])
  const diff = { nb_entities_out: nb, added_asset_ids: added, removed_asset_ids: removed }
  if (entity.kind === 'Shot') {
    events.push(...castingStatsEvents(await refreshShotCastingStats(pgExec(client), [id]), userId))
    events.push(ev('shot:casting-update', { shot_id: id, ...diff }))
    if (episodeId && removed.length) {
      const [detached] = await q<{ removed: string[]; nb: number | null }>(DETACH_FROM_EPISODE, [episodeId, removed])
      if (detached.removed.length) {
        events.push(ev('episode:casting-update', {
          episode_id: episodeId, nb_entities_out: detached.nb, added_asset_ids: [], removed_asset_ids: detached.removed,
        }))
        for (const assetId of detached.removed) events.push(ev('asset:update', { asset_id: assetId }))
      }
    }
  } else if (entity.kind === 'Episode') {
    events.push(ev('episode:casting-update', { episode_id: id, ...diff }))
  } else {
    // Zou: every other kind (assets, and sequences) reports an asset casting update.
    events.push(ev('asset:casting-update', { asset_id: id, ...diff }))
  }
  return events
}

/** Applies the castings in one transaction (entities locked in id order), then emits. */
export async function updateCastings(ctx: Ctx, changes: CastingChange[]): Promise<void> {
  if (!changes.length) return
  const events = await withTransaction(ctx.pool, async (client) => {
    const ids = [...new Set(changes.map((c) => c.entity.id))].sort(byString)
    await client.query('SELECT 1 FROM entity WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids])
    const all: BusEvent[] = []
    for (const change of changes) all.push(...(await applyCasting(client, change, ctx.actor.id)))
    return all
  })
  await ctx.events.emitMany(events)
}

/** PUT …/entities/:entity_id/casting and PUT /data/assets/:asset_id/casting: returns the body. */
export async function putEntityCasting(ctx: Ctx, entity: EntityRow, body: unknown[]): Promise<unknown[]> {
  const input = parseCasting(body)
  await checkCastAssets(ctx, [input])
  await updateCastings(ctx, [{ entity, input }])
  return body
}

export const BULK_SHAPE_MESSAGE = 'Request body must be a JSON object mapping entity ids to casting arrays'

/**
 * PUT /data/projects/:project_id/entities/casting: MPA, then every entity is checked (404
 * unknown, 403 in another project) and every casting read before anything is written.
 */
export async function putProjectCastings(ctx: Ctx, projectId: string, body: unknown): Promise<Record<string, unknown[]>> {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !Object.values(body).every(Array.isArray)) {
    throw invalid(BULK_SHAPE_MESSAGE)
  }
  const castings = body as Record<string, unknown[]>
  await requireManagerAccess(ctx, projectId)
  const entities = await findEntities(ctx, Object.keys(castings))
  const changes: CastingChange[] = []
  for (const [key, casting] of Object.entries(castings)) {
    const entity = entities.get(key.toLowerCase())
    if (!entity || !isUuid(key)) throw notFound()
    if (entity.project_id !== projectId) throw forbidden()
    changes.push({ entity, input: parseCasting(casting, `Entity ${key}: `) })
  }
  await checkCastAssets(ctx, changes.map((c) => c.input))
  await updateCastings(ctx, changes)
  return castings
}
