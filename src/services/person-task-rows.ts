// routes.md §4 "person task row": a task with its project, entity, sequence and episode
// context, as person tasks, open tasks and tasks to check answer it. One SQL statement for
// any number of tasks: the episode rules, assignees, last comment and casting episodes are
// joins of the same query. Callers supply the condition (and order/paging). The rows come as
// objects (personTaskRows) or, for lists answered as is, as JSON text (personTaskRowsJson).
import { modelRowSerializer, formatDateTime, type Row } from '../lib/serialize.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { modelSchema, type JsonSchema } from '../crud/model-schemas.ts'
import { sql, empty, raw, type Sql } from '../crud/select.ts'
import { wireColumnsSql, wireValueSql } from '../crud/wire-sql.ts'
import type { Ctx } from '../crud/context.ts'
import { prepared } from '../db/client.ts'

/**
 * Which type/status columns are added to the base row:
 * - 'task': `task_estimation, task_duration, task_start_date, task_due_date, task_type_name,
 *   task_status_name, task_type_color, task_status_color, task_status_short_name`
 *   (person tasks, done tasks, tasks to check);
 * - 'short': `estimation, duration, start_date, due_date, done_date, type_name, status_name,
 *   type_color, status_color, status_short_name` (open tasks);
 * - 'none': the base row only.
 */
export type PersonTaskColumns = 'task' | 'short' | 'none'

export interface PersonTaskQuery {
  /**
   * The rows to read, a condition over the aliases `t` (task), `e` (entity), `et` (its
   * entity type), `p` (project), `tt` (task type), `ts` (task status), `seq` (the entity's
   * parent) and `ep` (the parent's parent). Example: sql`ts.is_done = false AND t.id IN (…)`.
   */
  where: Sql
  /** ORDER BY body over the same aliases (no order when absent). */
  orderBy?: Sql
  limit?: number
  offset?: number
  columns?: PersonTaskColumns
  /** Adds `last_comment: {text, date, person_id}`: the task's last comment not written by a
   * client (effective role on the project), `{}` when none. */
  lastComment?: boolean
  /** Adds `episode_ids` / `episode_names` (episodes casting the entity), only on rows whose
   * entity is cast in at least one episode. */
  castEpisodes?: boolean
}

const serializeTask = modelRowSerializer('Task')

// The per-task extras are set-based joins over the selected rows (CTE `b`), each read through
// an index with the rows' ids: measured ~25 % cheaper than correlated subqueries per row on a
// 500-task to-do list, and as cheap for a single task.
const ASSIGNEES = sql`
  LEFT JOIN (SELECT l.task_id, array_agg(l.person_id::text) AS ids FROM task_person_link l
              WHERE l.task_id = ANY(ARRAY(SELECT id FROM b)) GROUP BY l.task_id) a ON a.task_id = b.id`

const LAST_COMMENT = sql`
  LEFT JOIN (SELECT DISTINCT ON (c.object_id) c.object_id,
               json_build_object('text', c.text, 'date', to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SS'), 'person_id', c.person_id) AS j
             FROM comment c
             JOIN b cb ON cb.id = c.object_id
             JOIN person cp ON cp.id = c.person_id
             LEFT JOIN project_person_link cl ON cl.project_id = cb.project_id AND cl.person_id = c.person_id
             WHERE c.object_id = ANY(ARRAY(SELECT id FROM b)) AND COALESCE(cl.role, cp.role) <> 'client'
             ORDER BY c.object_id, c.created_at DESC) lc ON lc.object_id = b.id`

const CAST_EPISODES = sql`
  LEFT JOIN (SELECT el.entity_out_id, jsonb_agg(ce.id ORDER BY ce.name, ce.id) AS ids,
                    jsonb_agg(ce.name ORDER BY ce.name, ce.id) AS names
             FROM entity_link el
             JOIN entity ce ON ce.id = el.entity_in_id
             JOIN entity_type cet ON cet.id = ce.entity_type_id AND cet.name = 'Episode'
             WHERE el.entity_out_id = ANY(ARRAY(SELECT entity_id FROM b)) GROUP BY el.entity_out_id) cx
    ON cx.entity_out_id = b.entity_id`

