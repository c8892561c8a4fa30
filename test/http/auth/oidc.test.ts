// OIDC single sign-on (auth.md §11.2) against a real OpenID provider on a loopback port: the
// test plays the browser (Slate's redirect, the provider's login and consent pages, the
// redirect back) and checks what Slate does with the callback: persons created or updated,
// the auth cookies, the login log, and the 400s (never a 500) for every refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { createPerson } from '../../helpers/fixtures.ts'
import { signInAtProvider, startOidcProvider, type TestProvider } from '../../helpers/oidc-provider.ts'

const DOMAIN = 'kitsu.studio.test'
const SITE = `https://${DOMAIN}`
const REDIRECT = `${SITE}/api/auth/oidc/callback`
const FAILED = { error: 'OIDC authentication failed.' }

let op: TestProvider
let t: TestApp
let skip: TestApp
let off: TestApp
let down: TestApp

const oidcEnv = (extra: Record<string, string> = {}) => ({
  OIDC_ENABLED: 'true', OIDC_IDP_NAME: 'Studio SSO', OIDC_DISCOVERY_URL: op.discoveryUrl, OIDC_CLIENT_ID: op.clientId,
  OIDC_CLIENT_SECRET: op.clientSecret, DOMAIN_NAME: DOMAIN, DOMAIN_PROTOCOL: 'https', ...extra,
})

beforeAll(async () => {
  op = await startOidcProvider({ redirectUri: REDIRECT })
  const verified = { email_verified: true }
  op.accounts.set('jane', { email: 'Jane.Doe@Studio.test', ...verified, given_name: 'Jane', family_name: 'Doe' })
  op.accounts.set('bob', { email: 'bob@studio.test', ...verified, given_name: 'Bob', family_name: 'Builder' })
  op.accounts.set('entra', { email: 'entra@studio.test', ...verified, given_name: 'Ada', family_name: 'Entra', userinfoOnly: ['given_name', 'family_name'] })
  op.accounts.set('nameless', { email: 'nameless@studio.test', ...verified })
  op.accounts.set('unverified', { email: 'mallory@studio.test', email_verified: false, given_name: 'Mal' })
  op.accounts.set('silent', { email: 'silent@studio.test', given_name: 'Sil' })
  op.accounts.set('nomail', { given_name: 'No', family_name: 'Mail' })
  op.accounts.set('gone', { email: 'gone@studio.test', ...verified, given_name: 'Gone' })
  op.accounts.set('guarded', { email: 'guarded@studio.test', ...verified, given_name: 'Guarded' })
  // One after the other: four app boots at once overrun plugin start-up timeouts on 2 cores.
  t = await buildTestApp(oidcEnv({ ENFORCE_2FA: 'true' }))
  skip = await buildTestApp(oidcEnv({ ENFORCE_2FA: 'true', OIDC_SKIP_2FA: 'true' }))
  off = await buildTestApp({ DOMAIN_NAME: DOMAIN })
  down = await buildTestApp(oidcEnv({ OIDC_DISCOVERY_URL: 'http://127.0.0.1:9/.well-known/openid-configuration' }))
})
afterAll(async () => {
  await Promise.all([t, skip, off, down].map((a) => a?.close()))
  await op?.close()
})

const payload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString())
const cookie = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)

/** Slate's login redirect, the provider's pages as `login`, and the way back (not yet called). */
async function toCallback(app: TestApp, login: string) {
  const start = await app.app.inject({ method: 'GET', url: '/api/auth/oidc/login' })
  expect(start.statusCode, start.body).toBe(302)
  const state = cookie(start, 'oidc_state')!.value
  const back = await signInAtProvider(start.headers.location as string, login)
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT)
  return { start, state, back, url: `/api/auth/oidc/callback${back.search}` }
}

async function signIn(app: TestApp, login: string) {
  const flow = await toCallback(app, login)
  const res = await app.app.inject({ method: 'GET', url: flow.url, cookies: { oidc_state: flow.state } })
  return { ...flow, res }
}

