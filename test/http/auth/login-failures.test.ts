// POST /auth/login refusals (auth.md §6.1, §7.3): identical answers for unknown and wrong,
// validation shape, inactive accounts, lockout, the `default` password, 2FA challenge and the
// minimum duration of a failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../../src/auth/password.ts'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { PASSWORD, createPerson } from '../../helpers/fixtures.ts'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'
const LOCKED = { error: true, login: false, too_many_failed_login_attemps: true }

function login(payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object, headers })
}

const failures = async (id: string) => (await t.app.db.person.findUniqueOrThrow({ where: { id } })).login_failed_attemps

describe('POST /auth/login: unknown account, wrong password, invalid body', () => {
  it('answers unknown user and wrong password identically, without cookies', async () => {
    const person = await createPerson(t.app)
    const unknown = await login({ email: 'nobody@example.com', password: PASSWORD }, { 'user-agent': CHROME })
    const wrong = await login({ email: person.email, password: 'not-the-password' }, { 'user-agent': CHROME })
    for (const res of [unknown, wrong]) {
      expect(res.statusCode).toBe(400)
      expect(res.body).toBe('{"login":false}')
      expect(res.headers['set-cookie']).toBeUndefined()
    }
    expect(unknown.headers['content-type']).toBe(wrong.headers['content-type'])
    expect(await failures(person.id)).toBe(1)
  })

  it('refuses a missing email with the validation shape', async () => {
    const res = await login({ password: PASSWORD })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: true, message: 'Validation error.', data: { errors: [{ field: 'email', message: 'Field required' }] } })
  })

  it('reads a bodyless POST like an empty form: email Field required', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/auth/login' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: true, message: 'Validation error.', data: { errors: [{ field: 'email', message: 'Field required' }] } })
  })

  it('answers 415 for a text/plain body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'text/plain' }, body: 'email=a' })
    expect(res.statusCode).toBe(415)
  })

  it('refuses an empty email, naming the field', async () => {
    const res = await login({ email: '', password: PASSWORD })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body).toMatchObject({ error: true, message: 'Validation error.' })
    expect(body.data.errors).toHaveLength(1)
    expect(body.data.errors[0].field).toBe('email')
  })
})

describe('POST /auth/login: inactive accounts', () => {
  it('answers 401 unactive only when the password is right', async () => {
    const person = await createPerson(t.app, 'user', { active: false })
    const right = await login({ email: person.email, password: PASSWORD }, { 'user-agent': CHROME })
    expect(right.statusCode).toBe(401)
    expect(right.json()).toEqual({ error: true, login: false, unactive: true, message: 'User is unactive, he cannot log in.' })
    expect(right.headers['set-cookie']).toBeUndefined()

    const wrong = await login({ email: person.email, password: 'wrong-password' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json()).toEqual({ login: false })
    expect(await t.app.db.loginLog.count({ where: { person_id: person.id } })).toBe(0)
  })
})

describe('POST /auth/login: lockout', () => {
  it('locks after 5 failures for a minute, then lets the right password in and resets the counter', async () => {
    const person = await createPerson(t.app)
    for (let i = 1; i <= 5; i++) {
      const res = await login({ email: person.email, password: `wrong-${i}` })
      expect(res.json()).toEqual({ login: false })
    }
    expect(await failures(person.id)).toBe(5)

    const locked = await login({ email: person.email, password: PASSWORD })
    expect(locked.statusCode).toBe(400)
    expect(locked.json()).toEqual(LOCKED)
    // the desktop-login route to the same account is locked too; locked attempts are not counted
    await t.app.db.person.update({ where: { id: person.id }, data: { desktop_login: `locked-${person.id.slice(0, 8)}` } })
    expect((await login({ email: `locked-${person.id.slice(0, 8)}`, password: PASSWORD })).json()).toEqual(LOCKED)
    expect(await failures(person.id)).toBe(5)

    // a minute later (moved back in the database) the lock is lifted
    await t.app.pool.query(`UPDATE person SET last_login_failed = now() - interval '61 seconds' WHERE id = $1`, [person.id])
    const ok = await login({ email: person.email, password: PASSWORD })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().login).toBe(true)
    expect(await failures(person.id)).toBe(0)
  })

  it('starts counting afresh when a wrong password comes after the minute', async () => {
    const person = await createPerson(t.app, 'user', { login_failed_attemps: 7, last_login_failed: new Date(Date.now() - 5 * 60_000) })
    const res = await login({ email: person.email, password: 'still-wrong' })
    expect(res.json()).toEqual({ login: false })
    expect(await failures(person.id)).toBe(1)
  })

  it('stays locked within the minute even with 4 failures plus a fresh one', async () => {
    const person = await createPerson(t.app, 'user', { login_failed_attemps: 4, last_login_failed: new Date() })
    expect((await login({ email: person.email, password: 'wrong' })).json()).toEqual({ login: false })
    expect((await login({ email: person.email, password: PASSWORD })).json()).toEqual(LOCKED)
  })
})

