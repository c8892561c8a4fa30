// Personal access tokens (issue 4 §9, beyond Zou): shown once, stored hashed, listed without
// the token, scoped (read / write), limited to projects, expiring, deletable.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { makeProduction } from '../../helpers/fixtures.ts'

const file = useFileAppWithProduction()
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

async function create(body: Record<string, unknown>, headers = file.manager.headers) {
  return file.t.app.inject({ method: 'POST', url: '/api/data/user/access-tokens', headers, payload: body })
}

describe('personal access tokens', () => {
  it('shows the token once, keeps only its hash, and lists it without the token', async () => {
    const res = await create({ name: 'render farm', scopes: ['read'] })
    expect(res.statusCode).toBe(201)
    const created = res.json()
    expect(created.token).toMatch(/^slt_[A-Za-z0-9_-]{40,}$/)
    expect(created).toMatchObject({ name: 'render farm', scopes: ['read'], project_ids: [], expires_at: null, last_used_at: null })
    const { rows } = await file.t.app.pool.query('SELECT token_hash FROM personal_access_token WHERE id = $1', [created.id])
    expect(rows[0].token_hash).toBe(createHash('sha256').update(created.token).digest('hex'))
    expect(JSON.stringify(rows)).not.toContain(created.token)

    expect((await file.t.app.inject({ method: 'GET', url: '/data/projects', headers: bearer(created.token) })).statusCode).toBe(200)
    const list = (await file.t.app.inject({ method: 'GET', url: '/data/user/access-tokens', headers: file.manager.headers })).json()
    const listed = list.find((t: { id: string }) => t.id === created.id)
    expect(listed.token).toBeUndefined()
    expect(listed.last_used_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
  })

  it('refuses writes to a read-only token, and allows them with the write scope', async () => {
    const read = (await create({ name: 'reader', scopes: ['read'] })).json().token
    const write = (await create({ name: 'writer', scopes: ['read', 'write'] })).json().token
    const url = `/data/projects/${file.prod.project.id}`
    expect((await file.t.app.inject({ method: 'PUT', url, headers: bearer(read), payload: { description: 'x' } })).statusCode).toBe(403)
    expect((await file.t.app.inject({ method: 'PUT', url, headers: bearer(write), payload: { description: 'y' } })).statusCode).toBe(200)
  })

  it('limits a token to its projects', async () => {
    const other = await makeProduction(file.t.app, [{ id: file.manager.id }])
    const token = (await create({ name: 'one show', scopes: ['read'], project_ids: [file.prod.project.id] })).json().token
    expect((await file.t.app.inject({ method: 'GET', url: `/data/projects/${file.prod.project.id}`, headers: bearer(token) })).statusCode).toBe(200)
    expect((await file.t.app.inject({ method: 'GET', url: `/data/projects/${other.project.id}`, headers: bearer(token) })).statusCode).toBe(403)
    const tasks = (await file.t.app.inject({ method: 'GET', url: '/data/tasks', headers: bearer(token) })).json()
    expect(tasks.map((t: { project_id: string }) => t.project_id)).not.toContain(other.project.id)
  })

  it('answers 401 once expired or deleted', async () => {
    const created = (await create({ name: 'short', scopes: ['read'], expires_at: new Date(Date.now() + 60_000).toISOString() })).json()
    expect((await file.t.app.inject({ method: 'GET', url: '/data/projects', headers: bearer(created.token) })).statusCode).toBe(200)
    await file.t.app.pool.query(`UPDATE personal_access_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.id])
    expect((await file.t.app.inject({ method: 'GET', url: '/data/projects', headers: bearer(created.token) })).statusCode).toBe(401)

    const gone = (await create({ name: 'gone', scopes: ['read'] })).json()
    expect((await file.t.app.inject({ method: 'DELETE', url: `/data/user/access-tokens/${gone.id}`, headers: file.manager.headers })).statusCode).toBe(204)
    expect((await file.t.app.inject({ method: 'GET', url: '/data/projects', headers: bearer(gone.token) })).statusCode).toBe(401)
    expect((await file.t.app.inject({ method: 'GET', url: '/data/projects', headers: bearer('slt_not-a-real-token') })).statusCode).toBe(401)
  })

  it('validates the body, keeps tokens per person, and cannot be managed with a token', async () => {
    expect((await create({ name: 'x', scopes: ['admin'] })).statusCode).toBe(400)
    expect((await create({ name: 'x', scopes: [] })).statusCode).toBe(400)
    expect((await create({ name: 'x', scopes: ['read'], expires_at: '2020-01-01' })).statusCode).toBe(400)
    expect((await create({ name: 'x', scopes: ['read'], project_ids: ['nope'] })).statusCode).toBe(400)
    const mine = (await create({ name: 'mine', scopes: ['read', 'write'] })).json()
    expect((await file.t.app.inject({ method: 'DELETE', url: `/data/user/access-tokens/${mine.id}`, headers: file.admin.headers })).statusCode).toBe(404)
    expect((await create({ name: 'child', scopes: ['read'] }, bearer(mine.token))).statusCode).toBe(403)
  })
})
