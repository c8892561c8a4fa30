// Cookie transport for browsers (auth.md §2.4, §2.5, §6.1–6.4): set on log-in, used by the
// following requests, refresh sets the access cookie and clears the refresh cookie, logout
// clears both. Scripts never get cookies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { PASSWORD, createPerson } from '../../helpers/fixtures.ts'

let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

const BROWSERS = {
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  safari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
}
const SCRIPTS = ['python-requests/2.31.0', 'curl/8.5.0', 'gazu/0.10.2']
const MAX_AGE = 31540000

type Cookie = { name: string; value: string; path?: string; httpOnly?: boolean; sameSite?: string; maxAge?: number; secure?: boolean; expires?: Date }
const cookiesOf = (res: { cookies: unknown }) => new Map((res.cookies as Cookie[]).map((c) => [c.name, c]))

async function browserLogin(url = '/api/auth/login', ua = BROWSERS.chrome) {
  const person = await createPerson(t.app)
  const res = await t.app.inject({ method: 'POST', url, payload: { email: person.email, password: PASSWORD }, headers: { 'user-agent': ua } })
  expect(res.statusCode, res.body).toBe(200)
  return { person, res, cookies: cookiesOf(res) }
}

describe('POST /auth/login cookies', () => {
  it('sets both cookies for a browser, with Zou attributes', async () => {
    const { res, cookies } = await browserLogin('/auth/login')
    const body = res.json()
    expect(body.login).toBe(true)
    expect([...cookies.keys()].sort()).toEqual(['access_token_cookie', 'refresh_token_cookie'])
    expect(cookies.get('access_token_cookie')).toMatchObject({ value: body.access_token, path: '/', httpOnly: true, sameSite: 'Lax', maxAge: MAX_AGE })
    expect(cookies.get('refresh_token_cookie')).toMatchObject({ value: body.refresh_token, path: '/auth/refresh-token', httpOnly: true, sameSite: 'Lax', maxAge: MAX_AGE })
    for (const c of cookies.values()) expect(c.secure).toBeFalsy()
  })

  it('scopes the refresh cookie to /api/auth/refresh-token when reached under /api', async () => {
    const { cookies } = await browserLogin('/api/auth/login')
    expect(cookies.get('access_token_cookie')?.path).toBe('/')
    expect(cookies.get('refresh_token_cookie')?.path).toBe('/api/auth/refresh-token')
  })

  it('recognises other browsers', async () => {
    for (const ua of [BROWSERS.firefox, BROWSERS.safari]) {
      const { cookies } = await browserLogin('/auth/login', ua)
      expect(cookies.has('access_token_cookie'), ua).toBe(true)
    }
  })

  it('sets no cookie for scripts or a missing User-Agent', async () => {
    const person = await createPerson(t.app)
    for (const ua of [...SCRIPTS, undefined]) {
      const headers = ua ? { 'user-agent': ua } : {}
      const res = await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: person.email, password: PASSWORD }, headers })
      expect(res.statusCode).toBe(200)
      expect(res.headers['set-cookie'], String(ua)).toBeUndefined()
      expect(res.json().access_token).toBeTruthy()
    }
  })

  it('lets the access cookie authenticate the next requests', async () => {
    const { person, cookies } = await browserLogin()
    const res = await t.app.inject({
      method: 'GET', url: '/api/auth/authenticated',
      headers: { 'user-agent': BROWSERS.chrome }, cookies: { access_token_cookie: cookies.get('access_token_cookie')!.value },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().user.id).toBe(person.id)
  })
})

describe('GET /auth/refresh-token with cookies', () => {
  it('answers {refresh: true}, sets a new access cookie and clears the refresh cookie', async () => {
    const { res: login, cookies } = await browserLogin()
    const refreshToken = cookies.get('refresh_token_cookie')!.value
    const res = await t.app.inject({
      method: 'GET', url: '/api/auth/refresh-token',
      headers: { 'user-agent': BROWSERS.chrome }, cookies: { refresh_token_cookie: refreshToken },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ refresh: true })
    const set = cookiesOf(res)
    const access = set.get('access_token_cookie')!
    expect(access).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax', maxAge: MAX_AGE })
    expect(access.value).not.toBe(login.json().access_token)
    const claims = JSON.parse(Buffer.from(access.value.split('.')[1], 'base64url').toString())
    expect(claims.refresh_jti).toBe(JSON.parse(Buffer.from(refreshToken.split('.')[1], 'base64url').toString()).jti)

    const cleared = set.get('refresh_token_cookie')!
    expect(cleared.value).toBe('')
    expect(cleared.path).toBe('/api/auth/refresh-token')
    expect(cleared.expires!.getTime()).toBe(0)

    const me = await t.app.inject({ method: 'GET', url: '/auth/authenticated', cookies: { access_token_cookie: access.value } })
    expect(me.statusCode).toBe(200)
  })

  it('prefers the refresh cookie to the Authorization header', async () => {
    const { cookies } = await browserLogin()
    const res = await t.app.inject({
      method: 'GET', url: '/auth/refresh-token',
      headers: { authorization: 'Bearer garbage' }, cookies: { refresh_token_cookie: cookies.get('refresh_token_cookie')!.value },
    })
    expect(res.statusCode, res.body).toBe(200)
  })
})

describe('GET /auth/logout with cookies', () => {
  it('clears both cookies and revokes the tokens they carried', async () => {
    const { cookies } = await browserLogin()
    const access = cookies.get('access_token_cookie')!.value
    const refresh = cookies.get('refresh_token_cookie')!.value
    const res = await t.app.inject({
      method: 'GET', url: '/api/auth/logout', headers: { 'user-agent': BROWSERS.chrome }, cookies: { access_token_cookie: access },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ logout: true })
    const set = cookiesOf(res)
    for (const name of ['access_token_cookie', 'refresh_token_cookie']) {
      expect(set.get(name)?.value, name).toBe('')
      expect(set.get(name)?.expires?.getTime(), name).toBe(0)
    }
    expect(set.get('access_token_cookie')?.path).toBe('/')

    const again = await t.app.inject({ method: 'GET', url: '/auth/authenticated', cookies: { access_token_cookie: access } })
    expect(again.statusCode).toBe(401)
    expect(again.json()).toEqual({ msg: 'Token has been revoked' })
    const refreshed = await t.app.inject({ method: 'GET', url: '/auth/refresh-token', cookies: { refresh_token_cookie: refresh } })
    expect(refreshed.statusCode).toBe(401)
    expect(refreshed.json()).toEqual({ msg: 'Token has been revoked' })
  })
})
