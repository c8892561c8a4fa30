// FIDO2 / WebAuthn (auth.md §10.3) with @simplewebauthn/server: registration options and
// verification, log-in challenge and assertion check. The relying party is `Kitsu` on the
// host of DOMAIN_NAME; the origin is DOMAIN_PROTOCOL://DOMAIN_NAME. Each challenge is kept
// server-side and spent by the first verification, so an assertion cannot be replayed.
import type { FastifyInstance } from 'fastify'
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server'
import type { Person } from '../generated/prisma/client.ts'
import { consumeToken, readToken, storeToken } from './one-time-tokens.ts'

/** A registered authenticator as stored in person.fido_credentials (Slate's own format). */
export interface StoredCredential {
  device_name: string
  credential_id: string
  public_key: string
  counter: number
  aaguid: string
  transports?: string[]
}

const CHALLENGE_TTL_S = 10 * 60

const rpId = (app: FastifyInstance) => app.config.domainName.split(':')[0]
const origin = (app: FastifyInstance) => `${app.config.domainProtocol}://${app.config.domainName}`

export const storedCredentials = (person: Pick<Person, 'fido_credentials'>): StoredCredential[] =>
  ((person.fido_credentials ?? []) as unknown as StoredCredential[]).filter((c) => c && typeof c.credential_id === 'string')

/** PUT /auth/fido: creation options; the challenge is kept for POST /auth/fido. */
export async function registrationOptions(app: FastifyInstance, person: Person) {
  const options = await generateRegistrationOptions({
    rpName: 'Kitsu',
    rpID: rpId(app),
    userName: person.email ?? person.id,
    userID: new TextEncoder().encode(person.id),
    userDisplayName: `${person.first_name ?? ''} ${person.last_name ?? ''}`.trim(),
    attestationType: 'none',
    excludeCredentials: storedCredentials(person).map((c) => ({ id: c.credential_id })),
    authenticatorSelection: { authenticatorAttachment: 'cross-platform', userVerification: 'preferred' },
  })
  await storeToken(app.db, 'fido-challenge', `register:${person.id}`, options.challenge, CHALLENGE_TTL_S)
  return options
}

/** POST /auth/fido: verifies the attestation; the new credential, or null when refused. */
export async function verifyRegistration(app: FastifyInstance, person: Person, response: unknown, deviceName: string): Promise<StoredCredential | null> {
  const key = `register:${person.id}`
  const challenge = await readToken(app.db, 'fido-challenge', key)
  if (!challenge) throw new NoChallenge()
  let info
  try {
    const verification = await verifyRegistrationResponse({
      response: response as never,
      expectedChallenge: challenge,
      expectedOrigin: origin(app),
      expectedRPID: rpId(app),
      requireUserVerification: false,
    })
    if (!verification.verified || !verification.registrationInfo) return null
    info = verification.registrationInfo
  } catch {
    return null
  }
  if (!(await consumeToken(app.pool, 'fido-challenge', key, challenge))) return null
  return {
    device_name: deviceName,
    credential_id: info.credential.id,
    public_key: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    aaguid: info.aaguid,
    ...(info.credential.transports ? { transports: info.credential.transports } : {}),
  }
}

export class NoChallenge extends Error {}

/** GET /auth/fido?email=: request options for the person's credentials; the challenge is kept. */
export async function authenticationOptions(app: FastifyInstance, person: Person) {
  const options = await generateAuthenticationOptions({
    rpID: rpId(app),
    allowCredentials: storedCredentials(person).map((c) => ({ id: c.credential_id, transports: c.transports as never })),
    userVerification: 'preferred',
  })
  await storeToken(app.db, 'fido-challenge', `login:${person.id}`, options.challenge, CHALLENGE_TTL_S)
  return options
}

/** Verifies a log-in assertion against the kept challenge (spent here) and updates the counter. */
export async function checkFidoAssertion(app: FastifyInstance, person: Person, response: unknown): Promise<boolean> {
  const key = `login:${person.id}`
  const challenge = await readToken(app.db, 'fido-challenge', key)
  const id = (response as { id?: unknown } | null)?.id
  const credentials = storedCredentials(person)
  const credential = credentials.find((c) => c.credential_id === id)
  if (!challenge || !credential) return false
  try {
    const verification = await verifyAuthenticationResponse({
      response: response as never,
      expectedChallenge: challenge,
      expectedOrigin: origin(app),
      expectedRPID: rpId(app),
      credential: { id: credential.credential_id, publicKey: Buffer.from(credential.public_key, 'base64url'), counter: credential.counter },
      requireUserVerification: false,
    })
    if (!verification.verified) return false
    if (!(await consumeToken(app.pool, 'fido-challenge', key, challenge))) return false
    const updated = credentials.map((c) => (c === credential ? { ...c, counter: verification.authenticationInfo.newCounter } : c))
    await app.db.person.update({ where: { id: person.id }, data: { fido_credentials: updated as never } })
    return true
  } catch {
    return false
  }
}
