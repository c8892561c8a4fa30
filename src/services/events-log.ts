// Reads of the api_event and login_log tables, newest first, with Zou's cursor rules.
import type { Pool } from '../db/client.ts'
import { wrongParameter } from '../lib/errors.ts'

const FILE_EVENTS = ['preview-file:add-file', 'organisation:set-thumbnail', 'person:set-thumbnail', 'project:set-thumbnail']

export interface EventFilters {
  after: Date | null
  before: Date | null
  onlyFiles: boolean
  cursorEventId: string | null
  limit: number
  projectId: string | null
  name: string | null
  prefixes: string[]
  suffixes: string[]
  personIds: string[]
  /** null: every event (admins); else only events of these projects. */
  visibleProjects: string[] | null
}

/** Builds `WHERE` clauses with numbered parameters. */
class Clauses {
  readonly sql: string[] = []
  readonly params: unknown[] = []
  add(clause: (p: (v: unknown) => string) => string) {
    this.sql.push(clause((v) => `$${this.params.push(v)}`))
  }
  where() {
    return this.sql.length ? `WHERE ${this.sql.join(' AND ')}` : ''
  }
}

/** created_at in Zou's "milliseconds" form (Python's isoformat: the microseconds, none when
 * zero), formatted by PostgreSQL: a JS Date would drop the microseconds. */
const CREATED_AT = `regexp_replace(to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.US'), '\\.000000$', '') AS created_at`

/** Older than the cursor row, compared at the stored (microsecond) precision in SQL. */
async function olderThanCursor(pool: Pool, c: Clauses, table: string, id: string, label: string) {
  const { rowCount } = await pool.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])
  if (!rowCount) throw wrongParameter(`No ${label} found with id: ${id}`)
  c.add((p) => `(${table}.created_at, ${table}.id) < (SELECT k.created_at, k.id FROM ${table} k WHERE k.id = ${p(id)}::uuid)`)
}

export async function readEvents(pool: Pool, f: EventFilters) {
  const c = new Clauses()
  if (f.after) c.add((p) => `created_at > ${p(f.after)}`)
  if (f.before) c.add((p) => `created_at < ${p(f.before)}`)
  if (f.cursorEventId) await olderThanCursor(pool, c, 'api_event', f.cursorEventId, 'event')
  if (f.onlyFiles) c.add((p) => `name = ANY(${p(FILE_EVENTS)}::text[])`)
  if (f.projectId) c.add((p) => `project_id = ${p(f.projectId)}::uuid`)
  if (f.visibleProjects) c.add((p) => `project_id = ANY(${p(f.visibleProjects)}::uuid[])`)
  if (f.name) c.add((p) => `name = ${p(f.name)}`)
  if (f.prefixes.length) c.add((p) => `split_part(name, ':', 1) = ANY(${p(f.prefixes)}::text[])`)
  if (f.suffixes.length) c.add((p) => `split_part(name, ':', 2) = ANY(${p(f.suffixes)}::text[])`)
  if (f.personIds.length) c.add((p) => `user_id = ANY(${p(f.personIds)}::uuid[])`)
  const { rows } = await pool.query(
    `SELECT id, ${CREATED_AT}, name, user_id, project_id, data FROM api_event ${c.where()}
     ORDER BY api_event.created_at DESC, api_event.id DESC LIMIT ${f.limit}`,
    c.params,
  )
  return rows as Array<{ id: string; created_at: string; name: string; user_id: string | null; project_id: string | null; data: unknown }>
}

export async function readEventNames(pool: Pool): Promise<string[]> {
  // Code-point order, as Python's sorted() gives in Zou, whatever the database's collation.
  const { rows } = await pool.query('SELECT name FROM (SELECT DISTINCT name FROM api_event) n ORDER BY name COLLATE "C"')
  return rows.map((r) => r.name)
}

export async function readLoginLogs(pool: Pool, f: { after: Date | null; before: Date | null; cursorId: string | null; limit: number; personIds: string[] }) {
  const c = new Clauses()
  if (f.after) c.add((p) => `created_at > ${p(f.after)}`)
  if (f.before) c.add((p) => `created_at < ${p(f.before)}`)
  if (f.cursorId) await olderThanCursor(pool, c, 'login_log', f.cursorId, 'login log')
  if (f.personIds.length) c.add((p) => `person_id = ANY(${p(f.personIds)}::uuid[])`)
  const { rows } = await pool.query(
    `SELECT id, ${CREATED_AT}, ip_address, person_id, origin FROM login_log ${c.where()}
     ORDER BY login_log.created_at DESC, login_log.id DESC LIMIT ${f.limit}`,
    c.params,
  )
  return rows as Array<{ id: string; created_at: string; ip_address: string | null; person_id: string; origin: string | null }>
}
