// GET /data/assets/with-tasks (routes.md §2): the row and task shapes, the filters, vendor
// scope, compact and NDJSON answers, bad ids, and a fixed number of SQL statements.
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { as } from '../../helpers/fixtures.ts'
import { countQueries } from '../../helpers/query-count.ts'
import { assetWithTasks, breakdown, cast, entity } from './helpers.ts'

const file = useRoleProduction()
const ids: Record<string, string> = {}
const get = (url: string, who = file.people.manager) => file.t.app.inject({ method: 'GET', url, headers: who.headers })
const list = async (query: string, who = file.people.manager) => {
  const res = await get(`/data/assets/with-tasks?${query}`, who)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as Array<Record<string, any>>
}

beforeAll(async () => {
  const { t, prod, people } = file
  const app = t.app
  const b = await breakdown(app, prod.project.id)
  ids.episode = b.episode.id
  ids.shot = b.shot.id
  // Hero (makeProduction's) keeps its single task, assigned to the vendor.
  const main = await assetWithTasks(app, prod, 'Anvil', 2, { source_id: b.episode.id, ready_for: prod.taskType.id, description: 'heavy', data: { color: 'red', secret: 1 } })
  ids.anvil = main.asset.id
  ids.anvilTask = main.tasks[0].id
  await app.db.task.update({
    where: { id: main.tasks[0].id },
    data: { priority: null, due_date: new Date('2024-03-04T05:06:07.890Z'), estimation: 2.5, last_preview_file_id: prod.task.id },
  })
  await app.db.taskPersonLink.createMany({ data: [{ task_id: main.tasks[0].id, person_id: people.user.id }, { task_id: main.tasks[0].id, person_id: people.vendor.id }] })
  await app.db.subscription.create({ data: { person_id: people.manager.id, task_id: main.tasks[0].id } })
  const casted = await assetWithTasks(app, prod, 'Barrel', 1)
  ids.barrel = casted.asset.id
  await cast(app, b.episode.id, casted.asset.id)
  await cast(app, b.episode.id, main.asset.id)
  ids.otherType = (await app.db.entityType.create({ data: { name: `Aaa ${prod.assetType.name.slice(-6)}` } })).id
  ids.zebra = (await entity(app, prod.project.id, 'Aaa ' + prod.assetType.name.slice(-6), 'Zebra')).id
  // A shot with a task is not an asset.
  await app.db.task.create({ data: { name: 'main', project_id: prod.project.id, entity_id: b.shot.id, task_type_id: prod.taskType.id, task_status_id: prod.status.id } })
  // A metadata field restricted to a department the vendor is not in.
  const dep = await app.db.department.create({ data: { name: `Dep ${prod.assetType.name.slice(-6)}`, color: '#000000' } })
  const desc = await app.db.metadataDescriptor.create({ data: { project_id: prod.project.id, entity_type: 'Asset', name: 'Secret', field_name: 'secret' } })
  await app.db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: desc.id, department_id: dep.id } })
})

