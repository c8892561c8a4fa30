// The criterion lists of routes.md §2 (GET /data/assets, /data/assets/all, a project's and
// an asset type's assets) and the shared assets a project uses: filters, scope, bad input.
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { FORBIDDEN } from '../crud/helpers.ts'
import { assetWithTasks, breakdown, cast, entity } from './helpers.ts'

const file = useRoleProduction()
const ids: Record<string, string> = {}
const get = (url: string, who = file.people.manager) => file.t.app.inject({ method: 'GET', url, headers: who.headers })
const names = async (url: string, who = file.people.manager) => {
  const res = await get(url, who)
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as Array<{ name: string }>).map((r) => r.name)
}

beforeAll(async () => {
  const { t, prod, people } = file
  const app = t.app
  const b = await breakdown(app, prod.project.id)
  Object.assign(ids, { episode: b.episode.id, shot: b.shot.id, sequence: b.sequence.id })
  ids.anvil = (await assetWithTasks(app, prod, 'Anvil', 1, { source_id: b.episode.id, data: { color: 'red', secret: 1 } })).asset.id
  const barrel = await assetWithTasks(app, prod, 'Barrel', 1)
  ids.barrel = barrel.asset.id
  await app.db.taskPersonLink.create({ data: { task_id: barrel.tasks[0].id, person_id: people.user.id } })
  await cast(app, b.episode.id, barrel.asset.id)
  ids.canceled = (await entity(app, prod.project.id, prod.assetType.name, 'Crate', { canceled: true })).id
  // Another production whose shared assets this one casts.
  const other = await makeProduction(app, [{ id: people.manager.id }])
  ids.otherProject = other.project.id
  ids.shared = (await entity(app, other.project.id, other.assetType.name, 'Shared Tree', { is_shared: true })).id
  ids.sharedUnused = (await entity(app, other.project.id, other.assetType.name, 'Shared Rock', { is_shared: true })).id
  ids.sharedCanceled = (await entity(app, other.project.id, other.assetType.name, 'Shared Dead', { is_shared: true, canceled: true })).id
  ids.notShared = (await entity(app, other.project.id, other.assetType.name, 'Private Bush')).id
  const b2 = await breakdown(app, prod.project.id)
  ids.episode2 = b2.episode.id
  for (const id of [ids.shared, ids.sharedCanceled, ids.notShared]) await cast(app, b.shot.id, id)
  await cast(app, b2.shot.id, ids.shared)
  const dep = await app.db.department.create({ data: { name: `Dep ${prod.assetType.name.slice(-6)}`, color: '#000000' } })
  const desc = await app.db.metadataDescriptor.create({ data: { project_id: prod.project.id, entity_type: 'Asset', name: 'Secret', field_name: 'secret' } })
  await app.db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: desc.id, department_id: dep.id } })
  await app.db.taskPersonLink.create({ data: { task_id: (await app.db.task.findFirst({ where: { entity_id: ids.anvil } }))!.id, person_id: people.vendor.id } })
})