describe('GET /auth/oidc/login', () => {
  it('redirects to the provider: code flow, PKCE S256, state and nonce; the state in an HttpOnly cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login' })
    expect(res.statusCode).toBe(302)
    const url = new URL(res.headers.location as string)
    expect(url.origin).toBe(op.issuer)
    const q = Object.fromEntries(url.searchParams)
    expect(q).toMatchObject({ response_type: 'code', client_id: op.clientId, redirect_uri: REDIRECT, scope: 'openid email profile', code_challenge_method: 'S256' })
    expect(q.code_challenge).toMatch(/^[\w-]{43}$/)
    expect(q.nonce).toEqual(expect.any(String))
    const state = cookie(res, 'oidc_state')!
    expect(state).toMatchObject({ value: q.state, path: '/', httpOnly: true, sameSite: 'Lax', secure: true, maxAge: 600 })
    // The verifier and nonce stay on the server, under the state.
    const row = await t.app.db.authToken.findUniqueOrThrow({ where: { kind_key: { kind: 'oidc-state', key: q.state } } })
    expect(JSON.parse(row.token)).toEqual({ verifier: expect.any(String), nonce: q.nonce })
  })

  it('is announced by GET /config', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/config' })).json()).toMatchObject({ oidc_enabled: true, oidc_idp_name: 'Studio SSO' })
    expect((await off.app.inject({ method: 'GET', url: '/api/config' })).json()).toMatchObject({ oidc_enabled: false, oidc_idp_name: '' })
  })
})

describe('GET /auth/oidc/callback: sign-in', () => {
  it('creates the person, sets both cookies, logs a web login and lands on the site', async () => {
    const events: string[] = []
    const stop = t.app.events.on((e) => { events.push(e.name) })
    const { res } = await signIn(t, 'jane')
    stop()
    expect(res.statusCode, res.body).toBe(302)
    expect(res.headers.location).toBe(SITE)
    const person = await t.app.db.person.findFirstOrThrow({ where: { email: 'jane.doe@studio.test' } })
    expect(person).toMatchObject({ first_name: 'Jane', last_name: 'Doe', role: 'user', active: true, is_bot: false })
    expect(Buffer.from(person.password!).toString()).toMatch(/^\$2[ab]\$/)
    expect(events).toContain('person:new')

    const access = cookie(res, 'access_token_cookie')!
    expect(access).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' })
    expect(cookie(res, 'refresh_token_cookie')).toMatchObject({ path: '/api/auth/refresh-token', httpOnly: true })
    expect(cookie(res, 'oidc_state')!.value).toBe('')
    // ENFORCE_2FA applies to OIDC sessions unless OIDC_SKIP_2FA.
    expect(payload(access.value)).toMatchObject({ sub: person.id, identity_type: 'person', type: 'access', requires_2fa_setup: true })
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/authenticated', cookies: { access_token_cookie: access.value } })
    expect(me.json()).toMatchObject({ authenticated: true, user: { id: person.id, email: 'jane.doe@studio.test' } })
    expect(await t.app.db.loginLog.findMany({ where: { person_id: person.id }, select: { origin: true } })).toEqual([{ origin: 'web' }])
  })

  it('signs an existing person in (e-mail case-insensitive) and updates their names', async () => {
    const bob = await createPerson(t.app, 'manager', { email: 'Bob@Studio.test', first_name: 'Robert', last_name: 'Old' })
    const { res } = await signIn(t, 'bob')
    expect(res.statusCode).toBe(302)
    expect(payload(cookie(res, 'access_token_cookie')!.value).sub).toBe(bob.id)
    expect(await t.app.db.person.findUniqueOrThrow({ where: { id: bob.id } })).toMatchObject({ first_name: 'Bob', last_name: 'Builder', role: 'manager' })
    expect(await t.app.db.person.count({ where: { email: { equals: 'bob@studio.test', mode: 'insensitive' } } })).toBe(1)
    expect(await t.app.db.apiEvent.count({ where: { name: 'person:update', data: { path: ['person_id'], equals: bob.id } } })).toBe(1)
  })

  it('takes names from userinfo when the ID token has none, and keeps names it is not given', async () => {
    expect((await signIn(t, 'entra')).res.statusCode).toBe(302)
    expect(await t.app.db.person.findFirstOrThrow({ where: { email: 'entra@studio.test' } })).toMatchObject({ first_name: 'Ada', last_name: 'Entra' })
    const known = await createPerson(t.app, 'user', { email: 'nameless@studio.test', first_name: 'Kept', last_name: 'Names' })
    expect((await signIn(t, 'nameless')).res.statusCode).toBe(302)
    expect(await t.app.db.person.findUniqueOrThrow({ where: { id: known.id } })).toMatchObject({ first_name: 'Kept', last_name: 'Names' })
  })

  it('lands an inactive person on the site without cookies or login log', async () => {
    const gone = await createPerson(t.app, 'user', { email: 'gone@studio.test', active: false })
    const { res } = await signIn(t, 'gone')
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe(SITE)
    expect(cookie(res, 'access_token_cookie')).toBeUndefined()
    expect(await t.app.db.loginLog.count({ where: { person_id: gone.id } })).toBe(0)
  })

  it('with OIDC_SKIP_2FA: unrestricted tokens, and refreshes stay unrestricted', async () => {
    const { res } = await signIn(skip, 'guarded')
    const access = payload(cookie(res, 'access_token_cookie')!.value)
    expect(access.requires_2fa_setup).toBeUndefined()
    expect(access.skip_2fa_setup).toBe(true)
    const refresh = cookie(res, 'refresh_token_cookie')!.value
    const renewed = await skip.app.inject({ method: 'GET', url: '/api/auth/refresh-token', headers: { authorization: `Bearer ${refresh}` } })
    expect(renewed.statusCode).toBe(200)
    expect(payload(renewed.json().access_token)).toMatchObject({ skip_2fa_setup: true })
    expect(payload(renewed.json().access_token).requires_2fa_setup).toBeUndefined()
  })
})

