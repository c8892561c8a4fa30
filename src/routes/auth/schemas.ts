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
