import { Type, type Static } from '@sinclair/typebox'

export const LoginBody = Type.Object({
  email: Type.String({ minLength: 1 }),
  password: Type.Optional(Type.String()),
  totp: Type.Optional(Type.String()),
  email_otp: Type.Optional(Type.String()),
  fido_authentication_response: Type.Optional(Type.Any()),
  recovery_code: Type.Optional(Type.String()),
})
export type LoginBody = Static<typeof LoginBody>

const Person = { $ref: 'Person#' }
const Organisation = { $ref: 'Organisation#' }

export const LoginResponse = Type.Object({
  user: Type.Unsafe(Person),
  organisation: Type.Unsafe(Organisation),
  login: Type.Boolean(),
  access_token: Type.String(),
  refresh_token: Type.String(),
  two_factor_authentication_required: Type.Optional(Type.Boolean()),
})

export const AuthenticatedResponse = Type.Object({
  authenticated: Type.Boolean(),
  user: Type.Unsafe({ allOf: [Person, { type: 'object', properties: { fido_devices: { type: 'array', items: { type: 'string' } } } }] }),
  organisation: Type.Unsafe(Organisation),
})

const Required = Type.String({ minLength: 1 })

export const ChangePasswordBody = Type.Object({ old_password: Required, password: Required, password_2: Required })
export type ChangePasswordBody = Static<typeof ChangePasswordBody>

export const ResetRequestBody = Type.Object({ email: Required })
export type ResetRequestBody = Static<typeof ResetRequestBody>

export const ResetBody = Type.Object({ email: Required, token: Required, password: Required, password2: Required })
export type ResetBody = Static<typeof ResetBody>

/** The one factor that disabling a method or regenerating recovery codes asks for. */
export const FactorBody = Type.Object({
  totp: Type.Optional(Type.String()),
  email_otp: Type.Optional(Type.String()),
  fido_authentication_response: Type.Optional(Type.Any()),
  recovery_code: Type.Optional(Type.String()),
})
export type FactorBody = Static<typeof FactorBody>

export const TotpBody = Type.Object({ totp: Required })
export const EmailOtpBody = Type.Object({ email_otp: Required })
export const FidoRegisterBody = Type.Object({ registration_response: Type.Any(), device_name: Required })
export type FidoRegisterBody = Static<typeof FidoRegisterBody>
export const FidoDeleteBody = Type.Composite([FactorBody, Type.Object({ device_name: Required })])
export type FidoDeleteBody = Static<typeof FidoDeleteBody>
export const EmailQuery = Type.Object({ email: Type.Optional(Type.String()) })

export const Success = Type.Object({ success: Type.Boolean() })
export const EnrolledResponse = Type.Object({
  otp_recovery_codes: Type.Union([Type.Array(Type.String()), Type.Null()]),
  access_token: Type.String(),
  refresh_token: Type.String(),
})
/** WebAuthn options are open JSON (WebAuthn's JSON form). */
export const OpenObject = Type.Object({}, { additionalProperties: true })

/** SAML/OIDC errors: `error` is the message string (auth.md §11). */
export const SsoErrorResponse = Type.Object({ error: Type.String() })
