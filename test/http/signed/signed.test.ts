// Signed download links: minted by someone who may read the file, served to anyone holding
// the link (no JWT) with the exact bytes and byte ranges, refused once expired or altered.
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { signFile, verifyFile } from '../../../src/lib/signed-url.ts'
import { bytes, storeAttachment, storePreview } from './helpers.ts'

interface SignedApp extends FileApp {
  manager: TestPerson
  outsider: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}
const file = useFileAppWith<SignedApp>(async ({ t }) => {
  const manager = await as(t.app, 'manager')
  const outsider = await as(t.app, 'user')
  return { manager, outsider, prod: await makeProduction(t.app, [{ id: manager.id }]) }
})

const movie = bytes(50_000)
const picture = bytes(3_000)

async function mint(person: TestPerson, url: string) {
  return file.t.app.inject({ method: 'GET', url, headers: person.headers })
}
const open = (url: string, headers: Record<string, string> = {}) => file.t.app.inject({ method: 'GET', url, headers })
const secret = () => file.t.config.secretKey!

describe('attachment links', () => {
  it('serves the exact bytes without auth, and ranges on them', async () => {
    const id = await storeAttachment(file.t.app, file.manager, file.prod.task.id, file.prod.status.id, { name: 'cut.mov', type: 'video/quicktime', data: movie })
    const before = Date.now()
    const res = await mint(file.manager, `/data/attachment-files/${id}/signed-url?expires_in=120`)
    expect(res.statusCode).toBe(200)
    const { url, expires_at } = res.json()
    expect(url).toMatch(/^\/api\/signed-files\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    const expiry = Date.parse(expires_at)
    expect(expiry).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 120_000)
    expect(expiry).toBeLessThanOrEqual(Date.now() + 121_000)

    const whole = await open(url)
    expect(whole.statusCode).toBe(200)
    expect(whole.rawPayload.equals(movie)).toBe(true)
    expect(whole.headers['content-type']).toBe('video/quicktime')
    expect(whole.headers['content-disposition']).toMatch(/^attachment; filename="cut.mov"/) // not an inline type
    expect(whole.headers['accept-ranges']).toBe('bytes')

    const part = await open(url, { range: 'bytes=40000-40099' })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe('bytes 40000-40099/50000')
    expect(part.rawPayload.equals(movie.subarray(40000, 40100))).toBe(true)
  })

  it('is minted only by those who may download the attachment', async () => {
    const id = await storeAttachment(file.t.app, file.manager, file.prod.task.id, file.prod.status.id, { name: 'a.txt', type: 'text/plain', data: picture })
    expect((await mint(file.outsider, `/data/attachment-files/${id}/signed-url`)).statusCode).toBe(403)
    expect((await file.t.app.inject({ method: 'GET', url: `/data/attachment-files/${id}/signed-url` })).statusCode).toBe(401)
    expect((await mint(file.manager, '/data/attachment-files/00000000-0000-4000-8000-000000000000/signed-url')).statusCode).toBe(404)
    expect((await mint(file.manager, '/data/attachment-files/not-a-uuid/signed-url')).statusCode).toBe(404)
  })

  it('checks expires_in: a whole number of seconds, at most 7 days', async () => {
    const id = await storeAttachment(file.t.app, file.manager, file.prod.task.id, file.prod.status.id, { name: 'b.txt', type: 'text/plain', data: picture })
    for (const bad of ['0', '-5', '1.5', 'soon', String(7 * 24 * 3600 + 1)]) {
      const res = await mint(file.manager, `/data/attachment-files/${id}/signed-url?expires_in=${bad}`)
      expect(res.statusCode, bad).toBe(400)
      expect(res.json().message).toMatch(/expires_in/)
    }
    const week = await mint(file.manager, `/data/attachment-files/${id}/signed-url?expires_in=${7 * 24 * 3600}`)
    expect(week.statusCode).toBe(200)
    // Default lifetime: SIGNED_URL_TTL.
    const plain = await mint(file.manager, `/data/attachment-files/${id}/signed-url`)
    expect(Date.parse(plain.json().expires_at) - Date.now()).toBeGreaterThan((file.t.config.signedUrlTtl - 5) * 1000)
    expect(Date.parse(plain.json().expires_at) - Date.now()).toBeLessThanOrEqual(file.t.config.signedUrlTtl * 1000)
  })
})

