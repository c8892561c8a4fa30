// The per-route table feature tests share (method, path, roles allowed): it fails when a
// route is not registered at the root and under /api, and runs each route once per role
// on a production whose team holds one person of every role, expecting a success status
// for the allowed roles and 403 (or the row's own refusal status) for the others.
import type { FastifyInstance, HTTPMethods, InjectOptions } from 'fastify'
import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { useFileAppWith, type FileApp } from './file-app.ts'
import { as, makeProduction, type TestPerson } from './fixtures.ts'

/** Every global role on the production's team, plus `outsider`: an artist not on it. */
export const ROLES = ['admin', 'manager', 'supervisor', 'user', 'client', 'vendor', 'outsider'] as const
export type TableRole = (typeof ROLES)[number]
export const ALL_ROLES: readonly TableRole[] = ROLES
export const TEAM: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user', 'client', 'vendor']
export const MANAGERS: readonly TableRole[] = ['admin', 'manager']
export const SUPERVISORS: readonly TableRole[] = ['admin', 'manager', 'supervisor']

export interface RoleFileApp extends FileApp {
  prod: Awaited<ReturnType<typeof makeProduction>>
  people: Record<TableRole, TestPerson>
}

/**
 * The file app with makeProduction()'s production and one logged-in person per role; all
 * but the outsider are on its team, and the vendor is assigned to the production's task.
 */
export const useRoleProduction = (): RoleFileApp =>
  useFileAppWith<RoleFileApp>(async ({ t, admin }) => {
    const people = { admin } as Record<TableRole, TestPerson>
    for (const role of ['manager', 'supervisor', 'user', 'client', 'vendor'] as const) people[role] = await as(t.app, role)
    people.outsider = await as(t.app, 'user')
    const team = (['manager', 'supervisor', 'user', 'client', 'vendor'] as const).map((r) => ({ id: people[r].id }))
    const prod = await makeProduction(t.app, team)
    await t.app.db.taskPersonLink.create({ data: { task_id: prod.task.id, person_id: people.vendor.id } })
    return { prod, people }
  })

export interface RouteCall {
  url: string
  payload?: unknown
  headers?: Record<string, string>
}

export interface RouteRow<F extends RoleFileApp = RoleFileApp> {
  method: HTTPMethods
  /** Zou's path with :params, as registered. */
  path: string
  /** Roles that succeed; every other role of ROLES must be refused. */
  roles: readonly TableRole[]
  /** Builds one call (may create the rows it needs: DELETE cases get a fresh row per role). */
  call: (file: F, role: TableRole) => RouteCall | Promise<RouteCall>
  /** The success status (default: 200, 201 for POST, 204 for DELETE). */
  ok?: number
  /** The refusal status for roles not allowed (default 403). */
  refused?: number
}

const concrete = (path: string) => path.replace(/:[a-z_]+/g, () => randomUUID())

function defaultOk(method: HTTPMethods): number {
  if (method === 'POST') return 201
  if (method === 'DELETE') return 204
  return 200
}

/** Registers the table's tests in the current test file. */
export function routeTable<F extends RoleFileApp>(title: string, file: F, rows: ReadonlyArray<RouteRow<F>>) {
  describe(`${title}: route table`, () => {
    it('registers every route once, at the root and under /api', async () => {
      const keys = rows.map((r) => `${r.method} ${r.path}`)
      expect(new Set(keys).size, 'duplicate rows').toBe(keys.length)
      const missing: string[] = []
      for (const row of rows) {
        if (!file.t.app.hasRoute({ method: row.method, url: row.path })) missing.push(`${row.method} ${row.path}`)
        // Unauthenticated: a registered route answers 401 (or its own answer when public), an unknown one 404.
        const res = await file.t.app.inject({ method: row.method, url: `/api${concrete(row.path)}` })
        if (res.statusCode === 404 && res.json().message?.startsWith('404 Not Found: The requested URL')) {
          missing.push(`${row.method} /api${row.path}`)
        }
      }
      expect(missing).toEqual([])
    })

    for (const row of rows) {
      it(`${row.method} ${row.path}: allowed for ${row.roles.join(', ') || 'nobody'}, refused for the others`, async () => {
        const wrong: string[] = []
        for (const role of ROLES) {
          const c = await row.call(file, role)
          const res = await callAs(file.t.app, file.people[role], row.method, c)
          const allowed = row.roles.includes(role)
          const want = allowed ? (row.ok ?? defaultOk(row.method)) : (row.refused ?? 403)
          if (res.statusCode !== want) wrong.push(`${role}: ${res.statusCode} (want ${want}) ${res.body.slice(0, 200)}`)
        }
        expect(wrong).toEqual([])
      })
    }
  })
}

export function callAs(app: FastifyInstance, person: TestPerson, method: HTTPMethods, c: RouteCall) {
  const opts: InjectOptions = { method, url: c.url, headers: { ...person.headers, ...(c.headers ?? {}) } }
  if (c.payload !== undefined) opts.payload = c.payload as InjectOptions['payload']
  return app.inject(opts)
}
