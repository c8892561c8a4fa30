// routes.md §11 casting reads and §2 cast-in: shapes, grouping, order, the special episode
// ids, 4xx answers, and a fixed number of SQL statements whatever the casting size.
import { beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { entityType, makeBreakdown, makeEntity, type Breakdown } from './fixtures.ts'
import { queriesDuring, send } from './helpers.ts'

const file = useFileAppWithProduction()
let bd: Breakdown
let shot3: { id: string }
const app = () => file.t.app
const p = () => file.prod.project.id
const get = (url: string) => send(app(), file.manager, 'GET', url)
const put = (entityId: string, body: unknown) => send(app(), file.manager, 'PUT', `/data/projects/${p()}/entities/${entityId}/casting`, body)
const castOf = (...pairs: Array<[{ id: string }, number]>) => pairs.map(([a, n]) => ({ asset_id: a.id, nb_occurences: n, label: 'l' }))

beforeAll(async () => {
  bd = await makeBreakdown(app(), file.prod)
  // A second sequence without episode, with one shot, and an asset casting others.
  const seq2 = await makeEntity(app(), p(), 'Sequence', 'SQ00')
  shot3 = await makeEntity(app(), p(), 'Shot', 'SH001', { parent_id: seq2.id })
  await put(bd.shot2.id, castOf([bd.table, 1], [bd.hero, 2]))
  await put(bd.shot1.id, castOf([bd.chair, 3]))
  await put(shot3.id, castOf([bd.hero, 1]))
  await put(bd.table.id, castOf([bd.chair, 4]))
})

describe('grouped casting reads', () => {
  it('sequence casting: {shot_id: [entries + sequence_name]} ordered by shot name', async () => {
    const res = await get(`/data/projects/${p()}/sequences/${bd.sequence.id}/casting`)
    expect(res.status).toBe(200)
    expect(Object.keys(res.body)).toEqual([bd.shot1.id, bd.shot2.id])
    expect(res.body[bd.shot2.id]).toEqual([
      { asset_id: bd.hero.id, name: 'Hero', asset_name: 'Hero', asset_type_name: file.prod.assetType.name, sequence_name: 'SQ01', preview_file_id: null, nb_occurences: 2, label: 'l', is_shared: false, project_id: p() },
      { asset_id: bd.table.id, name: 'Table', asset_name: 'Table', asset_type_name: bd.propType.name, sequence_name: 'SQ01', preview_file_id: null, nb_occurences: 1, label: 'l', is_shared: false, project_id: p() },
    ])
  })

  it('all sequences of the project, of one episode, main and all', async () => {
    const all = await get(`/data/projects/${p()}/sequences/all/casting`)
    // Ordered by sequence name: SQ00 before SQ01.
    expect(Object.keys(all.body)).toEqual([shot3.id, bd.shot1.id, bd.shot2.id])
    const ep = await get(`/data/projects/${p()}/episodes/${bd.episode.id}/sequences/all/casting`)
    expect(Object.keys(ep.body)).toEqual([bd.shot1.id, bd.shot2.id])
    expect(ep.body[bd.shot1.id]).toEqual(all.body[bd.shot1.id])
    expect(await get(`/data/projects/${p()}/episodes/main/sequences/all/casting`)).toEqual({ status: 200, body: {} })
    expect((await get(`/data/projects/${p()}/episodes/all/sequences/all/casting`)).body).toEqual(all.body)
    expect(await get(`/data/projects/${p()}/episodes/nope/sequences/all/casting`)).toEqual({
      status: 400, body: { error: true, message: 'One of the ID sent in parameter is not properly formatted.', data: null },
    })
  })

  it('episodes casting and asset-type casting', async () => {
    const eps = await get(`/data/projects/${p()}/episodes/casting`)
    expect(Object.keys(eps.body)).toEqual([bd.episode.id])
    // Hero (Character type) sorts before the props.
    expect(eps.body[bd.episode.id].map((e: { asset_name: string }) => e.asset_name)).toEqual(['Hero', 'Chair', 'Table'])
    expect(Object.keys(eps.body[bd.episode.id][0]).sort()).toEqual(
      ['asset_id', 'asset_name', 'asset_type_name', 'is_shared', 'label', 'name', 'nb_occurences', 'preview_file_id', 'project_id'],
    )
    const types = await get(`/data/projects/${p()}/asset-types/${bd.propType.id}/casting`)
    expect(types.body).toEqual({
      [bd.table.id]: [{ asset_id: bd.chair.id, name: 'Chair', asset_name: 'Chair', asset_type_name: bd.propType.name, preview_file_id: null, nb_occurences: 4, label: 'l' }],
    })
  })

  it('unknown or temporal asset type → 404; a sequence of another project → 403; unknown → 404', async () => {
    expect((await get(`/data/projects/${p()}/asset-types/${randomUUID()}/casting`)).status).toBe(404)
    const shotType = await entityType(app(), 'Shot')
    expect((await get(`/data/projects/${p()}/asset-types/${shotType.id}/casting`)).status).toBe(404)
    expect((await get(`/data/projects/${p()}/asset-types/nope/casting`)).status).toBe(404)
    expect((await get(`/data/projects/${p()}/sequences/${randomUUID()}/casting`)).status).toBe(404)
    expect((await get(`/data/projects/${p()}/sequences/${bd.shot1.id}/casting`)).status).toBe(404)
    const other = await makeProduction(app(), [{ id: file.manager.id }])
    const foreign = await makeEntity(app(), other.project.id, 'Sequence', 'SQ99')
    expect((await get(`/data/projects/${p()}/sequences/${foreign.id}/casting`)).status).toBe(403)
    expect((await get(`/data/projects/${randomUUID()}/sequences/all/casting`)).status).toBe(404)
    expect((await get(`/data/projects/nope/sequences/all/casting`)).status).toBe(400)
  })

  it('runs the same number of statements for one shot or many', async () => {
    const url = `/data/projects/${p()}/sequences/all/casting`
    const before = await queriesDuring(() => get(url))
    for (let i = 0; i < 6; i++) {
      const shot = await makeEntity(app(), p(), 'Shot', `SH1${i}0`, { parent_id: bd.sequence.id })
      await put(shot.id, castOf([bd.hero, 1], [bd.chair, 2], [bd.table, 1]))
    }
    const after = await queriesDuring(async () => {
      const res = await get(url)
      expect(Object.keys(res.body)).toHaveLength(9)
    })
    expect(after.length).toBe(before.length)
    const entity = await queriesDuring(() => get(`/data/projects/${p()}/entities/${bd.shot2.id}/casting`))
    expect(entity.length).toBeLessThanOrEqual(3)
  })
})

describe('GET /data/assets/:asset_id/cast-in', () => {
  it('lists the shots (episode, sequence, shot order; canceled left out) then the assets', async () => {
    const canceled = await makeEntity(app(), p(), 'Shot', 'SH000', { parent_id: bd.sequence.id, canceled: true })
    await put(canceled.id, castOf([bd.chair, 1]))
    await put(bd.shot2.id, castOf([bd.chair, 5]))
    const res = await get(`/data/assets/${bd.chair.id}/cast-in`)
    expect(res.status).toBe(200)
    const shots = res.body.filter((e: { shot_id?: string }) => e.shot_id)
    expect(shots.slice(0, 2)).toEqual([
      { shot_id: bd.shot1.id, shot_name: 'SH010', sequence_name: 'SQ01', episode_id: bd.episode.id, episode_name: 'E01', preview_file_id: null, nb_occurences: 3 },
      { shot_id: bd.shot2.id, shot_name: 'SH020', sequence_name: 'SQ01', episode_id: bd.episode.id, episode_name: 'E01', preview_file_id: null, nb_occurences: 5 },
    ])
    expect(shots.map((s: { shot_id: string }) => s.shot_id)).not.toContain(canceled.id)
    expect(res.body[res.body.length - 1]).toEqual({ asset_id: bd.table.id, asset_name: 'Table', asset_type_name: bd.propType.name, preview_file_id: null, nb_occurences: 4 })
    const noEpisode = await get(`/data/assets/${bd.hero.id}/cast-in`)
    expect(noEpisode.body.find((e: { shot_id?: string }) => e.shot_id === shot3.id)).toMatchObject({ episode_id: 'None', episode_name: null })
    expect((await get(`/data/assets/${bd.shot1.id}/cast-in`)).status).toBe(404)
  })
})
