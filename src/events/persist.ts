// Writes events to the api_event log (events.md §2) and publishes them in commit order.
// A number taken from a sequence before commit can become visible after a higher one
// (two writers racing), so a stream resumed "after seq n" could skip an event. Every batch
// is therefore written in a short transaction holding one transaction-scoped advisory lock:
// insert (seq from the sequence), publish, commit. Publication order = seq order = commit
// order, on every instance, and a reader taking the same lock sees every published event.
import { randomUUID } from 'node:crypto'
import type { PoolClient } from 'pg'
import { withTransaction, type Pool } from '../db/client.ts'
import type { BusEvent } from './bus.ts'

/** pg_advisory_xact_lock key of the event log ("slate-ev"). */
export const EVENT_LOCK_KEY = '8315178002620249718'

export interface PersistedEvent { id: string; seq: number }

async function insert(client: PoolClient, events: BusEvent[]): Promise<PersistedEvent[]> {
  const ids = events.map(() => randomUUID())
  const { rows } = await client.query<{ id: string; seq: string }>(
    `INSERT INTO api_event (id, name, user_id, project_id, data)
     SELECT id, name, user_id, project_id, data
     FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, name text, user_id uuid, project_id uuid, data jsonb, ord int)
     ORDER BY ord
     RETURNING id, seq`,
    [JSON.stringify(events.map((e, ord) => ({ id: ids[ord], name: e.name, user_id: e.userId, project_id: e.projectId, data: e.data, ord })))],
  )
  const seqs = new Map(rows.map((r) => [r.id, Number(r.seq)]))
  return ids.map((id) => ({ id, seq: seqs.get(id)! }))
}

/**
 * Inserts the events and runs `publish` (given their rows) while holding the event lock,
 * then commits. A failing publish is the caller's to log: the rows are committed anyway
 * (resuming clients read them back).
 */
export async function persistEvents(
  pool: Pool,
  events: BusEvent[],
  publish: (rows: PersistedEvent[]) => Promise<void> = async () => {},
): Promise<PersistedEvent[]> {
  if (!events.length) return []
  return underEventLock(pool, 'exclusive', async (client) => {
    const rows = await insert(client, events)
    await publish(rows)
    return rows
  })
}

/**
 * Runs `work` in a transaction holding the event lock: exclusive for writers (insert, publish,
 * commit in seq order), shared for readers catching up (they see every published event).
 */
export function underEventLock<T>(pool: Pool, mode: 'exclusive' | 'shared', work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query(`SELECT ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}($1::bigint)`, [EVENT_LOCK_KEY])
    return work(client)
  })
}
