// GET /auth/saml/login and POST /auth/saml/sso (auth.md §6 rows 20–21, §11.1). The identity
// provider posts its response as an HTML form: application/x-www-form-urlencoded bodies are
// parsed for these routes only (@fastify/formbody in this encapsulated plugin); the rest of
// the API keeps answering 415 to them as Zou does.
import formbody from '@fastify/formbody'
import type { FastifyInstance } from 'fastify'
import { SamlClient, samlLogIn } from '../../auth/saml.ts'
import { finishSsoLogin } from '../../auth/sso.ts'
import { AppError } from '../../lib/errors.ts'
import { limitedPublic } from '../../plugins/rate-limit.ts'

/** SAML responses are a few tens of kilobytes; nothing legitimate comes near this. */
const SSO_BODY_LIMIT = 1024 * 1024

const Redirect = { description: 'Redirect (Location header)', type: 'null' }

const notEnabled = () => new AppError(400, { error: 'SAML is not enabled.' })

export default async function samlRoutes(app: FastifyInstance) {
  await app.register(formbody, { bodyLimit: SSO_BODY_LIMIT })
  const settings = app.config.saml
  const client = settings.enabled ? new SamlClient(app.config, app.log) : null
  if (client) {
    // Start-up download, not awaited: an unreachable provider must not hold the server back.
    app.addHook('onReady', async () => { void client.load() })
    app.addHook('onClose', async () => { client.close() })
  }
  const tags = ['auth']

  app.get('/auth/saml/login', {
    schema: { tags, response: { 302: Redirect } },
    config: limitedPublic(app),
  }, async (_req, reply) => {
    if (!client) throw notEnabled()
    return reply.redirect(await client.loginUrl(), 302)
  })

  app.post<{ Body: { SAMLResponse?: unknown } | undefined }>('/auth/saml/sso', {
    bodyLimit: SSO_BODY_LIMIT,
    // No body schema: with SAML off the answer is "not enabled" whatever the body (Zou).
    schema: { tags, response: { 302: Redirect } },
    config: limitedPublic(app),
  }, async (req, reply) => {
    if (!client) throw notEnabled()
    const samlResponse = req.body?.SAMLResponse
    if (typeof samlResponse !== 'string' || !samlResponse) throw new AppError(400, { error: 'Missing SAMLResponse.' })
    const person = await samlLogIn(app, client, samlResponse, req.log)
    return finishSsoLogin(app, req, reply, person, settings.skip2fa)
  })
}
