// Writes events to the api_event log (events.md §2) in one statement.
import type { Pool } from '../db/client.ts'
import type { BusEvent } from './bus.ts'

export interface PersistedEvent { id: string }

export async function persistEvents(pool: Pool, events: BusEvent[]): Promise<PersistedEvent[]> {
  if (!events.length) return []
  const { rows } = await pool.query(
    `INSERT INTO api_event (name, user_id, project_id, data)
     SELECT name, user_id, project_id, data
     FROM jsonb_to_recordset($1::jsonb) AS e(name text, user_id uuid, project_id uuid, data jsonb, ord int)
     ORDER BY ord
     RETURNING id`,
    [JSON.stringify(events.map((e, ord) => ({ name: e.name, user_id: e.userId, project_id: e.projectId, data: e.data, ord })))],
  )
  return rows
}
