// auth.md §6.5–6.7 through a real SMTP server: the reset link is read from the received
// mail and followed; tokens are single use; the old password check counts toward lockout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { PASSWORD, as, createPerson, logIn } from '../../helpers/fixtures.ts'
import { startSmtp, type TestSmtp } from '../../helpers/smtp.ts'
import { hashPassword } from '../../../src/auth/password.ts'

let smtp: TestSmtp
let t: TestApp

beforeAll(async () => {
  smtp = await startSmtp()
  t = await buildTestApp({ MAIL_SERVER: '127.0.0.1', MAIL_PORT: String(smtp.port), DOMAIN_NAME: 'kitsu.studio.test', MAIL_DEFAULT_SENDER: 'kitsu@studio.test' })
})
afterAll(async () => {
  await t?.close()
  await smtp?.close()
})

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as object, headers })
const put = (url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, payload: payload as object })

function linkOf(text: string) {
  const m = /(https:\/\/kitsu\.studio\.test\/reset-change-password\?[^\s"<]+)/.exec(text)
  if (!m) throw new Error(`no reset link in: ${text}`)
  const url = new URL(m[1])
  return { email: url.searchParams.get('email')!, token: url.searchParams.get('token')! }
}

describe('password reset by e-mail', () => {
  it('answers the same for an unknown address and sends nothing', async () => {
    const before = smtp.messages.length
    const res = await post('/api/auth/reset-password', { email: 'nobody@example.com' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: 'Reset token sent' })
    await new Promise((r) => setTimeout(r, 100))
    expect(smtp.messages.length).toBe(before)
  })

  it('mails a link whose token sets a new password once', async () => {
    const person = await createPerson(t.app, 'user')
    const res = await post('/auth/reset-password', { email: person.email!.toUpperCase() })
    expect(res.json()).toEqual({ success: 'Reset token sent' })
    const mail = await smtp.next(person.email!)
    expect(mail.from?.value[0].address).toBe('kitsu@studio.test')
    const { email, token } = linkOf(mail.text ?? '')
    expect(email).toBe(person.email)
    expect(token).toMatch(/^[A-Z0-9]{64}$/)

    const wrong = await put('/auth/reset-password', { email, token: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), password: 'new-password-1', password2: 'new-password-1' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json()).toEqual({ error: true, message: 'Wrong or expired token.' })
    const mismatch = await put('/auth/reset-password', { email, token, password: 'new-password-1', password2: 'new-password-2' })
    expect(mismatch.json()).toEqual({ error: true, message: "Confirmation password doesn't match." })
    const short = await put('/auth/reset-password', { email, token, password: 'short', password2: 'short' })
    expect(short.json()).toEqual({ error: true, message: 'Password is too short.' })

    const ok = await put('/auth/reset-password', { email, token, password: 'new-password-1', password2: 'new-password-1' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toEqual({ success: true })
    await logIn(t.app, person.email!, 'new-password-1')
    await expect(logIn(t.app, person.email!, PASSWORD)).rejects.toThrow()

    const again = await put('/auth/reset-password', { email, token, password: 'new-password-2', password2: 'new-password-2' })
    expect(again.statusCode).toBe(400)
    expect(again.json()).toEqual({ error: true, message: 'Wrong or expired token.' })
  })

  it('sends nothing to inactive persons or bots, and validates the body', async () => {
    const inactive = await createPerson(t.app, 'user', { active: false })
    await post('/auth/reset-password', { email: inactive.email })
    const missing = await post('/auth/reset-password', {})
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toBe('Validation error.')
    await new Promise((r) => setTimeout(r, 100))
    expect(smtp.messages.some((m) => m.to && JSON.stringify(m.to).includes(inactive.email!))).toBe(false)
  })

  it('consumes the forced-reset token the `default` password log-in hands out', async () => {
    const person = await createPerson(t.app, 'user')
    const hashed = await hashPassword('default', 4)
    await t.app.db.person.update({ where: { id: person.id }, data: { password: hashed } })
    const login = await post('/auth/login', { email: person.email, password: 'default' })
    expect(login.json()).toMatchObject({ login: false, default_password: true })
    const { token } = login.json()
    const ok = await put('/auth/reset-password', { email: person.email, token, password: 'chosen-password', password2: 'chosen-password' })
    expect(ok.statusCode).toBe(200)
    await logIn(t.app, person.email!, 'chosen-password')
  })
})

describe('change password', () => {
  it('checks the old password, the rules, then mails a notice', async () => {
    const me = await as(t.app, 'user')
    const body = (old: string, p: string, p2 = p) => ({ old_password: old, password: p, password_2: p2 })
    const wrong = await post('/auth/change-password', body('nope-nope', 'another-pass-1'), me.headers)
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json()).toEqual({ error: true, message: 'Old password is wrong.' })
    expect((await post('/auth/change-password', body(PASSWORD, 'another-pass-1', 'x'), me.headers)).json())
      .toEqual({ error: true, message: "Confirmation password doesn't match." })
    expect((await post('/auth/change-password', body(PASSWORD, 'tiny'), me.headers)).json())
      .toEqual({ error: true, message: 'Password is too short.' })
    const ok = await post('/auth/change-password', body(PASSWORD, 'another-pass-1'), me.headers)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toEqual({ success: true })
    const notice = await smtp.next(me.email)
    expect(notice.subject).toMatch(/password was changed/i)
    await logIn(t.app, me.email, 'another-pass-1')
  })

  it('locks after five wrong old passwords, and refuses without a token', async () => {
    const me = await as(t.app, 'user')
    for (let i = 0; i < 5; i++) await post('/auth/change-password', { old_password: 'bad', password: 'another-pass-1', password_2: 'another-pass-1' }, me.headers)
    const locked = await post('/auth/change-password', { old_password: PASSWORD, password: 'another-pass-1', password_2: 'another-pass-1' }, me.headers)
    expect(locked.json()).toEqual({ error: true, message: 'Too many failed login attempts.', too_many_failed_login_attemps: true })
    expect((await post('/auth/change-password', { old_password: PASSWORD, password: 'x', password_2: 'x' })).statusCode).toBe(401)
  })
})

describe('without an SMTP server', () => {
  it('writes each mail as a file under the data dir', async () => {
    const local = await buildTestApp({ DOMAIN_NAME: 'kitsu.studio.test' })
    try {
      const person = await createPerson(local.app, 'user')
      await local.app.inject({ method: 'POST', url: '/auth/reset-password', payload: { email: person.email } })
      const dir = join(local.config.dataDir, 'mail')
      const files = readdirSync(dir)
      expect(files).toHaveLength(1)
      expect(files[0]).toMatch(/\.eml$/)
      const raw = readFileSync(join(dir, files[0]), 'utf8')
      expect(raw).toContain(`To: ${person.email}`)
      expect(raw).toMatch(/reset-change-password/)
    } finally {
      await local.close()
    }
  })
})
