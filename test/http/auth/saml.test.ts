// auth.md §11.1 against a real samlify identity provider (own key pair, self-signed
// certificate, metadata served on a loopback port): the AuthnRequest redirect, log-ins that
// create or update the person, and every refusal answered 4xx without cookies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { createPerson } from '../../helpers/fixtures.ts'
import { startIdp, type ResponseOptions, type TestIdp } from '../../helpers/saml-idp.ts'

const DOMAIN = 'kitsu.studio.test'
const SP = { entityId: `https://${DOMAIN}/api/auth/saml/login`, acsUrl: `https://${DOMAIN}/api/auth/saml/sso` }

let idp: TestIdp
let t: TestApp
const events: Array<{ name: string; data: Record<string, unknown> }> = []

beforeAll(async () => {
  idp = await startIdp(SP)
  t = await buildTestApp({ SAML_ENABLED: 'true', SAML_METADATA_URL: idp.metadataUrl, SAML_IDP_NAME: 'Studio SSO', DOMAIN_NAME: DOMAIN })
  t.app.events.on((e) => { events.push({ name: e.name, data: e.data }) })
})
afterAll(async () => {
  await t?.close()
  await idp?.close()
})

const email = () => `sso-${randomUUID().slice(0, 8)}@studio.test`

function post(samlResponse: string | null, extra: Record<string, string> = {}) {
  const form = new URLSearchParams({ ...(samlResponse === null ? {} : { SAMLResponse: samlResponse }), ...extra })
  return t.app.inject({
    method: 'POST', url: '/api/auth/saml/sso', payload: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-real-ip': '10.1.2.3' },
  })
}

const sso = async (o: ResponseOptions) => post(await idp.response(o))

function cookies(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]))
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString())

function expectRefused(res: LightMyRequestResponse, error: string) {
  expect(res.statusCode, res.body).toBe(400)
  expect(res.json()).toEqual({ error })
  expect(res.cookies).toEqual([])
}

describe('metadata and the AuthnRequest', () => {
  it('downloads the metadata at start-up and says so on /config', async () => {
    for (let i = 0; i < 100 && idp.metadataHits === 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect(idp.metadataHits).toBe(1)
    const config = (await t.app.inject({ method: 'GET', url: '/api/config' })).json()
    expect(config).toMatchObject({ saml_enabled: true, saml_idp_name: 'Studio SSO' })
  })

  it('redirects to the provider with an unsigned AuthnRequest naming Slate', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/saml/login' })
    expect(res.statusCode).toBe(302)
    const location = res.headers.location as string
    expect(location.startsWith(`${idp.ssoUrl}?SAMLRequest=`)).toBe(true)
    expect(new URL(location).searchParams.has('Signature')).toBe(false)
    const request = await idp.parseRequest(location)
    expect(request.issuer).toBe(SP.entityId)
    expect(request.acs).toBe(SP.acsUrl)
    expect(request.id).toMatch(/^[_a-zA-Z]/)
  })
})

