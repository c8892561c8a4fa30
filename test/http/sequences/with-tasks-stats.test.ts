// routes.md §3: the sequences/episodes with-tasks rows (shape, filters, vendor scope, a fixed
// number of SQL queries whatever the production size) and the episode statistics.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { call, FORBIDDEN } from '../crud/helpers.ts'
import { makeEntity, makeTask, makeTree, queriesOf, type Tree } from './helpers.ts'

const file = useRoleProduction()
const get = (url: string, who = file.admin) => call(file.t.app, 'GET', url, who.headers)
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
let tree: Tree
let other: Tree

beforeAll(async () => {
  tree = await makeTree(file.t.app, file.prod, { assign: [file.people.vendor.id], tag: 'b' })
  other = await makeTree(file.t.app, file.prod, { tag: 'a' })
})

describe('GET /data/sequences/with-tasks and /data/episodes/with-tasks', () => {
  it('answers entities-and-tasks rows', async () => {
    const { app } = file.t
    await app.db.entity.update({ where: { id: tree.sequence.id }, data: { data: { frame_in: 10, fps: 25 }, description: 'desc' } })
    const task = await app.db.task.update({
      where: { id: tree.tasks.sequence.id },
      data: { priority: null, due_date: new Date('2024-05-02T10:11:12.345Z'), estimation: 2.5, data: { k: 'v' } },
    })
    await app.db.subscription.create({ data: { person_id: file.people.manager.id, task_id: task.id } })
    const res = await get(`/data/sequences/with-tasks?project_id=${file.prod.project.id}`, file.people.manager)
    expect(res.status).toBe(200)
    expect(ids(res.body)).toEqual([other.sequence.id, tree.sequence.id])
    expect(res.body[1]).toEqual({
      id: tree.sequence.id, name: 'SQ-b', status: 'running', episode_id: tree.episode.id, description: 'desc',
      frame_in: 10, frame_out: null, fps: 25, preview_file_id: '', canceled: false, data: { frame_in: 10, fps: 25 },
      tasks: [{
        id: task.id, estimation: 2.5, entity_id: tree.sequence.id, end_date: null, due_date: '2024-05-02T10:11:12', done_date: null,
        duration: 0, last_comment_date: null, last_preview_file_id: null, priority: 0, real_start_date: null, retake_count: 0,
        start_date: null, difficulty: 3, task_status_id: file.prod.status.id, task_type_id: file.prod.taskType.id, data: { k: 'v' },
        is_subscribed: true, assignees: [file.people.vendor.id],
      }],
    })
    expect((await get(`/data/sequences/with-tasks?project_id=${file.prod.project.id}`)).body[1].tasks[0].is_subscribed).toBe(false)
    const episodes = await get(`/data/episodes/with-tasks?project_id=${file.prod.project.id}`, file.people.client)
    expect(ids(episodes.body)).toEqual([other.episode.id, tree.episode.id])
    expect(episodes.body[0]).toMatchObject({ episode_id: 'None', data: {}, tasks: [expect.objectContaining({ id: other.tasks.episode.id, assignees: [] })] })
  })

  it('filters on episode_id (its children; `all` = every one); malformed ids 400; PA', async () => {
    const url = `/data/sequences/with-tasks?project_id=${file.prod.project.id}`
    expect(ids((await get(`${url}&episode_id=${tree.episode.id}`)).body)).toEqual([tree.sequence.id])
    expect(ids((await get(`${url}&episode_id=all`)).body)).toHaveLength(2)
    expect((await get(`${url}&episode_id=nope`)).status).toBe(400)
    expect((await get('/data/episodes/with-tasks?project_id=nope')).status).toBe(400)
    expect((await get('/data/episodes/with-tasks', file.people.manager)).body).toEqual(FORBIDDEN)
    expect((await get(url, file.people.outsider)).body).toEqual(FORBIDDEN)
    expect(ids((await get('/data/sequences/with-tasks')).body)).toEqual(expect.arrayContaining([tree.sequence.id, other.sequence.id]))
  })

  it('vendors: the entities they work on, with their own tasks only', async () => {
    await makeTask(file.t.app, file.prod, tree.sequence.id)
    expect((await get(`/data/sequences/with-tasks?project_id=${file.prod.project.id}`)).body[1].tasks).toHaveLength(2)
    for (const kind of ['sequences', 'episodes']) {
      const res = await get(`/data/${kind}/with-tasks?project_id=${file.prod.project.id}`, file.people.vendor)
      const own = kind === 'sequences' ? tree.tasks.sequence.id : tree.tasks.episode.id
      expect(res.body.map((r: { id: string; tasks: Array<{ id: string }> }) => [r.id, ids(r.tasks)])).toEqual([
        [kind === 'sequences' ? tree.sequence.id : tree.episode.id, [own]],
      ])
    }
  })

  it('runs a fixed number of queries whatever the production size', async () => {
    const prod = await makeProduction(file.t.app, [{ id: file.people.manager.id }])
    const grow = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const t = await makeTree(file.t.app, prod, { assign: [file.people.manager.id, file.people.user.id] })
        await makeTask(file.t.app, prod, t.sequence.id, [file.people.manager.id])
      }
    }
    const pid = prod.project.id
    const urls = [
      `/data/sequences/with-tasks?project_id=${pid}`, `/data/episodes/with-tasks?project_id=${pid}`,
      `/data/sequences?project_id=${pid}`, `/data/episodes?project_id=${pid}`, `/data/projects/${pid}/sequences`,
      `/data/projects/${pid}/episodes`, `/data/projects/${pid}/episodes/stats`, `/data/projects/${pid}/episodes/retake-stats`,
    ]
    await grow(1)
    const small: number[] = []
    for (const u of urls) small.push((await queriesOf(file.t.app, u, file.people.manager)).sql.length)
    await grow(6)
    for (const [i, url] of urls.entries()) {
      const r = await queriesOf(file.t.app, url, file.people.manager)
      expect(r.status).toBe(200)
      expect(Object.keys(r.body)).toHaveLength(url.includes('stats') ? 8 : 7) // 7 episodes (+ "all")
      expect(r.sql.length, r.sql.join('\n')).toBe(small[i])
      expect(r.sql.length, url).toBe(2) // the token check, then the answer
    }
    const rows = (await queriesOf(file.t.app, urls[0], file.people.manager)).body
    expect(rows[0].tasks).toHaveLength(2)
  })
})

