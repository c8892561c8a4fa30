// The request context services receive (STYLE §6): db, actor, events, config, and the
// caller's project memberships loaded once per request (one query, then O(1) checks).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Actor, Role } from '../plugins/auth.ts'
import type { Db, Pool } from '../db/client.ts'
import type { EventBus } from '../events/bus.ts'
import type { Config } from '../config.ts'

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
}

export function createCtx(app: FastifyInstance, req: FastifyRequest): Ctx {
  const actor = req.actor!
  let memberships: Promise<Map<string, Membership>> | null = null
  let departments: Promise<string[]> | null = null
  const ctx: Ctx = {
    db: app.db,
    pool: app.pool,
    actor,
    config: app.config,
    events: app.events,
    isAdmin: actor.role === 'admin',
    memberships() {
      memberships ??= app.pool
        .query(
          `SELECT l.project_id, l.role, (s.name = 'Open') AS open
           FROM project_person_link l
           JOIN project p ON p.id = l.project_id
           LEFT JOIN project_status s ON s.id = p.project_status_id
           WHERE l.person_id = $1`,
          [actor.id],
        )
        .then(({ rows }) => new Map(rows.map((r) => [r.project_id, { role: r.role, open: !!r.open }])))
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
    departments() {
      departments ??= app.pool
        .query('SELECT department_id FROM department_link WHERE person_id = $1', [actor.id])
        .then(({ rows }) => rows.map((r) => r.department_id as string))
      return departments
    },
  }
  return ctx
}
