// OIDC single sign-on (auth.md §11.2) with openid-client: authorization-code flow with PKCE
// S256, state and nonce. The flow state (PKCE verifier, nonce) stays on the server, in
// auth_token under the random `state`, for 10 minutes and single use; the browser only holds
// the state in an HttpOnly cookie, which the callback must present with the same state, so a
// callback URL cannot be replayed, nor completed in a browser that did not start the flow.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import * as client from 'openid-client'
import type { OidcConfig } from '../config.ts'
import { AppError } from '../lib/errors.ts'
import { pruneExpired, storeToken, takeToken } from './one-time-tokens.ts'
import { nameValue, ssoError, type SsoProfile } from './sso.ts'

export const STATE_COOKIE = 'oidc_state'
export const FLOW_TTL = 600

export const OIDC_MESSAGES = {
  disabled: 'OIDC is not enabled.',
  failed: 'OIDC authentication failed.',
  noEmail: 'No email claim returned by the provider.',
  unverified: 'Email address is not verified.',
} as const

const failed = () => ssoError(OIDC_MESSAGES.failed)

/** The provider's metadata, discovered on first use and kept; a failed discovery is retried. */
const providers = new WeakMap<FastifyInstance, Promise<client.Configuration>>()

function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const url = new URL(oidc.discoveryUrl)
  // Zou: a plain-http provider works when configured so (an internal IdP, a test one).
  const execute = url.protocol === 'http:' ? [client.allowInsecureRequests] : []
  const auth = oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None()
  return client.discovery(url, oidc.clientId, undefined, auth, { execute, timeout: 10 })
}

function provider(app: FastifyInstance): Promise<client.Configuration> {
  let found = providers.get(app)
  if (!found) {
    found = discover(app.config.oidc)
    providers.set(app, found)
    found.catch((err) => {
      providers.delete(app)
      app.log.warn({ err: describe(err) }, 'OIDC discovery failed')
    })
  }
  return found
}

/** An error's name, code and message only: openid-client errors may carry response bodies. */
function describe(err: unknown) {
  const e = err as { name?: string; code?: string; message?: string; error?: string }
  return { name: e?.name, code: e?.code, error: e?.error, message: e?.message }
}

export const redirectUri = (app: FastifyInstance) =>
  `${app.config.domainProtocol}://${app.config.domainName}/api/auth/oidc/callback`

/** The provider's authorization URL for a new flow, and the state the browser must keep. */
export async function startOidcLogin(app: FastifyInstance): Promise<{ url: URL; state: string }> {
  const config = await provider(app).catch(() => {
    throw new AppError(503, { error: 'The OIDC provider is unavailable.' })
  })
  const state = client.randomState()
  const nonce = client.randomNonce()
  const verifier = client.randomPKCECodeVerifier()
  // Abandoned flows leave rows behind: drop expired ones as new flows start.
  await pruneExpired(app.pool, 'oidc-state')
  await storeToken(app.db, 'oidc-state', state, JSON.stringify({ verifier, nonce }), FLOW_TTL)
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(app),
    scope: app.config.oidc.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  })
  return { url, state }
}

const sameString = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/**
 * The callback: checks the state against the cookie and spends it, exchanges the code (PKCE
 * verifier, nonce and ID token checked by openid-client), then reads the e-mail and names.
 */
export interface OidcIdentity {
  email: string
  /** Only the names the provider gave: absent ones leave the stored names alone. */
  profile: SsoProfile
}

export async function completeOidcLogin(app: FastifyInstance, query: string, cookieState: string | undefined): Promise<OidcIdentity> {
  const params = new URLSearchParams(query)
  const state = params.get('state')
  if (!state || !cookieState || !sameString(state, cookieState)) throw failed()
  const stored = await takeToken(app.pool, 'oidc-state', state)
  if (!stored) throw failed()
  const { verifier, nonce } = JSON.parse(stored) as { verifier: string; nonce: string }
  const config = await provider(app).catch(() => { throw failed() })

  const current = new URL(redirectUri(app))
  current.search = params.toString()
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
    })
  } catch (err) {
    app.log.info({ err: describe(err) }, 'OIDC code exchange failed')
    throw failed()
  }
  const claims = await withUserInfo(app, config, tokens)
  return identityFrom(app.config.oidc, claims)
}

type Claims = Record<string, unknown>

/**
 * Claims of the ID token; when it lacks the e-mail or both names (Entra ID, or providers that
 * keep profile claims for the userinfo endpoint), the userinfo answer for the same subject
 * fills the gaps. A userinfo failure does not block the log-in.
 */
async function withUserInfo(app: FastifyInstance, config: client.Configuration, tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>): Promise<Claims> {
  const id = tokens.claims() as Claims | undefined
  if (!id || typeof id.sub !== 'string') throw failed()
  const { emailClaim, givenNameClaim, familyNameClaim } = app.config.oidc
  const hasNames = nameValue(id[givenNameClaim]) || nameValue(id[familyNameClaim])
  if (id[emailClaim] !== undefined && hasNames) return id
  try {
    // Slate: Zou asks userinfo for missing names only; a missing e-mail is filled in too.
    const info = await client.fetchUserInfo(config, tokens.access_token, id.sub)
    return { ...info, ...id }
  } catch (err) {
    app.log.warn({ err: describe(err) }, 'OIDC userinfo request failed; going on without it')
    return id
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+$/

function identityFrom(oidc: OidcConfig, claims: Claims): OidcIdentity {
  const email = claims[oidc.emailClaim]
  if (typeof email !== 'string' || !EMAIL.test(email.trim()) || email.trim().length > 255) throw ssoError(OIDC_MESSAGES.noEmail)
  // Zou: with OIDC_REQUIRE_EMAIL_VERIFIED the claim must be exactly true, else only false refuses.
  const verified = claims.email_verified
  if (oidc.requireEmailVerified ? verified !== true : verified === false) throw ssoError(OIDC_MESSAGES.unverified)
  const profile: SsoProfile = {}
  const first = nameValue(claims[oidc.givenNameClaim])
  const last = nameValue(claims[oidc.familyNameClaim])
  if (first) profile.first_name = first
  if (last) profile.last_name = last
  return { email: email.trim(), profile }
}
