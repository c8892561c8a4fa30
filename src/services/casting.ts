// Casting reads (routes.md §11, §2 cast-in/casting): entity_link rows from a shot, sequence,
// episode or asset (`entity_in_id`) to the assets it uses (`entity_out_id`). Canceled assets
// are left out of every read. Each read is one SQL statement whatever the size of the answer.
import type { Ctx } from '../crud/context.ts'
import { entityKind } from '../crud/hooks/entities.ts'
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import { requireNotVendor, requireProjectAccess } from './access.ts'
import { loadEntity, TEMPORAL_SQL, type EntityKind, type EntityRow } from './entities/load.ts'

const ASSET_COLUMNS = `l.entity_out_id::text AS asset_id, a.name AS asset_name, at.name AS asset_type_name,
  a.preview_file_id::text AS preview_file_id, l.nb_occurences, l.label, a.is_shared, a.project_id::text AS project_id`

const CAST_ASSETS = `entity_link l JOIN entity a ON a.id = l.entity_out_id AND a.canceled IS NOT TRUE
  JOIN entity_type at ON at.id = a.entity_type_id`

/** The casting entries of one entity, ordered by asset type name then asset name. */
export async function entityCasting(ctx: Ctx, entityId: string): Promise<Row[]> {
  const { rows } = await ctx.pool.query(
    `SELECT ${ASSET_COLUMNS}, a.ready_for::text AS ready_for, a.source_id::text AS episode_id
     FROM ${CAST_ASSETS} WHERE l.entity_in_id = $1 ORDER BY at.name, a.name, a.id`,
    [entityId],
  )
  return rows
}

/** Rows carrying `key` (the casting entity's id) grouped in order of first appearance. */
function groupBy(rows: Row[], key: string): Record<string, Row[]> {
  const out: Record<string, Row[]> = {}
  for (const { [key]: id, ...entry } of rows) (out[id as string] ??= []).push({ ...entry, name: entry.asset_name })
  return out
}

/** {asset_id: [entries]} for the assets of one type in the project that cast other assets. */
export async function assetTypeCasting(ctx: Ctx, projectId: string, assetTypeId: string) {
  const { rows } = await ctx.pool.query(
    `SELECT l.entity_in_id::text AS __in, ${ASSET_COLUMNS}
     FROM ${CAST_ASSETS} JOIN entity c ON c.id = l.entity_in_id
     WHERE c.project_id = $1 AND c.entity_type_id = $2 ORDER BY at.name, a.name, a.id`,
    [projectId, assetTypeId],
  )
  return groupBy(rows, '__in')
}

/** {episode_id: [entries]} for the episodes of the project. */
export async function episodesCasting(ctx: Ctx, projectId: string) {
  const { rows } = await ctx.pool.query(
    `SELECT l.entity_in_id::text AS __in, ${ASSET_COLUMNS}
     FROM ${CAST_ASSETS} JOIN entity c ON c.id = l.entity_in_id
     JOIN entity_type ct ON ct.id = c.entity_type_id AND ct.name = 'Episode'
     WHERE c.project_id = $1 ORDER BY at.name, a.name, a.id`,
    [projectId],
  )
  return groupBy(rows, '__in')
}

export type SequenceScope = { sequenceId: string } | { projectId: string; episodeId?: string }

/**
 * {shot_id: [entries + sequence_name]} for the entities placed under one sequence, or under
 * every sequence of a project (optionally of one episode). Zou: whatever has a parent is
 * listed (shots, and scenes), keyed by its id.
 */
export async function sequenceCasting(ctx: Ctx, scope: SequenceScope) {
  const byProject = 'projectId' in scope
  const where = byProject
    ? `s.project_id = $1 ${scope.episodeId ? 'AND seq.parent_id = $2' : ''}`
    : 's.parent_id = $1'
  const order = byProject ? 'seq.name, s.name, s.id' : 's.name, s.id'
  const values = byProject ? [scope.projectId, ...(scope.episodeId ? [scope.episodeId] : [])] : [scope.sequenceId]
  const { rows } = await ctx.pool.query(
    `SELECT l.entity_in_id::text AS __in, ${ASSET_COLUMNS}, seq.name AS sequence_name
     FROM ${CAST_ASSETS} JOIN entity s ON s.id = l.entity_in_id JOIN entity seq ON seq.id = s.parent_id
     WHERE ${where} ORDER BY ${order}, at.name, a.name, a.id`,
    values,
  )
  return groupBy(rows, '__in')
}

