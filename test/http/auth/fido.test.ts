// auth.md §6.16–6.19, §10.3 end to end with a software authenticator: registration with a
// real attestation, log-in with a real assertion, replays and foreign origins refused,
// device removal with a factor.
import { describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { PASSWORD, as, type TestPerson } from '../../helpers/fixtures.ts'
import { SoftwareAuthenticator } from '../../helpers/software-authenticator.ts'

const file = useFileApp()
const ORIGIN = 'https://localhost:8080'

const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, me: TestPerson | null, payload?: unknown) =>
  file.t.app.inject({ method, url, headers: me ? me.headers : {}, ...(payload !== undefined ? { payload: payload as object } : {}) })
const login = (email: string, extra: Record<string, unknown> = {}) => req('POST', '/auth/login', null, { email, password: PASSWORD, ...extra })

async function register(me: TestPerson, key: SoftwareAuthenticator, device = 'YubiKey') {
  const options = (await req('PUT', '/auth/fido', me)).json()
  return req('POST', '/auth/fido', me, { registration_response: key.register(options), device_name: device })
}

describe('FIDO2', () => {
  it('registers an authenticator with the creation options of §10.3', async () => {
    const me = await as(file.t.app, 'user')
    const res = await req('PUT', '/api/auth/fido', me)
    expect(res.statusCode).toBe(200)
    const options = res.json()
    expect(options.rp).toEqual({ name: 'Kitsu', id: 'localhost' })
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(me.id)
    expect(options.user.name).toBe(me.email)
    expect(options.authenticatorSelection).toMatchObject({ authenticatorAttachment: 'cross-platform', userVerification: 'preferred' })
    const key = new SoftwareAuthenticator('localhost', ORIGIN)
    const done = await req('POST', '/auth/fido', me, { registration_response: key.register(options), device_name: 'YubiKey' })
    expect(done.statusCode).toBe(200)
    expect(done.json().otp_recovery_codes).toHaveLength(16)
    const auth = await req('GET', '/auth/authenticated', me)
    expect(auth.json().user.fido_devices).toEqual(['YubiKey'])
  })

  it('refuses a registration without options, or made for another origin', async () => {
    const me = await as(file.t.app, 'user')
    const key = new SoftwareAuthenticator('localhost', ORIGIN)
    const none = await req('POST', '/auth/fido', me, { registration_response: key.register({ challenge: 'abc' }), device_name: 'K' })
    expect(none.json()).toEqual({ error: true, message: 'No preregistration before.' })
    const options = (await req('PUT', '/auth/fido', me)).json()
    const foreign = await req('POST', '/auth/fido', me, { registration_response: key.register(options, 'https://evil.example'), device_name: 'K' })
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json()).toEqual({ error: true, message: 'FIDO server exception your registration response is probly wrong.' })
  })

  it('logs in with an assertion once; a replay is refused', async () => {
    const me = await as(file.t.app, 'user')
    const key = new SoftwareAuthenticator('localhost', ORIGIN)
    await register(me, key)
    const missing = await login(me.email)
    expect(missing.json()).toMatchObject({ missing_OTP: true, preferred_two_factor_authentication: 'fido', two_factor_authentication_enabled: ['recovery_code', 'fido'] })

    const challenge = await req('GET', `/auth/fido?email=${encodeURIComponent(me.email)}`, null)
    expect(challenge.statusCode).toBe(200)
    expect(challenge.json().rpId).toBe('localhost')
    expect(challenge.json().allowCredentials).toHaveLength(1)
    const assertion = key.assert(challenge.json())
    expect((await login(me.email, { fido_authentication_response: assertion })).statusCode).toBe(200)
    expect((await login(me.email, { fido_authentication_response: assertion })).json()).toEqual({ error: true, login: false, wrong_OTP: true })

    const other = new SoftwareAuthenticator('localhost', ORIGIN)
    const next = (await req('GET', `/auth/fido?email=${encodeURIComponent(me.email)}`, null)).json()
    expect((await login(me.email, { fido_authentication_response: other.assert(next) })).json().wrong_OTP).toBe(true)
  })

  it('answers FIDO not enabled for accounts without it, and removes a device with a factor', async () => {
    const me = await as(file.t.app, 'user')
    expect((await req('GET', `/auth/fido?email=${encodeURIComponent(me.email)}`, null)).json()).toEqual({ error: true, message: 'FIDO not enabled.' })
    expect((await req('GET', '/auth/fido?email=ghost@example.com', null)).json()).toEqual({ error: true, message: 'FIDO not enabled.' })
    const key = new SoftwareAuthenticator('localhost', ORIGIN)
    const codes = (await register(me, key)).json().otp_recovery_codes
    expect((await req('DELETE', '/auth/fido', me, { device_name: 'YubiKey' })).json()).toEqual({ error: true, message: 'Wrong OTP.' })
    expect((await req('DELETE', '/auth/fido', me, { device_name: 'YubiKey', recovery_code: codes[0] })).json()).toEqual({ success: true })
    const row = await file.t.app.db.person.findUnique({ where: { id: me.id } })
    expect(row).toMatchObject({ fido_enabled: false, fido_credentials: [] })
    expect((await login(me.email)).statusCode).toBe(200)
  })
})
