// The in-process event bus (events.md §1): emit persists the event rows and publishes them
// to the live stream (events/persist.ts: one short transaction under the event lock, so the
// stream is in commit order), then runs the in-process listeners. Emit is called after the
// writing transaction has committed, never inside it. Listener failures are logged, never thrown.
import type { FastifyBaseLogger } from 'fastify'
import type { Pool } from '../db/client.ts'
import { persistEvents, type PersistedEvent } from './persist.ts'
import { chatProjects, routeOf } from './audience.ts'
import type { Transport, WireEvent } from './transport.ts'

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
  private transport: Transport | null = null
  // Only `error` is used: the CLI passes a console-backed logger.
  constructor(private pool: Pool, private log: Pick<FastifyBaseLogger, 'error'>) {}

  on(listener: Listener): () => void {
    this.listeners.push(listener)
    return () => { this.listeners = this.listeners.filter((l) => l !== listener) }
  }

  /** Where events are published (the event-stream plugin sets it; none in the CLI). */
  useTransport(transport: Transport | null) {
    this.transport = transport
  }

  async emit(name: string, data: Record<string, unknown> = {}, opts: EmitOptions = {}): Promise<void> {
    await this.emitMany([{ name, data, ...opts }])
  }

  /** Several events of one request: one INSERT and one publication for all of them. */
  async emitMany(events: Array<{ name: string; data?: Record<string, unknown> } & EmitOptions>): Promise<void> {
    if (!events.length) return
    const prepared: BusEvent[] = events.map((e) => {
      const projectId = e.projectId ?? null
      const data = { ...(e.data ?? {}) }
      if (projectId) data.project_id = projectId
      return { name: e.name.toLowerCase(), data, projectId, userId: e.userId ?? null }
    })
    const rooms = await this.routes(prepared)
    const toPersist = prepared.filter((_, i) => events[i].persist !== false)
    const seqs = new Map<BusEvent, PersistedEvent>()
    const wire = () => prepared
      .map((e, i): WireEvent => ({ name: e.name, data: e.data, room: rooms[i], seq: seqs.get(e)?.seq ?? null }))
    let published = false
    const publish = async () => {
      published = true
      if (!this.transport) return
      try {
        await this.transport.publish(wire())
      } catch (err) {
        this.log.error({ err }, 'could not publish events')
      }
    }
    try {
      await persistEvents(this.pool, toPersist, async (rows) => {
        rows.forEach((row, i) => seqs.set(toPersist[i], row))
        await publish()
      })
    } catch (err) {
      this.log.error({ err }, 'could not persist events')
    }
    // Not persisted (or the log failed): published all the same, without a seq.
    if (!published) await publish()
    for (const event of prepared) {
      for (const listener of this.listeners) {
        try {
          await listener({ ...event, id: seqs.get(event)?.id ?? null })
        } catch (err) {
          this.log.error({ err, event: event.name }, 'event listener failed')
        }
      }
    }
  }

  /** The routing room of each event; chat events are routed to their entity's project. */
  private async routes(events: BusEvent[]): Promise<string[]> {
    const chats = events.filter((e) => e.name.startsWith('chat:') && !e.projectId && typeof e.data.chat_id === 'string')
    let projects = new Map<string, string>()
    if (chats.length && this.transport) {
      try {
        projects = await chatProjects(this.pool, chats.map((e) => e.data.chat_id as string))
      } catch (err) {
        this.log.error({ err }, 'could not resolve chat projects')
      }
    }
    return events.map((e) => {
      const chatProject = e.name.startsWith('chat:') ? projects.get(e.data.chat_id as string) : undefined
      return routeOf(e.name, e.data, e.projectId ?? chatProject ?? null)
    })
  }
}
