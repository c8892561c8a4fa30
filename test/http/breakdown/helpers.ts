// Helpers shared by the breakdown and entities tests: requests, captured events, SQL counts.
import { countQueries } from '../../helpers/query-count.ts'
import type { FastifyInstance, InjectOptions } from 'fastify'
import type { BusEvent } from '../../../src/events/bus.ts'
import type { TestPerson } from '../../helpers/fixtures.ts'

export async function send(app: FastifyInstance, who: TestPerson, method: InjectOptions['method'], url: string, payload?: unknown) {
  // Any JSON value (strings and null included) goes as an application/json body.
  const req = payload !== undefined ? { payload: JSON.stringify(payload), headers: { ...who.headers, 'content-type': 'application/json' } } : { headers: who.headers }
  const res = await app.inject({ method, url, ...req })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body: any = res.body ? JSON.parse(res.body) : null
  return { status: res.statusCode, body }
}

/** Runs fn and returns the events the bus published meanwhile (persisted or not). */
export async function eventsDuring(app: FastifyInstance, fn: () => Promise<unknown>): Promise<BusEvent[]> {
  const events: BusEvent[] = []
  const off = app.events.on((e) => { events.push(e) })
  try {
    await fn()
  } finally {
    off()
  }
  return events
}

/** `name data` lines, for order-sensitive comparisons. */
export const lines = (events: BusEvent[]) => events.map((e) => `${e.name} ${JSON.stringify(e.data)}`)

/** The SQL statements run while fn runs. */
export async function queriesDuring(fn: () => Promise<unknown>): Promise<string[]> {
  return (await countQueries(fn)).sql
}

export async function linksOf(app: FastifyInstance, entityId: string) {
  const { rows } = await app.pool.query(
    `SELECT entity_out_id::text AS asset_id, nb_occurences, label FROM entity_link WHERE entity_in_id = $1 ORDER BY entity_out_id`,
    [entityId],
  )
  return rows as Array<{ asset_id: string; nb_occurences: number | null; label: string | null }>
}

export async function nbOut(app: FastifyInstance, entityId: string): Promise<number | null> {
  const { rows } = await app.pool.query('SELECT nb_entities_out FROM entity WHERE id = $1', [entityId])
  return rows[0].nb_entities_out
}

export async function assetsReady(app: FastifyInstance, taskId: string): Promise<number | null> {
  const { rows } = await app.pool.query('SELECT nb_assets_ready FROM task WHERE id = $1', [taskId])
  return rows[0].nb_assets_ready
}
