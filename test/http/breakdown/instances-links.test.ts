// routes.md §11 / §2: asset instances (numbering, names, grouping, shot placement, events)
// and a project's raw entity links (list modes, delete).
import { beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { makeBreakdown, makeEntity, type Breakdown } from './fixtures.ts'
import { eventsDuring, lines, send } from './helpers.ts'

const file = useFileAppWithProduction()
let bd: Breakdown
const app = () => file.t.app
const p = () => file.prod.project.id
const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => send(app(), file.manager, method, url, body)

beforeAll(async () => {
  bd = await makeBreakdown(app(), file.prod)
})

describe('asset instances', () => {
  it('scene instances are numbered per asset and named after the asset slug', async () => {
    await app().db.entity.update({ where: { id: bd.chair.id }, data: { name: "Chaise d'été #2" } })
    const created: Array<{ id: string; name: string; number: number }> = []
    const events = await eventsDuring(app(), async () => {
      for (const asset of [bd.chair, bd.chair, bd.table]) {
        const res = await call('POST', `/data/scenes/${bd.scene.id}/asset-instances`, { asset_id: asset.id, description: 'in the corner' })
        expect(res.status).toBe(201)
        created.push(res.body)
      }
    })
    expect(created.map((i) => [i.name, i.number])).toEqual([['Chaise_d_ete_2_0001', 1], ['Chaise_d_ete_2_0002', 2], ['Table_0001', 1]])
    expect(created[0]).toMatchObject({ type: 'AssetInstance', asset_id: bd.chair.id, scene_id: bd.scene.id, target_asset_id: null, description: 'in the corner', active: true })
    expect(lines(events)[0]).toBe(`asset_instance:new ${JSON.stringify({ scene_id: bd.scene.id, asset_id: bd.chair.id, asset_instance_id: created[0].id })}`)
    const { rows } = await app().pool.query(`SELECT project_id FROM api_event WHERE name = 'asset_instance:new' AND data->>'asset_instance_id' = $1`, [created[0].id])
    expect(rows).toEqual([{ project_id: null }])

    const byAsset = (await call('GET', `/data/scenes/${bd.scene.id}/asset-instances`)).body
    expect(Object.keys(byAsset).sort()).toEqual([bd.chair.id, bd.table.id].sort())
    expect(byAsset[bd.chair.id].map((i: { number: number }) => i.number)).toEqual([1, 2])
    const byScene = (await call('GET', `/data/assets/${bd.chair.id}/scene-asset-instances`)).body
    expect(byScene).toEqual({ [bd.scene.id]: byAsset[bd.chair.id] })
  })

  it('places an instance in a shot and removes it, with events; unknown instance → 404', async () => {
    const instance = (await call('GET', `/data/scenes/${bd.scene.id}/asset-instances`)).body[bd.table.id][0]
    const events = await eventsDuring(app(), async () => {
      const res = await call('POST', `/data/shots/${bd.shot1.id}/asset-instances`, { asset_instance_id: instance.id })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ id: bd.shot1.id, name: 'SH010', type: 'Entity', project_id: p() })
      expect((await call('POST', `/data/shots/${bd.shot1.id}/asset-instances`, { asset_instance_id: instance.id })).status).toBe(201)
    })
    expect(lines(events)).toEqual([`asset_instance:add-to-shot ${JSON.stringify({ shot_id: bd.shot1.id, asset_instance_id: instance.id })}`])
    expect((await call('GET', `/data/shots/${bd.shot1.id}/asset-instances`)).body).toEqual({ [bd.table.id]: [instance] })
    expect((await call('GET', `/data/assets/${bd.table.id}/shot-asset-instances`)).body).toEqual({ [bd.shot1.id]: [instance] })

    const removed = await eventsDuring(app(), async () => {
      const res = await app().inject({ method: 'DELETE', url: `/api/data/shots/${bd.shot1.id}/asset-instances/${instance.id}`, headers: file.manager.headers })
      expect(res.statusCode).toBe(204)
      expect(res.body).toBe('')
    })
    expect(lines(removed)).toEqual([`asset_instance:remove-from-shot ${JSON.stringify({ shot_id: bd.shot1.id, asset_instance_id: instance.id })}`])
    expect((await call('GET', `/data/shots/${bd.shot1.id}/asset-instances`)).body).toEqual({})
    expect((await call('POST', `/data/shots/${bd.shot1.id}/asset-instances`, { asset_instance_id: randomUUID() })).status).toBe(404)
    expect((await call('DELETE', `/data/shots/${bd.shot1.id}/asset-instances/${randomUUID()}`)).status).toBe(404)
    expect((await call('POST', `/data/shots/${bd.scene.id}/asset-instances`, { asset_instance_id: instance.id })).status).toBe(404)
  })

  it('asset instances inside an asset; validation comes first', async () => {
    const events = await eventsDuring(app(), async () => {
      const res = await call('POST', `/data/assets/${bd.hero.id}/asset-asset-instances`, { asset_to_instantiate_id: bd.table.id })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ asset_id: bd.table.id, target_asset_id: bd.hero.id, scene_id: null, number: 1, name: 'Table_0001' })
    })
    expect(events.map((e) => e.data)).toEqual([{ asset_id: bd.hero.id, asset_instantiated: bd.table.id, asset_instance_id: events[0].data.asset_instance_id }])
    expect(Object.keys((await call('GET', `/data/assets/${bd.hero.id}/asset-asset-instances`)).body)).toEqual([bd.table.id])

    const outsider = await makeProduction(app())
    const bad = await send(app(), file.manager, 'POST', `/data/assets/${outsider.asset.id}/asset-asset-instances`, { asset_to_instantiate_id: 'x' })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: true, message: 'Validation error.' })
    expect((await send(app(), file.manager, 'POST', `/data/assets/${outsider.asset.id}/asset-asset-instances`, { asset_to_instantiate_id: bd.table.id })).status).toBe(403)
    expect((await call('POST', `/data/assets/${bd.hero.id}/asset-asset-instances`, { asset_to_instantiate_id: bd.shot1.id })).status).toBe(404)
    expect((await call('POST', `/data/scenes/${bd.scene.id}/asset-instances`, { asset_id: randomUUID() })).status).toBe(404)
    expect((await call('POST', `/data/scenes/${bd.scene.id}/asset-instances`, {})).body).toMatchObject({ message: 'Validation error.' })
  })

  it('camera instances: only instances of Camera assets (the type is created on demand)', async () => {
    const first = await call('GET', `/data/scenes/${bd.scene.id}/camera-instances`)
    expect(first).toEqual({ status: 200, body: {} })
    const camera = await makeEntity(app(), p(), 'Camera', 'Cam A')
    const cam = await call('POST', `/data/scenes/${bd.scene.id}/asset-instances`, { asset_id: camera.id })
    expect((await call('GET', `/data/scenes/${bd.scene.id}/camera-instances`)).body).toEqual({ [camera.id]: [cam.body] })
  })
})