/** The selected rows (CTE `b`, with their order as `__ord` when asked). */
const selection = (q: PersonTaskQuery) => sql`WITH b AS (SELECT t.*,
      p.name AS __project_name, p.has_avatar AS __project_has_avatar,
      e.name AS __entity_name, e.description AS __entity_description, e.data AS __entity_data,
      e.preview_file_id AS __entity_preview_file_id, e.source_id AS __entity_source_id,
      e.canceled AS __entity_canceled, et.name AS __entity_type_name,
      seq.name AS __sequence_name,
      -- Zou: a sequence's episode is its parent; a shot's (or scene's) is its sequence's
      -- parent; anything else falls back to its source_id (an asset's main episode), named
      -- "MP" when that id is not an episode.
      CASE WHEN et.name = 'Sequence' AND e.parent_id IS NOT NULL THEN e.parent_id::text
           WHEN ep.id IS NOT NULL THEN ep.id::text
           ELSE COALESCE(e.source_id::text, '') END AS __episode_id,
      CASE WHEN et.name = 'Sequence' AND e.parent_id IS NOT NULL THEN seq.name
           WHEN ep.id IS NOT NULL THEN ep.name
           WHEN e.source_id IS NULL THEN NULL
           WHEN srct.name = 'Episode' THEN src.name
           ELSE 'MP' END AS __episode_name,
      tt.for_entity AS __task_type_for_entity, tt.name AS __task_type_name, tt.color AS __task_type_color,
      ts.name AS __task_status_name, ts.color AS __task_status_color, ts.short_name AS __task_status_short_name
      ${q.orderBy ? sql`, row_number() OVER (ORDER BY ${q.orderBy}) AS __ord` : empty}
    FROM task t
    JOIN project p ON p.id = t.project_id
    JOIN task_type tt ON tt.id = t.task_type_id
    JOIN task_status ts ON ts.id = t.task_status_id
    JOIN entity e ON e.id = t.entity_id
    JOIN entity_type et ON et.id = e.entity_type_id
    LEFT JOIN entity seq ON seq.id = e.parent_id
    LEFT JOIN entity ep ON ep.id = seq.parent_id
    LEFT JOIN entity src ON src.id = e.source_id
    LEFT JOIN entity_type srct ON srct.id = src.entity_type_id
    WHERE ${q.where}
    ${q.orderBy ? sql`ORDER BY ${q.orderBy}` : empty}
    ${q.limit !== undefined ? sql`LIMIT ${q.limit}` : empty}
    ${q.offset ? sql`OFFSET ${q.offset}` : empty})`

const extras = (q: PersonTaskQuery) => sql`FROM b ${ASSIGNEES}
    ${q.lastComment ? LAST_COMMENT : empty}
    ${q.castEpisodes ? CAST_EPISODES : empty}`

/**
 * Reads person task rows matching `q.where`. Rows are serialized: task columns (Zou's plain
 * task serialization), then the context keys of routes.md §4, `assignees` ids, and the
 * options' extra keys.
 */
export async function personTaskRows(ctx: Pick<Ctx, 'pool'>, q: PersonTaskQuery): Promise<Row[]> {
  const text = sql`${selection(q)}
    SELECT b.*, COALESCE(a.ids, '{}') AS __assignees
      ${q.lastComment ? sql`, lc.j AS __last_comment` : empty}
      ${q.castEpisodes ? sql`, cx.ids AS __cast_ids, cx.names AS __cast_names` : empty}
    ${extras(q)}
    ${q.orderBy ? sql`ORDER BY b.__ord` : empty}`
  // A prepared statement: the text is long and the same for every caller (planning it cost
  // several milliseconds per request).
  const { rows } = await ctx.pool.query(prepared(text.text, text.values))
  const columns = q.columns ?? 'none'
  return rows.map((r: Row) => toPersonTaskRow(r, columns, q))
}

function toPersonTaskRow(r: Row, columns: PersonTaskColumns, q: PersonTaskQuery): Row {
  const out = serializeTask(r)
  out.project_name = r.__project_name
  out.project_id = r.project_id
  out.project_has_avatar = r.__project_has_avatar
  out.entity_id = r.entity_id
  out.entity_name = r.__entity_name
  out.entity_description = r.__entity_description
  out.entity_data = r.__entity_data
  out.entity_preview_file_id = r.__entity_preview_file_id ?? ''
  out.entity_source_id = r.__entity_source_id ?? ''
  out.entity_type_name = r.__entity_type_name
  out.entity_canceled = r.__entity_canceled
  out.sequence_name = r.__sequence_name
  out.episode_id = r.__episode_id
  out.episode_name = r.__episode_name
  out.task_type_for_entity = r.__task_type_for_entity
  out.assignees = r.__assignees
  if (columns === 'task') {
    out.task_estimation = r.estimation
    out.task_duration = r.duration
    out.task_start_date = formatDateTime(r.start_date as Date | null)
    out.task_due_date = formatDateTime(r.due_date as Date | null)
    out.task_type_name = r.__task_type_name
    out.task_status_name = r.__task_status_name
    out.task_type_color = r.__task_type_color
    out.task_status_color = r.__task_status_color
    out.task_status_short_name = r.__task_status_short_name
  } else if (columns === 'short') {
    out.type_name = r.__task_type_name
    out.status_name = r.__task_status_name
    out.type_color = r.__task_type_color
    out.status_color = r.__task_status_color
    out.status_short_name = r.__task_status_short_name
  }
  if (q.lastComment) out.last_comment = r.__last_comment ?? {}
  if (q.castEpisodes && r.__cast_ids) {
    out.episode_ids = r.__cast_ids
    out.episode_names = r.__cast_names
  }
  return out
}

