// routes.md §10.1: the public guest routes of shared playlists. A table: every route answers
// with a valid token, 404 with an expired, inactive or unknown one, and (pw) routes 404 with
// a wrong or missing password. Then what guests do: comments (client-allowed statuses only),
// annotations, previews limited to the playlist, attachments.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { HTTPMethods } from 'fastify'
import { useFileAppWithProduction, type ProductionFileApp } from '../../helpers/file-app.ts'
import { multipart, makeStatus } from '../comments/helpers.ts'
import { makePlaylist, makePreview, makeShareLink } from './helpers.ts'

const file = useFileAppWithProduction()

interface Setup {
  playlistId: string
  movie: string
  pdf: string
  outside: string
  token: string
  pwToken: string
  guest: string
  pwGuest: string
  status: string
  refusedStatus: string
}

let setup: Promise<Setup> | null = null
const ready = (f: ProductionFileApp) => (setup ??= (async () => {
  const { app } = f.t
  const movie = await makePreview(app, f.prod.task.id, { extension: 'mp4', revision: 1 })
  const pdf = await makePreview(app, f.prod.task.id, { extension: 'pdf', revision: 2 })
  const outside = await makePreview(app, f.prod.task.id, { extension: 'png', revision: 3 })
  for (const [bucket, prefix] of [['movies', 'previews'], ['pictures', 'original'], ['pictures', 'thumbnails'], ['pictures', 'tiles']] as const) {
    await app.storage.put(bucket, `${prefix}-${movie.id}`, Buffer.from(`${prefix} bytes`))
  }
  await app.storage.put('files', `previews-${pdf.id}`, Buffer.from('%PDF-1.4 guest'))
  await app.storage.put('pictures', `original-${outside.id}`, Buffer.from('outside'))
  const playlist = await makePlaylist(app, f.prod.project.id, {
    for_client: true, shots: [{ entity_id: f.prod.asset.id, preview_file_id: movie.id }, { entity_id: f.prod.asset.id, preview_file_id: pdf.id }],
  })
  await app.pool.query('INSERT INTO project_task_type_link (project_id, task_type_id, priority) VALUES ($1, $2, 1)', [f.prod.project.id, f.prod.taskType.id])
  const token = await makeShareLink(app, playlist.id, f.manager.id)
  const pwToken = await makeShareLink(app, playlist.id, f.manager.id, { password: 's3cret' })
  const guestOf = async (t: string, q = '') => (await app.inject({ method: 'POST', url: `/shared/playlists/${t}/guest${q}`, payload: { first_name: 'Gus' } })).json().id as string
  const allowed = await makeStatus(app, 'Client ok', { is_client_allowed: true })
  const refused = await makeStatus(app, 'Internal', { is_client_allowed: false })
  return {
    playlistId: playlist.id, movie: movie.id, pdf: pdf.id, outside: outside.id, token, pwToken,
    guest: await guestOf(token), pwGuest: await guestOf(pwToken), status: allowed.id, refusedStatus: refused.id,
  }
})())

