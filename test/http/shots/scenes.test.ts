// routes.md §3 /data/scenes: lists, with-tasks rows, the full scene, deletion, and the shots
// a scene is the source of (with their events).
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { eventsNamed, makeEntity, makeShots, makeTask, type ShotsFixture } from './helpers.ts'

const file = useRoleProduction()
const f = {} as ShotsFixture
beforeAll(async () => { Object.assign(f, await makeShots(file)) })

const get = (url: string, who = file.admin) => call(file.t.app, 'GET', url, who.headers)
const p = () => file.prod.project.id

describe('scene lists', () => {
  it('GET /data/scenes/all: scenes with a sequence, project and sequence names; no vendors', async () => {
    const res = await get(`/data/scenes/all?project_id=${p()}`, file.people.user)
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(1)
    expect(res.body[0]).toMatchObject({ id: f.scene.id, type: 'Scene', project_name: file.prod.project.name, sequence_name: 'SQ01' })
    expect((await get(`/data/scenes/all?project_id=${p()}&assigned_to=1`, file.people.user)).body).toEqual([])
    expect((await get(`/data/scenes/all?project_id=${p()}`, file.people.vendor)).status).toBe(403)
    expect((await get('/data/scenes/all', file.people.user)).status).toBe(403)
  })

  it('GET /data/scenes/with-tasks: entities-and-tasks rows; `all` gives none; bad ids are 400', async () => {
    const res = await get(`/data/scenes/with-tasks?project_id=${p()}`)
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(1)
    const row = res.body[0]
    expect(Object.keys(row)).toEqual(['id', 'name', 'status', 'episode_id', 'description', 'frame_in', 'frame_out', 'fps', 'preview_file_id', 'canceled', 'data', 'tasks'])
    expect(row).toMatchObject({ id: f.scene.id, status: 'running', episode_id: f.sequence.id, preview_file_id: '', data: {}, frame_in: null })
    expect(Object.keys(row.tasks[0])).toEqual([
      'id', 'estimation', 'entity_id', 'end_date', 'due_date', 'done_date', 'duration', 'last_comment_date', 'last_preview_file_id',
      'priority', 'real_start_date', 'retake_count', 'start_date', 'difficulty', 'task_status_id', 'task_type_id', 'data',
      'is_subscribed', 'assignees',
    ])
    expect(row.tasks[0]).toMatchObject({ id: f.sceneTask.id, assignees: [file.people.vendor.id], is_subscribed: false })
    expect((await get(`/data/scenes/with-tasks?project_id=${p()}&episode_id=${f.sequence.id}`)).body).toHaveLength(1)
    expect((await get(`/data/scenes/with-tasks?project_id=${p()}&episode_id=${f.episode.id}`)).body).toEqual([])
    expect((await get(`/data/scenes/with-tasks?project_id=${p()}&episode_id=all`)).body).toEqual([])
    expect((await get(`/data/scenes/with-tasks?project_id=${p()}&assigned_to=${file.people.user.id}`)).body[0].tasks).toEqual([])
    expect((await get('/data/scenes/with-tasks?project_id=x')).body.message).toBe('Invalid UUID format for project_id: x')
    expect((await get(`/data/scenes/with-tasks?project_id=${p()}`, file.people.vendor)).status).toBe(403)
  })
})