describe('log-in with a signed assertion', () => {
  it('creates the person from the attributes, sets both cookies, logs in and redirects', async () => {
    const department = await t.app.db.department.create({ data: { name: `Anim ${randomUUID().slice(0, 6)}`, color: '#000000' } })
    const studio = await t.app.db.studio.create({ data: { name: `Studio ${randomUUID().slice(0, 6)}`, color: '#000000' } })
    const address = email()
    events.length = 0
    const res = await sso({
      email: address.toUpperCase(),
      attributes: {
        first_name: ['Jane', 'Mary'], last_name: 'Doe', country: 'fr', phone: '+33 1 23 45 67 89',
        departments: [department.id, randomUUID(), 'not-an-id'], studio_id: studio.id, role: 'admin',
      },
    })
    expect(res.statusCode, res.body).toBe(302)
    expect(res.headers.location).toBe(`https://${DOMAIN}`)
    const jar = cookies(res)
    expect(Object.keys(jar).sort()).toEqual(['access_token_cookie', 'refresh_token_cookie'])
    expect(res.cookies.find((c) => c.name === 'refresh_token_cookie')?.path).toBe('/api/auth/refresh-token')

    const person = await t.app.db.person.findFirstOrThrow({
      where: { email: address }, include: { department_link__person_id: true },
    })
    expect(person).toMatchObject({
      first_name: 'Jane Mary', last_name: 'Doe', country: 'FR', phone: '+33 1 23 45 67 89', studio_id: studio.id,
      role: 'user', active: true, is_bot: false,
    })
    expect(person.password).not.toBeNull()
    expect(person.department_link__person_id.map((l) => l.department_id)).toEqual([department.id])
    expect(claims(jar.access_token_cookie)).toMatchObject({ sub: person.id, identity_type: 'person', type: 'access' })
    expect(claims(jar.access_token_cookie).requires_2fa_setup).toBeUndefined()

    const logs = await t.app.db.loginLog.findMany({ where: { person_id: person.id } })
    expect(logs).toMatchObject([{ origin: 'web', ip_address: '10.1.2.3' }])
    expect(events).toEqual([{ name: 'person:new', data: { person_id: person.id } }])

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/authenticated', cookies: { access_token_cookie: jar.access_token_cookie } })
    expect(me.statusCode).toBe(200)
    expect(me.json().user).toMatchObject({ id: person.id, email: address, full_name: 'Jane Mary Doe' })
  })

  it('updates an existing person (even a protected one) only when something differs', async () => {
    const existing = await createPerson(t.app, 'manager', { email: `Mixed.${randomUUID().slice(0, 6)}@Studio.test`, first_name: 'Old', phone: '123' })
    t.config.protectedAccounts.push(existing.email!)
    events.length = 0
    const res = await sso({ email: existing.email!.toLowerCase(), attributes: { first_name: 'New', last_name: 'Name', country: 'not a country' } })
    expect(res.statusCode, res.body).toBe(302)
    const after = await t.app.db.person.findUniqueOrThrow({ where: { id: existing.id } })
    expect(after).toMatchObject({ first_name: 'New', last_name: 'Name', phone: '123', country: null, role: 'manager', email: existing.email })
    expect(await t.app.db.person.count({ where: { email: { equals: existing.email!, mode: 'insensitive' } } })).toBe(1)
    expect(claims(cookies(res).access_token_cookie).sub).toBe(existing.id)
    expect(events).toEqual([{ name: 'person:update', data: { person_id: existing.id } }])

    events.length = 0
    const again = await sso({ email: existing.email!, attributes: { first_name: 'New' } })
    expect(again.statusCode).toBe(302)
    expect(events).toEqual([])
  })

  it('matches persons only, never a bot holding the address', async () => {
    const bot = await createPerson(t.app, 'user', { is_bot: true })
    const res = await sso({ email: bot.email! })
    expect(res.statusCode).toBe(302)
    expect(claims(cookies(res).access_token_cookie).sub).not.toBe(bot.id)
    expect(await t.app.db.person.count({ where: { email: bot.email! } })).toBe(2)
  })

  it('redirects an inactive person without cookies or login log', async () => {
    const inactive = await createPerson(t.app, 'user', { active: false })
    const res = await sso({ email: inactive.email! })
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe(`https://${DOMAIN}`)
    expect(res.cookies).toEqual([])
    expect(await t.app.db.loginLog.count({ where: { person_id: inactive.id } })).toBe(0)
  })

  it('accepts an answer to an AuthnRequest as well as an unsolicited one', async () => {
    const login = await t.app.inject({ method: 'GET', url: '/auth/saml/login' })
    const { id } = await idp.parseRequest(login.headers.location as string)
    const res = await sso({ email: email(), inResponseTo: id })
    expect(res.statusCode, res.body).toBe(302)
  })

  it('gives restricted tokens under ENFORCE_2FA unless SAML_SKIP_2FA', async () => {
    t.config.enforce2fa = true
    try {
      const restricted = cookies(await sso({ email: email() })).access_token_cookie
      expect(claims(restricted).requires_2fa_setup).toBe(true)
      const blocked = await t.app.inject({ method: 'GET', url: '/api/data/projects', cookies: { access_token_cookie: restricted } })
      expect(blocked.statusCode).toBe(403)
      t.config.saml.skip2fa = true
      const free = cookies(await sso({ email: email() })).access_token_cookie
      expect(claims(free).requires_2fa_setup).toBeUndefined()
    } finally {
      t.config.enforce2fa = false
      t.config.saml.skip2fa = false
    }
  })
})

