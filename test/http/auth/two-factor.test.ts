// auth.md §6.8–6.15, §10: TOTP and e-mail OTP enrolment and log-in (codes computed with
// otplib, e-mails received by a real SMTP server), recovery codes, the preferred method
// and its fallback, lockout on wrong factors, and ENFORCE_2FA's restricted tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generate } from 'otplib'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { PASSWORD, as, type TestPerson } from '../../helpers/fixtures.ts'
import { startSmtp, type TestSmtp } from '../../helpers/smtp.ts'

let smtp: TestSmtp
let t: TestApp

beforeAll(async () => {
  smtp = await startSmtp()
  t = await buildTestApp({ MAIL_SERVER: '127.0.0.1', MAIL_PORT: String(smtp.port) })
})
afterAll(async () => {
  await t?.close()
  await smtp?.close()
})

const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, me?: TestPerson | null, payload?: unknown) =>
  t.app.inject({ method, url, headers: me ? me.headers : {}, ...(payload !== undefined ? { payload: payload as object } : {}) })
const login = (email: string, extra: Record<string, unknown> = {}) => req('POST', '/auth/login', null, { email, password: PASSWORD, ...extra })
const totpNow = (secret: string, offset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset })
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? ''

async function enrolTotp(me: TestPerson) {
  const start = await req('PUT', '/auth/totp', me)
  const { otp_secret } = start.json()
  const done = await req('POST', '/auth/totp', me, { totp: await totpNow(otp_secret) })
  return { secret: otp_secret as string, done }
}

