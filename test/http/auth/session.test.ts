// GET /auth/refresh-token, /auth/logout and /auth/authenticated for scripts (auth.md §3,
// §6.2–6.4). Revocations live in PostgreSQL, so a second instance refuses them too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/app.ts'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, createPerson, logIn } from '../../helpers/fixtures.ts'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

const REVOKED = { msg: 'Token has been revoked' }
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

describe('GET /auth/refresh-token', () => {
  it('answers a new access token paired with the presented refresh token', async () => {
    const person = await createPerson(t.app)
    const { access_token, refresh_token } = await logIn(t.app, person.email!)
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/refresh-token', headers: bearer(refresh_token) })
    expect(res.statusCode, res.body).toBe(200)
    expect(Object.keys(res.json())).toEqual(['access_token'])
    expect(res.headers['set-cookie']).toBeUndefined()

    const fresh = claimsOf(res.json().access_token)
    const refresh = claimsOf(refresh_token)
    expect(fresh).toMatchObject({ type: 'access', sub: person.id, identity_type: 'person', fresh: false, refresh_jti: refresh.jti })
    expect(fresh.jti).not.toBe(claimsOf(access_token).jti)
    expect(fresh.exp).toBe(fresh.iat + 7 * 24 * 3600)
    expect(fresh).not.toHaveProperty('requires_2fa_setup')

    const me = await t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: bearer(res.json().access_token) })
    expect(me.statusCode).toBe(200)
    expect(me.json().user.id).toBe(person.id)
  })

  it('does not rotate the refresh token: it can be used again', async () => {
    const person = await createPerson(t.app)
    const { refresh_token } = await logIn(t.app, person.email!)
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/auth/refresh-token', headers: bearer(refresh_token) })
      expect(res.statusCode).toBe(200)
    }
  })
})

describe('GET /auth/logout', () => {
  it('revokes the access token and its refresh token', async () => {
    const person = await createPerson(t.app)
    const { access_token, refresh_token } = await logIn(t.app, person.email!)
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/logout', headers: bearer(access_token) })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ logout: true })
    expect(res.headers['set-cookie']).toBeUndefined()

    const after = await t.app.inject({ method: 'GET', url: '/data/projects', headers: bearer(access_token) })
    expect(after.statusCode).toBe(401)
    expect(after.json()).toEqual(REVOKED)
    const refreshed = await t.app.inject({ method: 'GET', url: '/auth/refresh-token', headers: bearer(refresh_token) })
    expect(refreshed.statusCode).toBe(401)
    expect(refreshed.json()).toEqual(REVOKED)
    // a second logout with the same token is refused too
    expect((await t.app.inject({ method: 'GET', url: '/auth/logout', headers: bearer(access_token) })).json()).toEqual(REVOKED)

    const rows = await t.app.db.revokedToken.findMany({ where: { jti: { in: [claimsOf(access_token).jti, claimsOf(refresh_token).jti] } } })
    expect(rows).toHaveLength(2)
  })

  it('leaves the other sessions of the same person alone', async () => {
    const person = await createPerson(t.app)
    const first = await logIn(t.app, person.email!)
    const second = await logIn(t.app, person.email!)
    await t.app.inject({ method: 'GET', url: '/auth/logout', headers: bearer(first.access_token) })
    expect((await t.app.inject({ method: 'GET', url: '/data/projects', headers: bearer(second.access_token) })).statusCode).toBe(200)
  })

  it('is refused by a second instance on the same database', async () => {
    const person = await createPerson(t.app)
    const { access_token, refresh_token } = await logIn(t.app, person.email!)
    const other = await buildApp({ config: t.config, databaseUrl: t.databaseUrl, logger: false })
    try {
      await other.ready()
      // the second instance accepts the token first, so a refusal later comes from the revocation
      expect((await other.inject({ method: 'GET', url: '/data/projects', headers: bearer(access_token) })).statusCode).toBe(200)
      expect((await t.app.inject({ method: 'GET', url: '/auth/logout', headers: bearer(access_token) })).json()).toEqual({ logout: true })
      const res = await other.inject({ method: 'GET', url: '/data/projects', headers: bearer(access_token) })
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual(REVOKED)
      const refreshed = await other.inject({ method: 'GET', url: '/auth/refresh-token', headers: bearer(refresh_token) })
      expect(refreshed.statusCode).toBe(401)
      expect(refreshed.json()).toEqual(REVOKED)
    } finally {
      await other.close()
    }
  })
})

describe('GET /auth/authenticated', () => {
  it('answers authenticated, the user with departments and fido_devices, and the organisation', async () => {
    const dept = await t.app.db.department.create({ data: { name: `Lighting ${Date.now()}`, color: '#123456' } })
    const user = await as(t.app, 'user', { first_name: 'Ana', last_name: 'Lopez' })
    await t.app.db.departmentLink.create({ data: { person_id: user.id, department_id: dept.id } })
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/authenticated', headers: user.headers })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(Object.keys(body).sort()).toEqual(['authenticated', 'organisation', 'user'])
    expect(body.authenticated).toBe(true)
    expect(body.user).toMatchObject({ id: user.id, type: 'Person', full_name: 'Ana Lopez', role: 'user', departments: [dept.id], fido_devices: [] })
    for (const secret of ['password', 'totp_secret', 'jti', 'fido_credentials', 'otp_recovery_codes']) {
      expect(body.user).not.toHaveProperty(secret)
    }
    expect(body.organisation).toMatchObject({ type: 'Organisation', name: 'Kitsu' })
  })

  it('lists the names of the registered FIDO devices', async () => {
    const user = await as(t.app, 'user')
    await t.app.db.person.update({
      where: { id: user.id },
      data: { fido_credentials: [{ device_name: 'YubiKey 5', credential_id: 'abc' }, { device_name: 'Laptop', credential_id: 'def' }] },
    })
    const body = (await t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: user.headers })).json()
    expect(body.user.fido_devices).toEqual(['YubiKey 5', 'Laptop'])
    expect(body.user).not.toHaveProperty('fido_credentials')
  })

  it('shows the organisation chat tokens to admins only', async () => {
    const org = await t.app.db.organisation.findFirst({ orderBy: { created_at: 'asc' } })
      ?? await t.app.db.organisation.create({ data: { name: 'Kitsu' } })
    await t.app.db.organisation.update({
      where: { id: org.id },
      data: { chat_token_slack: 'xoxb-slack-secret', chat_webhook_mattermost: 'https://mm/hook', chat_token_discord: 'discord-secret' },
    })
    const secrets = ['chat_token_slack', 'chat_webhook_mattermost', 'chat_token_discord']
    const admin = await as(t.app, 'admin')
    const adminOrg = (await t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: admin.headers })).json().organisation
    expect(adminOrg).toMatchObject({ id: org.id, chat_token_slack: 'xoxb-slack-secret', chat_webhook_mattermost: 'https://mm/hook', chat_token_discord: 'discord-secret' })

    for (const role of ['user', 'manager', 'supervisor'] as const) {
      const p = await as(t.app, role)
      const body = (await t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: p.headers })).json()
      expect(body.organisation.id).toBe(org.id)
      for (const key of secrets) expect(body.organisation, `${role} ${key}`).not.toHaveProperty(key)
    }
    // the login answer follows the same rule
    const manager = await createPerson(t.app, 'manager')
    const { organisation } = (await logIn(t.app, manager.email!)) as unknown as { organisation: Record<string, unknown> }
    expect(organisation.id).toBe(org.id)
    for (const key of secrets) expect(organisation).not.toHaveProperty(key)
  })
})