/** toPersonTaskRow's keys as SQL expressions over `b` and the joins, in its order. */
const TASK_KEYS = wireColumnsSql('Task', 'b')
const CONTEXT_KEYS: Array<[string, string]> = [
  ['project_name', 'b.__project_name'], ['project_has_avatar', 'b.__project_has_avatar'],
  ['entity_name', 'b.__entity_name'], ['entity_description', 'b.__entity_description'], ['entity_data', 'b.__entity_data'],
  ['entity_preview_file_id', `COALESCE(b.__entity_preview_file_id::text, '')`],
  ['entity_source_id', `COALESCE(b.__entity_source_id::text, '')`], ['entity_type_name', 'b.__entity_type_name'],
  ['entity_canceled', 'b.__entity_canceled'], ['sequence_name', 'b.__sequence_name'], ['episode_id', 'b.__episode_id'],
  ['episode_name', 'b.__episode_name'], ['task_type_for_entity', 'b.__task_type_for_entity'],
  ['assignees', `COALESCE(a.ids, '{}')`],
]
const TASK_COLUMN_KEYS: Array<[string, string]> = [
  ['task_estimation', 'b.estimation'], ['task_duration', 'b.duration'],
  ['task_start_date', wireValueSql('datetime', 'b.start_date')], ['task_due_date', wireValueSql('datetime', 'b.due_date')],
  ['task_type_name', 'b.__task_type_name'], ['task_status_name', 'b.__task_status_name'], ['task_type_color', 'b.__task_type_color'],
  ['task_status_color', 'b.__task_status_color'], ['task_status_short_name', 'b.__task_status_short_name'],
]
const SHORT_COLUMN_KEYS: Array<[string, string]> = [
  ['type_name', 'b.__task_type_name'], ['status_name', 'b.__task_status_name'], ['type_color', 'b.__task_type_color'],
  ['status_color', 'b.__task_status_color'], ['status_short_name', 'b.__task_status_short_name'],
]

/** One row's JSON text: row_to_json over the keys (one object, no merging), then the casting
 * episodes appended only where there are some (Zou leaves the keys out otherwise). */
function rowJson(q: PersonTaskQuery): Sql {
  const keys = [...TASK_KEYS, ...CONTEXT_KEYS]
  if (q.columns === 'task') keys.push(...TASK_COLUMN_KEYS)
  if (q.columns === 'short') keys.push(...SHORT_COLUMN_KEYS)
  if (q.lastComment) keys.push(['last_comment', `COALESCE(lc.j, '{}'::json)`])
  const object = `row_to_json((SELECT x FROM (SELECT ${keys.map(([k, v]) => `${v} AS "${k}"`).join(', ')}) x))::text`
  if (!q.castEpisodes) return raw(object)
  return raw(`CASE WHEN cx.ids IS NULL THEN ${object}
    ELSE left(${object}, -1) || ',"episode_ids":' || cx.ids::text || ',"episode_names":' || cx.names::text || '}' END`)
}

/**
 * The same rows as one JSON array text written by PostgreSQL, for hot routes that answer the
 * list as is: no row objects in JavaScript (measured on a 500-task to-do list, the row
 * parsing, mapping and serialization were most of the server's time per request).
 */
export async function personTaskRowsJson(ctx: Pick<Ctx, 'pool'>, q: PersonTaskQuery): Promise<string> {
  const text = sql`${selection(q)}
    SELECT '[' || COALESCE(string_agg(${rowJson(q)}, ',' ${q.orderBy ? sql`ORDER BY b.__ord` : empty}), '') || ']' AS body
    ${extras(q)}`
  const { rows } = await ctx.pool.query(prepared(text.text, text.values))
  return rows[0].body as string
}

const { $id: _id, ...taskSchema } = modelSchema(modelMetaOf('Task'), new Set())
const str = { type: 'string' }
const strOrNull = { type: ['string', 'null'] }
const open = {}

/** Response schema of one person task row (every option's keys declared; absent keys are
 * simply not written). */
export const PersonTaskRow: JsonSchema = {
  ...taskSchema,
  properties: {
    ...(taskSchema.properties as object),
    project_name: str, project_has_avatar: { type: ['boolean', 'null'] },
    entity_name: str, entity_description: strOrNull, entity_data: open,
    entity_preview_file_id: str, entity_source_id: str, entity_type_name: str,
    entity_canceled: { type: ['boolean', 'null'] }, sequence_name: strOrNull,
    episode_id: str, episode_name: strOrNull, task_type_for_entity: strOrNull,
    assignees: { type: 'array', items: str },
    task_estimation: { type: ['number', 'null'] }, task_duration: { type: ['number', 'null'] },
    task_start_date: strOrNull, task_due_date: strOrNull,
    task_type_name: str, task_status_name: str, task_type_color: strOrNull,
    task_status_color: str, task_status_short_name: str,
    type_name: str, status_name: str, type_color: strOrNull, status_color: str, status_short_name: str,
    last_comment: { type: 'object', additionalProperties: true },
    episode_ids: { type: 'array', items: str },
    episode_names: { type: 'array', items: str },
  },
}
