// One-time tokens the server keeps (auth.md §9), one per (kind, key), with an expiry.
import type { Db } from '../db/client.ts'

export type TokenKind = 'reset-password' | 'email-otp' | 'fido-challenge'

export async function storeToken(db: Db, kind: TokenKind, key: string, token: string, ttlSeconds: number) {
  const expires_at = new Date(Date.now() + ttlSeconds * 1000)
  await db.authToken.upsert({
    where: { kind_key: { kind, key } },
    create: { kind, key, token, expires_at },
    update: { token, expires_at, created_at: new Date() },
  })
}

export async function readToken(db: Db, kind: TokenKind, key: string): Promise<string | null> {
  const row = await db.authToken.findUnique({ where: { kind_key: { kind, key } } })
  return row && row.expires_at > new Date() ? row.token : null
}

export async function deleteToken(db: Db, kind: TokenKind, key: string) {
  await db.authToken.deleteMany({ where: { kind, key } })
}
