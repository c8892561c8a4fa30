// Loading one entity of an expected kind (Asset, Shot, Sequence, Episode, Scene, Edit,
// Concept) for the feature routes: one indexed query with its type name and project name.
import { notFound } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import { entityKind } from '../../crud/hooks/entities.ts'
import type { Ctx } from '../../crud/context.ts'

export type EntityKind = 'Asset' | 'Shot' | 'Sequence' | 'Episode' | 'Scene' | 'Edit' | 'Concept'

/** The temporal type names as an SQL list: `et.name IN ${TEMPORAL_SQL}` means "not an asset type". */
export const TEMPORAL_SQL = "('Shot', 'Sequence', 'Episode', 'Edit', 'Scene', 'Concept')"

export interface EntityRow extends Row {
  id: string
  name: string
  project_id: string
  entity_type_id: string
  parent_id: string | null
  source_id: string | null
  created_by: string | null
  /** The entity type's name and the kind derived from it. */
  entity_type_name: string
  kind: EntityKind
  project_name: string
}

const LOAD_SQL = `SELECT e.*, et.name AS entity_type_name, p.name AS project_name
  FROM entity e JOIN entity_type et ON et.id = e.entity_type_id JOIN project p ON p.id = e.project_id
  WHERE e.id = $1`

/** The entity, or null when the id is malformed or unknown. */
export async function findEntity(ctx: Ctx, id: unknown): Promise<EntityRow | null> {
  if (!isUuid(id)) return null
  const { rows } = await ctx.pool.query(LOAD_SQL, [id])
  const row = rows[0]
  if (!row) return null
  row.kind = entityKind(row.entity_type_name)
  return row as EntityRow
}

/** The entities of these ids that exist (malformed ids are skipped), by id; one query. */
export async function findEntities(ctx: Ctx, ids: unknown[]): Promise<Map<string, EntityRow>> {
  const valid = ids.filter(isUuid).map((id) => id.toLowerCase())
  if (!valid.length) return new Map()
  const { rows } = await ctx.pool.query(LOAD_SQL.replace('e.id = $1', 'e.id = ANY($1::uuid[])'), [valid])
  for (const row of rows) row.kind = entityKind(row.entity_type_name)
  return new Map(rows.map((row: EntityRow) => [row.id, row]))
}

/**
 * The entity when it is of one of the given kinds; otherwise 404 (Zou answers 404 for an
 * unknown id, and 404 or 500 for an id of another kind: Slate always 404s).
 */
export async function loadEntity(ctx: Ctx, id: unknown, ...kinds: EntityKind[]): Promise<EntityRow> {
  const row = await findEntity(ctx, id)
  if (!row || (kinds.length && !kinds.includes(row.kind))) throw notFound()
  return row
}
