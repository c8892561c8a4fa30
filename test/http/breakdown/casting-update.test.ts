// routes.md §11 "Casting update": links, counts, episode links, readiness stats and the
// events of PUT …/casting on shots, episodes and assets. The tests build on each other.
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { makeBreakdown, type Breakdown } from './fixtures.ts'
import { assetsReady, eventsDuring, lines, linksOf, nbOut, send } from './helpers.ts'

const file = useFileAppWithProduction()
let bd: Breakdown
const app = () => file.t.app
const url = (entityId: string) => `/data/projects/${file.prod.project.id}/entities/${entityId}/casting`
const put = (entityId: string, body: unknown) => send(app(), file.manager, 'PUT', url(entityId), body)
const sorted = (...ids: string[]) => [...ids].sort()

beforeAll(async () => {
  bd = await makeBreakdown(app(), file.prod)
  // Hero is ready for Animation (priority 2): ready for Layout and Animation tasks.
  // Chair is ready for Layout (priority 1) only; Table is ready for nothing.
  await app().db.entity.update({ where: { id: bd.hero.id }, data: { ready_for: bd.animation.id } })
  await app().db.entity.update({ where: { id: bd.chair.id }, data: { ready_for: bd.layout.id } })
})

describe('PUT casting of a shot', () => {
  it('creates the links, links the assets to the episode, counts, stats and events', async () => {
    const body = [
      { asset_id: bd.hero.id, nb_occurences: 1 },
      { asset_id: bd.chair.id, nb_occurences: 3, label: 'animate' },
      { asset_id: bd.table.id, nb_occurences: 1 },
      { asset_id: bd.hero.id }, // no nb_occurences: ignored, but counted in nb_entities_out (Zou)
    ]
    let res!: Awaited<ReturnType<typeof put>>
    const events = await eventsDuring(app(), async () => { res = await put(bd.shot1.id, body) })
    expect(res.status).toBe(200)
    expect(res.body).toEqual(body)

    expect(await linksOf(app(), bd.shot1.id)).toEqual([
      { asset_id: bd.hero.id, nb_occurences: 1, label: '' },
      { asset_id: bd.chair.id, nb_occurences: 3, label: 'animate' },
      { asset_id: bd.table.id, nb_occurences: 1, label: '' },
    ].sort((a, b) => (a.asset_id < b.asset_id ? -1 : 1)))
    expect(await nbOut(app(), bd.shot1.id)).toBe(4)
    expect((await linksOf(app(), bd.episode.id)).map((l) => [l.asset_id, l.nb_occurences])).toEqual(
      sorted(bd.hero.id, bd.chair.id, bd.table.id).map((id) => [id, 1]),
    )
    expect(await nbOut(app(), bd.episode.id)).toBe(3)
    expect(await assetsReady(app(), bd.layoutTask.id)).toBe(2)
    expect(await assetsReady(app(), bd.animationTask.id)).toBe(1)

    const { rows: links } = await app().pool.query('SELECT id::text, entity_out_id::text FROM entity_link WHERE entity_in_id = $1', [bd.shot1.id])
    const linkId = new Map(links.map((l) => [l.entity_out_id, l.id]))
    const stats = [[bd.layoutTask.id, 2], [bd.animationTask.id, 1]].sort()
    expect(lines(events)).toEqual([
      ...[bd.hero, bd.chair, bd.table].flatMap((a, i) => [
        `asset:update ${JSON.stringify({ asset_id: a.id, project_id: file.prod.project.id })}`,
        `entity-link:new ${JSON.stringify({ entity_link_id: linkId.get(a.id), entity_in_id: bd.shot1.id, entity_out_id: a.id, nb_occurences: [1, 3, 1][i], project_id: file.prod.project.id })}`,
      ]),
      ...stats.map(([task, n]) => `task:update-casting-stats ${JSON.stringify({ task_id: task, nb_assets_ready: n, project_id: file.prod.project.id })}`),
      `shot:casting-update ${JSON.stringify({
        shot_id: bd.shot1.id, nb_entities_out: 4, added_asset_ids: sorted(bd.hero.id, bd.chair.id, bd.table.id), removed_asset_ids: [], project_id: file.prod.project.id,
      })}`,
    ])
    // Readiness events are published, never logged.
    const { rows } = await app().pool.query(
      `SELECT name, user_id::text FROM api_event WHERE name = ANY($1) AND data->>'project_id' = $2`,
      [['task:update-casting-stats', 'shot:casting-update'], file.prod.project.id],
    )
    expect(rows).toEqual([{ name: 'shot:casting-update', user_id: file.manager.id }])
  })

  it('reads the casting back: entries ordered by asset type then name, with the asset fields', async () => {
    const res = await send(app(), file.manager, 'GET', url(bd.shot1.id))
    expect(res.status).toBe(200)
    expect(res.body.map((e: { asset_name: string }) => e.asset_name)).toEqual(['Hero', 'Chair', 'Table'])
    expect(res.body[1]).toEqual({
      asset_id: bd.chair.id, asset_name: 'Chair', asset_type_name: bd.propType.name, ready_for: bd.layout.id,
      episode_id: null, preview_file_id: null, nb_occurences: 3, label: 'animate', is_shared: false, project_id: file.prod.project.id,
    })
    const prefixed = await send(app(), file.manager, 'GET', `/api${url(bd.shot1.id)}`)
    expect(prefixed.body).toEqual(res.body)
  })

  it('on removal, detaches from the episode the assets no other shot of it casts', async () => {
    expect((await put(bd.shot2.id, [{ asset_id: bd.chair.id, nb_occurences: 1 }])).status).toBe(200)
    const events = await eventsDuring(app(), async () => {
      expect((await put(bd.shot1.id, [{ asset_id: bd.hero.id, nb_occurences: 2 }])).status).toBe(200)
    })
    const names = events.map((e) => e.name)
    expect(names).toEqual(['entity-link:new', 'task:update-casting-stats', 'task:update-casting-stats', 'shot:casting-update', 'episode:casting-update', 'asset:update'])
    expect(events[3].data).toMatchObject({ shot_id: bd.shot1.id, nb_entities_out: 1, added_asset_ids: [], removed_asset_ids: sorted(bd.chair.id, bd.table.id) })
    expect(events[4].data).toEqual({ episode_id: bd.episode.id, nb_entities_out: 2, added_asset_ids: [], removed_asset_ids: [bd.table.id], project_id: file.prod.project.id })
    expect(events[5].data).toMatchObject({ asset_id: bd.table.id })
    expect((await linksOf(app(), bd.episode.id)).map((l) => l.asset_id)).toEqual(sorted(bd.hero.id, bd.chair.id))
    expect(await assetsReady(app(), bd.layoutTask.id)).toBe(1)
  })
})

