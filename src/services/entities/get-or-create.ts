// Zou's get-or-create of a temporal entity (sequence, episode, edit, concept…) by type,
// project, name and — when asked — parent: the existing row unchanged, or a new one. The
// entity type is created on first use. One statement; run it on the pool or on the client of
// the caller's transaction.
import type { Row } from '../../lib/serialize.ts'
import type { EntityKind } from './load.ts'

export interface NewEntity {
  kind: EntityKind
  projectId: string
  name: string
  parentId: string | null
  description: string | null
  data: unknown
  createdBy: string
  status?: string
}

/** A pg client or pool. */
export interface Queryable {
  query: (text: string, values: unknown[]) => Promise<{ rows: Row[] }>
}

const FIND = `SELECT e.* FROM entity e
  WHERE e.entity_type_id = (SELECT id FROM entity_type WHERE name = $1) AND e.project_id = $2 AND e.name = $3
    AND (NOT $8::boolean OR e.parent_id IS NOT DISTINCT FROM $4::uuid)
  ORDER BY e.created_at LIMIT 1`

/** The row (its kind in `__entity_type_name`) and whether this call created it. */
export async function getOrCreateEntity(db: Queryable, e: NewEntity, matchParent: boolean): Promise<{ row: Row; created: boolean }> {
  const data = e.data === null || e.data === undefined ? null : JSON.stringify(e.data)
  const values = [e.kind, e.projectId, e.name, e.parentId, e.description, data, e.createdBy, matchParent, e.status ?? 'running']
  const { rows } = await db.query(
    `WITH new_type AS (
       INSERT INTO entity_type (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id
     ), type AS (
       SELECT id FROM new_type UNION ALL SELECT id FROM entity_type WHERE name = $1
     ), existing AS (
       SELECT e.* FROM entity e
       WHERE e.entity_type_id = (SELECT id FROM type LIMIT 1) AND e.project_id = $2 AND e.name = $3
         AND (NOT $8::boolean OR e.parent_id IS NOT DISTINCT FROM $4::uuid)
       ORDER BY e.created_at LIMIT 1
     ), inserted AS (
       INSERT INTO entity (name, project_id, entity_type_id, parent_id, description, data, created_by, status)
       SELECT $3, $2, (SELECT id FROM type LIMIT 1), $4, $5, $6::jsonb, $7, $9
       WHERE NOT EXISTS (SELECT 1 FROM existing)
       ON CONFLICT DO NOTHING
       RETURNING *
     )
     SELECT *, true AS __created FROM inserted UNION ALL SELECT *, false FROM existing`,
    values,
  )
  // A concurrent create of the same entity won the insert: answer with its row.
  const row = rows[0] ?? { ...(await db.query(FIND, values.slice(0, 8))).rows[0], __created: false }
  row.__entity_type_name = e.kind
  return { row, created: row.__created === true }
}
