// Signed download links: a self-contained token naming one stored object (bucket, key, content
// type, download name, inline flag) and an expiry, authenticated with HMAC-SHA256 under a key
// derived from the app's secret key. Whoever holds the link may download until it expires,
// without a JWT (players, <video> tags, links handed to other tools).
import { createHmac, timingSafeEqual } from 'node:crypto'
import { BUCKETS, checkKey, StorageKeyError, type Bucket } from '../storage/index.ts'

export interface SignedFile {
  bucket: Bucket
  key: string
  mimetype: string
  downloadName: string
  inline: boolean
  /** Expiry, Unix seconds. */
  expires: number
}

export type VerifyResult = { ok: true; file: SignedFile } | { ok: false; reason: 'invalid' | 'expired' }

/** Tokens live in one path segment, which the router caps at 500 characters. */
const MAX_TOKEN = 490

/** A key of its own for signed links (the JWT key is not reused for another purpose). */
const linkKey = (secret: string) => createHmac('sha256', secret).update('slate signed download links v1').digest()
const mac = (secret: string, payload: string) => createHmac('sha256', linkKey(secret)).update(payload).digest()

/** The name cut to `max` characters, its extension kept. */
function shortName(name: string, max: number): string {
  const chars = [...name]
  if (chars.length <= max) return name
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : ''
  return chars.slice(0, Math.max(1, max - ext.length)).join('') + ext
}

export function signFile(secret: string, file: SignedFile): string {
  // Odd client-sent mimetypes are not worth a long link: the bytes are sent as a download.
  const mimetype = file.mimetype.length <= 100 ? file.mimetype : 'application/octet-stream'
  for (let max = 200; ; max = Math.floor(max / 2)) {
    const payload = Buffer.from(JSON.stringify([
      BUCKETS.indexOf(file.bucket), file.key, mimetype, shortName(file.downloadName, max), file.inline ? 1 : 0, file.expires,
    ])).toString('base64url')
    const token = `${payload}.${mac(secret, payload).toString('base64url')}`
    if (token.length <= MAX_TOKEN || max <= 8) return token
  }
}

/** Checks the signature (constant time) first, then the payload's shape, then the expiry. */
export function verifyFile(secret: string, token: string, now = Date.now()): VerifyResult {
  const invalid = { ok: false, reason: 'invalid' } as const
  const parts = token.split('.')
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]) || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return invalid
  // Compared as text: base64 decoding ignores the spare bits of the last character, so a
  // changed last character could decode to the same bytes and pass a byte comparison.
  const given = Buffer.from(parts[1])
  const expected = Buffer.from(mac(secret, parts[0]).toString('base64url'))
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid
  let fields: unknown
  try {
    fields = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'))
  } catch {
    return invalid
  }
  if (!Array.isArray(fields) || fields.length !== 6) return invalid
  const [bucketIndex, key, mimetype, downloadName, inline, expires] = fields
  const bucket = BUCKETS[bucketIndex as number]
  if (!bucket || typeof key !== 'string' || typeof mimetype !== 'string' || typeof downloadName !== 'string'
    || (inline !== 0 && inline !== 1) || !Number.isSafeInteger(expires)) return invalid
  try {
    checkKey(key)
  } catch (err) {
    if (err instanceof StorageKeyError) return invalid
    throw err
  }
  if (expires * 1000 <= now) return { ok: false, reason: 'expired' }
  return { ok: true, file: { bucket, key, mimetype, downloadName, inline: inline === 1, expires } }
}
