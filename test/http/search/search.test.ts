// routes.md §22 on PostgreSQL full-text search: prefix matching of every word, Zou's
// document names, project scoping per caller, vendor filtering, limits and the route table.
import { describe, expect, it } from 'vitest'
import { routeTable, useRoleProduction, TEAM } from '../../helpers/route-table.ts'

const file = useRoleProduction()
const search = (who: keyof typeof file.people, body: Record<string, unknown>) =>
  file.t.app.inject({ method: 'POST', url: '/api/data/search', headers: file.people[who].headers, payload: body })

async function shot(name: string) {
  const db = file.t.app.db
  const type = async (n: string) => ((await db.entityType.findFirst({ where: { name: n } })) ?? (await db.entityType.create({ data: { name: n } }))).id
  const seq = await db.entity.create({ data: { name: `SQ${Date.now()}`, project_id: file.prod.project.id, entity_type_id: await type('Sequence') } })
  return db.entity.create({ data: { name, project_id: file.prod.project.id, entity_type_id: await type('Shot'), parent_id: seq.id } })
}

routeTable('search', file, [
  { method: 'POST', path: '/data/search', roles: [...TEAM, 'outsider'], ok: 200, call: () => ({ url: '/data/search', payload: { query: 'hero' } }) },
])

describe('search', () => {
  it('finds assets by prefix of each word, with their type and project', async () => {
    const res = await search('manager', { query: 'her', index_names: ['assets'] })
    expect(res.statusCode).toBe(200)
    const [hit] = res.json().assets
    expect(hit).toMatchObject({ id: file.prod.asset.id, name: 'Hero', type: 'Asset', project_name: file.prod.project.name, asset_type_name: file.prod.assetType.name })
    expect(hit.matched_terms).toEqual(['her'])
    const typed = await search('manager', { query: `${file.prod.assetType.name.split(' ')[0]} hero`, index_names: ['assets'] })
    expect(typed.json().assets.map((a: { id: string }) => a.id)).toEqual([file.prod.asset.id])
    expect((await search('manager', { query: 'hero villain', index_names: ['assets'] })).json().assets).toEqual([])
  })

  it('finds shots with their sequence, and persons by name', async () => {
    const s = await shot('SH_0420_final')
    const shots = (await search('user', { query: '0420', index_names: ['shots'] })).json().shots
    expect(shots.map((x: { id: string }) => x.id)).toEqual([s.id])
    expect(shots[0]).toMatchObject({ type: 'Shot', sequence_name: expect.stringMatching(/^SQ/) })
    const persons = (await search('user', { query: 'manag', index_names: ['persons'] })).json().persons
    expect(persons.length).toBeGreaterThan(0)
    expect(persons[0].email).toBeUndefined()
    expect(persons[0].matched_terms).toEqual(['manag'])
    const asAdmin = (await search('admin', { query: 'manag', index_names: ['persons'] })).json().persons
    expect(asAdmin[0].email).toMatch(/@example\.com$/)
  })

  it('keeps outsiders and unassigned vendors out of the production', async () => {
    expect((await search('outsider', { query: 'hero', index_names: ['assets'] })).json().assets).toEqual([])
    expect((await search('vendor', { query: 'hero', index_names: ['assets'] })).json().assets).toHaveLength(1)
    const other = await file.t.app.db.entity.create({ data: { name: 'Heroine', project_id: file.prod.project.id, entity_type_id: file.prod.assetType.id } })
    const vendorHits = (await search('vendor', { query: 'hero', index_names: ['assets'] })).json().assets.map((a: { id: string }) => a.id)
    expect(vendorHits).not.toContain(other.id)
    expect((await search('manager', { query: 'hero', index_names: ['assets'], limit: 1, offset: 1 })).json().assets).toHaveLength(1)
  })

  it('answers {} for short queries and 400 for bad bodies', async () => {
    expect((await search('manager', { query: 'he' })).json()).toEqual({})
    expect((await search('manager', {})).statusCode).toBe(400)
    expect((await search('manager', { query: 'hero', limit: 0 })).statusCode).toBe(400)
    expect((await search('manager', { query: 'hero', project_id: 'nope' })).statusCode).toBe(400)
  })
})