describe('PUT casting of an episode', () => {
  it('un-casts removed assets from the episode shots, then reports the episode casting', async () => {
    // Now: episode → hero, chair; shot1 → hero; shot2 → chair.
    const events = await eventsDuring(app(), async () => {
      expect((await put(bd.episode.id, [{ asset_id: bd.hero.id, nb_occurences: 1 }])).status).toBe(200)
    })
    expect(lines(events).map((l) => l.split(' ')[0])).toEqual(['shot:casting-update', 'entity-link:new', 'asset:update', 'episode:casting-update'])
    expect(events[0].data).toEqual({ shot_id: bd.shot2.id, nb_entities_out: 0, added_asset_ids: [], removed_asset_ids: [bd.chair.id], project_id: file.prod.project.id })
    expect(events[2].data).toEqual({ asset_id: bd.hero.id, project_id: file.prod.project.id })
    expect(events[3].data).toEqual({ episode_id: bd.episode.id, nb_entities_out: 1, added_asset_ids: [], removed_asset_ids: [bd.chair.id], project_id: file.prod.project.id })
    expect(await linksOf(app(), bd.shot2.id)).toEqual([])
    expect(await nbOut(app(), bd.shot2.id)).toBe(0)
    expect((await linksOf(app(), bd.shot1.id)).map((l) => l.asset_id)).toEqual([bd.hero.id])
  })
})

describe('PUT casting of an asset', () => {
  it('emits asset:casting-update and entity-link:update for a repeated asset (the last entry wins)', async () => {
    const body = [{ asset_id: bd.chair.id, nb_occurences: 2 }, { asset_id: bd.chair.id, nb_occurences: 5, label: 'x' }]
    const events = await eventsDuring(app(), async () => {
      const res = await send(app(), file.manager, 'PUT', `/data/assets/${bd.hero.id}/casting`, body)
      expect(res.status).toBe(200)
      expect(res.body).toEqual(body)
    })
    expect(events.map((e) => e.name)).toEqual(['entity-link:new', 'entity-link:update', 'asset:casting-update'])
    expect(events[1].data).toEqual({ entity_link_id: events[0].data.entity_link_id, nb_occurences: 5, project_id: file.prod.project.id })
    expect(events[2].data).toEqual({ asset_id: bd.hero.id, nb_entities_out: 2, added_asset_ids: [bd.chair.id], removed_asset_ids: [], project_id: file.prod.project.id })
    expect(await linksOf(app(), bd.hero.id)).toEqual([{ asset_id: bd.chair.id, nb_occurences: 5, label: 'x' }])
    const read = await send(app(), file.manager, 'GET', `/data/assets/${bd.hero.id}/casting`)
    expect(read.body).toMatchObject([{ asset_id: bd.chair.id, nb_occurences: 5, label: 'x' }])
  })

  it('an empty array clears the casting', async () => {
    expect((await send(app(), file.manager, 'PUT', `/data/assets/${bd.hero.id}/casting`, [])).body).toEqual([])
    expect(await linksOf(app(), bd.hero.id)).toEqual([])
    expect(await nbOut(app(), bd.hero.id)).toBe(0)
  })
})

describe('readiness rules', () => {
  it('counts shared assets of other projects, never canceled assets', async () => {
    const { makeProduction } = await import('../../helpers/fixtures.ts')
    const other = await makeProduction(app())
    await app().db.entity.update({ where: { id: other.asset.id }, data: { is_shared: true } })
    await app().db.entity.update({ where: { id: bd.table.id }, data: { canceled: true, ready_for: bd.animation.id } })
    const body = [bd.hero, bd.table, other.asset].map((a) => ({ asset_id: a.id, nb_occurences: 1 }))
    expect((await put(bd.shot1.id, body)).status).toBe(200)
    // Hero (ready) + the shared asset; the canceled Table is left out.
    expect(await assetsReady(app(), bd.layoutTask.id)).toBe(2)
    expect(await assetsReady(app(), bd.animationTask.id)).toBe(2)
    const read = await send(app(), file.manager, 'GET', url(bd.shot1.id))
    expect(read.body.map((e: { asset_id: string }) => e.asset_id)).not.toContain(bd.table.id)
    expect(read.body.find((e: { asset_id: string }) => e.asset_id === other.asset.id)).toMatchObject({ is_shared: true, project_id: other.project.id })
    await app().db.entity.update({ where: { id: bd.table.id }, data: { canceled: false, ready_for: null } })
  })
})
