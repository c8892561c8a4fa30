// Every route declares who may call it in `config.access`; a route without one makes the
// app refuse to boot. The hook authenticates (plugins/auth.ts) and enforces the level.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { forbidden } from '../lib/errors.ts'
import { authenticate } from './auth.ts'

/**
 * public: no token · user: any identity (person or bot) · person: not a bot ·
 * manager: global admin or manager · admin: global admin · refresh: a refresh token.
 */
export type Access = 'public' | 'user' | 'person' | 'manager' | 'admin' | 'refresh'

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
}

const LEVELS: ReadonlySet<string> = new Set(['public', 'user', 'person', 'manager', 'admin', 'refresh'])

export default fp(
  async function access(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      const level = (route.config as { access?: string } | undefined)?.access
      if (route.url.startsWith('/apidocs')) {
        route.config = { ...(route.config ?? {}), access: 'public' } as typeof route.config
        return
      }
      if (!level || !LEVELS.has(level)) {
        throw new Error(`route ${route.method} ${route.url} declares no access level (config.access)`)
      }
    })

    app.addHook('onRequest', async (req) => {
      const level = req.routeOptions.config.access
      if (!level || level === 'public') return
      const actor = await authenticate(app, req, level)
      req.actor = actor
      if (level === 'person' && actor.identityType === 'bot') throw forbidden()
      if (level === 'refresh' && actor.identityType === 'bot') throw forbidden()
      if (level === 'admin' && actor.role !== 'admin') throw forbidden()
      if (level === 'manager' && actor.role !== 'admin' && actor.role !== 'manager') throw forbidden()
    })
  },
  { name: 'access', dependencies: ['auth'] },
)
