// routes.md §3, /data/episodes and /data/projects/:id/episodes: shapes, criterions, vendor
// scope, the episode's children and tasks, get-or-create with its event, deletion.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { call, eventsFor, FORBIDDEN, rowExists } from '../crud/helpers.ts'
import { makeEntity, makeTask, makeTree, type Tree } from './helpers.ts'

const file = useRoleProduction()
const get = (url: string, who = file.admin) => call(file.t.app, 'GET', url, who.headers)
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
let tree: Tree
let other: Tree
/** An episode the vendor reaches only through an asset whose main episode it is. */
let viaAsset: Tree

beforeAll(async () => {
  const { app } = file.t
  tree = await makeTree(app, file.prod, { assign: [file.people.vendor.id], tag: 'b' })
  other = await makeTree(app, file.prod, { tag: 'a' })
  viaAsset = await makeTree(app, file.prod, { tag: 'c' })
  await app.db.taskPersonLink.create({ data: { task_id: viaAsset.tasks.asset.id, person_id: file.people.vendor.id } })
})

describe('GET /data/episodes', () => {
  it('lists the project episodes by name with criterions; 403 without a project for non-admins', async () => {
    const res = await get(`/data/episodes?project_id=${file.prod.project.id}`, file.people.user)
    expect(ids(res.body)).toEqual([other.episode.id, tree.episode.id, viaAsset.episode.id])
    expect(res.body[0]).toMatchObject({ type: 'Episode', name: 'E-a', parent_id: null, status: 'running' })
    expect(ids((await get(`/data/episodes?project_id=${file.prod.project.id}&name=e-b`)).body)).toEqual([tree.episode.id])
    expect(ids((await get(`/data/episodes?project_id=${file.prod.project.id}&id=${other.episode.id}`)).body)).toEqual([other.episode.id])
    expect((await get(`/data/episodes?project_id=${file.prod.project.id}&id=nope`)).status).toBe(400)
    expect((await get('/data/episodes', file.people.user)).body).toEqual(FORBIDDEN)
    expect((await get(`/data/episodes?project_id=${file.prod.project.id}`, file.people.outsider)).body).toEqual(FORBIDDEN)
  })

  it('vendors: episodes holding an assigned shot or asset', async () => {
    const res = await get(`/data/episodes?project_id=${file.prod.project.id}`, file.people.vendor)
    expect(ids(res.body)).toEqual([tree.episode.id, viaAsset.episode.id])
    const project = await get(`/data/projects/${file.prod.project.id}/episodes`, file.people.vendor)
    expect(ids(project.body)).toEqual(ids(res.body))
    expect(ids((await get(`/data/projects/${file.prod.project.id}/episodes`, file.people.client)).body)).toHaveLength(3)
  })
})

describe('GET /data/episodes/:episode_id and its children', () => {
  it('answers the episode with its project name; 404 for other kinds; EA for vendors', async () => {
    const res = await get(`/data/episodes/${tree.episode.id}`, file.people.vendor)
    expect(res.body).toMatchObject({ id: tree.episode.id, type: 'Episode', project_name: file.prod.project.name, name: 'E-b' })
    for (const id of [tree.sequence.id, randomUUID(), 'nope']) expect((await get(`/data/episodes/${id}`)).status).toBe(404)
    expect((await get(`/data/episodes/${other.episode.id}`, file.people.vendor)).body).toEqual(FORBIDDEN)
  })

  it('shots: every shot under its sequences, relation keys on request', async () => {
    const res = await get(`/data/episodes/${tree.episode.id}/shots`, file.people.user)
    expect(ids(res.body)).toEqual([tree.shot.id])
    expect(res.body[0]).toMatchObject({ type: 'Shot', parent_id: tree.sequence.id })
    expect(res.body[0]).not.toHaveProperty('entities_out')
    await file.t.app.db.entityLink.create({ data: { entity_in_id: tree.shot.id, entity_out_id: tree.asset.id } })
    const rel = await get(`/data/episodes/${tree.episode.id}/shots?relations=true`)
    expect(rel.body[0]).toMatchObject({ entities_out: [tree.asset.id], entities_in: [], instance_casting: [] })
  })

  it('sequences: criterions with the parent forced, [] for a malformed id, vendor scope', async () => {
    const extra = await makeEntity(file.t.app, file.prod, 'Sequence', 'SQ-0', { parent_id: tree.episode.id })
    expect(ids((await get(`/data/episodes/${tree.episode.id}/sequences`, file.people.client)).body)).toEqual([extra.id, tree.sequence.id])
    expect(ids((await get(`/data/episodes/${tree.episode.id}/sequences?name=SQ-0`)).body)).toEqual([extra.id])
    expect(ids((await get(`/data/episodes/${tree.episode.id}/sequences?parent_id=${other.episode.id}`)).body)).toHaveLength(2)
    expect((await get('/data/episodes/nope/sequences')).body).toEqual([])
    expect((await get(`/data/episodes/${randomUUID()}/sequences`)).status).toBe(404)
    expect(ids((await get(`/data/episodes/${tree.episode.id}/sequences`, file.people.vendor)).body)).toEqual([tree.sequence.id])
  })

  it('tasks: those on the episode itself; vendors only theirs', async () => {
    const mine = tree.tasks.episode
    await makeTask(file.t.app, file.prod, tree.episode.id)
    const res = await get(`/data/episodes/${tree.episode.id}/tasks?relations=true`, file.people.manager)
    expect(res.body).toHaveLength(2)
    expect(res.body[0]).toMatchObject({ entity_type_name: 'Episode', entity_name: 'E-b', type: 'Task' })
    expect(res.body[0]).not.toHaveProperty('assignees') // Zou reads no relations flag here
    expect(ids((await get(`/data/episodes/${tree.episode.id}/tasks`, file.people.vendor)).body)).toEqual([mine.id])
  })

  it('task-types, shot-tasks and asset-tasks', async () => {
    const types = await get(`/data/episodes/${tree.episode.id}/task-types`, file.people.vendor)
    expect(types.body).toEqual([expect.objectContaining({ id: file.prod.taskType.id, type: 'TaskType' })])
    expect((await get(`/data/episodes/${other.episode.id}/task-types`, file.people.vendor)).body).toEqual(FORBIDDEN)
    const shots = await get(`/data/episodes/${tree.episode.id}/shot-tasks?relations=true`, file.people.supervisor)
    expect(shots.body).toEqual([expect.objectContaining({ id: tree.tasks.shot.id, entity_type_name: 'Shot', assignees: [file.people.vendor.id] })])
    const assets = await get(`/data/episodes/${tree.episode.id}/asset-tasks`, file.people.user)
    expect(assets.body).toEqual([expect.objectContaining({ id: tree.tasks.asset.id, entity_name: 'A-b', entity_type_name: file.prod.assetType.name })])
    expect((await get(`/data/episodes/${tree.episode.id}/asset-tasks`, file.people.vendor)).body).toEqual(FORBIDDEN)
  })
})

