// Issue 4 §11: no password, token, code or secret appears in a log line or an error body.
// One app logs at trace level into memory while every way in runs, successes and failures
// alike (mails go to files); then the captured lines and every error body are searched
// for each secret the flows used.
import { Writable } from 'node:stream'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generate } from 'otplib'
import { simpleParser } from 'mailparser'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { PASSWORD, createPerson } from '../../helpers/fixtures.ts'
import { SoftwareAuthenticator } from '../../helpers/software-authenticator.ts'
import { startIdp, type TestIdp } from '../../helpers/saml-idp.ts'

const lines: string[] = []
const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb() } })
let t: TestApp
let idp: TestIdp
const secrets = new Set<string>([PASSWORD])
const errorBodies: string[] = []

beforeAll(async () => {
  idp = await startIdp({ entityId: 'https://localhost:8080/api/auth/saml/login', acsUrl: 'https://localhost:8080/api/auth/saml/sso' })
  t = await buildTestApp(
    { LOG_LEVEL: 'trace', AUTH_RATE_LIMIT: '40', SAML_ENABLED: 'true', SAML_METADATA_URL: idp.metadataUrl },
    { logger: { level: 'trace', stream } },
  )
})
afterAll(async () => {
  await t?.close()
  await idp?.close()
})

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token?: string): Promise<LightMyRequestResponse> {
  const res = await t.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) })
  if (res.statusCode >= 400) errorBodies.push(res.body)
  return res
}

describe('secrets stay out of logs and error bodies', () => {
  it('runs every way in, then finds none of their secrets', async () => {
    const person = await createPerson(t.app, 'user')
    const email = person.email!
    await call('POST', '/auth/login', { email, password: 'a-wrong-password' })
    secrets.add('a-wrong-password')
    const ok = (await call('POST', '/auth/login', { email, password: PASSWORD })).json()
    secrets.add(ok.access_token).add(ok.refresh_token)

    // Password reset through the file mailer: the token is only in the .eml file.
    await call('POST', '/auth/reset-password', { email })
    const mailDir = join(t.config.dataDir, 'mail')
    const mail = await simpleParser(readFileSync(join(mailDir, readdirSync(mailDir)[0])))
    const token = /token=([A-Z0-9]{64})/.exec(mail.text ?? '')![1]
    secrets.add(token)
    await call('PUT', '/auth/reset-password', { email, token, password: 'brand-new-pass', password2: 'other-pass-x' })
    await call('PUT', '/auth/reset-password', { email, token: 'X'.repeat(64), password: 'brand-new-pass', password2: 'brand-new-pass' })
    await call('PUT', '/auth/reset-password', { email, token, password: 'brand-new-pass', password2: 'brand-new-pass' })
    secrets.add('brand-new-pass').add('other-pass-x')
    const session = (await call('POST', '/auth/login', { email, password: 'brand-new-pass' })).json().access_token
    secrets.add(session)
    await call('POST', '/auth/change-password', { old_password: 'not-it-at-all', password: 'third-pass-1', password_2: 'third-pass-1' }, session)
    secrets.add('not-it-at-all').add('third-pass-1')

    // TOTP: the secret, a wrong code, a right code, recovery codes.
    const { otp_secret } = (await call('PUT', '/auth/totp', undefined, session)).json()
    secrets.add(otp_secret)
    await call('POST', '/auth/totp', { totp: '000000' }, session)
    const code = await generate({ secret: otp_secret })
    const enrolled = (await call('POST', '/auth/totp', { totp: code }, session)).json()
    for (const c of enrolled.otp_recovery_codes) secrets.add(c)
    secrets.add(enrolled.access_token)
    await call('POST', '/auth/login', { email, password: 'brand-new-pass', totp: '999999' })
    await call('POST', '/auth/login', { email, password: 'brand-new-pass', recovery_code: enrolled.otp_recovery_codes[0] })
    await call('POST', '/auth/login', { email, password: 'brand-new-pass', recovery_code: enrolled.otp_recovery_codes[0] })

    // FIDO: registration refused for a foreign origin, then a bad assertion at log-in.
    const key = new SoftwareAuthenticator('localhost', 'https://evil.example')
    const options = (await call('PUT', '/auth/fido', undefined, enrolled.access_token)).json()
    secrets.add(options.challenge)
    await call('POST', '/auth/fido', { registration_response: key.register(options), device_name: 'K' }, enrolled.access_token)

    // SAML: a log-in (tokens in cookies), the same response replayed, a forged one, garbage.
    const samlResponse = await idp.response({ email: `sso-${email}`, attributes: { first_name: 'Sam' } })
    secrets.add(samlResponse).add(/<ds:SignatureValue>([^<]+)</.exec(Buffer.from(samlResponse, 'base64').toString())![1])
    const form = (value: string) => ({ SAMLResponse: value })
    const sso = await call('POST', '/auth/saml/sso', form(samlResponse))
    expect(sso.statusCode).toBe(302)
    for (const c of sso.cookies) secrets.add(c.value)
    await call('POST', '/auth/saml/sso', form(samlResponse))
    const forged = Buffer.from(Buffer.from(samlResponse, 'base64').toString().replace('sso-', 'evil-')).toString('base64')
    secrets.add(forged)
    await call('POST', '/auth/saml/sso', form(forged))
    await call('POST', '/auth/saml/sso', form('Z2FyYmFnZQ=='))

    // Tokens presented where they are refused.
    await call('GET', '/auth/refresh-token', undefined, enrolled.access_token)
    await call('GET', '/data/projects', undefined, ok.refresh_token)
    for (let i = 0; i < 45; i++) await call('POST', '/auth/login', { email: 'flood@example.com', password: 'flood-password' })
    secrets.add('flood-password')

    expect(lines.length).toBeGreaterThan(0)
    const log = lines.join('')
    const bodies = errorBodies.join('\n')
    for (const secret of secrets) {
      expect(log.includes(secret), `log holds a secret (${secret.slice(0, 4)}…)`).toBe(false)
      expect(bodies.includes(secret), `an error body holds a secret (${secret.slice(0, 4)}…)`).toBe(false)
    }
    expect(errorBodies.some((b) => b.includes('Too many requests'))).toBe(true)
    expect(log).toContain('SAML response refused')
  }, 60_000)
})
