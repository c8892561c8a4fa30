// Entity types by name (Zou creates the temporal ones — Shot, Sequence, Scene… — on first
// use) and the serialization of entity rows under a given `type`.
import type { Ctx } from '../../crud/context.ts'
import { crudByRoute } from '../../crud/models.ts'
import { sql, type Sql } from '../../crud/select.ts'
import type { Row } from '../../lib/serialize.ts'

/** SQL: the id of the entity type of that name (null when it does not exist yet). */
export const typeIdSql = (name: string): Sql => sql`(SELECT id FROM entity_type WHERE name = ${name})`

/** The id of the entity type of that name, created when missing. */
export async function entityTypeId(ctx: Ctx, name: string): Promise<string> {
  const { rows } = await ctx.pool.query(
    `WITH ins AS (
       INSERT INTO entity_type (name) SELECT $1::varchar WHERE NOT EXISTS (SELECT 1 FROM entity_type WHERE name = $1::varchar)
       ON CONFLICT DO NOTHING RETURNING id
     )
     SELECT id FROM ins UNION ALL SELECT id FROM entity_type WHERE name = $1::varchar LIMIT 1`,
    [name],
  )
  return rows[0].id
}

const entityModel = crudByRoute.get('entities')!

/** An entity row (every column, no relations) with the given `type`. */
export function serializeEntity(row: Row, type: string): Row {
  const out = entityModel.serializer(row)
  out.type = type
  return out
}
