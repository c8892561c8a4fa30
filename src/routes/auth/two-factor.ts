// 2FA enrolment and management (auth.md §6.8–6.19, §10): TOTP, e-mail OTP, recovery codes
// and FIDO. Enabling a method answers fresh, unrestricted tokens; disabling one, new
// recovery codes and removing a device each need a valid factor (wrong ones count toward
// the lockout like a wrong password).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, wrongParameter } from '../../lib/errors.ts'
import type { Person } from '../../generated/prisma/client.ts'
import { countFailure, findLoginPerson, isLockedOut } from '../../auth/login.ts'
import { disableMethod, enableMethod, enabledMethods, newRecoveryCodes, verifyFactor, type FactorInput, type Method } from '../../auth/two-factor.ts'
import { checkTotp, newTotpSecret, totpUri } from '../../auth/totp.ts'
import { checkEmailOtp, sendEmailOtp } from '../../auth/email-otp.ts'
import { NoChallenge, authenticationOptions, registrationOptions, storedCredentials, verifyRegistration } from '../../auth/fido.ts'
import { isBrowser, issueTokens, setAuthCookies } from '../../auth/tokens.ts'
import { getOrCreateOrganisation } from '../../services/organisation.ts'
import { formFallback } from './form-fallback.ts'
import { limitedPublic } from '../../plugins/rate-limit.ts'
import {
  EmailOtpBody, EmailQuery, EnrolledResponse, FactorBody, FidoDeleteBody, FidoRegisterBody, OpenObject, Success, TotpBody,
  type FidoDeleteBody as FidoDelete, type FidoRegisterBody as FidoRegister,
} from './schemas.ts'
import { Type } from '@sinclair/typebox'

const fail = (message: string, extra: Record<string, unknown> = {}) => new AppError(400, { error: true, message, ...extra })
const wrongOtp = () => fail('OTP verification failed.', { wrong_OTP: true })

async function me(app: FastifyInstance, req: FastifyRequest): Promise<Person> {
  const person = await app.db.person.findUnique({ where: { id: req.actor!.id } })
  if (!person) throw fail('Person not found.')
  return person
}

/** A factor from the body, or `wrong` (the lockout of §7.3 applies to factors too). */
async function requireFactor(app: FastifyInstance, person: Person, body: FactorInput, wrong: () => AppError = wrongOtp) {
  if (await isLockedOut(app, person)) throw fail('Too many failed login attempts.', { too_many_failed_login_attemps: true })
  const result = await verifyFactor(app, person, body ?? {})
  if (result === 'ok') return
  if (result === 'wrong') await countFailure(app, person.id)
  throw wrong()
}

/** The answer of a successful enrolment: recovery codes (first method only) and fresh tokens. */
function enrolled(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, personId: string, codes: string[] | null) {
  const tokens = issueTokens(app, personId, false)
  if (isBrowser(req)) setAuthCookies(req, reply, tokens)
  return { otp_recovery_codes: codes, access_token: tokens.access_token, refresh_token: tokens.refresh_token }
}

async function disable(app: FastifyInstance, req: FastifyRequest, method: Method, notEnabled: string, data: Record<string, unknown>) {
  const person = await me(app, req)
  if (!enabledMethods(person).length) throw fail(notEnabled)
  await requireFactor(app, person, req.body as FactorInput)
  if (!person[`${method}_enabled`]) throw fail(notEnabled)
  await disableMethod(app, person, method, data)
  return { success: true }
}

function emailArg(query: { email?: string }): string {
  if (!query.email) throw wrongParameter('Missing required parameter: email')
  return query.email
}

