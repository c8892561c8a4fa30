// Resolves the caller once per request (auth.md §4, in Zou's order and with its exact
// answers): token from the cookie first, then the Bearer header; decode; token type;
// revocation; person lookup; active; 2FA gate. One SQL query per authenticated request.
import fp from 'fastify-plugin'
import jwt from '@fastify/jwt'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import { AppError, jwtError, unauthorized } from '../lib/errors.ts'
import { revokeTokens, type Claims, type IdentityType } from '../auth/tokens.ts'
import { isUuid } from '../lib/serialize.ts'
import { prepared } from '../db/client.ts'
import { TOKEN_PREFIX, checkAccessToken, checkScope } from '../auth/access-tokens.ts'
import type { Access } from './access.ts'

export type Role = 'admin' | 'manager' | 'supervisor' | 'user' | 'client' | 'vendor'

export interface Actor {
  id: string
  role: Role
  email: string | null
  identityType: IdentityType
  claims: Claims
  /** [project id, per-project role override, project is open] of each team the caller is on. */
  teams: Array<[string, Role | null, boolean]>
  departments: string[]
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
  }
}

/** Paths a token still restricted by pending 2FA set-up may reach (auth.md §4). */
const TWO_FA_SETUP_PATHS = new Set([
  '/auth/totp', '/auth/email-otp', '/auth/fido', '/auth/recovery-codes',
  '/auth/login', '/auth/logout', '/auth/authenticated', '/auth/refresh-token',
])

/** The caller, whether the token is revoked, and their teams and departments: permission
 * checks of the request then need no further query about the caller. */
const PERSON_QUERY = `
  SELECT p.id, p.role, p.email, p.active, p.is_bot, p.jti::text AS api_jti,
         EXISTS (SELECT 1 FROM revoked_token r WHERE r.jti = $2::uuid) AS revoked,
         (SELECT coalesce(json_agg(json_build_array(l.project_id, l.role, s.name = 'Open')), '[]')
            FROM project_person_link l JOIN project pr ON pr.id = l.project_id
            LEFT JOIN project_status s ON s.id = pr.project_status_id
           WHERE l.person_id = p.id) AS teams,
         ARRAY(SELECT d.department_id::text FROM department_link d WHERE d.person_id = p.id) AS departments
  FROM person p WHERE p.id = $1::uuid`

function findToken(req: FastifyRequest, refresh: boolean): string {
  const cookieName = refresh ? 'refresh_token_cookie' : 'access_token_cookie'
  const cookie = req.cookies?.[cookieName]
  if (cookie !== undefined && cookie !== '') return cookie
  const header = req.headers.authorization
  if (header) {
    const [scheme, value, ...rest] = header.split(' ')
    if (scheme === 'Bearer' && value && !rest.length) return value
    if (scheme === 'Bearer') throw jwtError(422, "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'")
  }
  const headerPart = header
    ? "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'"
    : 'Missing Authorization Header'
  throw jwtError(401, `Missing JWT in cookies or headers (Missing cookie "${cookieName}"; ${headerPart})`)
}

function decode(app: FastifyInstance, token: string): Claims {
  try {
    return app.jwt.verify<Claims>(token)
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'FAST_JWT_EXPIRED') throw new AppError(401, { error: true, message: 'Signature has expired' })
    if (code === 'FAST_JWT_INVALID_SIGNATURE') throw jwtError(422, 'Signature verification failed')
    if (code === 'FAST_JWT_INACTIVE') throw jwtError(422, 'The token is not yet valid (nbf)')
    if (code === 'FAST_JWT_INVALID_ALGORITHM') throw jwtError(422, 'The specified alg value is not allowed')
    if (token.split('.').length !== 3) throw jwtError(422, 'Not enough segments')
    throw jwtError(422, 'Invalid token')
  }
}

export async function authenticate(app: FastifyInstance, req: FastifyRequest, access: Access): Promise<Actor> {
  const refresh = access === 'refresh'
  const token = findToken(req, refresh)
  if (!refresh && token.startsWith(TOKEN_PREFIX)) return authenticateAccessToken(app, req, token)
  const claims = decode(app, token)
  if (refresh && claims.type !== 'refresh') throw jwtError(422, 'Only refresh tokens are allowed')
  if (!refresh && claims.type === 'refresh') throw jwtError(422, 'Only non-refresh tokens are allowed')
  const identity = claims.identity_type
  if (!claims.jti || !isUuid(claims.jti) || !['person', 'bot', 'person_api'].includes(identity)) {
    throw jwtError(401, 'Token has been revoked')
  }
  const { rows } = isUuid(claims.sub) ? await app.pool.query(prepared(PERSON_QUERY, [claims.sub, claims.jti])) : { rows: [] }
  const person = rows[0]
  const revoked = identity === 'person' ? person?.revoked : person && person.api_jti !== claims.jti
  if (revoked) throw jwtError(401, 'Token has been revoked')
  if (!person) throw req.url.startsWith('/auth/logout') ? jwtError(401, `Error loading the user ${claims.sub}`) : unauthorized()
  if (!person.active) {
    if (identity === 'person') await revokeTokens(app, [claims])
    throw unauthorized()
  }
  if (claims.requires_2fa_setup && !TWO_FA_SETUP_PATHS.has(req.routeOptions.url ?? '')) {
    throw new AppError(403, {
      error: true,
      two_factor_authentication_required: true,
      message: 'Two-factor authentication setup is required. Please configure 2FA before accessing the API.',
    })
  }
  return {
    id: person.id, role: person.role, email: person.email, identityType: identity, claims,
    teams: person.teams, departments: person.departments,
  }
}

/**
 * A personal access token: the person behind it, with the token's scopes enforced and, when
 * it is limited to projects, only those teams (an admin's limited token acts as a manager).
 */
async function authenticateAccessToken(app: FastifyInstance, req: FastifyRequest, token: string): Promise<Actor> {
  const grant = await checkAccessToken(app, token)
  checkScope(grant, req.method)
  const { rows } = await app.pool.query(prepared(PERSON_QUERY, [grant.personId, grant.claims.jti]))
  const person = rows[0]
  if (!person || !person.active) throw unauthorized()
  const limited = grant.projectIds.length > 0
  const teams = limited ? (person.teams as Actor['teams']).filter(([id]) => grant.projectIds.includes(id)) : person.teams
  return {
    id: person.id, role: limited && person.role === 'admin' ? 'manager' : person.role, email: person.email,
    identityType: 'person_api', claims: grant.claims, teams, departments: person.departments,
  }
}

export default fp(
  async function auth(app: FastifyInstance, opts: { config: Config }) {
    if (!opts.config.secretKey) throw new Error('the secret key must be resolved before building the app')
    await app.register(jwt, {
      secret: opts.config.secretKey,
      sign: { algorithm: 'HS256' },
      verify: { algorithms: ['HS256'], cache: 10_000 },
    })
    app.decorateRequest('actor', null)
  },
  { name: 'auth', dependencies: ['http'] },
)
