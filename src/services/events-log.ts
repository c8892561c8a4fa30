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

async function cursorTime(pool: Pool, table: string, id: string, label: string): Promise<Date> {
  const { rows } = await pool.query(`SELECT created_at FROM ${table} WHERE id = $1`, [id])
  if (!rows[0]) throw wrongParameter(`No ${label} found with id: ${id}`)
  return rows[0].created_at
}

export async function readEvents(pool: Pool, f: EventFilters) {
  const c = new Clauses()
  if (f.after) c.add((p) => `created_at > ${p(f.after)}`)
  if (f.before) c.add((p) => `created_at < ${p(f.before)}`)
  if (f.cursorEventId) {
    const at = await cursorTime(pool, 'api_event', f.cursorEventId, 'event')
    c.add((p) => `(created_at, id) < (${p(at)}, ${p(f.cursorEventId)}::uuid)`)
  }
  if (f.onlyFiles) c.add((p) => `name = ANY(${p(FILE_EVENTS)}::text[])`)
  if (f.projectId) c.add((p) => `project_id = ${p(f.projectId)}::uuid`)
  if (f.visibleProjects) c.add((p) => `project_id = ANY(${p(f.visibleProjects)}::uuid[])`)
  if (f.name) c.add((p) => `name = ${p(f.name)}`)
  if (f.prefixes.length) c.add((p) => `split_part(name, ':', 1) = ANY(${p(f.prefixes)}::text[])`)
  if (f.suffixes.length) c.add((p) => `split_part(name, ':', 2) = ANY(${p(f.suffixes)}::text[])`)
  if (f.personIds.length) c.add((p) => `user_id = ANY(${p(f.personIds)}::uuid[])`)
  const { rows } = await pool.query(
    `SELECT id, created_at, name, user_id, project_id, data FROM api_event ${c.where()}
     ORDER BY created_at DESC, id DESC LIMIT ${f.limit}`,
    c.params,
  )
  return rows as Array<{ id: string; created_at: Date; name: string; user_id: string | null; project_id: string | null; data: unknown }>
}

export async function readEventNames(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query('SELECT DISTINCT name FROM api_event ORDER BY name')
  return rows.map((r) => r.name)
}

export async function readLoginLogs(pool: Pool, f: { after: Date | null; before: Date | null; cursorId: string | null; limit: number; personIds: string[] }) {
  const c = new Clauses()
  if (f.after) c.add((p) => `created_at > ${p(f.after)}`)
  if (f.before) c.add((p) => `created_at < ${p(f.before)}`)
  if (f.cursorId) {
    const at = await cursorTime(pool, 'login_log', f.cursorId, 'login log')
    c.add((p) => `(created_at, id) < (${p(at)}, ${p(f.cursorId)}::uuid)`)
  }
  if (f.personIds.length) c.add((p) => `person_id = ANY(${p(f.personIds)}::uuid[])`)
  const { rows } = await pool.query(
    `SELECT id, created_at, ip_address, person_id, origin FROM login_log ${c.where()}
     ORDER BY created_at DESC, id DESC LIMIT ${f.limit}`,
    c.params,
  )
  return rows as Array<{ id: string; created_at: Date; ip_address: string | null; person_id: string; origin: string | null }>
}
