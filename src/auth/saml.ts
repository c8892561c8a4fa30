// SAML single sign-on (auth.md §11.1), the service-provider side, with samlify. Slate is
// the SP `<DOMAIN>/api/auth/saml/login` with its assertion consumer at `/api/auth/saml/sso`;
// authn requests go unsigned through HTTP-Redirect; responses come back through HTTP-POST,
// solicited or not, and their assertion must be signed. The provider's metadata is
// downloaded at start-up (30 s timeout), again on each request while it is missing, and
// when a signature fails against it (key rollover, at most every 30 s); a download failure
// never stops the server, the SAML routes answer 503 until one succeeds.
import { createHash } from 'node:crypto'
import * as samlify from 'samlify'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import type { Person } from '../generated/prisma/client.ts'
import { AppError } from '../lib/errors.ts'
import { isUuid } from '../lib/serialize.ts'
import { claimOnce } from './one-time-tokens.ts'
import { upsertSsoPerson, type SsoProfile } from './sso.ts'
import { REASONS, SamlRefused, inspectResponse, schemaValidator, verifyAssertionSignature } from './saml-xml.ts'

samlify.setSchemaValidator(schemaValidator)

type IdP = samlify.IdentityProviderInstance

const METADATA_TIMEOUT_MS = 30_000
const METADATA_MAX_CHARS = 5_000_000
const REFETCH_INTERVAL_MS = 30_000
/** Clock skew tolerated between the provider and Slate on NotBefore / NotOnOrAfter. */
const CLOCK_DRIFT_MS = 60_000
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const { binding } = samlify.Constants.namespace

/** The provider's metadata could not be downloaded or used: 503 until it can. */
export class SamlUnavailable extends AppError {
  constructor() {
    super(503, { error: 'The SAML identity provider is unavailable.' })
  }
}

export interface SamlIdentity {
  email: string
  /** Attribute name → value, or values when repeated. */
  attributes: Record<string, string | string[]>
  /** Issuer + assertion id, hashed: the key of the replay store. */
  assertionKey: string
  /** Until when the assertion could be accepted, hence must be remembered as used. */
  replayUntil: Date
}

// samlify's error codes → why the response is refused.
const SAMLIFY_REASONS: Array<[RegExp, string]> = [
  [/STATUS/, REASONS.status],
  [/ISSUER/, REASONS.issuer],
  [/EXPIRED|UNCONFIRMED/, REASONS.expired],
  [/SIGNATURE|CERTIFICATE|WRAPPING|REFERENCES|EMPTY_ASSERTION/, REASONS.badSignature],
]

function signingCertificates(idp: IdP): string[] {
  const certs = idp.entityMeta.getX509Certificate('signing') as unknown
  return [certs].flat(Infinity).filter((c): c is string => typeof c === 'string' && c.trim() !== '')
}

export class SamlClient {
  readonly entityId: string
  readonly acsUrl: string
  private readonly sp: samlify.ServiceProviderInstance
  private idp: IdP | null = null
  private metadata: string | null = null
  private loading: Promise<IdP | null> | null = null
  private lastAttempt = 0
  private readonly closing = new AbortController()

  constructor(private readonly config: Config, private readonly log: FastifyBaseLogger) {
    const base = `${config.domainProtocol}://${config.domainName}/api/auth/saml`
    this.entityId = `${base}/login`
    this.acsUrl = `${base}/sso`
    this.sp = samlify.ServiceProvider({
      entityID: this.entityId,
      authnRequestsSigned: false,
      wantAssertionsSigned: true,
      wantMessageSigned: false,
      nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
      assertionConsumerService: [
        { Binding: binding.post, Location: this.acsUrl },
        { Binding: binding.redirect, Location: this.acsUrl },
      ],
      clockDrifts: [-CLOCK_DRIFT_MS, CLOCK_DRIFT_MS],
    })
  }

  /** Downloads the metadata now (start-up); a failure is logged, never thrown. */
  load(): Promise<IdP | null> {
    this.loading ??= this.download().finally(() => { this.loading = null })
    return this.loading
  }

  close() {
    this.closing.abort()
  }