export default async function twoFactorRoutes(app: FastifyInstance) {
  const person = { access: 'person' as const }
  const tags = ['auth']

  app.put('/auth/totp', {
    schema: { tags, response: { 200: Type.Object({ totp_provisionning_uri: Type.String(), otp_secret: Type.String() }) } },
    config: person,
  }, async (req) => {
    const p = await me(app, req)
    if (p.totp_enabled) throw fail('TOTP already enabled.')
    const secret = newTotpSecret()
    await app.db.person.update({ where: { id: p.id }, data: { totp_secret: secret } })
    const organisation = await getOrCreateOrganisation(app.db)
    return { totp_provisionning_uri: totpUri(organisation.name, p.email ?? '', secret), otp_secret: secret }
  })

  app.post<{ Body: { totp: string } }>('/auth/totp', {
    schema: { tags, body: TotpBody, response: { 200: EnrolledResponse } },
    config: person,
    preValidation: formFallback,
  }, async (req, reply) => {
    const p = await me(app, req)
    if (p.totp_enabled) throw fail('TOTP already enabled.')
    if (!(await checkTotp(p.totp_secret, req.body.totp))) throw fail('TOTP verification failed.', { wrong_OTP: true })
    return enrolled(app, req, reply, p.id, await enableMethod(app, p, 'totp'))
  })

  app.delete('/auth/totp', {
    schema: { tags, body: FactorBody, response: { 200: Success } },
    config: person,
    preValidation: formFallback,
  }, (req) => disable(app, req, 'totp', 'TOTP not enabled.', { totp_secret: null }))

  app.get<{ Querystring: { email?: string } }>('/auth/email-otp', {
    schema: { tags, querystring: EmailQuery, response: { 200: Success } },
    config: limitedPublic(app),
  }, async (req) => {
    const p = await findLoginPerson(app, emailArg(req.query))
    if (p?.active && p.email_otp_enabled) await sendEmailOtp(app, p)
    return { success: true }
  })

  app.put('/auth/email-otp', {
    schema: { tags, response: { 200: Success } },
    config: person,
  }, async (req) => {
    const p = await me(app, req)
    if (p.email_otp_enabled) throw fail('OTP by email already enabled.')
    const secret = newTotpSecret()
    await app.db.person.update({ where: { id: p.id }, data: { email_otp_secret: secret } })
    await sendEmailOtp(app, p, secret)
    return { success: true }
  })

  app.post<{ Body: { email_otp: string } }>('/auth/email-otp', {
    schema: { tags, body: EmailOtpBody, response: { 200: EnrolledResponse } },
    config: person,
    preValidation: formFallback,
  }, async (req, reply) => {
    const p = await me(app, req)
    if (p.email_otp_enabled) throw fail('OTP by email already enabled.')
    if (!(await checkEmailOtp(app, p, req.body.email_otp))) throw fail('OTP by email verification failed.', { wrong_OTP: true })
    return enrolled(app, req, reply, p.id, await enableMethod(app, p, 'email_otp'))
  })

  app.delete('/auth/email-otp', {
    schema: { tags, body: FactorBody, response: { 200: Success } },
    config: person,
    preValidation: formFallback,
  }, (req) => disable(app, req, 'email_otp', 'OTP by email not enabled.', { email_otp_secret: null }))

  app.put('/auth/recovery-codes', {
    schema: { tags, body: FactorBody, response: { 200: Type.Object({ otp_recovery_codes: Type.Array(Type.String()) }) } },
    config: person,
    preValidation: formFallback,
  }, async (req) => {
    const p = await me(app, req)
    if (!enabledMethods(p).length) throw fail('No two factor authentication enabled.')
    await requireFactor(app, p, req.body as FactorInput)
    return { otp_recovery_codes: await newRecoveryCodes(app, p.id) }
  })

  app.get<{ Querystring: { email?: string } }>('/auth/fido', {
    schema: { tags, querystring: EmailQuery, response: { 200: OpenObject } },
    config: limitedPublic(app),
  }, async (req) => {
    const p = await findLoginPerson(app, emailArg(req.query))
    if (!p?.active || !p.fido_enabled) throw fail('FIDO not enabled.')
    return authenticationOptions(app, p)
  })

  app.put('/auth/fido', {
    schema: { tags, response: { 200: OpenObject } },
    config: person,
  }, async (req) => registrationOptions(app, await me(app, req)))

  app.post<{ Body: FidoRegister }>('/auth/fido', {
    schema: { tags, body: FidoRegisterBody, response: { 200: EnrolledResponse } },
    config: person,
    preValidation: formFallback,
  }, async (req, reply) => {
    const p = await me(app, req)
    let credential
    try {
      credential = await verifyRegistration(app, p, req.body.registration_response, req.body.device_name)
    } catch (err) {
      if (err instanceof NoChallenge) throw fail('No preregistration before.')
      throw err
    }
    if (!credential) throw fail('FIDO server exception your registration response is probly wrong.')
    const credentials = [...storedCredentials(p), credential]
    const codes = await enableMethod(app, p, 'fido', { fido_credentials: credentials })
    return enrolled(app, req, reply, p.id, codes)
  })

  app.delete<{ Body: FidoDelete }>('/auth/fido', {
    schema: { tags, body: FidoDeleteBody, response: { 200: Success } },
    config: person,
    preValidation: formFallback,
  }, async (req) => {
    const p = await me(app, req)
    if (!p.fido_enabled) throw fail('FIDO not enabled.')
    await requireFactor(app, p, req.body, () => fail('Wrong OTP.'))
    const remaining = storedCredentials(p).filter((c) => c.device_name !== req.body.device_name)
    if (remaining.length) await app.db.person.update({ where: { id: p.id }, data: { fido_credentials: remaining as never } })
    else await disableMethod(app, p, 'fido', { fido_credentials: [] })
    return { success: true }
  })
}
