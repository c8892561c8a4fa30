// The socket.io side of the event stream (events.md §4): namespace /events on the app's HTTP
// server, paths /socket.io and /api/socket.io. Every instance delivers the events of the
// transport (its own and other instances') from one ordered pipeline, to local sockets only:
// each socket is in the rooms of what it may read (events/audience.ts), in a plain variant
// (Zou's single payload argument) or a `#seq` one (payload, {seq}).
import type { Server as HttpServer, IncomingMessage } from 'node:http'
import { Server, type Namespace, type Socket } from 'socket.io'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { createAdapter } from '@socket.io/redis-adapter'
import type { Config } from '../config.ts'
import { AppError } from '../lib/errors.ts'
import { underEventLock } from './persist.ts'
import type { Transport, WireEvent } from './transport.ts'
import type { RoomStore } from './review-store.ts'
import { authenticateHandshake, resumeOptions } from './socket-auth.ts'
import { leaveReviewRooms, registerReviewRooms, type ReviewDeps } from './review-rooms.ts'
import {
  loadAccess, mayReceive, readAfter, roomsOf, targetsOf, teamOf, variant, type Viewer,
} from './audience.ts'

const PAGE = 1000
export const PATHS = ['/socket.io', '/api/socket.io']

export interface StreamOptions {
  config: Config
  transport: Transport
  store: RoomStore
  /** Clients of the socket.io Redis adapter (review-room broadcasts across instances). */
  adapterClients?: { pub: Redis; sub: Redis }
  redisPrefix: string
}

export class EventStream {
  io: Server | null = null
  private nsp: Namespace | null = null
  /** Sockets replaying the log: live events wait in their buffer. */
  private catching = new Map<Socket, WireEvent[]>()
  private pending: WireEvent[][] = []
  private draining = false
  /** The highest seq this instance's pipeline has delivered. */
  private lastDelivered = 0
  private unsubscribe: () => void

  constructor(private app: FastifyInstance, private opts: StreamOptions) {
    this.unsubscribe = opts.transport.subscribe((batch) => this.enqueue(batch))
  }

  get connections(): number {
    return this.io?.engine.clientsCount ?? 0
  }

