// The in-process event bus (events.md §1): emit persists the event row, then runs the
// listeners (later: socket.io and Redis fan-out). Emit is called after the writing
// transaction has committed, never inside it. Listener failures are logged, never thrown.
import type { FastifyBaseLogger } from 'fastify'
import type { Pool } from '../db/client.ts'
import { persistEvents, type PersistedEvent } from './persist.ts'

export interface EmitOptions {
  projectId?: string | null
  /** The authenticated person behind the event (api_event.user_id). */
  userId?: string | null
  /** false for events that are published but not logged ("NP" in events.md). */
  persist?: boolean
}

export interface BusEvent {
  name: string
  data: Record<string, unknown>
  projectId: string | null
  userId: string | null
}

export type Listener = (event: BusEvent & { id: string | null }) => void | Promise<void>

export class EventBus {
  private listeners: Listener[] = []
  // Only `error` is used: the CLI passes a console-backed logger.
  constructor(private pool: Pool, private log: Pick<FastifyBaseLogger, 'error'>) {}

  on(listener: Listener): () => void {
    this.listeners.push(listener)
    return () => { this.listeners = this.listeners.filter((l) => l !== listener) }
  }

  async emit(name: string, data: Record<string, unknown> = {}, opts: EmitOptions = {}): Promise<void> {
    await this.emitMany([{ name, data, ...opts }])
  }

  /** Several events of one request: one INSERT for all of them. */
  async emitMany(events: Array<{ name: string; data?: Record<string, unknown> } & EmitOptions>): Promise<void> {
    if (!events.length) return
    const prepared: BusEvent[] = events.map((e) => {
      const projectId = e.projectId ?? null
      const data = { ...(e.data ?? {}) }
      if (projectId) data.project_id = projectId
      return { name: e.name.toLowerCase(), data, projectId, userId: e.userId ?? null }
    })
    const toPersist = prepared.filter((_, i) => events[i].persist !== false)
    let rows: PersistedEvent[] = []
    try {
      rows = await persistEvents(this.pool, toPersist)
    } catch (err) {
      this.log.error({ err }, 'could not persist events')
    }
    const ids = new Map(toPersist.map((e, i) => [e, rows[i]?.id ?? null]))
    for (const event of prepared) {
      for (const listener of this.listeners) {
        try {
          await listener({ ...event, id: ids.get(event) ?? null })
        } catch (err) {
          this.log.error({ err, event: event.name }, 'event listener failed')
        }
      }
    }
  }
}