describe('refused responses: 400, no cookies, no person', () => {
  async function refused(o: ResponseOptions, error: string) {
    const res = await sso(o)
    expectRefused(res, error)
    expect(await t.app.db.person.count({ where: { email: o.email } })).toBe(0)
  }

  it('an unsigned assertion, signed envelope or not', async () => {
    await refused({ email: email(), sign: 'none' }, 'The SAML assertion is not signed.')
    await refused({ email: email(), sign: 'response' }, 'The SAML assertion is not signed.')
  })

  it('an assertion signed with another key', async () => {
    await refused({ email: email(), foreignKey: true }, 'The SAML assertion signature is not valid.')
  })

  it('an assertion altered after signing', async () => {
    const victim = email()
    const xml = Buffer.from(await idp.response({ email: email() }), 'base64').toString()
    const forged = xml.replace(/(<saml:NameID[^>]*>)[^<]*/, `$1${victim}`)
    expectRefused(await post(Buffer.from(forged).toString('base64')), 'The SAML assertion signature is not valid.')
    expect(await t.app.db.person.count({ where: { email: victim } })).toBe(0)
  })

  it('an expired assertion, or one not valid yet', async () => {
    const past = new Date(Date.now() - 10 * 60_000)
    await refused({ email: email(), notBefore: new Date(past.getTime() - 60_000), notOnOrAfter: past }, 'The SAML assertion has expired or is not valid yet.')
    await refused({ email: email(), notBefore: new Date(Date.now() + 10 * 60_000) }, 'The SAML assertion has expired or is not valid yet.')
  })

  it('an assertion for another service', async () => {
    await refused({ email: email(), audience: 'https://elsewhere.test/sp' }, 'The SAML assertion is not meant for this service.')
  })

  it('a replayed assertion', async () => {
    const address = email()
    const response = await idp.response({ email: address })
    expect((await post(response)).statusCode).toBe(302)
    expectRefused(await post(response), 'The SAML assertion was already used.')
    expect(await t.app.db.loginLog.count({ where: { person_rel: { email: address } } })).toBe(1)
  })

  it('garbage, a missing field, and XML that is not a SAML response', async () => {
    expectRefused(await post('garbage!!'), 'The SAML response is not valid.')
    expectRefused(await post(Buffer.from('\x00\x01 not xml <<<').toString('base64')), 'The SAML response is not valid.')
    expectRefused(await post(Buffer.from('<a>b</a>').toString('base64')), 'The SAML response is not valid.')
    const doctype = '<!DOCTYPE r [<!ENTITY x "y">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'
    expectRefused(await post(Buffer.from(doctype).toString('base64')), 'The SAML response is not valid.')
    expectRefused(await post(null), 'Missing SAMLResponse.')
    expectRefused(await post(''), 'Missing SAMLResponse.')
  })
})

describe('SAML disabled or its provider unreachable', () => {
  it('answers "SAML is not enabled." when off', async () => {
    const off = await buildTestApp()
    try {
      for (const res of [
        await off.app.inject({ method: 'GET', url: '/api/auth/saml/login' }),
        await off.app.inject({ method: 'POST', url: '/auth/saml/sso', payload: 'SAMLResponse=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        await off.app.inject({ method: 'POST', url: '/auth/saml/sso' }),
      ]) {
        expect(res.statusCode).toBe(400)
        expect(res.json()).toEqual({ error: 'SAML is not enabled.' })
      }
      expect((await off.app.inject({ method: 'GET', url: '/config' })).json()).toMatchObject({ saml_enabled: false, saml_idp_name: '' })
      // Forms stay refused elsewhere, as in Zou.
      const form = await off.app.inject({ method: 'POST', url: '/auth/login', payload: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      expect(form.statusCode).toBe(415)
    } finally {
      await off.close()
    }
  })

  it('starts without the metadata, answers 503 while it is missing, and fetches it again', async () => {
    idp.failNext(1000)
    const hits = idp.metadataHits
    const late = await buildTestApp({ SAML_ENABLED: 'true', SAML_METADATA_URL: idp.metadataUrl, DOMAIN_NAME: DOMAIN })
    try {
      for (let i = 0; i < 100 && idp.metadataHits === hits; i++) await new Promise((r) => setTimeout(r, 20))
      expect(idp.metadataHits).toBe(hits + 1)
      const samlResponse = await idp.response({ email: email() })
      for (const res of [
        await late.app.inject({ method: 'GET', url: '/auth/saml/login' }),
        await late.app.inject({ method: 'POST', url: '/auth/saml/sso', payload: { SAMLResponse: samlResponse } }),
      ]) {
        expect(res.statusCode).toBe(503)
        expect(res.json()).toEqual({ error: 'The SAML identity provider is unavailable.' })
      }
      idp.failNext(0)
      const before = idp.metadataHits
      const login = await late.app.inject({ method: 'GET', url: '/auth/saml/login' })
      expect(login.statusCode, login.body).toBe(302)
      expect(idp.metadataHits).toBe(before + 1)
    } finally {
      await late.close()
    }
  })
})
