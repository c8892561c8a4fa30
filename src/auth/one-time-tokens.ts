// One-time tokens the server keeps (auth.md §9), one per (kind, key), with an expiry.
import type { Db, Pool } from '../db/client.ts'

export type TokenKind = 'reset-password' | 'email-otp' | 'fido-challenge' | 'saml-assertion'

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

/**
 * Deletes the token only if it still holds this value and has not expired: true for exactly
 * one caller, so a single-use token cannot be spent twice by concurrent requests.
 */
export async function consumeToken(pool: Pool, kind: TokenKind, key: string, token: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    'DELETE FROM auth_token WHERE kind = $1 AND key = $2 AND token = $3 AND expires_at > now()',
    [kind, key, token],
  )
  return rowCount === 1
}

/**
 * Records (kind, key) as used until `expiresAt`: true for exactly one caller while the
 * record lives (an expired record is taken over). Expired records of the kind are pruned.
 */
export async function claimOnce(pool: Pool, kind: TokenKind, key: string, expiresAt: Date): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO auth_token (kind, key, token, expires_at) VALUES ($1, $2, '', $3::timestamptz)
     ON CONFLICT (kind, key) DO UPDATE SET expires_at = EXCLUDED.expires_at, created_at = now()
     WHERE auth_token.expires_at <= now()`,
    [kind, key, expiresAt],
  )
  if (rowCount === 1) {
    await pool.query(
      'DELETE FROM auth_token WHERE kind = $1 AND key IN (SELECT key FROM auth_token WHERE kind = $1 AND expires_at < now() LIMIT 100)',
      [kind],
    )
  }
  return rowCount === 1
}
