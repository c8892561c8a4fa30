// GET /data/entities/:entity_id/news (routes.md §16, row shape §21): the news of an entity's
// tasks, newest first, in one page of at most 2000, with the author embedded. One query.
import type { Ctx } from '../crud/context.ts'
import type { Row } from '../lib/serialize.ts'
import { requireEntityRead } from './access.ts'
import { loadEntity } from './entities/load.ts'

const LIMIT = 2000
const ISO = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS')`

// Zou's full entity name: "Episode / Sequence / Shot", "Episode / Sequence", and for every
// other kind "<entity type> / <name>" with the entity's source as episode.
const SQL = `SELECT n.id::text, 'News' AS type, n.author_id::text, n.comment_id::text, n.task_id::text,
    t.task_type_id::text, c.task_status_id::text, t.entity_id::text AS task_entity_id,
    n.preview_file_id::text, pf.extension AS preview_file_extension, pf.revision AS preview_file_revision,
    p.id::text AS project_id, p.name AS project_name, ${ISO('n.created_at')} AS created_at, n.change,
    CASE
      WHEN et.name = 'Shot' THEN CASE WHEN par.id IS NULL THEN e.name WHEN gpar.id IS NULL THEN par.name || ' / ' || e.name
        ELSE gpar.name || ' / ' || par.name || ' / ' || e.name END
      WHEN et.name = 'Episode' THEN e.name
      WHEN et.name = 'Sequence' THEN CASE WHEN par.id IS NULL THEN e.name ELSE par.name || ' / ' || e.name END
      ELSE et.name || ' / ' || e.name
    END AS full_entity_name,
    (CASE WHEN et.name = 'Shot' THEN gpar.id WHEN et.name = 'Sequence' THEN par.id
      WHEN et.name = 'Episode' THEN NULL ELSE e.source_id END)::text AS episode_id,
    e.preview_file_id::text AS entity_preview_file_id,
    CASE WHEN au.id IS NULL THEN NULL ELSE json_build_object('id', au.id, 'first_name', au.first_name,
      'last_name', au.last_name, 'full_name', au.first_name || ' ' || au.last_name,
      'has_avatar', au.has_avatar, 'role', au.role) END AS person,
    count(*) OVER ()::int AS __total
  FROM news n
  JOIN task t ON t.id = n.task_id
  JOIN project p ON p.id = t.project_id
  JOIN entity e ON e.id = t.entity_id
  JOIN entity_type et ON et.id = e.entity_type_id
  LEFT JOIN entity par ON par.id = e.parent_id
  LEFT JOIN entity gpar ON gpar.id = par.parent_id
  LEFT JOIN comment c ON c.id = n.comment_id
  LEFT JOIN preview_file pf ON pf.id = n.preview_file_id
  LEFT JOIN person au ON au.id = n.author_id
  WHERE t.entity_id = $1
  ORDER BY n.created_at DESC, n.id DESC
  LIMIT ${LIMIT}`

export async function entityNews(ctx: Ctx, entityId: string) {
  const entity = await loadEntity(ctx, entityId)
  await requireEntityRead(ctx, entity)
  const { rows } = await ctx.pool.query(SQL, [entity.id])
  const total: number = rows[0]?.__total ?? 0
  const data = rows.map(({ __total: _t, ...row }: Row) => row)
  return { data, total, nb_pages: Math.ceil(total / LIMIT), limit: LIMIT, offset: 0, page: 1 }
}