describe('GET /auth/oidc/callback: refusals (400, error as a string)', () => {
  it('refuses an e-mail the provider says is not verified, or does not say is verified', async () => {
    for (const login of ['unverified', 'silent']) {
      const { res } = await signIn(t, login)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: 'Email address is not verified.' })
      expect(cookie(res, 'access_token_cookie')).toBeUndefined()
    }
    expect(await t.app.db.person.count({ where: { email: { in: ['mallory@studio.test', 'silent@studio.test'] } } })).toBe(0)
  })

  it('refuses a sign-in without an e-mail claim', async () => {
    const { res } = await signIn(t, 'nomail')
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: 'No email claim returned by the provider.' })
  })

  it('refuses a tampered state, a missing state cookie, and a replayed callback', async () => {
    const flow = await toCallback(t, 'jane')
    const tampered = flow.url.replace(`state=${flow.state}`, `state=${flow.state.slice(0, -2)}xy`)
    expect(tampered).not.toBe(flow.url)
    const cases: Array<{ url: string; cookies: Record<string, string> }> = [
      { url: tampered, cookies: { oidc_state: flow.state } },
      { url: flow.url, cookies: {} },
      { url: flow.url, cookies: { oidc_state: 'another-state' } },
    ]
    for (const c of cases) {
      const res = await t.app.inject({ method: 'GET', ...c })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual(FAILED)
    }
    // The genuine callback still works once, then never again.
    const ok = await t.app.inject({ method: 'GET', url: flow.url, cookies: { oidc_state: flow.state } })
    expect(ok.statusCode).toBe(302)
    const replay = await t.app.inject({ method: 'GET', url: flow.url, cookies: { oidc_state: flow.state } })
    expect(replay.statusCode).toBe(400)
    expect(replay.json()).toEqual(FAILED)
  })

  it('refuses a code already spent, presented with a fresh state (the provider refuses it)', async () => {
    const first = await signIn(t, 'jane')
    expect(first.res.statusCode).toBe(302)
    const code = first.back.searchParams.get('code')!
    const second = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login' })
    const state = cookie(second, 'oidc_state')!.value
    const res = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/callback?code=${code}&state=${state}&iss=${encodeURIComponent(op.issuer)}`, cookies: { oidc_state: state } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual(FAILED)
  })

  it('refuses an error answer of the provider (the user declined)', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login' })
    const state = cookie(start, 'oidc_state')!.value
    const res = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/callback?error=access_denied&state=${state}`, cookies: { oidc_state: state } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual(FAILED)
  })

  it('answers "OIDC is not enabled." on both routes when it is off', async () => {
    for (const url of ['/api/auth/oidc/login', '/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
      const res = await off.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: 'OIDC is not enabled.' })
    }
  })

  it('answers 503 when the provider cannot be reached, and 400 on its callback', async () => {
    const login = await down.app.inject({ method: 'GET', url: '/api/auth/oidc/login' })
    expect(login.statusCode).toBe(503)
    expect(login.json()).toEqual({ error: 'The OIDC provider is unavailable.' })
    const callback = await down.app.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=x&state=y', cookies: { oidc_state: 'y' } })
    expect(callback.statusCode).toBe(400)
    expect(callback.json()).toEqual(FAILED)
  })
})
