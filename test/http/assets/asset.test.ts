// One asset (routes.md §2): the full asset, what it casts, its tasks and task types, and
// DELETE — canceled when it has tasks, removed (with what hangs off it) when forced or
// empty — with the events, the casting stats of the shots casting it, and what remains.
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { as } from '../../helpers/fixtures.ts'
import { eventsFor } from '../crud/helpers.ts'
import { assetWithTasks, breakdown, cast, entity } from './helpers.ts'

const file = useRoleProduction()
const ids: Record<string, string> = {}
const call = (method: 'GET' | 'DELETE', url: string, who = file.people.manager) => file.t.app.inject({ method, url, headers: who.headers })
const count = async (sql: string, values: unknown[]) => Number((await file.t.app.pool.query(sql, values)).rows[0].n)

beforeAll(async () => {
  const { t, prod } = file
  const b = await breakdown(t.app, prod.project.id)
  Object.assign(ids, { episode: b.episode.id, shot: b.shot.id })
  const { asset, tasks } = await assetWithTasks(t.app, prod, 'Castle', 2, { source_id: b.episode.id, data: { a: 1 } })
  ids.castle = asset.id
  ids.castleTask = tasks[0].id
  ids.tower = (await entity(t.app, prod.project.id, prod.assetType.name, 'Tower')).id
  await cast(t.app, asset.id, ids.tower, 3)
  await cast(t.app, b.shot.id, asset.id)
  await cast(t.app, b.episode.id, asset.id)
  await t.app.db.taskPersonLink.create({ data: { task_id: tasks[0].id, person_id: file.people.user.id } })
})

describe('GET /data/assets/:id', () => {
  it('answers the full asset: relation keys, names, and the with-tasks fields', async () => {
    const res = await call('GET', `/data/assets/${ids.castle}`)
    expect(res.statusCode).toBe(200)
    const a = res.json()
    expect(a).toMatchObject({
      id: ids.castle, name: 'Castle', type: 'Asset', project_id: file.prod.project.id, project_name: file.prod.project.name,
      entity_type_id: file.prod.assetType.id, asset_type_id: file.prod.assetType.id, asset_type_name: file.prod.assetType.name,
      entities_out: [ids.tower], preview_file_id: '', ready_for: 'None', episode_id: ids.episode, casting_episode_ids: [ids.episode],
      data: { a: 1 }, canceled: false, is_shared: false,
    })
    expect(a.entities_in.sort()).toEqual([ids.shot, ids.episode].sort())
    expect(a.instance_casting).toEqual([])
    expect('source_id' in a).toBe(false)
    expect('nb_frames' in a).toBe(false)
    expect(a.tasks).toHaveLength(2)
    expect(a.tasks.find((t: { id: string }) => t.id === ids.castleTask).assignees).toEqual([file.people.user.id])
  })

  it('404s for an id that is not an asset\'s, unknown or malformed', async () => {
    for (const id of [ids.shot, ids.episode, '00000000-0000-0000-0000-000000000000', 'nope']) {
      expect((await call('GET', `/data/assets/${id}`)).statusCode, id).toBe(404)
    }
  })

  it('refuses vendors not assigned on the asset', async () => {
    expect((await call('GET', `/data/assets/${ids.castle}`, file.people.vendor)).statusCode).toBe(403)
    expect((await call('GET', `/data/assets/${ids.castle}/tasks`, file.people.vendor)).statusCode).toBe(403)
  })
})

describe('what an asset casts, its tasks and task types', () => {
  it('GET …/assets lists the cast entities as assets', async () => {
    const rows = (await call('GET', `/data/assets/${ids.castle}/assets`)).json()
    expect(rows.map((r: { id: string }) => r.id)).toEqual([ids.tower])
    expect(rows[0].type).toBe('Asset')
    expect((await call('GET', `/data/assets/${ids.shot}/assets`)).statusCode).toBe(404)
  })

  it('GET …/tasks answers the detailed task list, assignees only with relations=true', async () => {
    const rows = (await call('GET', `/data/assets/${ids.castle}/tasks`)).json()
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ type: 'Task', entity_id: ids.castle, project_name: file.prod.project.name, entity_name: 'Castle', entity_type_name: file.prod.assetType.name })
    expect('assignees' in rows[0]).toBe(false)
    const withRelations = (await call('GET', `/data/assets/${ids.castle}/tasks?relations=true`)).json()
    expect(withRelations.find((t: { id: string }) => t.id === ids.castleTask).assignees).toEqual([file.people.user.id])
  })

  it('GET …/task-types lists the task types of its tasks once each', async () => {
    const rows = (await call('GET', `/data/assets/${ids.castle}/task-types`)).json()
    expect(rows).toHaveLength(2)
    expect(rows.map((r: { id: string }) => r.id)).toContain(file.prod.taskType.id)
    expect(rows[0].type).toBe('TaskType')
    expect((await call('GET', `/data/assets/${ids.tower}/task-types`)).json()).toEqual([])
  })
})

