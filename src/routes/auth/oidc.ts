// GET /auth/oidc/login and GET /auth/oidc/callback (auth.md §6 rows 22–23, §11.2).
import type { FastifyInstance } from 'fastify'
import { FLOW_TTL, OIDC_MESSAGES, STATE_COOKIE, completeOidcLogin, startOidcLogin } from '../../auth/oidc.ts'
import { finishSsoLogin, ssoError, upsertSsoPerson } from '../../auth/sso.ts'
import { limitedPublic } from '../../plugins/rate-limit.ts'
import { SsoErrorResponse } from './schemas.ts'

export default async function oidcRoutes(app: FastifyInstance) {
  const { oidc } = app.config
  const responses = { 302: { description: 'Redirect (Location header)', type: 'null' }, 400: SsoErrorResponse, 503: SsoErrorResponse }
  const stateCookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: app.config.domainProtocol === 'https' }

  app.get('/auth/oidc/login', {
    schema: { tags: ['auth'], response: responses },
    config: limitedPublic(app),
  }, async (_req, reply) => {
    if (!oidc.enabled) throw ssoError(OIDC_MESSAGES.disabled)
    const { url, state } = await startOidcLogin(app)
    reply.setCookie(STATE_COOKIE, state, { ...stateCookie, maxAge: FLOW_TTL })
    return reply.redirect(url.href, 302)
  })

  app.get('/auth/oidc/callback', {
    schema: { tags: ['auth'], response: responses },
    config: limitedPublic(app),
  }, async (req, reply) => {
    if (!oidc.enabled) throw ssoError(OIDC_MESSAGES.disabled)
    // The browser's state cookie is spent whatever happens next.
    reply.clearCookie(STATE_COOKIE, stateCookie)
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : ''
    const { email, profile } = await completeOidcLogin(app, query, req.cookies[STATE_COOKIE])
    const person = await upsertSsoPerson(app, email, profile)
    return finishSsoLogin(app, req, reply, person, oidc.skip2fa)
  })
}