describe('episode statistics', () => {
  let prod: Awaited<ReturnType<typeof makeProduction>>
  let ep1: string, ep2: string, tt1: string, tt2: string
  let done: { id: string; short_name: string; color: string }, retake: typeof done, todo: typeof done

  beforeAll(async () => {
    const { app } = file.t
    const { manager, vendor } = file.people
    prod = await makeProduction(app, [{ id: manager.id }, { id: vendor.id }])
    const tag = randomUUID().slice(0, 4)
    done = await app.db.taskStatus.create({ data: { name: 'Done', short_name: `d${tag}`, color: '#00ff00', is_done: true } })
    retake = await app.db.taskStatus.create({ data: { name: 'Retake', short_name: `r${tag}`, color: '#ff0000', is_retake: true } })
    todo = prod.status
    tt1 = prod.taskType.id
    tt2 = (await app.db.taskType.create({ data: { name: `Anim ${tag}`, for_entity: 'Shot' } })).id
    const e1 = await makeEntity(app, prod, 'Episode', 'E1')
    const e2 = await makeEntity(app, prod, 'Episode', 'E2')
    ep1 = e1.id
    ep2 = e2.id
    const sq1 = await makeEntity(app, prod, 'Sequence', 'SQ1', { parent_id: ep1 })
    const sq2 = await makeEntity(app, prod, 'Sequence', 'SQ2', { parent_id: ep2 })
    const shA = await makeEntity(app, prod, 'Shot', 'A', { parent_id: sq1.id, nb_frames: 10 })
    const shB = await makeEntity(app, prod, 'Shot', 'B', { parent_id: sq1.id, nb_frames: 20 })
    const shC = await makeEntity(app, prod, 'Shot', 'C', { parent_id: sq2.id, nb_frames: 5 })
    await makeTask(app, prod, shA.id, [], { task_status_id: done.id, retake_count: 2, nb_drawings: 3 })
    await makeTask(app, prod, shA.id, [vendor.id], { task_type_id: tt2, task_status_id: retake.id, retake_count: 1, nb_drawings: 0 })
    await makeTask(app, prod, shB.id, [], { retake_count: 0, nb_drawings: 4 })
    await makeTask(app, prod, shC.id, [], { task_status_id: done.id, retake_count: null, nb_drawings: 1 })
    // Not shot tasks: ignored.
    await makeTask(app, prod, sq1.id, [], { task_status_id: done.id })
    await makeTask(app, prod, prod.asset.id, [], { task_status_id: done.id })
  })

  const entry = (s: { short_name: string; color: string }, count: number, frames: number, drawings: number) =>
    ({ name: s.short_name, color: s.color, count, frames, drawings })
  const b = (count: number, frames: number, drawings: number) => ({ count, frames, drawings })
  const zero = b(0, 0, 0)

  it('stats: counts, frames and drawings by episode, task type and status', async () => {
    const res = await get(`/data/projects/${prod.project.id}/episodes/stats`, file.people.manager)
    expect(res.body).toEqual({
      [ep1]: {
        [tt1]: { [done.id]: entry(done, 1, 10, 3), [todo.id]: entry(todo, 1, 20, 4) },
        [tt2]: { [retake.id]: entry(retake, 1, 10, 0) },
        all: { [done.id]: entry(done, 1, 10, 3), [todo.id]: entry(todo, 1, 20, 4), [retake.id]: entry(retake, 1, 10, 0) },
      },
      [ep2]: { [tt1]: { [done.id]: entry(done, 1, 5, 1) }, all: { [done.id]: entry(done, 1, 5, 1) } },
      all: {
        all: { [done.id]: entry(done, 2, 15, 4), [todo.id]: entry(todo, 1, 20, 4), [retake.id]: entry(retake, 1, 10, 0) },
        [tt1]: { [done.id]: entry(done, 2, 15, 4), [todo.id]: entry(todo, 1, 20, 4) },
        [tt2]: { [retake.id]: entry(retake, 1, 10, 0) },
      },
    })
    const vendor = await get(`/data/projects/${prod.project.id}/episodes/stats`, file.people.vendor)
    expect(vendor.body).toEqual({
      [ep1]: { [tt2]: { [retake.id]: entry(retake, 1, 10, 0) }, all: { [retake.id]: entry(retake, 1, 10, 0) } },
      all: { all: { [retake.id]: entry(retake, 1, 10, 0) }, [tt2]: { [retake.id]: entry(retake, 1, 10, 0) } },
    })
    expect((await get(`/data/projects/${file.prod.project.id}/episodes/stats`, file.people.user)).body).toEqual(
      expect.objectContaining({ all: expect.any(Object) }),
    )
  })

  it('retake-stats: current state, max retake count and evolution per take', async () => {
    const res = await get(`/data/projects/${prod.project.id}/episodes/retake-stats`, file.people.manager)
    const S = (max: number, d: object, r: object, o: object, evolution: object = {}) => ({ max_retake_count: max, evolution, done: d, retake: r, other: o })
    const E = (d: object, r: object, o: object) => ({ done: d, retake: r, other: o })
    expect(res.body).toEqual({
      all: {
        all: S(2, b(2, 15, 4), b(1, 10, 0), b(1, 20, 4)),
        [tt1]: S(2, b(2, 15, 4), zero, b(1, 20, 4)),
        [tt2]: S(1, zero, b(1, 10, 0), zero),
      },
      [ep1]: {
        all: S(2, b(1, 10, 3), b(1, 10, 0), b(1, 20, 4), {
          1: E(zero, b(2, 20, 3), b(1, 20, 4)),
          2: E(zero, b(1, 10, 3), b(2, 30, 4)),
        }),
        [tt1]: S(2, b(1, 10, 3), zero, b(1, 20, 4), { 1: E(zero, b(1, 10, 3), b(1, 20, 4)), 2: E(zero, b(1, 10, 3), b(1, 20, 4)) }),
        [tt2]: S(1, zero, b(1, 10, 0), zero, { 1: E(zero, b(1, 10, 0), zero) }),
      },
      [ep2]: { all: S(0, b(1, 5, 1), zero, zero), [tt1]: S(0, b(1, 5, 1), zero, zero) },
    })
  })

  it('empty project: {} and the zero retake stats; unknown project 404, outsiders 403', async () => {
    const empty = await makeProduction(file.t.app, [{ id: file.people.manager.id }])
    expect((await get(`/data/projects/${empty.project.id}/episodes/stats`, file.people.manager)).body).toEqual({})
    expect((await get(`/data/projects/${empty.project.id}/episodes/retake-stats`, file.people.manager)).body).toEqual({
      all: { all: { max_retake_count: 0, evolution: {}, done: zero, retake: zero, other: zero } },
    })
    expect((await get(`/data/projects/${randomUUID()}/episodes/stats`)).status).toBe(404)
    expect((await get(`/data/projects/${prod.project.id}/episodes/retake-stats`, file.people.user)).body).toEqual(FORBIDDEN)
  })
})
