// Verification of a protected request, step by step with Zou's exact answers (auth.md §4):
// finding the token (cookie before header), decoding, token type, revocation, the person.
import { createHmac, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueApiToken } from '../../../src/auth/tokens.ts'
import { FORBIDDEN_MESSAGE, UNAUTHORIZED_MESSAGE } from '../../../src/lib/errors.ts'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, createPerson, logIn } from '../../helpers/fixtures.ts'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

const MISSING = 'Missing JWT in cookies or headers (Missing cookie "access_token_cookie"; Missing Authorization Header)'
const NOT_BEARER = "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'"
const UNAUTHORIZED = { error: true, message: UNAUTHORIZED_MESSAGE }

function get(url: string, opts: { token?: string; authorization?: string; cookies?: Record<string, string> } = {}) {
  const headers: Record<string, string> = {}
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.authorization) headers.authorization = opts.authorization
  return t.app.inject({ method: 'GET', url, headers, cookies: opts.cookies })
}

/** An HS256 JWT signed with another secret. */
function signedElsewhere(claims: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`
  return `${unsigned}.${createHmac('sha256', 'not-the-server-secret').update(unsigned).digest('base64url')}`
}

function claimsFor(sub: string, extra: Record<string, unknown> = {}) {
  const iat = Math.floor(Date.now() / 1000)
  return { fresh: false, iat, nbf: iat, jti: randomUUID(), type: 'access', sub, exp: iat + 3600, identity_type: 'person', ...extra }
}

describe('finding the token', () => {
  it('answers 401 Missing JWT when there is none', async () => {
    for (const url of ['/data/projects', '/api/data/projects', '/auth/authenticated']) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(401)
      expect(res.json()).toEqual({ msg: MISSING })
    }
  })

  it('names the non-Bearer Authorization header', async () => {
    const res = await get('/data/projects', { authorization: 'Basic dXNlcjpwYXNz' })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ msg: `Missing JWT in cookies or headers (Missing cookie "access_token_cookie"; ${NOT_BEARER})` })
  })

  it('names the refresh cookie on /auth/refresh-token', async () => {
    const res = await get('/auth/refresh-token')
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ msg: 'Missing JWT in cookies or headers (Missing cookie "refresh_token_cookie"; Missing Authorization Header)' })
  })

  it('refuses a Bearer header with extra parts', async () => {
    const res = await get('/data/projects', { authorization: 'Bearer a b' })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ msg: "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'" })
  })

  it('uses the cookie before the header, even when the cookie is bad', async () => {
    const user = await as(t.app, 'user')
    const badCookie = await get('/data/projects', { token: user.token, cookies: { access_token_cookie: 'garbage' } })
    expect(badCookie.statusCode).toBe(422)
    const goodCookie = await get('/data/projects', { token: 'garbage', cookies: { access_token_cookie: user.token } })
    expect(goodCookie.statusCode, goodCookie.body).toBe(200)
    const cookieOnly = await get('/auth/authenticated', { cookies: { access_token_cookie: user.token } })
    expect(cookieOnly.json().user.id).toBe(user.id)
  })
})

describe('decoding', () => {
  it('answers 422 for a malformed token', async () => {
    const res = await get('/data/projects', { token: 'garbage' })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ msg: 'Not enough segments' })
    const threeParts = await get('/data/projects', { token: 'aaa.bbb.ccc' })
    expect(threeParts.statusCode).toBe(422)
    expect(Object.keys(threeParts.json())).toEqual(['msg'])
    expect(typeof threeParts.json().msg).toBe('string')
  })

  it('answers 422 Signature verification failed for another secret', async () => {
    const user = await createPerson(t.app)
    const res = await get('/data/projects', { token: signedElsewhere(claimsFor(user.id)) })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ msg: 'Signature verification failed' })
  })

  it('answers 401 Signature has expired for an expired token (gazu refreshes on it)', async () => {
    const user = await createPerson(t.app)
    const token = t.app.jwt.sign(claimsFor(user.id, { exp: Math.floor(Date.now() / 1000) - 60 }), { noTimestamp: true })
    const res = await get('/data/projects', { token })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ error: true, message: 'Signature has expired' })
  })
})

describe('token type', () => {
  it('refuses a refresh token on a normal route', async () => {
    const person = await createPerson(t.app)
    const { refresh_token } = await logIn(t.app, person.email!)
    const res = await get('/data/projects', { token: refresh_token })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ msg: 'Only non-refresh tokens are allowed' })
  })

  it('refuses an access token on /auth/refresh-token', async () => {
    const person = await createPerson(t.app)
    const { access_token } = await logIn(t.app, person.email!)
    const res = await get('/auth/refresh-token', { token: access_token })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ msg: 'Only refresh tokens are allowed' })
  })

  it('treats a token without jti or with an unknown identity type as revoked', async () => {
    const person = await createPerson(t.app)
    const { jti: _jti, ...noJti } = claimsFor(person.id)
    for (const claims of [noJti, claimsFor(person.id, { identity_type: 'robot' })]) {
      const res = await get('/data/projects', { token: t.app.jwt.sign(claims, { noTimestamp: true }) })
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ msg: 'Token has been revoked' })
    }
  })
})

describe('the person behind the token', () => {
  it('answers 401 when the person was deleted (and names them on /auth/logout)', async () => {
    const person = await createPerson(t.app)
    const { access_token } = await logIn(t.app, person.email!)
    expect((await get('/data/projects', { token: access_token })).statusCode).toBe(200)
    await t.app.db.loginLog.deleteMany({ where: { person_id: person.id } })
    await t.app.db.person.delete({ where: { id: person.id } })

    const res = await get('/data/projects', { token: access_token })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual(UNAUTHORIZED)
    const logout = await get('/auth/logout', { token: access_token })
    expect(logout.statusCode).toBe(401)
    expect(logout.json()).toEqual({ msg: `Error loading the user ${person.id}` })
  })

  it('refuses a deactivated person on the next request, and blocklists the token', async () => {
    const user = await as(t.app, 'user')
    expect((await get('/data/projects', { token: user.token })).statusCode).toBe(200)
    await t.app.db.person.update({ where: { id: user.id }, data: { active: false } })

    const res = await get('/data/projects', { token: user.token })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual(UNAUTHORIZED)
    // reactivating does not bring that token back
    await t.app.db.person.update({ where: { id: user.id }, data: { active: true } })
    const again = await get('/data/projects', { token: user.token })
    expect(again.statusCode).toBe(401)
    expect(again.json()).toEqual({ msg: 'Token has been revoked' })
  })

  it('sees role changes on the next request', async () => {
    const user = await as(t.app, 'user')
    expect((await get('/data/persons?relations=true', { token: user.token })).statusCode).toBe(200)
    const adminOnly = () => t.app.inject({ method: 'POST', url: '/data/departments', headers: user.headers, payload: { name: `D ${randomUUID()}`, color: '#000000' } })
    expect((await adminOnly()).statusCode).toBe(403)
    await t.app.db.person.update({ where: { id: user.id }, data: { role: 'admin' } })
    expect((await adminOnly()).statusCode).toBe(201)
  })
})

describe('bots and restricted tokens', () => {
  async function bot() {
    const person = await createPerson(t.app, 'user', { is_bot: true })
    const { token, jti } = issueApiToken(t.app, person.id, 'bot', null)
    await t.app.db.person.update({ where: { id: person.id }, data: { jti } })
    return { person, token }
  }

  it('accepts a bot token on /data routes and /auth/authenticated', async () => {
    const { person, token } = await bot()
    expect((await get('/data/projects', { token })).statusCode).toBe(200)
    const me = await get('/auth/authenticated', { token })
    expect(me.statusCode).toBe(200)
    expect(me.json().user.id).toBe(person.id)
  })

  it('refuses a bot token on person-only routes with 403', async () => {
    const { token } = await bot()
    for (const url of ['/auth/logout', '/api/auth/logout']) {
      const res = await get(url, { token })
      expect(res.statusCode, url).toBe(403)
      expect(res.json()).toEqual({ error: true, message: FORBIDDEN_MESSAGE })
    }
  })

  it('revokes an API token once the person holds another jti', async () => {
    const { person, token } = await bot()
    await t.app.db.person.update({ where: { id: person.id }, data: { jti: randomUUID() } })
    const res = await get('/data/projects', { token })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ msg: 'Token has been revoked' })
  })

  it('confines a token with requires_2fa_setup to the 2FA set-up paths', async () => {
    const person = await createPerson(t.app)
    const token = t.app.jwt.sign(claimsFor(person.id, { requires_2fa_setup: true }), { noTimestamp: true })
    const res = await get('/data/projects', { token })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({
      error: true, two_factor_authentication_required: true,
      message: 'Two-factor authentication setup is required. Please configure 2FA before accessing the API.',
    })
    expect((await get('/api/auth/authenticated', { token })).statusCode).toBe(200)
  })
})
