// Bad casting input answers a clear 4xx and writes nothing; the bulk update is one
// transaction: a failure in any entity's casting (found before or during the writes) leaves
// every casting as it was and emits no event.
import { beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { makeBreakdown, makeEntity, type Breakdown } from './fixtures.ts'
import { eventsDuring, linksOf, nbOut, send } from './helpers.ts'

const file = useFileAppWithProduction()
let bd: Breakdown
const app = () => file.t.app
const p = () => file.prod.project.id
const put = (url: string, body: unknown) => send(app(), file.manager, 'PUT', url, body)
const one = (entityId: string) => `/data/projects/${p()}/entities/${entityId}/casting`
const bulk = () => `/data/projects/${p()}/entities/casting`

beforeAll(async () => {
  bd = await makeBreakdown(app(), file.prod)
  expect((await put(one(bd.shot1.id), [{ asset_id: bd.hero.id, nb_occurences: 1 }])).status).toBe(200)
  expect((await put(one(bd.shot2.id), [{ asset_id: bd.chair.id, nb_occurences: 1 }])).status).toBe(200)
})

/** The castings of both shots and the episode, to compare before / after a refused call. */
const snapshot = async () => ({
  shot1: await linksOf(app(), bd.shot1.id), shot2: await linksOf(app(), bd.shot2.id), episode: await linksOf(app(), bd.episode.id),
  n1: await nbOut(app(), bd.shot1.id), n2: await nbOut(app(), bd.shot2.id), ne: await nbOut(app(), bd.episode.id),
})

async function expectRefused(url: string, body: unknown, status: number, message?: string) {
  const before = await snapshot()
  const events = await eventsDuring(app(), async () => {
    const res = await put(url, body)
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    if (message) expect(res.body).toMatchObject({ error: true, message })
  })
  expect(events).toEqual([])
  expect(await snapshot()).toEqual(before)
}

describe('single casting: bad input', () => {
  it('a body that is not an array → 400 (checked before access)', async () => {
    for (const body of [{ asset_id: bd.hero.id }, 'x', 3, null]) {
      await expectRefused(one(bd.shot1.id), body, 400, 'Request body must be a JSON array')
    }
    const artist = await send(app(), file.admin, 'PUT', `/data/assets/${bd.hero.id}/casting`, { a: 1 })
    expect(artist).toEqual({ status: 400, body: { error: true, message: 'Request body must be a JSON array.' } })
  })

  it('malformed, unknown and non-asset ids, bad counts and labels → 400', async () => {
    const cases: Array<[unknown, string]> = [
      [[{ asset_id: 'not-an-id', nb_occurences: 1 }], 'Casting entry 0: asset_id must be a valid UUID.'],
      [[{ asset_id: bd.hero.id, nb_occurences: 1 }, { asset_id: 12, nb_occurences: 1 }], 'Casting entry 1: asset_id must be a valid UUID.'],
      [[{ asset_id: randomUUID(), nb_occurences: 1 }], ''],
      [[{ asset_id: bd.shot2.id, nb_occurences: 1 }], `Entity ${bd.shot2.id} is not an asset: only assets can be cast.`],
      [[{ asset_id: bd.hero.id, nb_occurences: 'many' }], 'Casting entry 0: nb_occurences must be an integer.'],
      [[{ asset_id: bd.hero.id, nb_occurences: 1.5 }], 'Casting entry 0: nb_occurences must be an integer.'],
      [[{ asset_id: bd.hero.id, nb_occurences: 2 ** 40 }], 'Casting entry 0: nb_occurences must be an integer.'],
      [[{ asset_id: bd.hero.id, nb_occurences: 1, label: 'x'.repeat(81) }], 'Casting entry 0: label must be a string of at most 80 characters.'],
      [[{ asset_id: bd.hero.id, nb_occurences: 1, label: { a: 1 } }], 'Casting entry 0: label must be a string of at most 80 characters.'],
    ]
    for (const [body, message] of cases) await expectRefused(one(bd.shot1.id), body, 400, message || undefined)
  })

  it('accepts what Zou accepts: numeric strings, null counts and labels, junk entries ignored', async () => {
    const body = ['junk', 7, null, { label: 'no id' }, { asset_id: bd.table.id, nb_occurences: '4', label: null }, { asset_id: bd.hero.id, nb_occurences: null }]
    const res = await put(one(bd.sequence.id), body)
    expect(res).toEqual({ status: 200, body })
    expect(await linksOf(app(), bd.sequence.id)).toEqual(
      [{ asset_id: bd.table.id, nb_occurences: 4, label: null }, { asset_id: bd.hero.id, nb_occurences: null, label: '' }]
        .sort((a, b) => (a.asset_id < b.asset_id ? -1 : 1)),
    )
    expect(await nbOut(app(), bd.sequence.id)).toBe(6)
  })

  it('unknown entity → 404; an entity of another project → 403; unknown project → 404', async () => {
    await expectRefused(one(randomUUID()), [], 404)
    await expectRefused(one('nope'), [], 404)
    const other = await makeProduction(app())
    const foreign = await makeEntity(app(), other.project.id, 'Shot', 'SH999')
    const admin = await send(app(), file.admin, 'PUT', one(foreign.id), [])
    expect(admin.status).toBe(403)
    expect(await send(app(), file.admin, 'GET', one(foreign.id))).toMatchObject({ status: 403 })
    expect((await send(app(), file.admin, 'PUT', `/data/projects/${randomUUID()}/entities/${bd.shot1.id}/casting`, [])).status).toBe(404)
    expect((await send(app(), file.admin, 'PUT', `/data/assets/${bd.shot1.id}/casting`, [])).status).toBe(404)
  })
})

describe('bulk casting: PUT /data/projects/:project_id/entities/casting', () => {
  it('updates every listed entity and answers the body', async () => {
    const body = {
      [bd.shot1.id]: [{ asset_id: bd.chair.id, nb_occurences: 2 }],
      [bd.shot2.id]: [{ asset_id: bd.hero.id, nb_occurences: 1 }, { asset_id: bd.table.id, nb_occurences: 3 }],
    }
    const events = await eventsDuring(app(), async () => {
      const res = await put(bulk(), body)
      expect(res).toEqual({ status: 200, body })
    })
    expect(await linksOf(app(), bd.shot1.id)).toEqual([{ asset_id: bd.chair.id, nb_occurences: 2, label: '' }])
    expect((await linksOf(app(), bd.shot2.id)).map((l) => l.asset_id).sort()).toEqual([bd.hero.id, bd.table.id].sort())
    const shotEvents = events.filter((e) => e.name === 'shot:casting-update').map((e) => e.data.shot_id)
    expect(shotEvents).toEqual([bd.shot1.id, bd.shot2.id])
    expect((await put(bulk(), {})).body).toEqual({})
  })

  it('a bad entry in any entity → 400 before anything is written', async () => {
    await expectRefused(bulk(), {
      [bd.shot1.id]: [{ asset_id: bd.hero.id, nb_occurences: 1 }],
      [bd.shot2.id]: [{ asset_id: bd.chair.id, nb_occurences: 'lots' }],
    }, 400, `Entity ${bd.shot2.id}: Casting entry 0: nb_occurences must be an integer.`)
  })

  it('a failure during the writes rolls every casting back', async () => {
    // Passes the checks, then PostgreSQL refuses the NUL character while writing the second shot.
    await expectRefused(bulk(), {
      [bd.shot1.id]: [{ asset_id: bd.hero.id, nb_occurences: 9 }],
      [bd.shot2.id]: [{ asset_id: bd.chair.id, nb_occurences: 1, label: 'a\u0000b' }],
    }, 400)
  })

  it('shape, unknown entity and foreign entity errors', async () => {
    const message = 'Request body must be a JSON object mapping entity ids to casting arrays'
    for (const body of [[], [{ asset_id: bd.hero.id }], { [bd.shot1.id]: { asset_id: bd.hero.id } }, 'x']) {
      await expectRefused(bulk(), body, 400, message)
    }
    const ok = [{ asset_id: bd.hero.id, nb_occurences: 1 }]
    await expectRefused(bulk(), { [bd.shot1.id]: ok, [randomUUID()]: ok }, 404)
    await expectRefused(bulk(), { [bd.shot1.id]: ok, 'not-an-id': ok }, 404)
    const other = await makeProduction(app(), [{ id: file.manager.id }])
    const foreign = await makeEntity(app(), other.project.id, 'Shot', 'SH999')
    await expectRefused(bulk(), { [bd.shot1.id]: ok, [foreign.id]: ok }, 403)
  })
})