describe('GET /data/assets and /data/assets/all', () => {
  it('lists the assets of a project as `Asset` rows with every column, no relations', async () => {
    const res = await get(`/data/assets/all?project_id=${file.prod.project.id}`)
    const rows = res.json() as Array<Record<string, unknown>>
    expect(rows.map((r) => r.name)).toEqual(['Anvil', 'Barrel', 'Crate', 'Hero'])
    const anvil = rows[0]
    expect(anvil.type).toBe('Asset')
    expect(anvil).toMatchObject({ source_id: ids.episode, project_id: file.prod.project.id, canceled: false, nb_frames: null, is_shared: false })
    expect(anvil.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    expect('entities_out' in anvil).toBe(false)
    expect((await get(`/data/assets?project_id=${file.prod.project.id}`)).json()).toEqual(rows)
  })

  it('filters on columns (name ILIKE, booleans, JSON lists), episode_id and assigned_to', async () => {
    const p = file.prod.project.id
    expect(await names(`/data/assets?project_id=${p}&name=a%25`)).toEqual(['Anvil'])
    expect(await names(`/data/assets?project_id=${p}&canceled=true`)).toEqual(['Crate'])
    expect(await names(`/data/assets?project_id=${p}&id=${encodeURIComponent(JSON.stringify([ids.anvil, ids.barrel]))}`)).toEqual(['Anvil', 'Barrel'])
    // The episode's own assets first, then those cast in it.
    expect(await names(`/data/assets?episode_id=${ids.episode}`)).toEqual(['Anvil', 'Barrel'])
    expect(await names(`/data/assets?project_id=${p}&assigned_to=me`, file.people.user)).toEqual(['Barrel'])
  })

  it('answers 400 for malformed filter values and 404 for an unknown episode', async () => {
    const bad = await get(`/data/assets?project_id=${file.prod.project.id}&entity_type_id=zz`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('Invalid UUID value: zz')
    expect((await get('/data/assets?project_id=zz')).statusCode).toBe(400)
    expect((await get(`/data/assets?project_id=${file.prod.project.id}&canceled=maybe`)).statusCode).toBe(400)
    expect((await get(`/data/assets?episode_id=${ids.shot}`)).statusCode).toBe(404)
    expect((await get('/data/assets?episode_id=nope')).statusCode).toBe(404)
  })

  it('scopes non-admins to their projects and vendors to their assigned assets, metadata masked', async () => {
    expect(await names('/data/assets', file.people.outsider)).not.toContain('Anvil')
    const all = await names('/data/assets', file.admin)
    expect(all).toEqual(expect.arrayContaining(['Anvil', 'Shared Tree']))
    const res = await get(`/data/assets?project_id=${file.prod.project.id}`, file.people.vendor)
    expect(res.json().map((r: { name: string }) => r.name)).toEqual(['Anvil', 'Hero'])
    expect(res.json()[0].data).toEqual({ color: 'red' })
    expect((await get(`/data/assets?project_id=${file.prod.project.id}`, file.people.outsider)).json()).toEqual(FORBIDDEN)
  })
})

describe('project and asset type lists', () => {
  it('GET /data/projects/:id/assets forces the project and keeps the other filters', async () => {
    const p = file.prod.project.id
    expect(await names(`/data/projects/${p}/assets`)).toEqual(['Anvil', 'Barrel', 'Crate', 'Hero'])
    // A project_id in the query cannot widen the list.
    expect(await names(`/data/projects/${p}/assets?project_id=${ids.otherProject}`)).toEqual(['Anvil', 'Barrel', 'Crate', 'Hero'])
    expect(await names(`/data/projects/${p}/assets?episode_id=${ids.episode}`)).toEqual(['Anvil', 'Barrel'])
    expect(await names(`/data/projects/${p}/assets`, file.people.vendor)).toEqual(['Anvil', 'Hero'])
    expect((await get('/data/projects/nope/assets')).statusCode).toBe(400)
    expect((await get('/data/projects/00000000-0000-0000-0000-000000000000/assets', file.admin)).statusCode).toBe(404)
  })

  it('GET /data/projects/:id/asset-types/:type_id/assets lists the assets of that type', async () => {
    const p = file.prod.project.id
    expect(await names(`/data/projects/${p}/asset-types/${file.prod.assetType.id}/assets`)).toEqual(['Anvil', 'Barrel', 'Crate', 'Hero'])
    const shotType = (await file.t.app.db.entityType.findFirst({ where: { name: 'Shot' } }))!.id
    expect(await names(`/data/projects/${p}/asset-types/${shotType}/assets`)).toEqual([])
    expect((await get(`/data/projects/${p}/asset-types/nope/assets`)).statusCode).toBe(400)
  })
})

describe('shared assets used', () => {
  it('lists the live shared assets of other projects cast in the project\'s shots', async () => {
    const p = file.prod.project.id
    expect(await names(`/data/projects/${p}/assets/shared-used`)).toEqual(['Shared Tree'])
    expect(await names(`/data/projects/${ids.otherProject}/assets/shared-used`)).toEqual([])
  })

  it('restricts to one episode\'s sequences unless main or all', async () => {
    const p = file.prod.project.id
    expect(await names(`/data/projects/${p}/episodes/${ids.episode}/assets/shared-used`)).toEqual(['Shared Tree'])
    expect(await names(`/data/projects/${p}/episodes/main/assets/shared-used`)).toEqual(['Shared Tree'])
    expect(await names(`/data/projects/${p}/episodes/all/assets/shared-used`)).toEqual(['Shared Tree'])
    const third = await breakdown(file.t.app, p)
    expect(await names(`/data/projects/${p}/episodes/${third.episode.id}/assets/shared-used`)).toEqual([])
    expect((await get(`/data/projects/${p}/episodes/bad/assets/shared-used`)).statusCode).toBe(400)
  })
})
