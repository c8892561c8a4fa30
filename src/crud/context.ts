// The request context services receive (STYLE §6): db, actor, events, config, and the
// caller's project memberships (read with the caller by the auth hook: O(1) checks).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Actor, Role } from '../plugins/auth.ts'
import type { Db, Pool } from '../db/client.ts'
import type { EventBus } from '../events/bus.ts'
import type { Config } from '../config.ts'
import type { Mailer } from '../services/mailer.ts'
import type { Storage } from '../storage/index.ts'
import type { JobQueue } from '../jobs/queue.ts'

export interface Membership {
  /** The per-project role override, when the team link carries one. */
  role: Role | null
  /** Whether the project's status is "Open". */
  open: boolean
}

export interface Ctx {
  db: Db
  pool: Pool
  actor: Actor
  config: Config
  events: EventBus
  isAdmin: boolean
  /** Project id → membership of the caller (loaded on first use). */
  memberships(): Promise<Map<string, Membership>>
  /** The caller's effective role in a project, or null when not on its team (admins: 'admin'). */
  projectRole(projectId: string | null | undefined): Promise<Role | null>
  /** Ids of the caller's departments (loaded on first use). */
  departments(): Promise<string[]>
  /** Signs JWT claims with the app's key (API tokens minted by person writes). */
  signToken(claims: object): string
  /** Outgoing mail (send after commit). */
  mailer: Mailer
  /** Stored bytes (pictures, movies, files buckets). */
  storage: Storage
  /** Background jobs (movie processing, playlist builds). */
  jobs: JobQueue
}

export function createCtx(app: FastifyInstance, req: FastifyRequest): Ctx {
  const actor = req.actor!
  let memberships: Map<string, Membership> | null = null
  const ctx: Ctx = {
    db: app.db,
    pool: app.pool,
    actor,
    config: app.config,
    events: app.events,
    isAdmin: actor.role === 'admin',
    async memberships() {
      memberships ??= new Map(actor.teams.map(([id, role, open]) => [id, { role, open }]))
      return memberships
    },
    async projectRole(projectId) {
      if (ctx.isAdmin) return 'admin'
      if (!projectId) return null
      const m = (await ctx.memberships()).get(projectId)
      if (!m) return null
      // Zou: a per-project role of `admin` is ignored (admin is global only).
      return m.role && m.role !== 'admin' ? m.role : actor.role
    },
    async departments() {
      return actor.departments
    },
    signToken: (claims) => app.jwt.sign(claims as never),
    mailer: app.mailer,
    storage: app.storage,
    jobs: app.jobs,
  }
  return ctx
}
