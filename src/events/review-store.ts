// Review-room state (events.md §4.3): in Redis when REDIS_URL is set, so every instance
// shares rooms and their people; in memory otherwise. People keep their joining order.
import type { Redis } from 'ioredis'

export type RoomState = Record<string, unknown>

export interface RoomStore {
  /** The stored state (without people), null when the room does not exist. */
  get(id: string): Promise<RoomState | null>
  set(id: string, state: RoomState): Promise<void>
  people(id: string): Promise<string[]>
  addPerson(id: string, personId: string): Promise<string[]>
  /** Removes the person; an empty room is dropped. Returns the people left. */
  removePerson(id: string, personId: string): Promise<string[]>
}

export class MemoryRoomStore implements RoomStore {
  private rooms = new Map<string, { state: RoomState | null; people: string[] }>()
  private room(id: string) {
    let r = this.rooms.get(id)
    if (!r) this.rooms.set(id, (r = { state: null, people: [] }))
    return r
  }
  async get(id: string) { return this.rooms.get(id)?.state ?? null }
  async set(id: string, state: RoomState) { this.room(id).state = state }
  async people(id: string) { return [...(this.rooms.get(id)?.people ?? [])] }
  async addPerson(id: string, personId: string) {
    const r = this.room(id)
    if (!r.people.includes(personId)) r.people.push(personId)
    return [...r.people]
  }
  async removePerson(id: string, personId: string) {
    const r = this.rooms.get(id)
    if (!r) return []
    r.people = r.people.filter((p) => p !== personId)
    if (!r.people.length) this.rooms.delete(id)
    return [...r.people]
  }
}

/** Rooms nobody touched for a day are forgotten (an instance that died keeps no ghosts forever). */
const TTL = 24 * 3600

export class RedisRoomStore implements RoomStore {
  constructor(private redis: Redis, private prefix: string) {}
  private stateKey = (id: string) => `${this.prefix}:review:${id}`
  private peopleKey = (id: string) => `${this.prefix}:review:${id}:people`
  async get(id: string) {
    const raw = await this.redis.get(this.stateKey(id))
    return raw ? (JSON.parse(raw) as RoomState) : null
  }
  async set(id: string, state: RoomState) {
    await this.redis.set(this.stateKey(id), JSON.stringify(state), 'EX', TTL)
  }
  async people(id: string) { return this.redis.zrange(this.peopleKey(id), 0, -1) }
  async addPerson(id: string, personId: string) {
    const [, , [, people]] = (await this.redis.multi()
      .zadd(this.peopleKey(id), 'NX', Date.now(), personId)
      .expire(this.peopleKey(id), TTL)
      .zrange(this.peopleKey(id), 0, -1)
      .exec()) as [unknown, unknown, [unknown, string[]]]
    return people
  }
  async removePerson(id: string, personId: string) {
    const [, [, people]] = (await this.redis.multi()
      .zrem(this.peopleKey(id), personId)
      .zrange(this.peopleKey(id), 0, -1)
      .exec()) as [unknown, [unknown, string[]]]
    if (!people.length) await this.redis.del(this.stateKey(id), this.peopleKey(id))
    return people
  }
}
