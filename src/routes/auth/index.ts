// /auth/login, /auth/logout, /auth/authenticated, /auth/refresh-token (auth.md §6.1–6.4).
import type { FastifyInstance } from 'fastify'
import { logIn, padFailure } from '../../auth/login.ts'
import { needsTwoFactorSetup } from '../../auth/two-factor.ts'
import { clearAuthCookies, clientIp, isBrowser, refreshAccessToken, revokeTokens, setAuthCookies } from '../../auth/tokens.ts'
import { serializePerson } from '../../services/persons.ts'
import { getOrCreateOrganisation, serializeOrganisation } from '../../services/organisation.ts'
import { notFound } from '../../lib/errors.ts'
import { AuthenticatedResponse, LoginBody, LoginResponse } from './schemas.ts'
import { formFallback } from './form-fallback.ts'
import { limitedPublic } from '../../plugins/rate-limit.ts'
import passwordRoutes from './passwords.ts'
import twoFactorRoutes from './two-factor.ts'
import samlRoutes from './saml.ts'

async function personWithOrganisation(app: FastifyInstance, personId: string) {
  const [person, organisation] = await Promise.all([
    app.db.person.findUnique({
      where: { id: personId },
      include: { department_link__person_id: { select: { department_id: true } } },
    }),
    getOrCreateOrganisation(app.db),
  ])
  if (!person) throw notFound()
  const departments = person.department_link__person_id.map((d) => d.department_id)
  return {
    person,
    user: serializePerson(person, departments),
    organisation: serializeOrganisation(organisation, person.role === 'admin'),
  }
}

export default async function authRoutes(app: FastifyInstance) {
  await app.register(passwordRoutes)
  await app.register(twoFactorRoutes)
  await app.register(samlRoutes)

  app.post<{ Body: LoginBody }>('/auth/login', {
    schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse } },
    config: limitedPublic(app),
    preValidation: formFallback,
  }, async (req, reply) => {
    const started = Date.now()
    const { personId, tokens, restricted } = await padFailure(started, logIn(app, req.body))
    const browser = isBrowser(req)
    const [{ user, organisation }] = await Promise.all([
      personWithOrganisation(app, personId),
      app.db.loginLog.create({ data: { person_id: personId, ip_address: clientIp(req).slice(0, 50), origin: browser ? 'web' : 'script' } }),
    ])
    if (browser) setAuthCookies(req, reply, tokens)
    return {
      user, organisation, login: true, access_token: tokens.access_token, refresh_token: tokens.refresh_token,
      ...(restricted ? { two_factor_authentication_required: true } : {}),
    }
  })

  app.get('/auth/logout', {
    schema: { tags: ['auth'], response: { 200: { type: 'object', properties: { logout: { type: 'boolean' } } } } },
    config: { access: 'person' },
  }, async (req, reply) => {
    const { claims } = req.actor!
    if (claims.identity_type === 'person') {
      const refresh = claims.refresh_jti ? [{ jti: claims.refresh_jti, exp: claims.iat + app.config.refreshTokenTtl }] : []
      await revokeTokens(app, [claims, ...refresh])
    }
    if (isBrowser(req)) clearAuthCookies(req, reply)
    return { logout: true }
  })

  app.get('/auth/authenticated', {
    schema: { tags: ['auth'], response: { 200: AuthenticatedResponse } },
    config: { access: 'user' },
  }, async (req) => {
    const { person, user, organisation } = await personWithOrganisation(app, req.actor!.id)
    const devices = ((person.fido_credentials ?? []) as Array<{ device_name?: string }>).map((c) => c.device_name ?? '')
    return { authenticated: true, user: { ...user, fido_devices: devices }, organisation }
  })

  app.get('/auth/refresh-token', {
    schema: {
      tags: ['auth'],
      response: { 200: { type: 'object', properties: { access_token: { type: 'string' }, refresh: { type: 'boolean' } } } },
    },
    config: { access: 'refresh' },
  }, async (req, reply) => {
    const { claims } = req.actor!
    const person = await app.db.person.findUnique({ where: { id: req.actor!.id } })
    // Zou: the restriction is recomputed; it only applies while 2FA is enforced and unset.
    const restricted = !!person && needsTwoFactorSetup(app, person)
    const access_token = refreshAccessToken(app, claims, restricted)
    if (isBrowser(req)) {
      setAuthCookies(req, reply, { access_token })
      clearAuthCookies(req, reply, 'refresh')
      return { refresh: true }
    }
    return { access_token }
  })
}