describe('entity links of a project', () => {
  it('lists the links in creation order: plain, paginated, after a cursor', async () => {
    await send(app(), file.manager, 'PUT', `/data/projects/${p()}/entities/${bd.shot2.id}/casting`,
      [bd.hero, bd.chair, bd.table].map((a) => ({ asset_id: a.id, nb_occurences: 1 })))
    const plain = await call('GET', `/data/projects/${p()}/entity-links`)
    expect(plain.status).toBe(200)
    const ours = plain.body.filter((l: { entity_in_id: string }) => l.entity_in_id === bd.shot2.id)
    expect(ours).toHaveLength(3)
    expect(Object.keys(ours[0]).sort()).toEqual(['created_at', 'data', 'entity_in_id', 'entity_out_id', 'id', 'label', 'nb_occurences', 'type'])
    expect(ours[0].type).toBe('EntityLink')
    expect(ours[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/)
    const total = plain.body.length

    expect((await call('GET', `/data/projects/${p()}/entity-links?limit=2`)).body).toEqual(plain.body.slice(0, 2))
    const page = (await call('GET', `/data/projects/${p()}/entity-links?page=2&limit=2`)).body
    expect(page).toMatchObject({ total, nb_pages: Math.ceil(total / 2), limit: 2, offset: 2, page: 2 })
    expect(page.data.map((l: { id: string }) => l.id)).toEqual(plain.body.slice(2, 4).map((l: { id: string }) => l.id))
    expect(page.data[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    expect((await call('GET', `/data/projects/${p()}/entity-links?page=99`)).body).toMatchObject({ data: [], total: 0, limit: 100 })

    const cursor = await call('GET', `/data/projects/${p()}/entity-links?cursor_created_at=2000-01-01T00:00:00.000000&limit=1`)
    expect(cursor.body).toMatchObject({ total, limit: 1 })
    expect(cursor.body.data[0]).toMatchObject({ id: plain.body[0].id, type: 'EntityLink' })
    expect((await call('GET', `/data/projects/${p()}/entity-links?cursor_created_at=yesterday`)).status).toBe(400)
    expect((await call('GET', `/data/projects/${p()}/entity-links?page=x`)).body).toMatchObject({ message: 'page must be an integer.' })
    expect((await call('GET', `/data/projects/${randomUUID()}/entity-links`)).status).toBe(404)
  })

  it('deletes a link of the project (200 with the link, no event); 403 for another project', async () => {
    const link = (await call('GET', `/data/projects/${p()}/entity-links`)).body[0]
    const events = await eventsDuring(app(), async () => {
      const res = await call('DELETE', `/data/projects/${p()}/entity-links/${link.id}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ id: link.id, entity_in_id: link.entity_in_id, entity_out_id: link.entity_out_id, type: 'EntityLink' })
    })
    expect(events).toEqual([])
    expect((await call('DELETE', `/data/projects/${p()}/entity-links/${link.id}`)).status).toBe(404)
    const other = await makeProduction(app(), [{ id: file.manager.id }])
    const foreignShot = await makeEntity(app(), other.project.id, 'Shot', 'SH1')
    const foreign = await app().db.entityLink.create({ data: { entity_in_id: foreignShot.id, entity_out_id: other.asset.id } })
    expect((await call('DELETE', `/data/projects/${p()}/entity-links/${foreign.id}`)).status).toBe(403)
    expect(await app().db.entityLink.findUnique({ where: { id: foreign.id } })).not.toBeNull()
  })
})
