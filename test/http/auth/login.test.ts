// POST /auth/login success paths (auth.md §2.2, §6.1, §7.1, §8): lookup by e-mail or desktop
// login, the exact success body, the JWT claims, Zou-format bcrypt hashes, login_log rows.
import bcrypt from 'bcrypt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { PASSWORD, createPerson } from '../../helpers/fixtures.ts'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

const DAY = 24 * 3600
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'
const SECRET_COLUMNS = ['password', 'totp_secret', 'email_otp_secret', 'otp_recovery_codes', 'fido_credentials', 'jti', 'login_failed_attemps', 'last_login_failed']

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))

function login(payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object, headers })
}

describe('POST /auth/login: finding the account', () => {
  it('matches the e-mail case-insensitively, both ways', async () => {
    const stored = `Mixed.Case-${Date.now()}@Example.COM`
    await createPerson(t.app, 'user', { email: stored })
    for (const typed of [stored, stored.toLowerCase(), stored.toUpperCase()]) {
      const res = await login({ email: typed, password: PASSWORD })
      expect(res.statusCode, `${typed}: ${res.body}`).toBe(200)
      expect(res.json().user.email).toBe(stored)
    }
  })

  it('matches the email field against desktop_login', async () => {
    const person = await createPerson(t.app, 'user', { desktop_login: 'jdoe-desktop' })
    const res = await login({ email: 'jdoe-desktop', password: PASSWORD })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().user.id).toBe(person.id)
    // desktop_login is matched exactly
    expect((await login({ email: 'JDOE-DESKTOP', password: PASSWORD })).json()).toEqual({ login: false })
  })

  it('reads the fields from the query string when no body is sent (Zou)', async () => {
    const person = await createPerson(t.app)
    const query = new URLSearchParams({ email: person.email!, password: PASSWORD })
    const res = await t.app.inject({ method: 'POST', url: `/api/auth/login?${query}` })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().user.id).toBe(person.id)
  })

  it('ignores bots', async () => {
    const bot = await createPerson(t.app, 'user', { is_bot: true })
    const res = await login({ email: bot.email, password: PASSWORD })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ login: false })
  })
})

