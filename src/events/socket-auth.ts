// The socket handshake goes through the API's own authentication (plugins/auth.ts): the
// access_token_cookie cookie first, then `Authorization: Bearer` (gazu), then the socket.io
// `auth.token`; expired, revoked, inactive or 2FA-restricted callers are refused.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { IncomingHttpHeaders } from 'node:http'
import { fastifyCookie } from '@fastify/cookie'
import { authenticate, type Actor } from '../plugins/auth.ts'
import { TOKEN_PREFIX } from '../auth/access-tokens.ts'

export interface Handshake {
  headers: IncomingHttpHeaders
  auth: Record<string, unknown>
  query: Record<string, unknown>
}

export async function authenticateHandshake(app: FastifyInstance, hs: Handshake): Promise<{ actor: Actor; accessToken: boolean }> {
  const headers = { ...hs.headers }
  const token = typeof hs.auth?.token === 'string' ? hs.auth.token : null
  if (!headers.authorization && token) headers.authorization = `Bearer ${token}`
  const cookies = headers.cookie ? fastifyCookie.parse(headers.cookie) : {}
  const req = { cookies, headers, method: 'GET', url: '/socket.io', routeOptions: { url: '/socket.io' } } as unknown as FastifyRequest
  const actor = await authenticate(app, req, 'user')
  const used = cookies.access_token_cookie || headers.authorization?.slice(7) || ''
  return { actor, accessToken: used.startsWith(TOKEN_PREFIX) }
}

/** `last_seq` (resume after it) and `with_seq` from the handshake auth or query. */
export function resumeOptions(hs: Handshake): { lastSeq: number | null; withSeq: boolean } | null {
  const raw = hs.auth?.last_seq ?? hs.query?.last_seq
  let lastSeq: number | null = null
  if (raw !== undefined && raw !== null && raw !== '') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN
    if (!Number.isSafeInteger(n) || n < 0) return null
    lastSeq = n
  }
  const flag = hs.auth?.with_seq ?? hs.query?.with_seq
  return { lastSeq, withSeq: lastSeq !== null || flag === true || flag === 'true' }
}
