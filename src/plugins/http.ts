// Cross-cutting HTTP behaviour: Zou's security headers on every response, and CORS with
// credentials only when CORS_ALLOWED_ORIGINS is configured.
import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import cookie from '@fastify/cookie'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
  }
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy': "frame-ancestors 'self'",
  'referrer-policy': 'strict-origin-when-cross-origin',
}

export default fp(
  async function http(app: FastifyInstance, opts: { config: Config }) {
    app.decorate('config', opts.config)
    await app.register(cookie)
    if (opts.config.corsOrigins.length) {
      // Zou (flask-cors) allows every method: Kitsu sends cross-origin PUT and DELETE.
      await app.register(cors, {
        origin: opts.config.corsOrigins,
        credentials: true,
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      })
    }
    app.addHook('onRequest', async (_req, reply) => {
      reply.headers(SECURITY_HEADERS)
    })
  },
  { name: 'http' },
)
