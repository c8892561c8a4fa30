// bcrypt passwords compatible with Zou's `$2b$` hashes (stored as bytes; the first 72
// bytes of the UTF-8 password count). Unknown accounts cost one comparison too, against a
// dummy hash, so timing does not reveal which addresses exist (auth.md §7.1).
import bcrypt from 'bcrypt'
import { randomBytes } from 'node:crypto'

let dummyHash: string | null = null

/** The hash as the bytes Zou stores in person.password (bytea). */
export async function hashPassword(password: string, rounds: number): Promise<Uint8Array<ArrayBuffer>> {
  return new TextEncoder().encode(await bcrypt.hash(password, rounds)) as Uint8Array<ArrayBuffer>
}

export async function checkPassword(password: string, stored: Uint8Array | null | undefined, rounds: number): Promise<boolean> {
  const hash = stored ? Buffer.from(stored).toString('utf8') : ''
  if (!hash.startsWith('$2')) {
    dummyHash ??= await bcrypt.hash(randomBytes(16).toString('hex'), rounds)
    await bcrypt.compare(password, dummyHash)
    return false
  }
  return bcrypt.compare(password, hash)
}

export function passwordProblem(password: string, confirmation: string | undefined, minLength: number): string | null {
  if (confirmation !== undefined && password !== confirmation) return "Confirmation password doesn't match."
  if (password.length < minLength) return 'Password is too short.'
  return null
}

/** 64 characters from A–Z0–9 (reset, invitation and forced-reset tokens, auth.md §9). */
export function randomToken(length = 64): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes) out += alphabet[b % 36]
  return out
}
