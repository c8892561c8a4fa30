// auth.md §13: admin actions on accounts, per role, with their refusals and mails (a real
// SMTP server receives them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { PASSWORD, as, createPerson, logIn, type TestPerson } from '../../helpers/fixtures.ts'
import { startSmtp, type TestSmtp } from '../../helpers/smtp.ts'

let smtp: TestSmtp
let t: TestApp
let admin: TestPerson

beforeAll(async () => {
  smtp = await startSmtp()
  t = await buildTestApp({ MAIL_SERVER: '127.0.0.1', MAIL_PORT: String(smtp.port), PROTECTED_ACCOUNTS: 'boss@studio.com' })
  admin = await as(t.app, 'admin')
})
afterAll(async () => {
  await t?.close()
  await smtp?.close()
})

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, who: TestPerson, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) })

describe('admin account actions', () => {
  it('are admin-only and refuse bots and unknown ids', async () => {
    const manager = await as(t.app, 'manager')
    const target = await createPerson(t.app, 'user')
    const bot = await createPerson(t.app, 'user', { is_bot: true })
    for (const [method, path] of [['GET', 'invite'], ['POST', 'reset-password-link'], ['DELETE', 'disable-two-factor-authentication']] as const) {
      expect((await call(method, `/api/actions/persons/${target.id}/${path}`, manager)).statusCode).toBe(403)
      expect((await call(method, `/actions/persons/${bot.id}/${path}`, admin)).statusCode).toBe(403)
      expect((await call(method, `/actions/persons/6a1e2f66-0000-4000-8000-000000000000/${path}`, admin)).statusCode).toBe(404)
    }
  })

  it('invites with a 7-day link that sets the first password', async () => {
    const target = await createPerson(t.app, 'user', { password: null })
    const res = await call('GET', `/actions/persons/${target.id}/invite`, admin)
    expect(res.json()).toEqual({ success: true, message: 'Email sent' })
    const mail = await smtp.next(target.email!)
    const link = new URL(/(https?:\/\/\S+type=new)/.exec(mail.text ?? '')![1])
    const token = link.searchParams.get('token')!
    const set = await t.app.inject({ method: 'PUT', url: '/auth/reset-password', payload: { email: target.email, token, password: 'welcome-aboard', password2: 'welcome-aboard' } })
    expect(set.statusCode).toBe(200)
    await logIn(t.app, target.email!, 'welcome-aboard')
  })

  it('hands out a reset link, reusing a pending token, and refuses protected accounts and other admins', async () => {
    const target = await createPerson(t.app, 'user')
    const a = (await call('POST', `/actions/persons/${target.id}/reset-password-link`, admin)).json().reset_password_link
    const b = (await call('POST', `/actions/persons/${target.id}/reset-password-link`, admin)).json().reset_password_link
    expect(a).toMatch(/\/reset-change-password\?email=.+&token=[A-Z0-9]{64}$/)
    expect(b).toBe(a)
    const boss = await createPerson(t.app, 'user', { email: 'boss@studio.com' })
    expect((await call('POST', `/actions/persons/${boss.id}/reset-password-link`, admin)).json())
      .toEqual({ error: true, message: 'This user is in protected accounts.' })
    const other = await createPerson(t.app, 'admin')
    expect((await call('POST', `/actions/persons/${other.id}/change-password`, admin, { password: 'abcdefghij', password_2: 'abcdefghij' })).json())
      .toEqual({ error: true, message: "An admin can't change another admin's password." })
  })

  it('sets a password and mails the person', async () => {
    const target = await createPerson(t.app, 'user')
    expect((await call('POST', `/actions/persons/${target.id}/change-password`, admin, { password: 'short', password_2: 'short' })).json())
      .toEqual({ error: true, message: 'Password is too short.' })
    const ok = await call('POST', `/actions/persons/${target.id}/change-password`, admin, { password: 'set-by-admin', password_2: 'set-by-admin' })
    expect(ok.json()).toEqual({ success: true })
    expect((await smtp.next(target.email!)).text).toContain(admin.email)
    await logIn(t.app, target.email!, 'set-by-admin')
    await expect(logIn(t.app, target.email!, PASSWORD)).rejects.toThrow()
  })

  it('wipes a person 2FA so they log in with the password alone', async () => {
    const target = await createPerson(t.app, 'user', { totp_enabled: true, totp_secret: 'JBSWY3DPEHPK3PXP', preferred_two_factor_authentication: 'totp' })
    expect((await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: target.email, password: PASSWORD } })).json().missing_OTP).toBe(true)
    const res = await call('DELETE', `/actions/persons/${target.id}/disable-two-factor-authentication`, admin)
    expect(res.json()).toEqual({ success: true })
    await logIn(t.app, target.email!)
    expect((await call('DELETE', `/actions/persons/${target.id}/disable-two-factor-authentication`, admin)).json())
      .toEqual({ error: true, message: 'Two factor authentication not enabled for this user.' })
  })

  it('deactivating a person stops their tokens on the next request; reactivating lets them back in', async () => {
    const me = await as(t.app, 'user')
    expect((await t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: me.headers })).statusCode).toBe(200)
    await t.app.inject({ method: 'PUT', url: `/data/persons/${me.id}`, headers: admin.headers, payload: { active: false } })
    expect((await t.app.inject({ method: 'GET', url: '/auth/authenticated', headers: me.headers })).statusCode).toBe(401)
    await t.app.inject({ method: 'PUT', url: `/data/persons/${me.id}`, headers: admin.headers, payload: { active: true } })
    await logIn(t.app, me.email)
  })
})