  private async download(): Promise<IdP | null> {
    this.lastAttempt = Date.now()
    const url = new URL(this.config.saml.metadataUrl)
    const where = `${url.origin}${url.pathname}`
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(METADATA_TIMEOUT_MS), this.closing.signal])
      const res = await fetch(url, { signal, headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } })
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      const xml = await res.text()
      if (xml.length > METADATA_MAX_CHARS) throw new Error('metadata too large')
      if (xml === this.metadata && this.idp) return this.idp
      const idp = samlify.IdentityProvider({ metadata: xml })
      if (!signingCertificates(idp).length) throw new Error('no signing certificate')
      if (typeof idp.entityMeta.getSingleSignOnService('redirect') !== 'string') throw new Error('no HTTP-Redirect single sign-on service')
      this.idp = idp
      this.metadata = xml
      this.log.info({ metadata: where, idp: idp.entityMeta.getEntityID() }, 'SAML identity provider metadata loaded')
      return idp
    } catch (err) {
      if (!this.closing.signal.aborted) {
        this.log.error({ metadata: where, reason: (err as Error).message }, 'SAML identity provider metadata unavailable')
      }
      return this.idp
    }
  }

  /** A new download unless one happened less than REFETCH_INTERVAL_MS ago. */
  private async refresh(): Promise<IdP | null> {
    if (this.loading) return this.loading
    if (Date.now() - this.lastAttempt < REFETCH_INTERVAL_MS) return this.idp
    return this.load()
  }

  /** The provider, downloading its metadata again while there is none (Zou: a broken client). */
  private async provider(): Promise<IdP> {
    const idp = this.idp ?? (await this.load())
    if (!idp) throw new SamlUnavailable()
    return idp
  }

  /** The provider's single sign-on URL carrying a fresh AuthnRequest (HTTP-Redirect). */
  async loginUrl(): Promise<string> {
    const idp = await this.provider()
    try {
      return this.sp.createLoginRequest(idp, 'redirect').context
    } catch (err) {
      this.log.error({ reason: (err as Error).message }, 'SAML authn request could not be built')
      throw new SamlUnavailable()
    }
  }

  /** Checks a SAMLResponse form field; the identity it asserts, or SamlRefused. */
  async verify(samlResponse: string): Promise<SamlIdentity> {
    const inspected = inspectResponse(samlResponse, CLOCK_DRIFT_MS)
    let idp = await this.provider()
    try {
      verifyAssertionSignature(inspected, signingCertificates(idp))
    } catch (err) {
      // The provider may have rolled its key over: one more try with fresh metadata.
      const fresh = await this.refresh()
      if (!fresh || fresh === idp) throw err
      idp = fresh
      verifyAssertionSignature(inspected, signingCertificates(idp))
    }
    let extract: Record<string, unknown>
    try {
      ({ extract } = await this.sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse: samlResponse } }))
    } catch (err) {
      const code = String((err as Error)?.message ?? err)
      const reason = SAMLIFY_REASONS.find(([re]) => re.test(code))?.[1] ?? REASONS.invalid
      throw new SamlRefused(reason, code)
    }
    const audience = [extract.audience].flat().filter((a) => typeof a === 'string')
    if (audience.length && !audience.includes(this.entityId)) throw new SamlRefused(REASONS.audience, 'audience')
    const email = typeof extract.nameID === 'string' ? extract.nameID.trim() : ''
    if (!EMAIL.test(email)) throw new SamlRefused(REASONS.noEmail, 'NameID is not an e-mail')
    const issuer = String(extract.issuer ?? '')
    return {
      email,
      attributes: (extract.attributes ?? {}) as Record<string, string | string[]>,
      assertionKey: createHash('sha256').update(`${issuer}\n${inspected.assertionId}`).digest('hex'),
      replayUntil: new Date(inspected.notOnOrAfter.getTime() + CLOCK_DRIFT_MS),
    }
  }
}

const values = (v: string | string[] | undefined): string[] | null =>
  v === undefined ? null : [v].flat().map((x) => String(x ?? '').trim())

/**
 * §11.1's attributes: names and country joined when repeated, phone and studio the first
 * value, departments every value that is an id. A blank value clears the field; a malformed
 * country or studio id is dropped.
 */
export function samlProfile(attributes: Record<string, string | string[]>): SsoProfile {
  const profile: SsoProfile = {}
  const first = values(attributes.first_name)
  const last = values(attributes.last_name)
  const country = values(attributes.country)?.join(' ').trim()
  const phone = values(attributes.phone)
  const studio = values(attributes.studio_id)
  const departments = values(attributes.departments)
  if (first) profile.first_name = first.join(' ').slice(0, 80)
  if (last) profile.last_name = last.join(' ').slice(0, 80)
  if (country === '') profile.country = null
  else if (country && /^[A-Za-z]{2}$/.test(country)) profile.country = country.toUpperCase()
  if (phone) profile.phone = phone[0] ? phone[0].slice(0, 30) : null
  if (studio && (studio[0] === '' || isUuid(studio[0]))) profile.studio_id = studio[0] || null
  if (departments) profile.departments = departments.filter(isUuid)
  return profile
}

/**
 * POST /auth/saml/sso: a valid, unused assertion → its person, created or updated.
 * Refusals are logged with their cause (never the response itself).
 */
export async function samlLogIn(app: FastifyInstance, client: SamlClient, samlResponse: string, log: FastifyBaseLogger = app.log): Promise<Person> {
  let identity: SamlIdentity
  try {
    identity = await client.verify(samlResponse)
    if (!(await claimOnce(app.pool, 'saml-assertion', identity.assertionKey, identity.replayUntil))) {
      throw new SamlRefused(REASONS.replayed, 'assertion already used')
    }
  } catch (err) {
    if (err instanceof SamlRefused) log.warn({ reason: err.detail }, 'SAML response refused')
    throw err
  }
  return upsertSsoPerson(app, identity.email, samlProfile(identity.attributes))
}