/**
 * Where an asset is cast: first the shots (ordered by episode, sequence and shot names;
 * canceled ones left out), then the assets casting it (by type name, name).
 */
export async function castIn(ctx: Ctx, assetId: string): Promise<Row[]> {
  const { rows } = await ctx.pool.query(
    `SELECT * FROM (
       SELECT 0 AS __part, row_number() OVER (ORDER BY ep.name, seq.name, s.name, s.id) AS __rank,
         json_build_object('shot_id', s.id, 'shot_name', s.name, 'sequence_name', seq.name,
           'episode_id', COALESCE(ep.id::text, 'None'), 'episode_name', ep.name,
           'preview_file_id', s.preview_file_id, 'nb_occurences', l.nb_occurences) AS entry
       FROM entity_link l JOIN entity s ON s.id = l.entity_in_id AND s.canceled IS NOT TRUE
       JOIN entity seq ON seq.id = s.parent_id LEFT JOIN entity ep ON ep.id = seq.parent_id
       WHERE l.entity_out_id = $1
       UNION ALL
       SELECT 1, row_number() OVER (ORDER BY ct.name, c.name, c.id),
         json_build_object('asset_id', c.id, 'asset_name', c.name, 'asset_type_name', ct.name,
           'preview_file_id', c.preview_file_id, 'nb_occurences', l.nb_occurences)
       FROM entity_link l JOIN entity c ON c.id = l.entity_in_id AND c.canceled IS NOT TRUE
       JOIN entity_type ct ON ct.id = c.entity_type_id
         AND ct.name NOT IN ${TEMPORAL_SQL}
       WHERE l.entity_out_id = $1
     ) x ORDER BY __part, __rank`,
    [assetId],
  )
  return rows.map((r) => r.entry)
}

/** PA + NOVENDOR: the read check of the project casting routes. */
async function requireCastingRead(ctx: Ctx, projectId: string): Promise<void> {
  requireNotVendor(ctx, await requireProjectAccess(ctx, projectId))
}

/** An entity of the project (404 unknown or of another kind, 403 in another project). */
export async function loadProjectEntity(ctx: Ctx, projectId: string, id: string, ...kinds: EntityKind[]): Promise<EntityRow> {
  const entity = await loadEntity(ctx, id, ...kinds)
  if (entity.project_id !== projectId.toLowerCase()) throw forbidden()
  return entity
}

export async function readEntityCasting(ctx: Ctx, projectId: string, entityId: string) {
  await requireCastingRead(ctx, projectId)
  return entityCasting(ctx, (await loadProjectEntity(ctx, projectId, entityId)).id)
}

export async function readAssetTypeCasting(ctx: Ctx, projectId: string, assetTypeId: string) {
  await requireCastingRead(ctx, projectId)
  const { rows } = isUuid(assetTypeId)
    ? await ctx.pool.query('SELECT name FROM entity_type WHERE id = $1', [assetTypeId])
    : { rows: [] }
  if (!rows.length || entityKind(rows[0].name) !== 'Asset') throw notFound()
  return assetTypeCasting(ctx, projectId, assetTypeId)
}

export async function readEpisodesCasting(ctx: Ctx, projectId: string) {
  await requireCastingRead(ctx, projectId)
  return episodesCasting(ctx, projectId)
}

export async function readSequenceCasting(ctx: Ctx, projectId: string, sequenceId: string) {
  await requireCastingRead(ctx, projectId)
  return sequenceCasting(ctx, { sequenceId: (await loadProjectEntity(ctx, projectId, sequenceId, 'Sequence')).id })
}

/** `main` (no episode) has no shots to list; `all` is every sequence of the project. */
export async function readEpisodeSequencesCasting(ctx: Ctx, projectId: string, episodeId: string) {
  await requireCastingRead(ctx, projectId)
  if (episodeId === 'main') return {}
  if (episodeId === 'all') return sequenceCasting(ctx, { projectId })
  if (!isUuid(episodeId)) throw wrongParameter('One of the ID sent in parameter is not properly formatted.')
  return sequenceCasting(ctx, { projectId, episodeId })
}

export async function readAllSequencesCasting(ctx: Ctx, projectId: string) {
  await requireCastingRead(ctx, projectId)
  return sequenceCasting(ctx, { projectId })
}