async function guestComment(f: ProductionFileApp, token: string, guest: string, text = 'from a guest') {
  const s = await ready(f)
  const res = await f.t.app.inject({
    method: 'POST', url: `/shared/playlists/${token}/comments${token === s.pwToken ? '?password=s3cret' : ''}`,
    payload: { guest_id: guest, task_id: f.prod.task.id, task_status_id: s.status, text },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id as string
}

interface GuestRow {
  method: HTTPMethods
  path: string
  pw?: boolean
  ok: number
  /** The url after `/shared/playlists/<token>` and the payload, for this link. */
  call: (f: ProductionFileApp, s: Setup, token: string, guest: string) => Promise<{ tail: string; payload?: unknown }> | { tail: string; payload?: unknown }
}

const rows: GuestRow[] = [
  { method: 'GET', path: '', pw: true, ok: 200, call: () => ({ tail: '' }) },
  { method: 'POST', path: '/guest', ok: 201, call: () => ({ tail: '/guest', payload: { first_name: 'Ann' } }) },
  { method: 'GET', path: '/comments', pw: true, ok: 200, call: () => ({ tail: '/comments' }) },
  {
    method: 'POST', path: '/comments', pw: true, ok: 201,
    call: (f, s, _t, guest) => ({ tail: '/comments', payload: { guest_id: guest, task_id: f.prod.task.id, task_status_id: s.status, text: 'hi' } }),
  },
  {
    method: 'PUT', path: '/comments/:comment_id', ok: 200,
    call: async (f, _s, token, guest) => ({ tail: `/comments/${await guestComment(f, token, guest)}`, payload: { guest_id: guest, text: 'edited' } }),
  },
  {
    method: 'DELETE', path: '/comments/:comment_id', ok: 204,
    call: async (f, _s, token, guest) => ({ tail: `/comments/${await guestComment(f, token, guest)}`, payload: { guest_id: guest } }),
  },
  {
    method: 'POST', path: '/comments/:comment_id/attachments', ok: 201,
    call: async (f, _s, token, guest) => {
      const form = multipart({ guest_id: guest }, [{ field: 'file', filename: 'note.txt', type: 'text/plain', data: 'a note' }])
      return { tail: `/comments/${await guestComment(f, token, guest)}/attachments`, payload: form }
    },
  },
  {
    method: 'DELETE', path: '/comments/:comment_id/attachments/:attachment_file_id', ok: 204,
    call: async (f, _s, token, guest) => {
      const { comment, attachment } = await attachmentOf(f, token, guest)
      return { tail: `/comments/${comment}/attachments/${attachment}`, payload: { guest_id: guest } }
    },
  },
  {
    method: 'GET', path: '/attachment-files/:attachment_file_id/file/:file_name', ok: 200,
    call: async (f, _s, token, guest) => ({ tail: `/attachment-files/${(await attachmentOf(f, token, guest)).attachment}/file/note.txt` }),
  },
  {
    method: 'PUT', path: '/annotations', ok: 200,
    call: (_f, s, _t, guest) => ({ tail: '/annotations', payload: { guest_id: guest, preview_file_id: s.movie, additions: [{ time: 1, drawing: { objects: [{ type: 'path' }] } }] } }),
  },
  { method: 'GET', path: '/preview-files/:preview_file_id', ok: 200, call: (_f, s) => ({ tail: `/preview-files/${s.movie}` }) },
  { method: 'GET', path: '/movies/originals/preview-files/:preview_file_id.mp4', ok: 200, call: (_f, s) => ({ tail: `/movies/originals/preview-files/${s.movie}.mp4` }) },
  { method: 'GET', path: '/pictures/thumbnails/preview-files/:preview_file_id.png', ok: 200, call: (_f, s) => ({ tail: `/pictures/thumbnails/preview-files/${s.movie}.png` }) },
  { method: 'GET', path: '/pictures/originals/preview-files/:preview_file_id.png', ok: 200, call: (_f, s) => ({ tail: `/pictures/originals/preview-files/${s.movie}.png` }) },
  { method: 'GET', path: '/pictures/originals/preview-files/:preview_file_id.:extension', ok: 200, call: (_f, s) => ({ tail: `/pictures/originals/preview-files/${s.pdf}.pdf` }) },
  { method: 'GET', path: '/movies/tiles/preview-files/:preview_file_id.png', ok: 200, call: (_f, s) => ({ tail: `/movies/tiles/preview-files/${s.movie}.png` }) },
  { method: 'GET', path: '/preview-files/:preview_file_id/download', ok: 200, call: (_f, s) => ({ tail: `/preview-files/${s.movie}/download` }) },
  { method: 'GET', path: '/context', pw: true, ok: 200, call: () => ({ tail: '/context' }) },
]

async function attachmentOf(f: ProductionFileApp, token: string, guest: string) {
  const comment = await guestComment(f, token, guest)
  const form = multipart({ guest_id: guest }, [{ field: 'file', filename: 'note.txt', type: 'text/plain', data: 'a note' }])
  const res = await f.t.app.inject({ method: 'POST', url: `/shared/playlists/${token}/comments/${comment}/attachments`, headers: form.headers, payload: form.payload })
  expect(res.statusCode, res.body).toBe(201)
  return { comment, attachment: res.json().attachment_files[0].id as string }
}

function inject(f: ProductionFileApp, method: HTTPMethods, url: string, payload: unknown) {
  const form = payload as { payload?: Buffer; headers?: Record<string, string> } | undefined
  if (form && Buffer.isBuffer(form.payload)) return f.t.app.inject({ method, url, headers: form.headers, payload: form.payload })
  return f.t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) })
}

describe('shared playlists: guest route table', () => {
  it('registers every route once, at the root and under /api', async () => {
    const s = await ready(file)
    const missing = rows.filter((r) => !file.t.app.hasRoute({ method: r.method, url: `/shared/playlists/:token${r.path}` }))
    expect(missing.map((r) => r.path)).toEqual([])
    const api = await file.t.app.inject({ method: 'GET', url: `/api/shared/playlists/${s.token}/context` })
    expect(api.statusCode).toBe(200)
  })

  for (const row of rows) {
    it(`${row.method} /shared/playlists/:token${row.path}: ${row.ok} with a valid token, 404 otherwise${row.pw ? ', 404 with a wrong password' : ''}`, async () => {
      const f = file
      const s = await ready(f)
      const app = f.t.app
      const wrong: string[] = []
      const expired = await makeShareLink(app, s.playlistId, f.manager.id, { expired: true })
      const inactive = await makeShareLink(app, s.playlistId, f.manager.id, { inactive: true })
      for (const [label, token] of [['expired', expired], ['inactive', inactive], ['unknown', randomUUID()], ['garbage', 'not-a-token']]) {
        const c = await row.call(f, s, s.token, s.guest)
        const res = await inject(f, row.method, `/shared/playlists/${token}${c.tail}`, c.payload)
        if (res.statusCode !== 404) wrong.push(`${label}: ${res.statusCode} ${res.body.slice(0, 120)}`)
      }
      if (row.pw) {
        for (const q of ['', '?password=wrong']) {
          const c = await row.call(f, s, s.pwToken, s.pwGuest)
          const res = await inject(f, row.method, `/shared/playlists/${s.pwToken}${c.tail}${q}`, c.payload)
          if (res.statusCode !== 404) wrong.push(`password "${q}": ${res.statusCode}`)
        }
        const c = await row.call(f, s, s.pwToken, s.pwGuest)
        const res = await inject(f, row.method, `/shared/playlists/${s.pwToken}${c.tail}?password=s3cret`, c.payload)
        if (res.statusCode !== row.ok) wrong.push(`right password: ${res.statusCode} ${res.body.slice(0, 200)}`)
      }
      const c = await row.call(f, s, s.token, s.guest)
      const res = await inject(f, row.method, `/shared/playlists/${s.token}${c.tail}`, c.payload)
      if (res.statusCode !== row.ok) wrong.push(`valid: ${res.statusCode} ${res.body.slice(0, 200)}`)
      expect(wrong).toEqual([])
    })
  }
})
