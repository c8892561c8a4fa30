// The per-entity lists of the user blueprint: the caller's tasks and task types on an entity,
// and the asset types, assets, sequences, episodes, shots and scenes holding a task assigned
// to them, in open projects only, each listed once; 404 for unknown or wrong-kind ids.
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { assign, makeBreakdown, makeEntity, makeTask } from './helpers.ts'

interface EntitiesFile extends FileApp {
  artist: TestPerson
  other: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
  tree: Awaited<ReturnType<typeof makeBreakdown>>
}

const file = useFileAppWith<EntitiesFile>(async ({ t }) => {
  const artist = await as(t.app, 'user')
  const other = await as(t.app, 'user')
  const prod = await makeProduction(t.app, [{ id: artist.id }, { id: other.id }])
  await assign(t.app, prod.task.id, artist.id)
  const tree = await makeBreakdown(t.app, prod, [artist.id])
  return { artist, other, prod, tree }
})

const get = (url: string, who: TestPerson = file.artist) => call(file.t.app, 'GET', url, who.headers)
const ids = (body: Array<{ id: string }>) => body.map((x) => x.id)
const NOT_FOUND = expect.objectContaining({ error: true, message: expect.stringMatching(/^404 Not Found/) })

describe('tasks and task types on an entity', () => {
  it('answer the caller\'s tasks (plain rows) and their task types', async () => {
    const { t, prod, tree, other } = file
    const second = await makeTask(t.app, prod, tree.shot.id, { name: 'second' })
    await assign(t.app, second.id, other.id)
    const tasks = await get(`/data/user/shots/${tree.shot.id}/tasks`)
    expect(tasks.status).toBe(200)
    expect(ids(tasks.body)).toEqual([tree.tasks.shot])
    expect(tasks.body[0]).toMatchObject({ type: 'Task', entity_id: tree.shot.id, task_type_id: prod.taskType.id })
    expect(tasks.body[0]).not.toHaveProperty('assignees')
    const types = await get(`/api/data/user/shots/${tree.shot.id}/task-types`)
    expect(types.body).toEqual([expect.objectContaining({ id: prod.taskType.id, type: 'TaskType' })])
    expect(ids((await get(`/data/user/assets/${prod.asset.id}/tasks`)).body)).toEqual([prod.task.id])
    expect(ids((await get(`/data/user/scenes/${tree.scene.id}/task-types`)).body)).toEqual([prod.taskType.id])
    expect(ids((await get(`/data/user/sequences/${tree.sequence.id}/tasks`)).body)).toEqual([tree.tasks.sequence])
    expect((await get(`/data/user/shots/${tree.shot.id}/tasks`, other)).body.map((x: { id: string }) => x.id)).toEqual([second.id])
  })

  it('404 for an unknown id, a malformed one, or an entity of another kind', async () => {
    const { prod, tree } = file
    for (const url of [
      '/data/user/assets/00000000-0000-0000-0000-000000000000/tasks',
      '/data/user/shots/not-a-uuid/task-types',
      `/data/user/shots/${prod.asset.id}/tasks`,
      `/data/user/assets/${tree.shot.id}/task-types`,
      `/data/user/scenes/${tree.shot.id}/tasks`,
      `/data/user/sequences/${tree.episode.id}/tasks`,
    ]) {
      const res = await get(url)
      expect(res.status, url).toBe(404)
      expect(res.body).toEqual(NOT_FOUND)
    }
  })
})

describe('project and sequence lists', () => {
  it('list what holds a caller-assigned task, once each', async () => {
    const { t, prod, tree, artist } = file
    const p = prod.project.id
    const other = await as(t.app, 'user')
    await t.app.db.projectPersonLink.create({ data: { project_id: p, person_id: other.id } })
    // A second assigned shot in the same sequence: the sequence and episode stay listed once.
    const shot2 = await makeEntity(t.app, prod, 'Shot', 'SH-2', { parent_id: tree.sequence.id })
    await assign(t.app, (await makeTask(t.app, prod, shot2.id)).id, artist.id)
    const assetTypes = await get(`/data/user/projects/${p}/asset-types`)
    expect(assetTypes.body).toEqual([expect.objectContaining({ id: prod.assetType.id, type: 'AssetType' })])
    const assets = await get(`/data/user/projects/${p}/asset-types/${prod.assetType.id}/assets`)
    expect(assets.body).toEqual([expect.objectContaining({ id: prod.asset.id, type: 'Asset', name: 'Hero' })])
    const sequences = await get(`/data/user/projects/${p}/sequences`)
    expect(sequences.body).toEqual([expect.objectContaining({ id: tree.sequence.id, type: 'Sequence', parent_id: tree.episode.id })])
    expect(sequences.body[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    expect(ids((await get(`/data/user/projects/${p}/episodes`)).body)).toEqual([tree.episode.id])
    expect((await get(`/data/user/projects/${p}/episodes`)).body[0].type).toBe('Episode')
    const shots = await get(`/data/user/sequences/${tree.sequence.id}/shots`)
    expect(ids(shots.body).sort()).toEqual([tree.shot.id, shot2.id].sort())
    expect(shots.body.every((s: { type: string }) => s.type === 'Shot')).toBe(true)
    expect((await get(`/data/user/sequences/${tree.sequence.id}/scenes`)).body).toEqual([expect.objectContaining({ id: tree.scene.id, type: 'Scene' })])
    // Nobody else's assignments count.
    for (const url of [`/data/user/projects/${p}/asset-types`, `/data/user/projects/${p}/sequences`, `/data/user/sequences/${tree.sequence.id}/shots`]) {
      expect((await get(url, other)).body, url).toEqual([])
    }
  })

  it('leave out projects that are not open', async () => {
    const { t, artist } = file
    const closedProd = await makeProduction(t.app, [{ id: artist.id }])
    await assign(t.app, closedProd.task.id, artist.id)
    const p = closedProd.project.id
    expect(ids((await get(`/data/user/projects/${p}/asset-types`)).body)).toEqual([closedProd.assetType.id])
    const status = await t.app.db.projectStatus.create({ data: { name: `Closed ${Date.now()}`, color: '#000000' } })
    await t.app.db.project.update({ where: { id: p }, data: { project_status_id: status.id } })
    expect((await get(`/data/user/projects/${p}/asset-types`)).body).toEqual([])
    expect((await get(`/data/user/assets/${closedProd.asset.id}/tasks`)).body).toEqual([])
  })

  it('404 for an unknown project, asset type or sequence, and for a temporal type as asset type', async () => {
    const { prod, tree } = file
    const p = prod.project.id
    const shotType = (await file.t.app.db.entity.findUniqueOrThrow({ where: { id: tree.shot.id } })).entity_type_id
    for (const url of [
      '/data/user/projects/00000000-0000-0000-0000-000000000000/asset-types',
      '/data/user/projects/nope/sequences',
      `/data/user/projects/${p}/asset-types/00000000-0000-0000-0000-000000000000/assets`,
      `/data/user/projects/${p}/asset-types/${shotType}/assets`,
      `/data/user/sequences/${tree.shot.id}/shots`,
    ]) {
      expect((await get(url)).status, url).toBe(404)
    }
  })
})