describe('refused links', () => {
  const token = (expires: number) => signFile(secret(), {
    bucket: 'files', key: 'attachments-0123456789', mimetype: 'text/plain', downloadName: 'x.txt', inline: false, expires,
  })

  it('answers 403 "This link has expired." past the expiry', async () => {
    await file.t.app.storage.put('files', 'attachments-0123456789', Buffer.from('secret bytes'))
    const live = await open(`/api/signed-files/${token(Math.floor(Date.now() / 1000) + 60)}`)
    expect(live.statusCode).toBe(200)
    expect(live.body).toBe('secret bytes')
    const res = await open(`/api/signed-files/${token(Math.floor(Date.now() / 1000) - 1)}`)
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ error: true, message: 'This link has expired.' })
    expect(res.body).not.toContain('secret bytes')
  })

  it('answers 403 to a link with any character changed, or garbage', async () => {
    const good = token(Math.floor(Date.now() / 1000) + 60)
    const flips: string[] = []
    for (const at of [0, 10, good.indexOf('.') - 1, good.indexOf('.') + 1, good.length - 1]) {
      const c = good[at]
      flips.push(good.slice(0, at) + (c === 'A' ? 'B' : 'A') + good.slice(at + 1))
    }
    for (const bad of [...flips, 'garbage', 'a.b', `${good}.x`, good.split('.')[0], 'x.']) {
      const res = await open(`/signed-files/${encodeURIComponent(bad)}`)
      expect(res.statusCode, bad).toBe(403)
      expect(res.json()).toEqual({ error: true, message: 'This link is not valid.' })
    }
    // Signed with another secret.
    const foreign = signFile('another-secret', { bucket: 'files', key: 'attachments-0123456789', mimetype: 'text/plain', downloadName: 'x', inline: false, expires: Math.floor(Date.now() / 1000) + 60 })
    expect((await open(`/signed-files/${foreign}`)).statusCode).toBe(403)
  })

  it('verifies signature before expiry, and keys before use', () => {
    const now = Date.now()
    const t = token(Math.floor(now / 1000) + 10)
    expect(verifyFile(secret(), t, now)).toMatchObject({ ok: true, file: { bucket: 'files', key: 'attachments-0123456789', downloadName: 'x.txt' } })
    expect(verifyFile(secret(), t, now + 11_000)).toEqual({ ok: false, reason: 'expired' })
    expect(verifyFile('wrong', t, now + 11_000)).toEqual({ ok: false, reason: 'invalid' })
    const traversal = signFile(secret(), { bucket: 'files', key: 'previews-../../etc', mimetype: 'x', downloadName: 'x', inline: false, expires: Math.floor(now / 1000) + 10 })
    expect(verifyFile(secret(), traversal, now)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('keeps tokens within one path segment, even for long names', async () => {
    await file.t.app.storage.put('files', 'attachments-0123456789', Buffer.from('n'))
    const t = signFile(secret(), { bucket: 'files', key: 'attachments-0123456789', mimetype: 'text/plain', downloadName: `${'é'.repeat(400)}.txt`, inline: false, expires: Math.floor(Date.now() / 1000) + 60 })
    expect(t.length).toBeLessThanOrEqual(490)
    const res = await open(`/signed-files/${t}`)
    expect(res.statusCode).toBe(200)
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1])).toMatch(/^é+\.txt$/)
  })
})

describe('preview links', () => {
  it('serves a stored variant inline with its content type, and the download under its name', async () => {
    const id = await storePreview(file.t.app, file.prod.task.id, 'mp4', [['movies', 'previews', movie], ['pictures', 'thumbnails', picture]])
    const thumb = await mint(file.manager, `/data/preview-files/${id}/signed-url?variant=thumbnail`)
    expect(thumb.statusCode).toBe(200)
    const shown = await open(thumb.json().url)
    expect(shown.headers['content-type']).toBe('image/png')
    expect(shown.headers['content-disposition']).toMatch(/^inline; filename="/)
    expect(shown.rawPayload.equals(picture)).toBe(true)

    const low = await mint(file.manager, `/data/preview-files/${id}/signed-url?variant=movie-low&expires_in=30`)
    expect(low.statusCode).toBe(200) // falls back to the HD movie, as the serving route does
    const seek = await open(low.json().url, { range: 'bytes=-1000' })
    expect(seek.statusCode).toBe(206)
    expect(seek.headers['content-type']).toBe('video/mp4')
    expect(seek.rawPayload.equals(movie.subarray(49_000))).toBe(true)

    const download = await mint(file.manager, `/data/preview-files/${id}/signed-url?variant=download`)
    const dl = await open(download.json().url)
    expect(dl.statusCode).toBe(200)
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename=".+_v1\.mp4"/)
    expect(dl.rawPayload.equals(movie)).toBe(true)
  })

  it('answers 404 at mint time for variants not stored, 400 for unknown variants, 403 without access', async () => {
    const id = await storePreview(file.t.app, file.prod.task.id, 'png', [['pictures', 'original', picture]])
    for (const variant of ['movie', 'tile', 'preview', 'thumbnail-square', 'file']) {
      expect((await mint(file.manager, `/data/preview-files/${id}/signed-url?variant=${variant}`)).statusCode, variant).toBe(404)
    }
    expect((await mint(file.manager, `/data/preview-files/${id}/signed-url?variant=original`)).statusCode).toBe(200)
    for (const q of ['', '?variant=movie-source', '?variant=../etc']) {
      const res = await mint(file.manager, `/data/preview-files/${id}/signed-url${q}`)
      expect(res.statusCode, q).toBe(400)
      expect(res.json().message).toMatch(/^variant must be one of/)
    }
    expect((await mint(file.outsider, `/data/preview-files/${id}/signed-url?variant=original`)).statusCode).toBe(403)
    expect((await mint(file.manager, '/data/preview-files/00000000-0000-4000-8000-000000000000/signed-url?variant=original')).statusCode).toBe(404)
  })
})