describe('TOTP', () => {
  it('enrols with the provisioning URI, then asks for a code at log-in', async () => {
    const me = await as(t.app, 'user')
    const start = await req('PUT', '/api/auth/totp', me)
    expect(start.statusCode).toBe(200)
    const { totp_provisionning_uri: uri, otp_secret: secret } = start.json()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(uri).toMatch(new RegExp(`^otpauth://totp/Kitsu%20[^:]+:${encodeURIComponent(me.email)}\\?secret=${secret}&issuer=Kitsu%20`))

    const bad = await req('POST', '/auth/totp', me, { totp: '000000' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toEqual({ error: true, message: 'TOTP verification failed.', wrong_OTP: true })
    const ok = await req('POST', '/auth/totp', me, { totp: await totpNow(secret) })
    expect(ok.statusCode).toBe(200)
    const body = ok.json()
    expect(body.otp_recovery_codes).toHaveLength(16)
    for (const c of body.otp_recovery_codes) expect(c).toMatch(/^[A-Z0-9]{10}$/)
    expect(typeof body.access_token).toBe('string')
    expect((await req('PUT', '/auth/totp', me)).json()).toEqual({ error: true, message: 'TOTP already enabled.' })

    const missing = await login(me.email)
    expect(missing.statusCode).toBe(400)
    expect(missing.json()).toEqual({
      error: true, login: false, missing_OTP: true,
      preferred_two_factor_authentication: 'totp', two_factor_authentication_enabled: ['recovery_code', 'totp'],
    })
    expect((await login(me.email, { totp: await totpNow(secret) })).statusCode).toBe(200)
    // One 30 s step of drift either way.
    expect((await login(me.email, { totp: await totpNow(secret, -30) })).statusCode).toBe(200)
    expect((await login(me.email, { totp: await totpNow(secret, 90) })).json()).toEqual({ error: true, login: false, wrong_OTP: true })
  })

  it('accepts each recovery code once, and regenerates them with a factor', async () => {
    const me = await as(t.app, 'user')
    const { secret, done } = await enrolTotp(me)
    const [first, second] = done.json().otp_recovery_codes
    expect((await login(me.email, { recovery_code: first })).statusCode).toBe(200)
    expect((await login(me.email, { recovery_code: first })).json()).toEqual({ error: true, login: false, wrong_OTP: true })

    expect((await req('PUT', '/auth/recovery-codes', me, {})).json()).toEqual({ error: true, message: 'OTP verification failed.', wrong_OTP: true })
    const fresh = await req('PUT', '/auth/recovery-codes', me, { totp: await totpNow(secret) })
    expect(fresh.statusCode).toBe(200)
    expect(fresh.json().otp_recovery_codes).toHaveLength(16)
    expect((await login(me.email, { recovery_code: second })).json().wrong_OTP).toBe(true)
    expect((await login(me.email, { recovery_code: fresh.json().otp_recovery_codes[0] })).statusCode).toBe(200)
  })

  it('disables with a valid factor; then log-in needs none and the codes are gone', async () => {
    const me = await as(t.app, 'user')
    const { secret } = await enrolTotp(me)
    expect((await req('DELETE', '/auth/totp', me, { totp: '123456' })).json()).toEqual({ error: true, message: 'OTP verification failed.', wrong_OTP: true })
    const off = await req('DELETE', '/auth/totp', me, { totp: await totpNow(secret) })
    expect(off.json()).toEqual({ success: true })
    expect((await login(me.email)).statusCode).toBe(200)
    const row = await t.app.db.person.findUnique({ where: { id: me.id } })
    expect(row).toMatchObject({ totp_enabled: false, totp_secret: null, preferred_two_factor_authentication: null, otp_recovery_codes: [] })
    expect((await req('DELETE', '/auth/totp', me, {})).json()).toEqual({ error: true, message: 'TOTP not enabled.' })
    expect((await req('PUT', '/auth/recovery-codes', me, {})).json()).toEqual({ error: true, message: 'No two factor authentication enabled.' })
  })

  it('counts wrong factors toward the lockout', async () => {
    const me = await as(t.app, 'user')
    const { secret } = await enrolTotp(me)
    for (let i = 0; i < 5; i++) await login(me.email, { totp: '111111' })
    expect((await login(me.email, { totp: await totpNow(secret) })).json()).toEqual({ error: true, login: false, too_many_failed_login_attemps: true })
  })

  it('is for persons only', async () => {
    expect((await req('PUT', '/auth/totp', null)).statusCode).toBe(401)
  })
})

describe('e-mail OTP', () => {
  it('enrols with a mailed code, logs in with another, each single use', async () => {
    const me = await as(t.app, 'user')
    expect((await req('PUT', '/auth/email-otp', me)).json()).toEqual({ success: true })
    const enrolCode = codeIn((await smtp.next(me.email)).text ?? '')
    expect(enrolCode).toMatch(/^\d{6}$/)
    expect((await req('POST', '/auth/email-otp', me, { email_otp: '000000' })).json())
      .toEqual({ error: true, message: 'OTP by email verification failed.', wrong_OTP: true })
    const on = await req('POST', '/auth/email-otp', me, { email_otp: enrolCode })
    expect(on.statusCode).toBe(200)
    expect(on.json().otp_recovery_codes).toHaveLength(16)

    expect((await req('GET', '/auth/email-otp', null)).json()).toEqual({ error: true, message: 'Missing required parameter: email', data: null })
    expect((await req('GET', `/auth/email-otp?email=${encodeURIComponent(me.email)}`, null)).json()).toEqual({ success: true })
    const code = codeIn((await smtp.next(me.email)).text ?? '')
    expect((await login(me.email, { email_otp: code })).statusCode).toBe(200)
    expect((await login(me.email, { email_otp: code })).json()).toEqual({ error: true, login: false, wrong_OTP: true })
  })

  it('answers the same for unknown addresses and sends nothing', async () => {
    const before = smtp.messages.length
    expect((await req('GET', '/auth/email-otp?email=ghost@example.com', null)).json()).toEqual({ success: true })
    await new Promise((r) => setTimeout(r, 100))
    expect(smtp.messages.length).toBe(before)
  })

  it('keeps the first method preferred, returns no new codes for a second, and falls back when it is disabled', async () => {
    const me = await as(t.app, 'user')
    const { secret } = await enrolTotp(me)
    await req('PUT', '/auth/email-otp', me)
    const code = codeIn((await smtp.next(me.email)).text ?? '')
    const second = await req('POST', '/auth/email-otp', me, { email_otp: code })
    expect(second.json().otp_recovery_codes).toBeNull()
    expect((await login(me.email)).json().two_factor_authentication_enabled).toEqual(['recovery_code', 'totp', 'email_otp'])
    await req('DELETE', '/auth/totp', me, { totp: await totpNow(secret) })
    const row = await t.app.db.person.findUnique({ where: { id: me.id } })
    expect(row?.preferred_two_factor_authentication).toBe('email_otp')
    expect(row?.otp_recovery_codes).toHaveLength(16)
  })
})

describe('ENFORCE_2FA', () => {
  it('hands restricted tokens to persons without a method until they enrol', async () => {
    const strict = await buildTestApp({ ENFORCE_2FA: 'true', '2FA_EXEMPT_USERS': 'exempt@example.com' })
    try {
      const me = await as(strict.app, 'user')
      const res = await strict.app.inject({ method: 'POST', url: '/auth/login', payload: { email: me.email, password: PASSWORD } })
      expect(res.json().two_factor_authentication_required).toBe(true)
      const headers = { authorization: `Bearer ${res.json().access_token}` }
      const blocked = await strict.app.inject({ method: 'GET', url: '/data/projects', headers })
      expect(blocked.statusCode).toBe(403)
      expect(blocked.json()).toEqual({
        error: true, two_factor_authentication_required: true,
        message: 'Two-factor authentication setup is required. Please configure 2FA before accessing the API.',
      })
      const start = await strict.app.inject({ method: 'PUT', url: '/auth/totp', headers })
      expect(start.statusCode).toBe(200)
      const done = await strict.app.inject({ method: 'POST', url: '/auth/totp', headers, payload: { totp: await totpNow(start.json().otp_secret) } })
      const fresh = { authorization: `Bearer ${done.json().access_token}` }
      expect((await strict.app.inject({ method: 'GET', url: '/data/projects', headers: fresh })).statusCode).toBe(200)

      const exempt = await as(strict.app, 'user', { email: 'exempt@example.com' })
      expect(exempt.token).toBeTruthy()
      expect((await strict.app.inject({ method: 'GET', url: '/data/projects', headers: exempt.headers })).statusCode).toBe(200)
    } finally {
      await strict.close()
    }
  })
})
