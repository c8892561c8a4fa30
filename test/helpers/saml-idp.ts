// A real SAML identity provider for the tests: a samlify IdentityProvider with its own RSA
// key and self-signed certificate (made in the test, no openssl), serving its metadata on a
// loopback port so Slate downloads it like a real one, and answering signed (or, on demand,
// unsigned, foreign-key, expired…) login responses to post to /auth/saml/sso.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import * as samlify from 'samlify'
import { generate } from 'selfsigned'

const { binding } = samlify.Constants.namespace
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'

export interface ResponseOptions {
  email: string
  /** Attribute name → value(s). */
  attributes?: Record<string, string | string[]>
  /** Sign the assertion (default) or only the response envelope. */
  sign?: 'assertion' | 'response' | 'none'
  /** Signed by another key pair than the one in the published metadata. */
  foreignKey?: boolean
  notBefore?: Date
  notOnOrAfter?: Date
  /** Defaults to Slate's entity id. */
  audience?: string
  /** The AuthnRequest answered; absent: an unsolicited response. */
  inResponseTo?: string
}

export interface TestIdp {
  entityId: string
  metadataUrl: string
  ssoUrl: string
  /** Metadata downloads so far. */
  metadataHits: number
  /** The next `n` metadata downloads answer 503. */
  failNext(n: number): void
  /** A base64 SAMLResponse as the provider would post it. */
  response(options: ResponseOptions): Promise<string>
  /** Parses an AuthnRequest that Slate sent through HTTP-Redirect (the Location URL). */
  parseRequest(location: string): Promise<{ id: string; issuer: string; acs: string }>
  close(): Promise<void>
}

async function keyPair() {
  const pems = await generate([{ name: 'commonName', value: 'idp.test' }], { keySize: 2048, algorithm: 'sha256' })
  return { privateKey: pems.private, cert: pems.cert }
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function attributeStatement(attributes: Record<string, string | string[]>): string {
  const items = Object.entries(attributes).map(([name, value]) => {
    const values = [value].flat().map((v) => `<saml:AttributeValue xsi:type="xs:string">${escape(v)}</saml:AttributeValue>`).join('')
    return `<saml:Attribute Name="${escape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`
  })
  return items.length ? `<saml:AttributeStatement>${items.join('')}</saml:AttributeStatement>` : ''
}

/** Starts the provider; `slate` is the service provider it answers (Slate's SP entity id and ACS). */
export async function startIdp(slate: { entityId: string; acsUrl: string }): Promise<TestIdp> {
  const [own, other] = await Promise.all([keyPair(), keyPair()])
  let failing = 0
  let hits = 0
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metadata') { res.statusCode = 404; res.end(); return }
    hits++
    if (failing > 0) { failing--; res.statusCode = 503; res.end('down'); return }
    res.setHeader('content-type', 'application/samlmetadata+xml')
    res.end(idp.getMetadata())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const entityId = `${base}/idp`
  const ssoUrl = `${base}/sso`
  const make = (keys: { privateKey: string; cert: string }) => samlify.IdentityProvider({
    entityID: entityId,
    privateKey: keys.privateKey,
    signingCert: keys.cert,
    singleSignOnService: [{ Binding: binding.redirect, Location: ssoUrl }, { Binding: binding.post, Location: ssoUrl }],
    singleLogoutService: [{ Binding: binding.redirect, Location: `${base}/slo` }],
    nameIDFormat: [EMAIL_FORMAT],
  })
  const idp = make(own)
  const impostor = make(other)
  // Slate as the provider sees it; WantAssertionsSigned decides what samlify signs.
  const sp = (wantAssertionsSigned: boolean) => samlify.ServiceProvider({
    entityID: slate.entityId,
    authnRequestsSigned: false,
    wantAssertionsSigned,
    wantMessageSigned: !wantAssertionsSigned,
    assertionConsumerService: [{ Binding: binding.post, Location: slate.acsUrl }],
  })
  const signed = { assertion: sp(true), response: sp(false) }

  function fill(template: string, o: ResponseOptions) {
    const now = new Date()
    const end = (o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString()
    const xml = template.replace('{AttributeStatement}', attributeStatement(o.attributes ?? {}))
    return samlify.SamlLib.replaceTagsByValue(xml, {
      ID: `_${randomUUID()}`, AssertionID: `_${randomUUID()}`, Destination: slate.acsUrl, Audience: o.audience ?? slate.entityId,
      SubjectRecipient: slate.acsUrl, Issuer: entityId, IssueInstant: now.toISOString(),
      StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
      ConditionsNotBefore: (o.notBefore ?? now).toISOString(), ConditionsNotOnOrAfter: end, SubjectConfirmationDataNotOnOrAfter: end,
      NameIDFormat: EMAIL_FORMAT, NameID: o.email, InResponseTo: o.inResponseTo ?? null, AuthnStatement: '',
    })
  }

  return {
    entityId,
    metadataUrl: `${base}/metadata`,
    ssoUrl,
    get metadataHits() { return hits },
    failNext(n) { failing = n },
    async response(o) {
      if (o.sign === 'none') {
        const template = samlify.SamlLib.defaultLoginResponseTemplate.context
        return Buffer.from(fill(template, o)).toString('base64')
      }
      const issuer = o.foreignKey ? impostor : idp
      const { context } = await issuer.createLoginResponse(signed[o.sign ?? 'assertion'], { extract: {} }, 'post', { email: o.email }, (template: string) => ({
        id: '', context: fill(template, o),
      }))
      return context
    },
    async parseRequest(location) {
      const url = new URL(location)
      const query = Object.fromEntries(url.searchParams)
      const { extract } = await idp.parseLoginRequest(signed.assertion, 'redirect', { query })
      return { id: String(extract.request?.id), issuer: String(extract.issuer), acs: String(extract.request?.assertionConsumerServiceUrl) }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
