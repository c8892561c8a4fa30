// USER_LIMIT (auth.md §15): the number of active persons that are neither bots nor guests.
import type { Db } from '../db/client.ts'

/** A client or an open transaction. */
type Persons = Pick<Db, 'person'>

export function activeUserCount(db: Persons): Promise<number> {
  return db.person.count({ where: { active: true, is_bot: false, is_guest: false } })
}

export async function isUserLimitReached(db: Persons, limit: number): Promise<boolean> {
  return (await activeUserCount(db)) >= limit
}