describe('one scene', () => {
  it('GET /data/scenes/:id adds project, sequence and episode names', async () => {
    const res = await get(`/api/data/scenes/${f.scene.id}`, file.people.vendor)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: f.scene.id, type: 'Scene', project_name: file.prod.project.name, sequence_id: f.sequence.id, sequence_name: 'SQ01',
      episode_id: f.episode.id, episode_name: 'E01',
    })
    expect((await get(`/data/scenes/${f.shot.id}`)).status).toBe(404)
    const tasks = await get(`/data/scenes/${f.scene.id}/tasks`)
    expect(tasks.body.map((t: { id: string }) => t.id)).toEqual([f.sceneTask.id])
    expect(tasks.body[0]).not.toHaveProperty('assignees')
    expect((await get(`/data/scenes/${f.scene.id}/task-types`)).body.map((t: { id: string }) => t.id)).toEqual([f.shotTaskType.id])
  })

  it('DELETE cancels a scene still referenced and deletes a free one; both emit scene:delete', async () => {
    const del = (id: string) => call(file.t.app, 'DELETE', `/data/scenes/${id}`, file.people.manager.headers)
    const busy = await makeEntity(file.t.app, p(), 'Scene', 'SC50', { parent_id: f.sequence.id })
    await makeTask(file.t.app, busy, f.shotTaskType.id, file.prod.status.id)
    expect((await del(busy.id)).status).toBe(204)
    expect((await file.t.app.db.entity.findUnique({ where: { id: busy.id } }))?.canceled).toBe(true)
    const free = await makeEntity(file.t.app, p(), 'Scene', 'SC51', { parent_id: f.sequence.id })
    expect((await del(free.id)).status).toBe(204)
    expect(await file.t.app.db.entity.findUnique({ where: { id: free.id } })).toBeNull()
    expect(await eventsNamed(file.t.app, 'scene:delete', 'scene_id', busy.id)).toHaveLength(1)
    expect(await eventsNamed(file.t.app, 'scene:delete', 'scene_id', free.id)).toHaveLength(1)
    expect((await del(f.shot.id)).status).toBe(404)
  })
})

describe('scene shots', () => {
  it('links a shot (shot:update, shot:add-to-scene), lists it, unlinks it (shot:remove-from-scene)', async () => {
    const scene = await makeEntity(file.t.app, p(), 'Scene', 'SC60', { parent_id: f.sequence.id })
    const shot = await makeEntity(file.t.app, p(), 'Shot', 'SH600', { parent_id: f.sequence.id })
    const post = (body: unknown, id = scene.id) => call(file.t.app, 'POST', `/data/scenes/${id}/shots`, file.people.user.headers, body)
    const res = await post({ shot_id: shot.id })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ id: shot.id, source_id: scene.id, type: 'Entity' })
    const listed = await get(`/data/scenes/${scene.id}/shots`)
    expect(listed.body.map((s: { id: string; type: string }) => [s.id, s.type])).toEqual([[shot.id, 'Shot']])
    expect(listed.body[0]).toMatchObject({ sequence_name: 'SQ01', project_name: file.prod.project.name })
    expect(await eventsNamed(file.t.app, 'shot:update', 'shot_id', shot.id)).toHaveLength(1)
    expect((await eventsNamed(file.t.app, 'shot:add-to-scene', 'shot_id', shot.id))[0].data).toEqual({ scene_id: scene.id, shot_id: shot.id, project_id: p() })

    const del = await call(file.t.app, 'DELETE', `/data/scenes/${scene.id}/shots/${shot.id}`, file.people.user.headers)
    expect(del.status).toBe(204)
    expect((await file.t.app.db.entity.findUnique({ where: { id: shot.id } }))?.source_id).toBeNull()
    expect(await eventsNamed(file.t.app, 'shot:remove-from-scene', 'shot_id', shot.id)).toHaveLength(1)
    expect(await eventsNamed(file.t.app, 'shot:update', 'shot_id', shot.id)).toHaveLength(2)
  })

  it('validates the body first, then 404s unknown scenes and shots, and keeps shots in the scene project', async () => {
    const post = (body: unknown, id = f.scene.id) => call(file.t.app, 'POST', `/data/scenes/${id}/shots`, file.people.manager.headers, body)
    const missing = await post({})
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ message: 'Validation error.', data: { errors: [{ field: 'shot_id' }] } })
    expect((await post({ shot_id: 'nope' })).status).toBe(400)
    expect((await post({ shot_id: f.shot.id }, f.shot.id)).status).toBe(404)
    expect((await post({ shot_id: f.scene.id })).status).toBe(404)
    const other = await makeProduction(file.t.app, [{ id: file.people.manager.id }])
    const foreign = await makeEntity(file.t.app, other.project.id, 'Shot', 'SH1')
    expect((await post({ shot_id: foreign.id })).status).toBe(400)
    expect((await file.t.app.db.entity.findUnique({ where: { id: foreign.id } }))?.source_id).toBeNull()
  })
})
