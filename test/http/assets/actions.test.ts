// Creating an asset and the is_shared actions (routes.md §2): body validation first, then
// access, then 404s; the stored row, the asset:new event, and the shares' effects.
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { eventsFor } from '../crud/helpers.ts'
import { breakdown, entity, typeId } from './helpers.ts'

const file = useRoleProduction()
const ids: Record<string, string> = {}
const post = (url: string, payload: unknown, who = file.people.manager) =>
  file.t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) })
const newUrl = (typeId = file.prod.assetType.id, project = file.prod.project.id) => `/data/projects/${project}/asset-types/${typeId}/assets/new`

beforeAll(async () => {
  const b = await breakdown(file.t.app, file.prod.project.id)
  ids.episode = b.episode.id
  ids.shotType = await typeId(file.t.app, 'Shot')
})

describe('POST …/asset-types/:asset_type_id/assets/new', () => {
  it('creates the asset with its creator and defaults, answers 201 and emits asset:new', async () => {
    const res = await post(newUrl(), { name: 'Sword', source_id: ids.episode, unknown: 1 })
    expect(res.statusCode, res.body).toBe(201)
    const a = res.json()
    expect(a).toMatchObject({
      name: 'Sword', type: 'Asset', description: '', data: {}, is_shared: false, source_id: null, canceled: false,
      project_id: file.prod.project.id, entity_type_id: file.prod.assetType.id, created_by: file.people.manager.id, status: 'running',
    })
    expect(await eventsFor(file.t.app, 'asset:new', 'asset_id', a.id)).toEqual([{
      name: 'asset:new', data: { asset_id: a.id, asset_type: file.prod.assetType.id, project_id: file.prod.project.id }, project_id: file.prod.project.id,
    }])
    const full = await post(newUrl(), { name: 'Shield', description: 'round', data: { size: 3 }, is_shared: true, episode_id: ids.episode })
    expect(full.json()).toMatchObject({ description: 'round', data: { size: 3 }, is_shared: true, source_id: ids.episode })
    expect((await post(newUrl(), { name: 'Nulls', description: null, data: null, is_shared: null })).json())
      .toMatchObject({ description: null, data: {}, is_shared: false })
  })

  it('reads the fields from the query string without a JSON body', async () => {
    const res = await post(`${newUrl()}?name=Bow&is_shared=true`, undefined)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ name: 'Bow', is_shared: true })
  })

  it('validates the body first (400), then access (403), then the ids (404)', async () => {
    const missing = await post(newUrl(), {}, file.people.user)
    expect(missing.statusCode).toBe(400)
    expect(missing.json()).toMatchObject({ error: true, message: 'Validation error.', data: { errors: [{ field: 'name' }] } })
    expect((await post(newUrl(), { name: '' })).statusCode).toBe(400)
    expect((await post(newUrl(), { name: 'X', data: [1] })).statusCode).toBe(400)
    expect((await post(newUrl(), { name: 'X', episode_id: 'nope' })).statusCode).toBe(400)
    expect((await post(newUrl(), { name: 'X' }, file.people.user)).statusCode).toBe(403)
    expect((await post(newUrl(ids.shotType), { name: 'X' })).statusCode).toBe(404)
    expect((await post(newUrl('00000000-0000-0000-0000-000000000000'), { name: 'X' })).statusCode).toBe(404)
    expect((await post(newUrl('nope'), { name: 'X' })).statusCode).toBe(404)
    expect((await post(newUrl(), { name: 'X', episode_id: '00000000-0000-0000-0000-000000000000' })).statusCode).toBe(404)
    expect((await post(newUrl(undefined, '00000000-0000-0000-0000-000000000000'), { name: 'X' }, file.admin)).statusCode).toBe(404)
    expect(await file.t.app.db.entity.count({ where: { name: 'X' } })).toBe(0)
  })
})

