// JWTs with Zou's claims (auth.md §2), their transport (cookies for browsers, §2.5) and
// revocation kept in PostgreSQL, so every instance sharing the database refuses them (§3).
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { UAParser } from 'ua-parser-js'

export type IdentityType = 'person' | 'bot' | 'person_api'

export interface Claims {
  fresh: boolean
  iat: number
  nbf: number
  jti: string
  type: 'access' | 'refresh'
  sub: string
  exp?: number
  identity_type: IdentityType
  refresh_jti?: string
  requires_2fa_setup?: boolean
}

export interface IssuedTokens {
  access_token: string
  refresh_token: string
  accessClaims: Claims
  refreshClaims: Claims
}

const now = () => Math.floor(Date.now() / 1000)

// fast-jwt keeps the payload's own iat/exp/nbf; `noTimestamp` would drop iat (Zou sends it).
function sign(app: FastifyInstance, claims: Claims): string {
  return app.jwt.sign(claims as never)
}

/** Access + refresh pair for a person logging in (restricted when 2FA setup is pending). */
export function issueTokens(app: FastifyInstance, personId: string, restricted = false): IssuedTokens {
  const iat = now()
  const { accessTokenTtl, refreshTokenTtl } = app.config
  const flag = restricted ? { requires_2fa_setup: true } : {}
  const refreshClaims: Claims = {
    fresh: false, iat, nbf: iat, jti: randomUUID(), type: 'refresh', sub: personId,
    exp: iat + refreshTokenTtl, identity_type: 'person', ...flag,
  }
  const accessClaims = accessClaimsFor(app, personId, refreshClaims.jti, restricted, iat)
  return { access_token: sign(app, accessClaims), refresh_token: sign(app, refreshClaims), accessClaims, refreshClaims }
}

function accessClaimsFor(app: FastifyInstance, personId: string, refreshJti: string, restricted: boolean, iat = now()): Claims {
  return {
    fresh: false, iat, nbf: iat, jti: randomUUID(), type: 'access', sub: personId,
    exp: iat + app.config.accessTokenTtl, identity_type: 'person', refresh_jti: refreshJti,
    ...(restricted ? { requires_2fa_setup: true } : {}),
  }
}

/** A new access token paired with the presented refresh token (which is not rotated). */
export function refreshAccessToken(app: FastifyInstance, refresh: Claims, restricted: boolean): string {
  return sign(app, accessClaimsFor(app, refresh.sub, refresh.jti, restricted))
}

/** API token of a bot or a person (`person_api`): valid while its jti is person.jti. */
export function issueApiToken(app: FastifyInstance, personId: string, identity: 'bot' | 'person_api', expirationDate: string | null) {
  const claims = apiTokenClaims(personId, identity, expirationDate)
  return { token: sign(app, claims), jti: claims.jti }
}

/** The claims of an API token: no expiry unless a date is given (valid through that day). */
export function apiTokenClaims(personId: string, identity: 'bot' | 'person_api', expirationDate: string | null): Claims {
  const iat = now()
  const claims: Claims = { fresh: false, iat, nbf: iat, jti: randomUUID(), type: 'access', sub: personId, identity_type: identity }
  if (expirationDate) claims.exp = Math.floor(Date.parse(`${expirationDate}T23:59:59.999Z`) / 1000)
  return claims
}

/** Records jtis as revoked until they would have expired anyway. */
export async function revokeTokens(app: FastifyInstance, tokens: Array<{ jti: string; exp?: number }>): Promise<void> {
  const rows = tokens.filter((t) => t.jti)
  if (!rows.length) return
  const fallback = now() + app.config.refreshTokenTtl
  await app.pool.query(
    `INSERT INTO revoked_token (jti, expires_at)
     SELECT j, to_timestamp(e) AT TIME ZONE 'UTC' FROM unnest($1::uuid[], $2::float8[]) AS t(j, e)
     ON CONFLICT (jti) DO NOTHING`,
    [rows.map((r) => r.jti), rows.map((r) => r.exp ?? fallback)],
  )
  // Expired entries are useless: prune a few on each revocation rather than with a timer.
  await app.pool.query(`DELETE FROM revoked_token WHERE jti IN (SELECT jti FROM revoked_token WHERE expires_at < now() LIMIT 100)`)
}

const BROWSERS = new Set(['Brave', 'Chrome', 'Chrome Mobile', 'Chrome Mobile iOS', 'Edge', 'Firefox', 'Mobile Safari', 'Opera', 'Safari', 'Vivaldi', 'Chrome Headless', 'Mobile Chrome', 'Mobile Firefox'])

/** Zou sets cookies only for web browsers; scripts get tokens in the body only. */
export function isBrowser(req: FastifyRequest): boolean {
  const ua = req.headers['user-agent']
  if (!ua) return false
  const name = new UAParser(ua).getBrowser().name
  return !!name && BROWSERS.has(name)
}

/** The client's address as Zou records it in login logs: X-Real-IP, else the peer. */
export function clientIp(req: FastifyRequest): string {
  const real = req.headers['x-real-ip']
  return (Array.isArray(real) ? real[0] : real) || req.ip
}

const COOKIE_MAX_AGE = 31540000

/** Behind the /api prefix the browser only sends the refresh cookie if its path has it too. */
function refreshCookiePath(req: FastifyRequest): string {
  // originalUrl: the URL before rewriteUrl stripped the /api prefix (req.raw.url is rewritten).
  return req.originalUrl.startsWith('/api/') ? '/api/auth/refresh-token' : '/auth/refresh-token'
}

export function setAuthCookies(req: FastifyRequest, reply: FastifyReply, tokens: { access_token: string; refresh_token?: string }) {
  const base = { httpOnly: true, sameSite: 'lax' as const, maxAge: COOKIE_MAX_AGE }
  reply.setCookie('access_token_cookie', tokens.access_token, { ...base, path: '/' })
  if (tokens.refresh_token) {
    reply.setCookie('refresh_token_cookie', tokens.refresh_token, { ...base, path: refreshCookiePath(req) })
  }
}

export function clearAuthCookies(req: FastifyRequest, reply: FastifyReply, which: 'both' | 'refresh' = 'both') {
  const gone = { expires: new Date(0), httpOnly: true, sameSite: 'lax' as const }
  if (which === 'both') reply.setCookie('access_token_cookie', '', { ...gone, path: '/' })
  reply.setCookie('refresh_token_cookie', '', { ...gone, path: refreshCookiePath(req) })
}
