// Three Slate instances on loopback ports, one PostgreSQL database, the machine's Redis
// (test/helpers/redis.ts: 127.0.0.1:6379, or a redis-server this test starts when none
// answers): writes through one instance and concurrently through two reach the sockets of
// all three exactly once, in the same seq order; a socket that drops out of a 1,000-event
// burst resumes with its last seq and ends with every event once, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../helpers/fixtures.ts'
import { useRedis } from '../helpers/redis.ts'
import { listen, sleep, startInstance, trackedClients, until, type Client, type Instance } from './events-helpers.ts'

let t: TestApp
let redis: Awaited<ReturnType<typeof useRedis>>
let instances: Instance[]
let admin: TestPerson
let member: TestPerson
let prod: Awaited<ReturnType<typeof makeProduction>>
let other: Awaited<ReturnType<typeof makeProduction>>
const { open, closeAll } = trackedClients()

beforeAll(async () => {
  redis = await useRedis()
  t = await buildTestApp({ REDIS_URL: redis.url })
  instances = [await listen(t.app)]
  for (let i = 0; i < 2; i++) instances.push(await startInstance(t.databaseUrl, { REDIS_URL: redis.url }))
  admin = await as(t.app, 'admin')
  member = await as(t.app, 'user')
  prod = await makeProduction(t.app, [{ id: member.id }])
  other = await makeProduction(t.app)
})
afterAll(async () => {
  closeAll()
  for (const i of instances.slice(1)) await i.app.close()
  await t.close()
  await redis.stop()
})

const createTaskType = (instance: Instance, name: string) =>
  instance.app.inject({ method: 'POST', url: '/data/task-types', headers: admin.headers, payload: { name, for_entity: 'Shot' } })

describe('three instances', () => {
  it('deliver every write exactly once to every socket, in the same seq order', async () => {
    const withSeq = await Promise.all(instances.map((i) => open(i.url, { cookie: admin.token, auth: { with_seq: true } })))
    const plain = await Promise.all(instances.map((i) => open(i.url, { cookie: member.token })))
    const created: string[] = []
    for (let n = 0; n < 15; n++) {
      const res = await createTaskType(instances[0], `Through A ${n}`)
      expect(res.statusCode).toBe(201)
      created.push(res.json().id)
    }
    const concurrent = await Promise.all(Array.from({ length: 30 }, (_, n) => createTaskType(instances[1 + (n % 2)], `Through B or C ${n}`)))
    for (const res of concurrent) {
      expect(res.statusCode).toBe(201)
      created.push(res.json().id)
    }
    const all = [...withSeq, ...plain]
    await until(() => all.every((c) => c.named('task-type:new').length >= created.length), 'every event on every socket')
    await sleep(200) // a duplicate would arrive in this time
    const ids = (c: Client) => c.named('task-type:new').map((e) => (e.args[0] as { task_type_id: string }).task_type_id)
    const order = ids(withSeq[0])
    expect([...order].sort()).toEqual([...created].sort())
    for (const c of all) expect(ids(c)).toEqual(order)
    const seqs = withSeq.map((c) => c.named('task-type:new').map((e) => (e.args[1] as { seq: number }).seq))
    for (const s of seqs) {
      expect(s).toEqual(seqs[0])
      expect(s.every((v, i) => i === 0 || v > s[i - 1])).toBe(true)
    }
    // The seq order is the log's order.
    const { rows } = await t.app.pool.query(
      `SELECT data->>'task_type_id' AS id FROM api_event WHERE name = 'task-type:new' AND data->>'task_type_id' = ANY($1) ORDER BY seq`, [created])
    expect(rows.map((r) => r.id)).toEqual(order)
  })

  it('resumes a socket that dropped out of a 1,000-event burst with no gap and no duplicate', async () => {
    const first = await open(instances[1].url, { cookie: member.token, auth: { with_seq: true } })
    // Three writers at once, ten events a batch; every tenth event belongs to a project the
    // member cannot read.
    const burst = Promise.all(instances.map(async (instance, w) => {
      for (let b = w; b < 100; b += 3) {
        const batch = Array.from({ length: 10 }, (_, k) => ({ name: 'test:burst', data: { i: b * 10 + k }, projectId: prod.project.id }))
        batch.push({ name: 'test:hidden', data: { i: b }, projectId: other.project.id })
        await instance.app.events.emitMany(batch)
      }
    }))
    const received = (c: Client) => c.named('test:burst').map((e) => ({ i: (e.args[0] as { i: number }).i, seq: (e.args[1] as { seq: number }).seq }))
    await until(() => first.named('test:burst').length >= 150, 'the first part of the burst')
    first.socket.close()
    const got = received(first)
    const second = await open(instances[2].url, { cookie: member.token, auth: { last_seq: got.at(-1)!.seq } })
    await burst
    await until(() => got.length + second.named('test:burst').length >= 1000, 'the rest of the burst')
    await sleep(200) // a duplicate would arrive in this time
    got.push(...received(second))
    expect(new Set(got.map((e) => e.i)).size).toBe(1000)
    expect(got).toHaveLength(1000)
    expect(got.every((e, k) => k === 0 || e.seq > got[k - 1].seq)).toBe(true)
    const { rows } = await t.app.pool.query(`SELECT (data->>'i')::int AS i FROM api_event WHERE name = 'test:burst' ORDER BY seq`)
    expect(got.map((e) => e.i)).toEqual(rows.map((r) => r.i))
    expect([...first.events, ...second.events].filter((e) => e.name === 'test:hidden')).toEqual([])
    // Replayed rows carry the published payload (with project_id, without the log id).
    expect(Object.keys(second.named('test:burst')[0].args[0] as object).sort()).toEqual(['i', 'project_id'])
  })
})