describe('DELETE /data/assets/:id', () => {
  it('cancels an asset with tasks (asset:update) and refreshes the casting stats of the shots casting it', async () => {
    const { t, prod } = file
    const { asset, tasks } = await assetWithTasks(t.app, prod, 'Doomed', 1, { ready_for: prod.taskType.id })
    await cast(t.app, ids.shot, asset.id)
    const shotTask = await t.app.db.task.create({
      data: { name: 'main', project_id: prod.project.id, entity_id: ids.shot, task_type_id: prod.taskType.id, task_status_id: prod.status.id },
    })
    await t.app.db.projectTaskTypeLink.create({ data: { project_id: prod.project.id, task_type_id: prod.taskType.id, priority: 2 } })
    await t.app.db.taskType.update({ where: { id: prod.taskType.id }, data: { for_entity: 'Shot' } })
    const seen: Array<{ name: string; data: Record<string, unknown> }> = []
    const off = t.app.events.on((e) => { seen.push(e) })
    const res = await call('DELETE', `/data/assets/${asset.id}`)
    off()
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
    expect((await t.app.db.entity.findUnique({ where: { id: asset.id } }))?.canceled).toBe(true)
    expect(await count('SELECT count(*) AS n FROM task WHERE id = $1', [tasks[0].id])).toBe(1)
    expect(await eventsFor(t.app, 'asset:update', 'asset_id', asset.id)).toEqual([
      { name: 'asset:update', data: { asset_id: asset.id, project_id: prod.project.id }, project_id: prod.project.id },
    ])
    // The shot casts Castle (not ready) and Doomed (ready for the shot task's type, but now
    // canceled: a canceled asset no longer counts as ready).
    const stats = seen.filter((e) => e.name === 'task:update-casting-stats')
    expect(stats).toContainEqual(expect.objectContaining({ data: { task_id: shotTask.id, nb_assets_ready: 0, project_id: prod.project.id } }))
    expect((await t.app.db.task.findUnique({ where: { id: shotTask.id } }))?.nb_assets_ready).toBe(0)
    expect(await count(`SELECT count(*) AS n FROM api_event WHERE name = 'task:update-casting-stats'`, [])).toBe(0)

    // Forced: gone with its task, links and events; the shot's stats recomputed without it.
    seen.length = 0
    const off2 = t.app.events.on((e) => { seen.push(e) })
    expect((await call('DELETE', `/data/assets/${asset.id}?force=True`)).statusCode).toBe(204)
    off2()
    expect(await count('SELECT count(*) AS n FROM entity WHERE id = $1', [asset.id])).toBe(0)
    expect(await count('SELECT count(*) AS n FROM task WHERE entity_id = $1', [asset.id])).toBe(0)
    expect(await count('SELECT count(*) AS n FROM entity_link WHERE entity_out_id = $1 OR entity_in_id = $1', [asset.id])).toBe(0)
    expect(seen.map((e) => e.name)).toEqual(['task:delete', 'asset:delete', 'task:update-casting-stats'])
    expect(seen[0].data).toEqual({ task_id: tasks[0].id, entity_id: asset.id, task_type_id: prod.taskType.id, project_id: prod.project.id })
    expect(seen[2].data).toEqual({ task_id: shotTask.id, nb_assets_ready: 0, project_id: prod.project.id })
    expect((await t.app.db.entity.findUnique({ where: { id: ids.shot } }))?.nb_entities_out).toBe(1)
    await t.app.db.taskType.update({ where: { id: prod.taskType.id }, data: { for_entity: 'Asset' } })
  })

  it('removes an asset without tasks at once, with its versions, subscriptions and casting', async () => {
    const { t, prod } = file
    const asset = await entity(t.app, prod.project.id, prod.assetType.name, 'Empty')
    await cast(t.app, asset.id, ids.tower)
    await t.app.db.entityVersion.create({ data: { entity_id: asset.id, name: 'v1' } })
    const child = await entity(t.app, prod.project.id, prod.assetType.name, 'Child', { parent_id: asset.id })
    expect((await call('DELETE', `/data/assets/${asset.id}`)).statusCode).toBe(204)
    expect(await count('SELECT count(*) AS n FROM entity WHERE id = $1', [asset.id])).toBe(0)
    expect(await count('SELECT count(*) AS n FROM entity_version WHERE entity_id = $1', [asset.id])).toBe(0)
    expect(await count('SELECT count(*) AS n FROM entity_link WHERE entity_in_id = $1', [asset.id])).toBe(0)
    expect((await t.app.db.entity.findUnique({ where: { id: child.id } }))?.parent_id).toBeNull()
    expect(await eventsFor(t.app, 'asset:delete', 'asset_id', asset.id)).toHaveLength(1)
  })

  it('lets the creator on the team delete, refuses others; 404 for non-assets', async () => {
    const { t, prod } = file
    const creator = await as(t.app, 'user')
    await t.app.db.projectPersonLink.create({ data: { project_id: prod.project.id, person_id: creator.id } })
    const mine = await entity(t.app, prod.project.id, prod.assetType.name, 'Mine', { created_by: creator.id })
    expect((await call('DELETE', `/data/assets/${mine.id}`, file.people.user)).statusCode).toBe(403)
    expect((await call('DELETE', `/data/assets/${mine.id}`, creator)).statusCode).toBe(204)
    expect((await call('DELETE', `/data/assets/${ids.shot}`)).statusCode).toBe(404)
    expect((await call('DELETE', '/data/assets/nope')).statusCode).toBe(404)
    expect(await count('SELECT count(*) AS n FROM entity WHERE id = $1', [ids.shot])).toBe(1)
  })
})