describe('POST /auth/login: success body', () => {
  it('answers user (safe fields + departments + full_name), organisation, login and tokens', async () => {
    const dept = await t.app.db.department.create({ data: { name: `Anim ${Date.now()}`, color: '#ffffff' } })
    const person = await createPerson(t.app, 'manager', {
      first_name: 'Jane', last_name: 'Doe', desktop_login: 'jane', totp_secret: 'SECRETSECRET', email_otp_secret: 'OTPSECRET',
      jti: '11111111-2222-4333-8444-555555555555', login_failed_attemps: 2, last_login_failed: new Date('2020-01-01T00:00:00Z'),
    })
    await t.app.db.departmentLink.create({ data: { person_id: person.id, department_id: dept.id } })

    const res = await login({ email: person.email, password: PASSWORD })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const body = res.json()
    expect(Object.keys(body).sort()).toEqual(['access_token', 'login', 'organisation', 'refresh_token', 'user'])
    expect(body.login).toBe(true)
    expect(body.user).toMatchObject({
      id: person.id, type: 'Person', first_name: 'Jane', last_name: 'Doe', full_name: 'Jane Doe', email: person.email,
      role: 'manager', desktop_login: 'jane', active: true, is_bot: false, departments: [dept.id],
      timezone: 'Europe/Paris', locale: 'en_US', totp_enabled: false,
    })
    expect(body.user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/)
    for (const secret of SECRET_COLUMNS) expect(body.user, secret).not.toHaveProperty(secret)
    expect(body.organisation).toMatchObject({ type: 'Organisation', name: 'Kitsu' })
    expect(body.organisation.id).toMatch(/^[0-9a-f-]{36}$/)
    // a successful log-in resets the failure counter
    const after = await t.app.db.person.findUniqueOrThrow({ where: { id: person.id } })
    expect(after.login_failed_attemps).toBe(0)
  })

  it('signs tokens with Zou claims: 7-day access paired with a 15-day refresh', async () => {
    const person = await createPerson(t.app)
    const before = Math.floor(Date.now() / 1000)
    const body = (await login({ email: person.email, password: PASSWORD })).json()
    const after = Math.floor(Date.now() / 1000)
    const access = claimsOf(body.access_token)
    const refresh = claimsOf(body.refresh_token)
    expect(JSON.parse(Buffer.from(body.access_token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256', typ: 'JWT' })

    expect(Object.keys(access).sort()).toEqual(['exp', 'fresh', 'iat', 'identity_type', 'jti', 'nbf', 'refresh_jti', 'sub', 'type'])
    expect(access).toMatchObject({ fresh: false, type: 'access', sub: person.id, identity_type: 'person' })
    expect(access.iat).toBeGreaterThanOrEqual(before)
    expect(access.iat).toBeLessThanOrEqual(after)
    expect(access.nbf).toBe(access.iat)
    expect(access.exp).toBe(access.iat + 7 * DAY)
    expect(access.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)

    expect(Object.keys(refresh).sort()).toEqual(['exp', 'fresh', 'iat', 'identity_type', 'jti', 'nbf', 'sub', 'type'])
    expect(refresh).toMatchObject({ fresh: false, type: 'refresh', sub: person.id, identity_type: 'person', nbf: refresh.iat })
    expect(refresh.exp).toBe(refresh.iat + 15 * DAY)
    expect(access.refresh_jti).toBe(refresh.jti)
    expect(refresh.jti).not.toBe(access.jti)

    // each log-in mints new identifiers
    const again = claimsOf((await login({ email: person.email, password: PASSWORD })).json().access_token)
    expect(again.jti).not.toBe(access.jti)
  })

  it('issues a token the API accepts', async () => {
    const person = await createPerson(t.app)
    const { access_token } = (await login({ email: person.email, password: PASSWORD })).json()
    const me = await t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: { authorization: `Bearer ${access_token}` } })
    expect(me.statusCode, me.body).toBe(200)
    expect(me.json().user.id).toBe(person.id)
  })
})

describe('POST /auth/login: hashes made by other tools', () => {
  it('verifies a $2b$ hash made by the bcrypt module at cost 4', async () => {
    const hash = await bcrypt.hash('from-another-tool', 4)
    expect(hash.startsWith('$2b$04$')).toBe(true)
    const person = await createPerson(t.app, 'user', { password: Buffer.from(hash, 'utf8') })
    expect((await login({ email: person.email, password: 'from-another-tool' })).statusCode).toBe(200)
    expect((await login({ email: person.email, password: 'From-another-tool' })).json()).toEqual({ login: false })
  })

  it('verifies the OpenBSD reference vector stored with the $2b$ prefix (what Zou writes)', async () => {
    // Reference vector "U*U" at cost 5, salt "CCC…", written with Python bcrypt's $2b$ prefix.
    const zouHash = '$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'
    const person = await createPerson(t.app, 'user', { password: Buffer.from(zouHash, 'utf8') })
    expect((await login({ email: person.email, password: 'U*U' })).statusCode).toBe(200)
    expect((await login({ email: person.email, password: 'U*V' })).json()).toEqual({ login: false })
  })

  it('refuses an account without a password like a wrong password', async () => {
    const person = await createPerson(t.app, 'user', { password: null })
    const res = await login({ email: person.email, password: 'anything' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ login: false })
  })
})

describe('POST /auth/login: login_log', () => {
  it('records origin script for a non-browser client, with X-Real-IP', async () => {
    const person = await createPerson(t.app)
    const res = await login({ email: person.email, password: PASSWORD }, { 'user-agent': 'gazu/0.10 python-requests/2.31', 'x-real-ip': '10.1.2.3' })
    expect(res.statusCode).toBe(200)
    const logs = await t.app.db.loginLog.findMany({ where: { person_id: person.id } })
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ origin: 'script', ip_address: '10.1.2.3' })
  })

  it('records origin web for a browser, with the peer address', async () => {
    const person = await createPerson(t.app)
    expect((await login({ email: person.email, password: PASSWORD }, { 'user-agent': CHROME })).statusCode).toBe(200)
    const logs = await t.app.db.loginLog.findMany({ where: { person_id: person.id } })
    expect(logs).toHaveLength(1)
    expect(logs[0].origin).toBe('web')
    expect(logs[0].ip_address).toBe('127.0.0.1')
  })

  it('records nothing on a failed log-in', async () => {
    const person = await createPerson(t.app)
    await login({ email: person.email, password: 'wrong' })
    expect(await t.app.db.loginLog.count({ where: { person_id: person.id } })).toBe(0)
  })
})