describe('GET /data/assets/with-tasks', () => {
  it('answers the assets of the project ordered by type name then name, with their tasks, in Zou\'s shapes', async () => {
    const rows = await list(`project_id=${file.prod.project.id}`)
    expect(rows.map((r) => r.name)).toEqual(['Zebra', 'Anvil', 'Barrel', 'Hero'])
    const anvil = rows[1]
    expect(Object.keys(anvil)).toEqual(['id', 'name', 'preview_file_id', 'description', 'asset_type_name', 'asset_type_id', 'canceled',
      'ready_for', 'episode_id', 'casting_episode_ids', 'is_casting_standby', 'is_shared', 'data', 'tasks'])
    expect(anvil).toMatchObject({
      id: ids.anvil, preview_file_id: '', description: 'heavy', asset_type_name: file.prod.assetType.name,
      asset_type_id: file.prod.assetType.id, canceled: false, ready_for: file.prod.taskType.id, episode_id: ids.episode,
      casting_episode_ids: [ids.episode], is_casting_standby: false, is_shared: false, data: { color: 'red', secret: 1 },
    })
    expect(rows[3]).toMatchObject({ ready_for: 'None', episode_id: '', casting_episode_ids: [], data: {} })
    expect(anvil.tasks).toHaveLength(2)
    const task = anvil.tasks.find((t: any) => t.id === ids.anvilTask)
    expect(Object.keys(task)).toEqual(['id', 'due_date', 'done_date', 'duration', 'entity_id', 'estimation', 'end_date', 'is_subscribed',
      'last_comment_date', 'last_preview_file_id', 'priority', 'real_start_date', 'retake_count', 'start_date', 'difficulty',
      'task_status_id', 'task_type_id', 'assignees', 'data'])
    expect(task).toMatchObject({
      due_date: '2024-03-04T05:06:07', done_date: null, duration: 0, entity_id: ids.anvil, estimation: 2.5, is_subscribed: true,
      last_preview_file_id: file.prod.task.id, priority: 0, retake_count: 0, difficulty: 3, task_status_id: file.prod.status.id,
      task_type_id: file.prod.taskType.id,
    })
    expect(task.assignees.sort()).toEqual([file.people.user.id, file.people.vendor.id].sort())
    const other = anvil.tasks.find((t: any) => t.id !== ids.anvilTask)
    expect(other).toMatchObject({ is_subscribed: false, assignees: [], last_preview_file_id: '' })
  })

  it('is_subscribed is the caller\'s, and casting_episode_ids is only filled with a project', async () => {
    const rows = await list(`project_id=${file.prod.project.id}`, file.people.supervisor)
    expect(rows.find((r) => r.id === ids.anvil)!.tasks.every((t: any) => t.is_subscribed === false)).toBe(true)
    const noProject = await list(`id=${ids.anvil}`)
    expect(noProject).toHaveLength(1)
    expect(noProject[0].casting_episode_ids).toEqual([])
  })

  it('filters by episode: main = no main episode; an id = main episode or cast in it; all = no filter', async () => {
    const p = file.prod.project.id
    expect((await list(`project_id=${p}&episode_id=main`)).map((r) => r.name)).toEqual(['Zebra', 'Barrel', 'Hero'])
    expect((await list(`project_id=${p}&episode_id=${ids.episode}`)).map((r) => r.name)).toEqual(['Anvil', 'Barrel'])
    expect(await list(`project_id=${p}&episode_id=all`)).toHaveLength(4)
    // Without a project, the episode's project is checked.
    expect((await list(`episode_id=${ids.episode}`)).map((r) => r.name)).toEqual(['Anvil', 'Barrel'])
    expect((await get(`/data/assets/with-tasks?episode_id=${ids.episode}`, file.people.outsider)).statusCode).toBe(403)
  })

  it('assigned_to keeps the assets with a task of the caller, and only those tasks', async () => {
    const rows = await list(`project_id=${file.prod.project.id}&assigned_to=1`, file.people.user)
    expect(rows.map((r) => r.name)).toEqual(['Anvil'])
    expect(rows[0].tasks.map((t: any) => t.id)).toEqual([ids.anvilTask])
  })

  it('vendors see their assigned assets and tasks only, without the metadata of other departments', async () => {
    const rows = await list(`project_id=${file.prod.project.id}`, file.people.vendor)
    expect(rows.map((r) => r.name)).toEqual(['Anvil', 'Hero'])
    expect(rows[0].tasks.map((t: any) => t.id)).toEqual([ids.anvilTask])
    expect(rows[0].data).toEqual({ color: 'red' })
  })

  it('non-admins without a project get the assets of their projects only', async () => {
    const outsider = await list('', file.people.outsider)
    expect(outsider.some((r) => r.id === ids.anvil)).toBe(false)
    expect((await list('', file.people.manager)).some((r) => r.id === ids.anvil)).toBe(true)
    expect((await get(`/data/assets/with-tasks?project_id=${file.prod.project.id}`, file.people.outsider)).statusCode).toBe(403)
  })

  it('compact=true answers field lists and rows as arrays', async () => {
    const res = await get(`/data/assets/with-tasks?project_id=${file.prod.project.id}&compact=true`)
    const body = res.json()
    expect(Object.keys(body)).toEqual(['compact', 'asset_fields', 'task_fields', 'rows'])
    expect(body.compact).toBe(true)
    expect(body.asset_fields[13]).toBe('tasks')
    expect(body.task_fields).toContain('assignees')
    const anvil = body.rows.find((r: unknown[]) => r[0] === ids.anvil)
    expect(anvil[1]).toBe('Anvil')
    expect(anvil[7]).toBe(file.prod.taskType.id)
    const task = anvil[13].find((t: unknown[]) => t[0] === ids.anvilTask)
    expect(task[body.task_fields.indexOf('due_date')]).toBe('2024-03-04T05:06:07')
    expect(task[body.task_fields.indexOf('is_subscribed')]).toBe(true)
  })

  it('stream=true answers NDJSON: a header line then one asset per line', async () => {
    const plain = await get(`/data/assets/with-tasks?project_id=${file.prod.project.id}&stream=true`)
    expect(plain.headers['content-type']).toContain('application/x-ndjson')
    const lines = plain.body.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines[0]).toEqual({ compact: false })
    expect(lines.slice(1).map((r) => r.name)).toEqual(['Zebra', 'Anvil', 'Barrel', 'Hero'])
    const compact = await get(`/data/assets/with-tasks?project_id=${file.prod.project.id}&stream=true&compact=true`)
    const clines = compact.body.trim().split('\n').map((l) => JSON.parse(l))
    expect(clines[0].compact).toBe(true)
    expect(clines[0].asset_fields).toHaveLength(14)
    expect(clines[2][1]).toBe('Anvil')
    const off = await get(`/data/assets/with-tasks?project_id=${file.prod.project.id}&stream=false&compact=false`)
    expect(Array.isArray(off.json())).toBe(true)
  })

  it('answers 400 for malformed ids and 404 for an unknown episode', async () => {
    const bad = await get('/data/assets/with-tasks?project_id=nope')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toEqual({ error: true, message: 'Invalid UUID format for project_id: nope', data: null })
    expect((await get('/data/assets/with-tasks?id=1')).statusCode).toBe(400)
    expect((await get('/data/assets/with-tasks?episode_id=x')).statusCode).toBe(400)
    expect((await get(`/data/assets/with-tasks?episode_id=${ids.anvil}`)).statusCode).toBe(404)
    expect((await get('/data/assets/with-tasks?project_id=00000000-0000-0000-0000-000000000000', file.admin)).statusCode).toBe(404)
    // main/all without a project: the caller's projects.
    expect((await get('/data/assets/with-tasks?episode_id=main')).statusCode).toBe(200)
  })

  it('runs a fixed number of SQL statements whatever the number of assets and tasks', async () => {
    const { t, prod, people } = file
    const url = `/data/assets/with-tasks?project_id=${prod.project.id}`
    const queriesOf = async (who: typeof file.admin) => {
      const { result, sql } = await countQueries(() => get(url, who))
      return { res: result, sql }
    }
    const before = { admin: await queriesOf(file.admin), vendor: await queriesOf(people.vendor) }
    const many = await t.app.db.entity.createManyAndReturn({
      data: Array.from({ length: 40 }, (_, i) => ({ name: `Bulk ${i}`, project_id: prod.project.id, entity_type_id: prod.assetType.id })),
      select: { id: true },
    })
    const tasks = await t.app.db.task.createManyAndReturn({
      data: many.map((a) => ({ name: 'main', project_id: prod.project.id, entity_id: a.id, task_type_id: prod.taskType.id, task_status_id: prod.status.id })),
      select: { id: true },
    })
    await t.app.db.taskPersonLink.createMany({ data: tasks.flatMap((k) => [{ task_id: k.id, person_id: people.user.id }, { task_id: k.id, person_id: people.vendor.id }]) })
    try {
      for (const a of many.slice(0, 5)) await cast(t.app, ids.episode, a.id)
      const after = { admin: await queriesOf(file.admin), vendor: await queriesOf(people.vendor) }
      expect(after.admin.res.json().length).toBeGreaterThanOrEqual(44)
      expect(after.admin.sql.length).toBe(before.admin.sql.length)
      expect(after.vendor.sql.length).toBe(before.vendor.sql.length)
      // The token check, the project's existence (admins), then assets, tasks, assignees.
      expect(after.admin.sql.length, after.admin.sql.join('\n')).toBeLessThanOrEqual(5)
    } finally {
      await cleanUp()
    }
    async function cleanUp() {
      await t.app.db.taskPersonLink.deleteMany({ where: { task_id: { in: tasks.map((k) => k.id) } } })
      await t.app.db.task.deleteMany({ where: { id: { in: tasks.map((k) => k.id) } } })
      await t.app.db.entityLink.deleteMany({ where: { entity_out_id: { in: many.map((a) => a.id) } } })
      await t.app.db.entity.deleteMany({ where: { id: { in: many.map((a) => a.id) } } })
    }
  })

  it('per-project roles decide the vendor scope', async () => {
    const pm = await as(file.t.app, 'vendor')
    await file.t.app.db.projectPersonLink.create({ data: { project_id: file.prod.project.id, person_id: pm.id, role: 'user' } })
    const rows = await list(`project_id=${file.prod.project.id}`, pm)
    expect(rows).toHaveLength(4)
  })
})
