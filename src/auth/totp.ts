// TOTP (auth.md §10.1, §10.4): RFC 6238, SHA-1, 6 digits, 30 s steps, one step of drift
// accepted either way; a 32-character base32 secret; the provisioning URI Kitsu shows.
import { generateSecret, verify } from 'otplib'

export const newTotpSecret = (): string => generateSecret()

export async function checkTotp(secret: string | null, code: string): Promise<boolean> {
  if (!secret || !/^\d{6}$/.test(code.trim())) return false
  try {
    return (await verify({ secret, token: code.trim(), epochTolerance: 30 })).valid
  } catch {
    return false
  }
}

/** `otpauth://totp/Kitsu%20<org>:<email>?secret=…&issuer=Kitsu%20<org>` (label and issuer encoded). */
export function totpUri(organisationName: string, email: string, secret: string): string {
  const issuer = `Kitsu ${organisationName}`
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(email)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`
}
