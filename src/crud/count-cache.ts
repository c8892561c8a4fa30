// Cached list totals. Counting a 50,000-task project costs ~5 ms of database time on every
// page, more than the page itself. Every row write to a Zou table advances the sequence
// `slate_change_seq` when its transaction commits (trigger in the init migration), so a total
// counted at sequence value v stays exact while the sequence is still at v — whichever
// instance wrote. A short lifetime bounds the one race left: a reader that counts between a
// writer's commit-time trigger and the commit itself.
import { prepared } from '../db/client.ts'
import type { Pool } from '../db/client.ts'

const MAX_ENTRIES = 1000
const MAX_AGE_MS = 10_000

interface Entry { version: string; total: number; at: number }
const cache = new Map<string, Entry>()

/** The current change counter, read in the same statement as a page (see select.ts). */
export const CHANGE_VERSION_SQL = '(SELECT last_value FROM slate_change_seq)::text'

export function cachedTotal(key: string, version: string | null): number | null {
  const hit = cache.get(key)
  if (!hit || version === null || hit.version !== version || Date.now() - hit.at > MAX_AGE_MS) return null
  return hit.total
}

/** Counts with `countSql` and remembers the total under the counter value of the same statement. */
export async function countAndCache(pool: Pool, key: string, countSql: { text: string; values: unknown[] }): Promise<number> {
  const text = `SELECT ${CHANGE_VERSION_SQL} AS v, (${countSql.text}) AS n`
  const { rows } = await pool.query(prepared(text, countSql.values))
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  cache.set(key, { version: rows[0].v, total: Number(rows[0].n), at: Date.now() })
  return Number(rows[0].n)
}
