// Asset types (routes.md §2): the global list with criterions and project filter, one type,
// a project's types, the types cast in a shot.
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { breakdown, cast, entity, typeId } from './helpers.ts'

const file = useRoleProduction()
const ids: Record<string, string> = {}
const get = (url: string, who = file.people.user) => file.t.app.inject({ method: 'GET', url, headers: who.headers })

beforeAll(async () => {
  const { t, prod } = file
  const b = await breakdown(t.app, prod.project.id)
  ids.shot = b.shot.id
  ids.episodeType = await typeId(t.app, 'Episode')
  const prop = await t.app.db.entityType.create({ data: { name: `Prop ${prod.assetType.name.slice(-6)}` } })
  ids.prop = prop.id
  await t.app.db.taskTypeAssetTypeLink.create({ data: { asset_type_id: prop.id, task_type_id: prod.taskType.id } })
  const table = await entity(t.app, prod.project.id, prop.name, 'Table')
  await cast(t.app, b.shot.id, table.id)
})

describe('asset types', () => {
  it('GET /data/asset-types lists asset types with relations, typed AssetType, never temporal types', async () => {
    const rows = (await get('/data/asset-types')).json() as Array<Record<string, any>>
    const names = rows.map((r) => r.name)
    expect(names).toEqual(expect.arrayContaining([file.prod.assetType.name, `Prop ${file.prod.assetType.name.slice(-6)}`]))
    expect(names).not.toContain('Shot')
    expect(names).not.toContain('Episode')
    const prop = rows.find((r) => r.id === ids.prop)!
    expect(prop).toMatchObject({ type: 'AssetType', task_types: [file.prod.taskType.id], archived: false })
    expect(prop.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
  })

  it('filters by criterions and by project_id (types with an asset in that project)', async () => {
    const byName = (await get(`/data/asset-types?name=${encodeURIComponent(file.prod.assetType.name.toLowerCase())}`)).json()
    expect(byName.map((r: { id: string }) => r.id)).toEqual([file.prod.assetType.id])
    const inProject = (await get(`/data/asset-types?project_id=${file.prod.project.id}`)).json()
    expect(inProject.map((r: { id: string }) => r.id).sort()).toEqual([file.prod.assetType.id, ids.prop].sort())
    expect((await get('/data/asset-types?project_id=bad')).statusCode).toBe(400)
    expect((await get('/data/asset-types?archived=perhaps')).statusCode).toBe(400)
  })

  it('GET /data/asset-types/:id answers one type, 404 for temporal, unknown or malformed ids', async () => {
    const res = await get(`/data/asset-types/${ids.prop}`)
    expect(res.json()).toMatchObject({ id: ids.prop, type: 'AssetType', task_types: [file.prod.taskType.id] })
    expect((await get(`/data/asset-types/${ids.episodeType}`)).statusCode).toBe(404)
    expect((await get('/data/asset-types/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404)
    expect((await get('/data/asset-types/nope')).statusCode).toBe(404)
  })

  it('GET /data/projects/:id/asset-types lists the types of the project\'s assets, without relations', async () => {
    const rows = (await get(`/data/projects/${file.prod.project.id}/asset-types`)).json()
    expect(rows.map((r: { id: string }) => r.id).sort()).toEqual([file.prod.assetType.id, ids.prop].sort())
    expect(rows[0].type).toBe('AssetType')
    expect('task_types' in rows[0]).toBe(false)
    expect((await get(`/data/projects/${file.prod.project.id}/asset-types`, file.people.outsider)).statusCode).toBe(403)
  })

  it('GET /data/shots/:id/asset-types lists the types of what the shot casts; 404 for a non-shot', async () => {
    const rows = (await get(`/data/shots/${ids.shot}/asset-types`)).json()
    expect(rows.map((r: { id: string }) => r.id)).toEqual([ids.prop])
    expect((await get(`/data/shots/${file.prod.asset.id}/asset-types`)).statusCode).toBe(404)
    expect((await get('/data/shots/nope/asset-types')).statusCode).toBe(404)
  })
})
