// Rate limits on the unauthenticated auth routes (log-in, password reset, e-mail OTP and
// FIDO challenges): AUTH_RATE_LIMIT requests a minute per client address and account
// (default 30; 0 turns it off), counted in Redis when REDIS_URL is set so every instance
// shares the count, in memory otherwise. Authenticated API traffic is not limited.
import fp from 'fastify-plugin'
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit'
import { Redis } from 'ioredis'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import { AppError } from '../lib/errors.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The per-route rate-limit config of the unauthenticated auth routes (false when off). */
    authRateLimit: RateLimitOptions | false
  }
}

/** The account a request is about: the e-mail (or desktop login) in the body or query. */
function account(req: FastifyRequest): string {
  const fromBody = (req.body as { email?: unknown } | undefined)?.email
  const value = typeof fromBody === 'string' ? fromBody : (req.query as { email?: unknown } | undefined)?.email
  return typeof value === 'string' ? value.trim().toLowerCase() : ''
}

export default fp(
  async function rateLimits(app: FastifyInstance, opts: { config: Config }) {
    const { authRateLimit, redisUrl } = opts.config
    if (!authRateLimit) {
      app.decorate('authRateLimit', false)
      return
    }
    const redis = redisUrl ? new Redis(redisUrl, { connectTimeout: 1000, maxRetriesPerRequest: 1, lazyConnect: false }) : null
    if (redis) {
      redis.on('error', (err) => app.log.warn({ err: err.message }, 'rate-limit store (Redis) unavailable'))
      app.addHook('onClose', async () => { redis.disconnect() })
    }
    await app.register(rateLimit, {
      global: false,
      ...(redis ? { redis, nameSpace: 'slate-rate-limit-' } : {}),
      // A Redis outage must not lock everybody out of logging in.
      skipOnError: true,
      enableDraftSpec: true,
    })
    app.decorate('authRateLimit', {
      max: authRateLimit,
      timeWindow: 60_000,
      // After body parsing, so the account can be part of the key.
      hook: 'preHandler',
      keyGenerator: (req: FastifyRequest) => `${req.ip}|${account(req)}`,
      errorResponseBuilder: (_req: FastifyRequest, context: { after: string; ttl: number }) =>
        new AppError(429, { error: true, message: `Too many requests, retry in ${context.after}.` }),
    })
  },
  { name: 'rate-limit' },
)

/** Route config of a rate-limited public auth route. */
export function limitedPublic(app: FastifyInstance) {
  return { access: 'public' as const, ...(app.authRateLimit ? { rateLimit: app.authRateLimit } : {}) }
}