describe('share actions', () => {
  it('POST /actions/assets/share sets is_shared on the listed assets, no events', async () => {
    const { t, prod } = file
    const a = await entity(t.app, prod.project.id, prod.assetType.name, 'Lamp')
    const b = await entity(t.app, prod.project.id, prod.assetType.name, 'Chair')
    const res = await post('/actions/assets/share', { asset_ids: [a.id, b.id] })
    expect(res.statusCode).toBe(200)
    expect(res.json().map((r: { name: string; is_shared: boolean; type: string }) => [r.name, r.is_shared, r.type]))
      .toEqual([['Chair', true, 'Asset'], ['Lamp', true, 'Asset']])
    expect((await post('/actions/assets/share', { asset_ids: [a.id], is_shared: false })).json()[0].is_shared).toBe(false)
    expect((await t.app.db.entity.findUnique({ where: { id: b.id } }))?.is_shared).toBe(true)
    expect(await eventsFor(t.app, 'asset:update', 'asset_id', a.id)).toEqual([])
    expect((await post('/actions/assets/share', {})).json()).toEqual([])
    expect((await post('/actions/assets/share', { asset_ids: [] })).json()).toEqual([])
  })

  it('404s when an id is unknown or not an asset, 403 on another team\'s project, 400 for malformed ids', async () => {
    const { t, prod } = file
    const a = await entity(t.app, prod.project.id, prod.assetType.name, 'Desk')
    expect((await post('/actions/assets/share', { asset_ids: [a.id, ids.episode] })).statusCode).toBe(404)
    expect((await post('/actions/assets/share', { asset_ids: ['00000000-0000-0000-0000-000000000000'] })).statusCode).toBe(404)
    expect((await post('/actions/assets/share', { asset_ids: ['bad'] })).statusCode).toBe(400)
    const other = await makeProduction(t.app)
    expect((await post('/actions/assets/share', { asset_ids: [a.id, other.asset.id] })).statusCode).toBe(403)
    expect((await t.app.db.entity.findUnique({ where: { id: a.id } }))?.is_shared).toBe(false)
    expect((await post('/actions/assets/share', { asset_ids: [a.id, other.asset.id] }, file.admin)).statusCode).toBe(200)
  })

  it('POST /actions/projects/:id/assets/share: the listed assets of the project, or all of them', async () => {
    const { t, prod } = file
    const p = prod.project.id
    const some = await post(`/actions/projects/${p}/assets/share`, { asset_ids: [prod.asset.id] })
    expect(some.json().map((r: { id: string }) => r.id)).toEqual([prod.asset.id])
    const all = await post(`/actions/projects/${p}/assets/share`, { is_shared: true })
    const count = await t.app.db.entity.count({ where: { project_id: p, entity_type_id: prod.assetType.id } })
    expect(all.json()).toHaveLength(count)
    expect(await t.app.db.entity.count({ where: { project_id: p, entity_type_id: prod.assetType.id, is_shared: false } })).toBe(0)
    // Temporal entities are not assets.
    expect((await t.app.db.entity.findUnique({ where: { id: ids.episode } }))?.is_shared).toBe(false)
    expect((await post(`/actions/projects/${p}/assets/share`, { is_shared: 'nope' })).statusCode).toBe(400)
  })

  it('POST …/asset-types/:id/assets/share: every asset of that type; access checked before the body', async () => {
    const { t, prod } = file
    const p = prod.project.id
    const url = `/actions/projects/${p}/asset-types/${prod.assetType.id}/assets/share`
    const res = await post(url, { is_shared: false })
    expect(res.statusCode).toBe(200)
    expect(res.json().every((r: { is_shared: boolean }) => r.is_shared === false)).toBe(true)
    expect(await t.app.db.entity.count({ where: { project_id: p, entity_type_id: prod.assetType.id, is_shared: true } })).toBe(0)
    expect((await post(url, { is_shared: 'nope' }, file.people.user)).statusCode).toBe(403)
    expect((await post(url, { is_shared: 'nope' })).statusCode).toBe(400)
    expect((await post(`/actions/projects/${p}/asset-types/bad/assets/share`, {})).statusCode).toBe(400)
  })
})
