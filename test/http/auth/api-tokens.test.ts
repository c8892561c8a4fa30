// auth.md §5: bots get their API token on creation, any person can mint a personal API token
// through PUT /data/persons/<self> with expiration_date; a new token revokes the previous one.
import { describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { as } from '../../helpers/fixtures.ts'

const file = useFileApp()
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)

describe('API tokens', () => {
  it('answers a bot its token once; the bot reads but cannot use person-only routes', async () => {
    const res = await file.t.app.inject({ method: 'POST', url: '/data/persons', headers: file.admin.headers, payload: { first_name: 'Render', last_name: 'Bot', is_bot: true, role: 'manager' } })
    expect(res.statusCode).toBe(201)
    const bot = res.json()
    expect(typeof bot.access_token).toBe('string')
    const who = await file.t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: bearer(bot.access_token) })
    expect(who.statusCode).toBe(200)
    expect(who.json().user.id).toBe(bot.id)
    expect((await file.t.app.inject({ method: 'GET', url: '/data/projects', headers: bearer(bot.access_token) })).statusCode).toBe(200)
    expect((await file.t.app.inject({ method: 'GET', url: '/auth/logout', headers: bearer(bot.access_token) })).statusCode).toBe(403)
    const listed = await file.t.app.inject({ method: 'GET', url: `/data/persons/${bot.id}`, headers: file.admin.headers })
    expect(listed.json().access_token).toBeUndefined()

    // Deactivating the bot stops its token on the next request.
    await file.t.app.inject({ method: 'PUT', url: `/data/persons/${bot.id}`, headers: file.admin.headers, payload: { active: false } })
    expect((await file.t.app.inject({ method: 'GET', url: '/data/projects', headers: bearer(bot.access_token) })).statusCode).toBe(401)
  })

  it('mints a personal token with an expiry; a new one revokes the previous; past dates are refused', async () => {
    const me = await as(file.t.app, 'user')
    const first = await file.t.app.inject({ method: 'PUT', url: `/data/persons/${me.id}`, headers: me.headers, payload: { expiration_date: tomorrow() } })
    expect(first.statusCode).toBe(200)
    const token1 = first.json().access_token
    expect(typeof token1).toBe('string')
    const claims = JSON.parse(Buffer.from(token1.split('.')[1], 'base64url').toString())
    expect(claims.identity_type).toBe('person_api')
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000)
    expect((await file.t.app.inject({ method: 'GET', url: '/data/user/context', headers: bearer(token1) })).statusCode).not.toBe(401)
    expect((await file.t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: bearer(token1) })).statusCode).toBe(200)

    const second = await file.t.app.inject({ method: 'PUT', url: `/data/persons/${me.id}`, headers: me.headers, payload: { expiration_date: null } })
    const token2 = second.json().access_token
    expect(typeof token2).toBe('string')
    expect((await file.t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: bearer(token1) })).json()).toEqual({ msg: 'Token has been revoked' })
    expect((await file.t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: bearer(token2) })).statusCode).toBe(200)

    const past = await file.t.app.inject({ method: 'PUT', url: `/data/persons/${me.id}`, headers: me.headers, payload: { expiration_date: '2020-01-01' } })
    expect(past.statusCode).toBe(400)
    const plain = await file.t.app.inject({ method: 'PUT', url: `/data/persons/${me.id}`, headers: me.headers, payload: { first_name: 'Renamed' } })
    expect(plain.json().access_token).toBeUndefined()
  })

  it('refuses minting a token for someone else unless admin', async () => {
    const me = await as(file.t.app, 'user')
    const other = await as(file.t.app, 'user')
    const res = await file.t.app.inject({ method: 'PUT', url: `/data/persons/${other.id}`, headers: me.headers, payload: { expiration_date: tomorrow() } })
    expect(res.statusCode).toBe(403)
    const admin = await file.t.app.inject({ method: 'PUT', url: `/data/persons/${other.id}`, headers: file.admin.headers, payload: { expiration_date: tomorrow() } })
    expect(typeof admin.json().access_token).toBe('string')
  })
})
