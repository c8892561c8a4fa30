// Cached list totals stay exact: any write, through this instance, another instance or plain
// SQL, changes the total on the next page request.
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { buildApp } from '../../../src/app.ts'
import { MODELS } from '../../../src/crud/meta.ts'
import { testConfig } from '../../helpers/app.ts'

const file = useFileApp()

async function total(app = file.t.app): Promise<number> {
  const res = await app.inject({ method: 'GET', url: '/data/departments?page=1&limit=2', headers: file.admin.headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().total
}

describe('list totals', () => {
  it('follow writes through the API, another instance and direct SQL', async () => {
    const before = await total()
    expect(await total()).toBe(before) // served from the cache: still right
    const created = await file.t.app.inject({ method: 'POST', url: '/data/departments', headers: file.admin.headers, payload: { name: 'Layout', color: '#000000' } })
    expect(created.statusCode).toBe(201)
    expect(await total()).toBe(before + 1)

    const other = await buildApp({ config: testConfig(), databaseUrl: file.t.databaseUrl, logger: false })
    try {
      await other.ready()
      expect(await total(other)).toBe(before + 1)
      await other.inject({ method: 'POST', url: '/data/departments', headers: file.admin.headers, payload: { name: 'Lighting', color: '#000000' } })
      expect(await total()).toBe(before + 2)
    } finally {
      await other.close()
    }

    const client = new pg.Client({ connectionString: file.t.databaseUrl })
    await client.connect()
    await client.query(`DELETE FROM department WHERE name = 'Layout'`)
    await client.end()
    expect(await total()).toBe(before + 1)
  })

  it('every Zou table advances the change counter', async () => {
    const { rows } = await file.t.app.pool.query(
      `SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname = 'slate_change'`,
    )
    const withTrigger = new Set(rows.map((r) => r.relname))
    const missing = [...MODELS.values()].map((m) => m.table).filter((name) => !['revoked_token', 'auth_token', 'personal_access_token', 'upload'].includes(name) && !withTrigger.has(name))
    expect(missing).toEqual([])
  })
})