  /** Synchronous: the server may take requests as soon as it listens. */
  attach(server: HttpServer) {
    const { config } = this.opts
    this.app.pool.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM api_event').then(
      ({ rows }) => { this.lastDelivered = Math.max(this.lastDelivered, Number(rows[0].seq ?? 0)) },
      (err) => this.app.log.error({ err }, 'could not read the last event seq'),
    )
    const io = new Server(server, {
      path: PATHS[0],
      serveClient: false,
      // Same origin only, as Zou; CORS_ALLOWED_ORIGINS adds origins.
      cors: { origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true },
      // Browsers send cookies with cross-site WebSocket handshakes, which CORS does not cover.
      allowRequest: (req, done) => done(null, sameOrigin(req, config.corsOrigins, config.domainName)),
    })
    if (this.opts.adapterClients) {
      io.adapter(createAdapter(this.opts.adapterClients.pub, this.opts.adapterClients.sub, { key: `${this.opts.redisPrefix}:socket.io` }))
    }
    // Kitsu reaches the stream through its /api proxy: /api/socket.io is the same endpoint.
    for (const event of ['request', 'upgrade'] as const) {
      server.prependListener(event, (req: IncomingMessage) => {
        if (req.url?.startsWith('/api/socket.io/')) req.url = req.url.slice(4)
      })
    }
    this.io = io
    const nsp = (this.nsp = io.of('/events'))
    const review: ReviewDeps = { nsp, store: this.opts.store, pool: this.app.pool, log: this.app.log }
    nsp.use((socket, next) => {
      this.authorize(socket).then(() => next(), (err: unknown) => {
        const message = err instanceof AppError ? err.message : 'Unauthorized'
        if (!(err instanceof AppError)) this.app.log.error({ err }, 'socket authentication failed')
        next(new Error(message))
      })
    })
    nsp.on('connection', (socket) => {
      registerReviewRooms(socket, review)
      socket.on('disconnect', () => {
        this.catching.delete(socket)
        void leaveReviewRooms(socket, review)
      })
      const lastSeq: number | null = socket.data.lastSeq
      if (lastSeq === null) this.join(socket, this.lastDelivered)
      else void this.catchUp(socket, lastSeq)
    })
  }

  async close() {
    this.unsubscribe()
    if (this.io) {
      this.io.disconnectSockets(true)
      await new Promise<void>((resolve) => this.io!.close(() => resolve()))
    }
  }

  private async authorize(socket: Socket) {
    const hs = socket.handshake
    const resume = resumeOptions(hs)
    if (!resume) throw new AppError(400, { error: true, message: 'last_seq must be a non-negative integer.' })
    const { actor, accessToken } = await authenticateHandshake(this.app, hs)
    const viewer: Viewer = {
      personId: actor.id,
      role: actor.role,
      isAdmin: actor.role === 'admin',
      projects: new Set(actor.teams.map(([id]) => id)),
      frozen: accessToken,
      withSeq: resume.withSeq,
    }
    socket.data.viewer = viewer
    socket.data.lastSeq = resume.lastSeq
  }

  /** Puts a socket in its rooms; opted-in sockets learn where their stream starts. */
  private join(socket: Socket, seq: number) {
    this.syncRooms(socket)
    if ((socket.data.viewer as Viewer).withSeq) socket.emit('slate:stream-ready', { seq })
  }

  private syncRooms(socket: Socket) {
    const viewer: Viewer = socket.data.viewer
    const wanted = new Set(roomsOf(viewer).map((r) => variant(r, viewer.withSeq)))
    for (const room of socket.rooms) {
      if (room !== socket.id && !room.startsWith('review:') && !wanted.has(room)) socket.leave(room)
    }
    for (const room of wanted) if (!socket.rooms.has(room)) socket.join(room)
  }

  /**
   * Replays the log after `lastSeq`, then goes live with no gap and no duplicate: live events
   * are buffered from now on; the first read waits for the event lock, so every event
   * published before the buffer started is committed and read, and later ones are buffered.
   */
  private async catchUp(socket: Socket, lastSeq: number) {
    const viewer: Viewer = socket.data.viewer
    const buffer: WireEvent[] = []
    this.catching.set(socket, buffer)
    let last = lastSeq
    try {
      for (let first = true; socket.connected; first = false) {
        const rows = first ? await this.lockedRead(viewer, last) : await readAfter(this.app.pool, viewer, last, PAGE)
        for (const row of rows) {
          socket.emit(row.name, row.data, { seq: row.seq })
          last = row.seq
        }
        if (rows.length < PAGE) break
      }
    } catch (err) {
      this.app.log.error({ err }, 'event replay failed')
      this.catching.delete(socket)
      socket.disconnect(true)
      return
    }
    if (!this.catching.delete(socket)) return
    for (const event of buffer) {
      if (event.seq !== null && event.seq <= last) continue
      socket.emit(event.name, event.data, { seq: event.seq })
      if (event.seq !== null) last = event.seq
    }
    this.join(socket, Math.max(last, this.lastDelivered))
  }

  private lockedRead(viewer: Viewer, after: number) {
    return underEventLock(this.app.pool, 'shared', (client) => readAfter(client, viewer, after, PAGE))
  }

  private enqueue(batch: WireEvent[]) {
    this.pending.push(batch)
    if (!this.draining) void this.drain()
  }

  /** Delivers batches in arrival order; access refreshes finish before the next event. */
  private async drain() {
    this.draining = true
    try {
      while (this.pending.length) {
        for (const event of this.pending.shift()!) {
          try {
            await this.refreshFor(event)
          } catch (err) {
            this.app.log.error({ err, event: event.name }, 'could not refresh socket rooms')
          }
          this.deliver(event)
        }
      }
    } finally {
      this.draining = false
    }
  }

  private deliver(event: WireEvent) {
    if (event.seq !== null && event.seq > this.lastDelivered) this.lastDelivered = event.seq
    if (!this.nsp) return
    const targets = targetsOf(event.room)
    const rooms = this.nsp.adapter.rooms
    if (targets.some((r) => rooms.has(r))) this.nsp.local.to(targets).emit(event.name, event.data)
    const seqTargets = targets.map((r) => variant(r, true))
    if (seqTargets.some((r) => rooms.has(r))) this.nsp.local.to(seqTargets).emit(event.name, event.data, { seq: event.seq })
    for (const [socket, buffer] of this.catching) {
      if (mayReceive(socket.data.viewer, event.room)) buffer.push(event)
    }
  }

  private viewers(): Array<[Socket, Viewer]> {
    if (!this.nsp) return []
    return [...this.nsp.sockets.values()].filter((s) => s.data.viewer).map((s) => [s, s.data.viewer as Viewer])
  }

  /** Team and person changes move sockets between rooms before the event itself is sent. */
  private async refreshFor(event: WireEvent) {
    if (!this.nsp || !this.nsp.sockets.size) return
    const projectId = event.data.project_id
    if (event.name === 'project:update' && typeof projectId === 'string') {
      const team = await teamOf(this.app.pool, projectId)
      for (const [socket, viewer] of this.viewers()) {
        if (viewer.isAdmin) continue
        const member = team.has(viewer.personId) && (!viewer.frozen || viewer.projects.has(projectId))
        if (member === viewer.projects.has(projectId)) continue
        if (member) viewer.projects.add(projectId)
        else viewer.projects.delete(projectId)
        if (!this.catching.has(socket)) this.syncRooms(socket)
      }
      return
    }
    const personId = event.data.person_id
    if ((event.name === 'person:update' || event.name === 'person:delete') && typeof personId === 'string') {
      const sockets = this.viewers().filter(([, v]) => v.personId === personId)
      if (!sockets.length) return
      const access = (await loadAccess(this.app.pool, [personId])).get(personId)
      for (const [socket, viewer] of sockets) {
        if (!access) {
          socket.disconnect(true)
          continue
        }
        viewer.role = access.role
        viewer.isAdmin = access.role === 'admin' && (!viewer.frozen || viewer.isAdmin)
        viewer.projects = new Set(viewer.frozen ? access.projects.filter((p) => viewer.projects.has(p)) : access.projects)
        if (!this.catching.has(socket)) this.syncRooms(socket)
      }
    }
  }
}

/**
 * No Origin (gazu, scripts), the request's own host (Host or X-Forwarded-Host: proxies that
 * rewrite Host), the public DOMAIN_NAME, or a configured CORS origin.
 */
function sameOrigin(req: IncomingMessage, allowed: string[], domainName: string): boolean {
  const origin = req.headers.origin
  if (!origin) return true
  if (allowed.includes(origin)) return true
  try {
    const host = new URL(origin).host
    const forwarded = String(req.headers['x-forwarded-host'] ?? '').split(',')[0].trim()
    return host === req.headers.host || host === forwarded || host === domainName
  } catch {
    return false
  }
}
