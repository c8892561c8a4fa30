// Admin actions on accounts (auth.md §13, routes.md §6): invitation, reset-password link,
// setting a password, wiping 2FA. Each refuses bots as targets and tells the person by mail.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { forbidden, notFound } from '../../lib/errors.ts'
import { isUuid } from '../../lib/serialize.ts'
import { randomToken } from '../../auth/password.ts'
import { readToken, storeToken } from '../../auth/one-time-tokens.ts'
import { resetLink } from '../../auth/password-reset.ts'
import { escapeHtml } from '../../auth/email-otp.ts'
import { AccountError, checkPasswordTarget, setPassword, wipeTwoFactor } from '../../services/accounts.ts'
import type { Person } from '../../generated/prisma/client.ts'
import accessTokenRoutes from './access-tokens.ts'

const Params = Type.Object({ person_id: Type.String() })
type Params = Static<typeof Params>
const PasswordBody = Type.Object({ password: Type.String({ minLength: 1 }), password_2: Type.String({ minLength: 1 }) })
const Success = Type.Object({ success: Type.Boolean() })

const INVITATION_TTL_S = 7 * 24 * 3600
const RESET_TTL_S = 2 * 3600

export default async function accountRoutes(app: FastifyInstance) {
  await app.register(accessTokenRoutes)

  async function target(req: FastifyRequest<{ Params: Params }>): Promise<Person> {
    const id = req.params.person_id
    const person = isUuid(id) ? await app.db.person.findUnique({ where: { id } }) : null
    if (!person) throw notFound()
    if (person.is_bot) throw forbidden()
    return person
  }
  const mail = (person: Person, subject: string, lines: string[]) =>
    person.email
      ? app.mailer.send({
        to: person.email, subject,
        text: `Hello ${person.first_name ?? ''},\n\n${lines.join('\n')}\n`,
        html: `<p>Hello ${escapeHtml(person.first_name ?? '')},</p>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}`,
      })
      : Promise.resolve(false)

  app.get<{ Params: Params }>('/actions/persons/:person_id/invite', {
    schema: { tags: ['persons'], params: Params, response: { 200: Type.Object({ success: Type.Boolean(), message: Type.String() }) } },
    config: { access: 'admin' },
  }, async (req) => {
    const person = await target(req)
    if (!person.email) throw new AccountError('This person has no e-mail address.')
    const token = randomToken()
    await storeToken(app.db, 'reset-password', person.email, token, INVITATION_TTL_S)
    await mail(person, 'You are invited to Kitsu', ['An account was created for you. Choose your password within 7 days:', resetLink(app, person.email, token, true)])
    return { success: true, message: 'Email sent' }
  })

  app.post<{ Params: Params }>('/actions/persons/:person_id/reset-password-link', {
    schema: { tags: ['persons'], params: Params, response: { 200: Type.Object({ reset_password_link: Type.String() }) } },
    config: { access: 'admin' },
  }, async (req) => {
    const person = await target(req)
    checkPasswordTarget(app.config, person, req.actor!.id)
    if (!person.email) throw new AccountError('This person has no e-mail address.')
    let token = await readToken(app.db, 'reset-password', person.email)
    if (!token) {
      token = randomToken()
      await storeToken(app.db, 'reset-password', person.email, token, RESET_TTL_S)
    }
    return { reset_password_link: resetLink(app, person.email, token) }
  })

  app.post<{ Params: Params; Body: Static<typeof PasswordBody> }>('/actions/persons/:person_id/change-password', {
    schema: { tags: ['persons'], params: Params, body: PasswordBody, response: { 200: Success } },
    config: { access: 'admin' },
  }, async (req) => {
    const person = await target(req)
    await setPassword(app.db, app.config, person, req.body.password, req.body.password_2, req.actor!.id)
    const by = req.actor!.email ?? 'an administrator'
    await mail(person, 'Your Kitsu password was changed', [`Your password was changed by ${by} (from ${req.ip}).`])
    return { success: true }
  })

  app.delete<{ Params: Params }>('/actions/persons/:person_id/disable-two-factor-authentication', {
    schema: { tags: ['persons'], params: Params, response: { 200: Success } },
    config: { access: 'admin' },
  }, async (req) => {
    const person = await target(req)
    await wipeTwoFactor(app.db, person, { id: req.actor!.id, role: req.actor!.role })
    await mail(person, 'Two-factor authentication disabled', ['An administrator disabled the two-factor authentication of your account.'])
    return { success: true }
  })
}
