// AUTH_STRATEGY=auth_remote_ldap (auth.md §7.2, §11.3) against a real LDAP server on a
// loopback port: persons imported from LDAP bind as uid=<desktop_login>,<LDAP_BASE_DN>;
// the others use their local password only with LDAP_FALLBACK; an unreachable server
// answers a clear 503 that names no host.
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { PASSWORD, createPerson } from '../../helpers/fixtures.ts'
import { BASE_DN, person, startLdap, type TestLdap } from '../../helpers/ldap-server.ts'

const JANE_PASSWORD = 'jane-directory-pass'
const DEFAULT_BYTES = new TextEncoder().encode('default') as Uint8Array<ArrayBuffer>
const UNREACHABLE = { error: true, login: false, message: 'The LDAP server is unreachable. Please contact your administrator.' }

let dir: TestLdap
let strict: TestApp
let fallback: TestApp
let down: TestApp

async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

beforeAll(async () => {
  dir = await startLdap([
    person('jane', { cn: 'Jane Doe', sn: 'Doe', mail: 'jane@studio.test' }, JANE_PASSWORD),
    person('doe, john', { cn: 'John Doe', sn: 'Doe' }, 'john-directory-pass'),
  ])
  const env = { AUTH_STRATEGY: 'auth_remote_ldap', LDAP_HOST: '127.0.0.1', LDAP_PORT: String(dir.port), LDAP_BASE_DN: BASE_DN }
  strict = await buildTestApp(env)
  fallback = await buildTestApp({ ...env, LDAP_FALLBACK: 'true' })
  down = await buildTestApp({ ...env, LDAP_PORT: String(await closedPort()) })
})
afterAll(async () => {
  await Promise.all([strict?.close(), fallback?.close(), down?.close()])
  await dir?.close()
})

const login = (t: TestApp, email: string, password?: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: password === undefined ? { email } : { email, password } })

/** A person imported from LDAP, as the sync leaves them (password: the bytes `default`). */
const ldapPerson = (t: TestApp, login: string, extra: Record<string, unknown> = {}) =>
  createPerson(t.app, 'user', { is_generated_from_ldap: true, desktop_login: login, password: DEFAULT_BYTES, ...extra })

const failures = async (t: TestApp, id: string) => (await t.app.db.person.findUniqueOrThrow({ where: { id } })).login_failed_attemps

describe('auth_remote_ldap: persons imported from LDAP', () => {
  it('logs in with the directory password, by e-mail or desktop login', async () => {
    const jane = await ldapPerson(strict, 'jane')
    for (const id of [jane.email!, 'jane']) {
      const res = await login(strict, id, JANE_PASSWORD)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ login: true, user: { id: jane.id, desktop_login: 'jane' } })
      expect(res.json().access_token).toEqual(expect.any(String))
    }
    expect(dir.binds.filter((dn) => dn.toLowerCase() === `uid=jane,${BASE_DN}`)).toHaveLength(2)
    expect(await strict.app.db.loginLog.count({ where: { person_id: jane.id } })).toBe(2)
  })

  it('refuses a wrong or empty password as a wrong password (counted), never binding anonymously', async () => {
    const jane = await ldapPerson(strict, 'jane')
    const wrong = await login(strict, jane.email!, 'not-the-directory-pass')
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json()).toEqual({ login: false })
    expect(await failures(strict, jane.id)).toBe(1)
    // The stored `default` bytes are not a password, and `default` is not a local reset here.
    const typedDefault = await login(strict, jane.email!, 'default')
    expect(typedDefault.json()).toEqual({ login: false })
    const binds = dir.binds.length
    const empty = await login(strict, jane.email!, '')
    expect(empty.statusCode).toBe(400)
    expect(dir.binds.length).toBe(binds)
  })

  it('escapes the desktop login in the bind DN', async () => {
    const john = await ldapPerson(strict, 'doe, john')
    const res = await login(strict, john.email!, 'john-directory-pass')
    expect(res.statusCode).toBe(200)
    expect(dir.binds.at(-1)).toBe(`uid=doe\\, john,${BASE_DN}`)
  })

  it('checks the password before the inactive flag', async () => {
    const gone = await ldapPerson(strict, 'jane', { active: false })
    expect((await login(strict, gone.email!, 'wrong-one')).json()).toEqual({ login: false })
    const res = await login(strict, gone.email!, JANE_PASSWORD)
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ error: true, login: false, unactive: true, message: 'User is unactive, he cannot log in.' })
  })

  it('answers a clear 503 without host or secret when the server is unreachable', async () => {
    const jane = await ldapPerson(down, 'jane')
    const res = await login(down, jane.email!, JANE_PASSWORD)
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual(UNREACHABLE)
    expect(res.body).not.toContain('127.0.0.1')
    expect(await failures(down, jane.id)).toBe(0)
  })
})

describe('auth_remote_ldap: local persons', () => {
  it('refuses them without LDAP_FALLBACK, whatever the password, without counting', async () => {
    const local = await createPerson(strict.app, 'user')
    const res = await login(strict, local.email!, PASSWORD)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ login: false })
    expect(await failures(strict, local.id)).toBe(0)
    // Unknown accounts answer the same.
    expect((await login(strict, 'ghost@studio.test', PASSWORD)).json()).toEqual({ login: false })
  })

  it('checks their local password with LDAP_FALLBACK (no bind for them)', async () => {
    const local = await createPerson(fallback.app, 'user')
    const ok = await login(fallback, local.email!, PASSWORD)
    expect(ok.statusCode).toBe(200)
    expect(ok.json().login).toBe(true)
    const wrong = await login(fallback, local.email!, 'wrong-local')
    expect(wrong.json()).toEqual({ login: false })
    expect(await failures(fallback, local.id)).toBe(1)
    // LDAP persons still bind with the directory on the fallback app.
    const jane = await ldapPerson(fallback, 'jane')
    expect((await login(fallback, jane.email!, JANE_PASSWORD)).statusCode).toBe(200)
  })
})