describe('POST /data/projects/:project_id/episodes', () => {
  const post = (payload: unknown, who = file.people.manager) =>
    call(file.t.app, 'POST', `/data/projects/${file.prod.project.id}/episodes`, who.headers, payload)

  it('creates once by (project, name), normalizes the status, emits episode:new once', async () => {
    const res = await post({ name: 'E-new', status: 'bogus', data: { x: 1 } })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: 'E-new', type: 'Episode', status: 'running', description: '', data: { x: 1 }, parent_id: null, created_by: file.people.manager.id })
    const again = await post({ name: 'E-new', status: 'complete' })
    expect(again.body).toEqual(res.body)
    expect(await eventsFor(file.t.app, 'episode:new', 'episode_id', res.body.id)).toEqual([
      { name: 'episode:new', data: { episode_id: res.body.id, project_id: file.prod.project.id }, project_id: file.prod.project.id },
    ])
    expect((await post({ name: 'E-standby', status: 'standby' })).body.status).toBe('standby')
    expect((await post({ name: 'E-null', status: null })).body.status).toBe('running')
  })

  it('validates the body, then the project and the role', async () => {
    expect((await post({ description: 'x' })).body).toEqual({ error: true, message: 'Validation error.', data: { errors: [{ field: 'name', message: 'Field required' }] } })
    expect((await post({ name: 'x', data: [1] })).status).toBe(400)
    expect((await call(file.t.app, 'POST', '/data/projects/nope/episodes', file.admin.headers, { name: 'x' })).status).toBe(404)
    expect((await post({ name: 'x' }, file.people.user)).body).toEqual(FORBIDDEN)
    expect((await post({ name: 'x' }, file.people.outsider)).body).toEqual(FORBIDDEN)
  })
})

describe('DELETE /data/episodes/:episode_id', () => {
  it('refuses an episode still holding data without force, and changes nothing', async () => {
    const t = await makeTree(file.t.app, file.prod)
    const res = await call(file.t.app, 'DELETE', `/data/episodes/${t.episode.id}`, file.people.manager.headers)
    expect(res.body).toEqual({ error: true, message: 'Some data are still linked to this episode.' })
    for (const id of [t.episode.id, t.sequence.id, t.shot.id, t.asset.id]) expect(await rowExists(file.t.app, 'entity', id)).toBe(true)
  })

  it('with force removes everything beneath it and its assets, with events', async () => {
    const t = await makeTree(file.t.app, file.prod)
    const playlist = await file.t.app.db.playlist.create({ data: { name: 'pl', project_id: file.prod.project.id, episode_id: t.episode.id } })
    const res = await call(file.t.app, 'DELETE', `/data/episodes/${t.episode.id}?force=true`, file.admin.headers)
    expect(res.status).toBe(204)
    for (const id of [t.episode.id, t.sequence.id, t.shot.id, t.scene.id, t.asset.id]) expect(await rowExists(file.t.app, 'entity', id)).toBe(false)
    for (const task of Object.values(t.tasks)) expect(await rowExists(file.t.app, 'task', task.id)).toBe(false)
    expect(await rowExists(file.t.app, 'playlist', playlist.id)).toBe(false)
    expect(await eventsFor(file.t.app, 'episode:delete', 'episode_id', t.episode.id)).toHaveLength(1)
    expect(await eventsFor(file.t.app, 'asset:delete', 'asset_id', t.asset.id)).toHaveLength(1)
    expect(await rowExists(file.t.app, 'entity', tree.episode.id)).toBe(true)
  })

  it('an empty episode goes without force; creator or MPA', async () => {
    const empty = await makeEntity(file.t.app, file.prod, 'Episode', 'E-empty', { created_by: file.people.user.id })
    const theirs = await makeEntity(file.t.app, file.prod, 'Episode', 'E-theirs')
    expect((await call(file.t.app, 'DELETE', `/data/episodes/${theirs.id}`, file.people.user.headers)).body).toEqual(FORBIDDEN)
    expect((await call(file.t.app, 'DELETE', `/data/episodes/${empty.id}`, file.people.user.headers)).status).toBe(204)
    expect(await eventsFor(file.t.app, 'episode:delete', 'episode_id', empty.id)).toHaveLength(1)
  })
})
