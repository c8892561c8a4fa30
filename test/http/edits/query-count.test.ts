// STYLE §6: the edits and concepts lists run a fixed number of SQL statements whatever their
// length, vendor scoping and metadata masking included.
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { grow, makeEntity, withQueryCount } from './fixtures.ts'

interface CountFile extends FileApp {
  manager: TestPerson
  vendor: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}

const file = useFileAppWith<CountFile>(async ({ t }) => {
  const manager = await as(t.app, 'manager')
  const vendor = await as(t.app, 'vendor')
  const prod = await makeProduction(t.app, [{ id: manager.id }, { id: vendor.id }])
  return { manager, vendor, prod }
})

async function counts(urls: string[], people: TestPerson[]) {
  const out = new Map<string, { n: number; length: number; sql: string[] }>()
  for (const who of people) {
    for (const url of urls) {
      const { res, sql } = await withQueryCount(file.t.app, who, { method: 'GET', url })
      expect(res.statusCode, `${who.role} ${url}: ${res.body}`).toBe(200)
      out.set(`${who.role} ${url}`, { n: sql.length, length: res.json().length, sql })
    }
  }
  return out
}

describe('queries per request', () => {
  it('do not grow with the number of edits and concepts, for managers and vendors', async () => {
    const { t, prod, manager, vendor, admin } = file
    const p = prod.project.id
    const episode = await makeEntity(t.app, prod, 'Episode', 'E01')
    const people = [manager.id, vendor.id]
    await grow(t.app, prod, 'Edit', 3, people, { parent_id: episode.id })
    await grow(t.app, prod, 'Concept', 3, people)
    const edits = [
      `/data/edits/with-tasks?project_id=${p}`, `/data/edits?project_id=${p}`, `/data/projects/${p}/edits`,
      `/data/episodes/${episode.id}/edits?relations=true`,
    ]
    const concepts = [`/data/concepts/with-tasks?project_id=${p}`, `/data/concepts?project_id=${p}`, `/data/projects/${p}/concepts`]
    const small = await counts([...edits, ...concepts], [manager, admin])
    const smallVendor = await counts(edits.slice(0, 3), [vendor])

    await grow(t.app, prod, 'Edit', 40, people, { parent_id: episode.id })
    await grow(t.app, prod, 'Concept', 40, people)
    const big = await counts([...edits, ...concepts], [manager, admin])
    const bigVendor = await counts(edits.slice(0, 3), [vendor])
    for (const [before, after] of [[small, big], [smallVendor, bigVendor]]) {
      for (const [key, s] of before) {
        const b = after.get(key)!
        expect(b.length, key).toBeGreaterThanOrEqual(s.length + 40)
        expect(b.n, `${key}:\n${b.sql.join('\n')}`).toBe(s.n)
        // The token check, the path's entity, the project check (admins) and the list itself.
        expect(s.n, `${key}:\n${s.sql.join('\n')}`).toBeLessThanOrEqual(4)
      }
    }
  })
})
