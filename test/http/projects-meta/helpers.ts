// Shared by the projects-meta tests (routes.md §7: metadata descriptors, schedules, budgets).
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, HTTPMethods } from 'fastify'
import { call } from '../crud/helpers.ts'
import type { TestPerson } from '../../helpers/fixtures.ts'

export { FORBIDDEN, uniq } from '../crud/helpers.ts'

export const api = (app: FastifyInstance, method: HTTPMethods, url: string, who: Pick<TestPerson, 'headers'>, payload?: unknown) =>
  call(app, method, url, who.headers, payload)

/** Zou's WrongParameterException body. */
export const wrong = (message: string) => ({ error: true, message, data: null })

export const NOT_FOUND_MESSAGE = '404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'

export interface EventRow { name: string; data: Record<string, unknown>; project_id: string | null; user_id: string | null }

/** The persisted events of one name whose payload holds `key` = `value`. */
export async function eventsOf(app: FastifyInstance, name: string, key: string, value: string): Promise<EventRow[]> {
  const { rows } = await app.pool.query(
    `SELECT name, data, project_id::text, user_id::text FROM api_event WHERE name = $1 AND data->>$2 = $3 ORDER BY created_at`,
    [name, key, value],
  )
  return rows
}

export async function countEvents(app: FastifyInstance, prefix: string): Promise<number> {
  const { rows } = await app.pool.query(`SELECT count(*)::int AS n FROM api_event WHERE name LIKE $1`, [`${prefix}%`])
  return rows[0].n
}

/** The entity type of that name (the temporal ones are shared by name). */
export async function entityType(app: FastifyInstance, name: string): Promise<string> {
  const { rows } = await app.pool.query(
    'INSERT INTO entity_type (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id',
    [name],
  )
  return rows[0].id
}

export async function makeEntity(app: FastifyInstance, projectId: string, typeName: string, extra: Record<string, unknown> = {}) {
  return app.db.entity.create({
    data: { name: `${typeName} ${randomUUID().slice(0, 6)}`, project_id: projectId, entity_type_id: await entityType(app, typeName), ...extra },
  })
}

export async function dataOf(app: FastifyInstance, table: 'entity' | 'task' | 'project', id: string): Promise<unknown> {
  const { rows } = await app.pool.query(`SELECT data FROM ${table} WHERE id = $1`, [id])
  return rows[0]?.data
}