describe('POST /auth/login: default password', () => {
  it('answers default_password with a 64-character reset token', async () => {
    const person = await createPerson(t.app, 'user', { password: await hashPassword('default', 4) })
    const res = await login({ email: person.email, password: 'default' }, { 'user-agent': CHROME })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(Object.keys(body).sort()).toEqual(['default_password', 'login', 'token'])
    expect(body).toMatchObject({ login: false, default_password: true })
    expect(body.token).toMatch(/^[A-Z0-9]{64}$/)
    expect(res.headers['set-cookie']).toBeUndefined()
    // kept server-side under the login as typed, for PUT /auth/reset-password
    const stored = await t.app.db.authToken.findUnique({ where: { kind_key: { kind: 'reset-password', key: person.email! } } })
    expect(stored?.token).toBe(body.token)
    expect(stored!.expires_at.getTime() - Date.now()).toBeGreaterThan(2 * 3600_000 - 60_000)
  })

  it('treats an omitted password as the literal default', async () => {
    const person = await createPerson(t.app, 'user', { password: await hashPassword('default', 4) })
    const res = await login({ email: person.email })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ login: false, default_password: true })
  })

  it('does not trigger when the stored password is something else', async () => {
    const person = await createPerson(t.app)
    expect((await login({ email: person.email, password: 'default' })).json()).toEqual({ login: false })
  })
})

describe('POST /auth/login: two-factor challenge', () => {
  it('asks for a factor when TOTP is enabled and none was given, without counting a failure', async () => {
    const person = await createPerson(t.app, 'user', { totp_enabled: true, totp_secret: 'JBSWY3DPEHPK3PXP', preferred_two_factor_authentication: 'totp' })
    const res = await login({ email: person.email, password: PASSWORD }, { 'user-agent': CHROME })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      error: true, login: false, missing_OTP: true,
      preferred_two_factor_authentication: 'totp', two_factor_authentication_enabled: ['recovery_code', 'totp'],
    })
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(await failures(person.id)).toBe(0)
    expect(await t.app.db.loginLog.count({ where: { person_id: person.id } })).toBe(0)
  })

  it('lists every enabled method, preferred null when unset', async () => {
    const person = await createPerson(t.app, 'user', { totp_enabled: true, email_otp_enabled: true, fido_enabled: true })
    expect((await login({ email: person.email, password: PASSWORD })).json()).toEqual({
      error: true, login: false, missing_OTP: true,
      preferred_two_factor_authentication: null, two_factor_authentication_enabled: ['recovery_code', 'totp', 'email_otp', 'fido'],
    })
  })

  it('checks the password before asking for a factor', async () => {
    const person = await createPerson(t.app, 'user', { totp_enabled: true })
    expect((await login({ email: person.email, password: 'wrong' })).json()).toEqual({ login: false })
  })

  it('refuses a wrong factor and counts it as a failure', async () => {
    const person = await createPerson(t.app, 'user', { totp_enabled: true, totp_secret: 'JBSWY3DPEHPK3PXP' })
    const res = await login({ email: person.email, password: PASSWORD, totp: '000000' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: true, login: false, wrong_OTP: true })
    expect(await failures(person.id)).toBe(1)
  })
})

describe('POST /auth/login: failures take a minimum time', () => {
  // Schema failures are not padded: they reveal nothing about accounts.
  it('pads unknown-user, wrong-password, inactive and locked failures to about 250 ms', async () => {
    const person = await createPerson(t.app)
    const inactive = await createPerson(t.app, 'user', { active: false })
    const locked = await createPerson(t.app, 'user', { login_failed_attemps: 5, last_login_failed: new Date() })
    const cases = [
      { email: 'nobody-at-all@example.com', password: PASSWORD },
      { email: person.email, password: 'wrong-password' },
      { email: inactive.email, password: PASSWORD },
      { email: locked.email, password: PASSWORD },
    ]
    for (const payload of cases) {
      const started = performance.now()
      const res = await login(payload)
      const took = performance.now() - started
      expect(res.statusCode).toBeGreaterThanOrEqual(400)
      expect(took, `${JSON.stringify(payload)} → ${res.body}`).toBeGreaterThanOrEqual(240)
    }
  })
})
