// routes.md §3: /data/shots lists, the full shot, Zou's raw PUT, deletion and the shot's
// casting, task types, tasks, previews and versions.
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { as } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { eventsNamed, makeEntity, makeShots, makeTask, type ShotsFixture } from './helpers.ts'

const file = useRoleProduction()
const f = {} as ShotsFixture
beforeAll(async () => { Object.assign(f, await makeShots(file)) })

const get = (url: string, who = file.admin) => call(file.t.app, 'GET', url, who.headers)
const p = () => file.prod.project.id

describe('GET /data/shots', () => {
  it('lists the shots having a sequence, with project and sequence names, sorted by name', async () => {
    await makeEntity(file.t.app, p(), 'Shot', 'SH000-orphan')
    const res = await get(`/api/data/shots?project_id=${p()}`)
    expect(res.status).toBe(200)
    expect(res.body.map((s: { name: string }) => s.name)).toEqual(['SH010', 'SH020'])
    const shot = res.body[0]
    expect(shot).toMatchObject({
      id: f.shot.id, type: 'Shot', project_name: file.prod.project.name, sequence_name: 'SQ01', parent_id: f.sequence.id,
      nb_frames: 48, data: { frame_in: 1001, frame_out: 1048, fps: 25 },
    })
    expect(shot.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    expect(shot).not.toHaveProperty('entities_out')
  })

  it('reads sequence_id as the sequence and its project, and other criterions on columns', async () => {
    const res = await get(`/data/shots/all?sequence_id=${f.sequence.id}&name=sh02%25`, file.people.user)
    expect(res.status).toBe(200)
    expect(res.body.map((s: { id: string }) => s.id)).toEqual([f.shot2.id])
    expect((await get(`/data/shots?sequence_id=${f.shot.id}`)).status).toBe(404)
    expect((await get(`/data/shots?sequence_id=nope`)).status).toBe(404)
    expect((await get(`/data/shots?project_id=${p()}&parent_id=nope`)).body.message).toBe('Invalid UUID value: nope')
  })

  it('needs a project for non-admins, and narrows vendors to their shots with masked metadata', async () => {
    expect((await get('/data/shots', file.people.manager)).status).toBe(403)
    expect((await get('/data/shots')).status).toBe(200)
    const dept = await file.t.app.db.department.create({ data: { name: `Compo ${Math.random()}`, color: '#000000' } })
    const descriptor = await file.t.app.db.metadataDescriptor.create({
      data: { project_id: p(), entity_type: 'Shot', name: 'Secret', field_name: 'secret', data_type: 'string' },
    })
    await file.t.app.db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: descriptor.id, department_id: dept.id } })
    await file.t.app.db.entity.update({ where: { id: f.shot.id }, data: { data: { frame_in: 1001, frame_out: 1048, fps: 25, secret: 'x', open: 'y' } } })
    const vendor = await get(`/data/shots?project_id=${p()}`, file.people.vendor)
    expect(vendor.body.map((s: { id: string }) => s.id)).toEqual([f.shot.id])
    expect(vendor.body[0].data).toEqual({ frame_in: 1001, frame_out: 1048, fps: 25, open: 'y' })
    const manager = await get(`/data/shots?project_id=${p()}&assigned_to=me`, file.people.manager)
    expect(manager.body).toEqual([])
    expect((await get(`/data/shots?project_id=${p()}`, file.people.manager)).body[0].data.secret).toBe('x')
  })
})

describe('GET /data/shots/:id', () => {
  it('merges the with-tasks row with the shot and its relations', async () => {
    const asset = file.prod.asset
    await file.t.app.db.entityLink.create({ data: { entity_in_id: f.shot.id, entity_out_id: asset.id, nb_occurences: 1 } })
    const res = await get(`/data/shots/${f.shot.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: f.shot.id, type: 'Shot', name: 'SH010', sequence_id: f.sequence.id, sequence_name: 'SQ01', episode_id: f.episode.id,
      episode_name: 'E01', project_name: file.prod.project.name, frame_in: 1001, fps: 25, entities_out: [asset.id], entities_in: [],
      instance_casting: [], status: 'running',
    })
    expect(res.body.tasks).toHaveLength(1)
    expect(res.body.tasks[0]).toMatchObject({ id: f.shotTask.id, assignees: [file.people.vendor.id], priority: 0 })
  })

  it('answers 404 for an asset, a malformed or unknown id; a shot without sequence is served', async () => {
    expect((await get(`/data/shots/${file.prod.asset.id}`)).status).toBe(404)
    expect((await get('/data/shots/not-an-id')).status).toBe(404)
    expect((await get(`/data/shots/${f.episode.id}`)).status).toBe(404)
    const orphan = await makeEntity(file.t.app, p(), 'Shot', 'SH-noseq')
    const res = await get(`/data/shots/${orphan.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: orphan.id, sequence_id: null, episode_name: '', tasks: [] })
  })
})

describe('PUT /data/shots/:id', () => {
  it('writes the body as is (data replaced), drops protected keys, answers type "Entity", emits shot:update', async () => {
    const shot = await makeEntity(file.t.app, p(), 'Shot', 'SH900', { parent_id: f.sequence.id, data: { a: 1, b: 2 } })
    const other = await as(file.t.app, 'manager')
    const res = await call(file.t.app, 'PUT', `/api/data/shots/${shot.id}`, file.people.manager.headers, {
      name: 'SH901', data: { c: 3 }, nb_frames: 12, project_id: file.prod.asset.project_id, created_by: other.id,
      id: other.id, entities_out: [file.prod.asset.id], unknown_key: 'ignored', is_casting_standby: true,
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: shot.id, name: 'SH901', data: { c: 3 }, nb_frames: 12, type: 'Entity', is_casting_standby: true })
    expect(res.body).not.toHaveProperty('unknown_key')
    expect(res.body).not.toHaveProperty('entities_out')
    const row = await file.t.app.db.entity.findUnique({ where: { id: shot.id } })
    expect(row).toMatchObject({ name: 'SH901', data: { c: 3 }, created_by: null, project_id: p() })
    expect(await file.t.app.db.entityLink.count({ where: { entity_in_id: shot.id } })).toBe(0)
    const events = await eventsNamed(file.t.app, 'shot:update', 'shot_id', shot.id)
    expect(events).toEqual([{ data: { shot_id: shot.id, project_id: p() }, project_id: p(), user_id: file.people.manager.id }])
  })

  it('checks the shot, then the access, then the body', async () => {
    const put = (id: string, body: unknown, who = file.people.manager) => call(file.t.app, 'PUT', `/data/shots/${id}`, who.headers, body)
    expect((await put(file.prod.asset.id, { name: 'x' })).status).toBe(404)
    expect((await put(f.shot2.id, { nb_frames: 'many' }, file.people.supervisor)).status).toBe(403)
    const bad = await put(f.shot2.id, { nb_frames: 'many' })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: true, message: 'Validation error.' })
    expect(bad.body.data.errors[0].field).toBe('nb_frames')
    expect((await put(f.shot2.id, { name: '' })).status).toBe(400)
    expect((await put(f.shot2.id, { parent_id: 'nope' })).status).toBe(400)
    expect((await put(f.shot2.id, { status: 'bogus' })).status).toBe(400)
    expect((await put(f.shot2.id, { parent_id: file.people.user.id })).status).toBe(400)
    const empty = await file.t.app.inject({
      method: 'PUT', url: `/data/shots/${f.shot2.id}`, payload: 'null',
      headers: { ...file.people.manager.headers, 'content-type': 'application/json' },
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().message).toBe('Data are empty. Please verify that you sent JSON data and that you set the right headers.')
  })
})

describe('DELETE /data/shots/:id', () => {
  it('cancels a shot with tasks, removes it with force, and removes a shot without tasks', async () => {
    const del = (id: string, q = '', who = file.people.manager) => call(file.t.app, 'DELETE', `/data/shots/${id}${q}`, who.headers)
    const shot = await makeEntity(file.t.app, p(), 'Shot', 'SH950', { parent_id: f.sequence.id })
    const task = await makeTask(file.t.app, shot, f.shotTaskType.id, file.prod.status.id)
    await file.t.app.db.entityVersion.create({ data: { entity_id: shot.id, name: 'old' } })
    expect((await del(shot.id)).status).toBe(204)
    expect((await file.t.app.db.entity.findUnique({ where: { id: shot.id } }))?.canceled).toBe(true)
    expect(await eventsNamed(file.t.app, 'shot:update', 'shot_id', shot.id)).toHaveLength(1)
    expect((await del(shot.id, '?force=true')).status).toBe(204)
    expect(await file.t.app.db.entity.findUnique({ where: { id: shot.id } })).toBeNull()
    expect(await file.t.app.db.task.findUnique({ where: { id: task.id } })).toBeNull()
    expect(await file.t.app.db.entityVersion.count({ where: { entity_id: shot.id } })).toBe(0)
    expect(await eventsNamed(file.t.app, 'shot:delete', 'shot_id', shot.id)).toHaveLength(1)
    expect(await eventsNamed(file.t.app, 'task:delete', 'task_id', task.id)).toHaveLength(1)
    expect((await del(shot.id)).status).toBe(404)
    expect((await del(file.prod.asset.id)).status).toBe(404)
    // The creator may delete without being a manager.
    const mine = await makeEntity(file.t.app, p(), 'Shot', 'SH951', { parent_id: f.sequence.id, created_by: file.people.user.id })
    expect((await del(mine.id, '', file.people.user)).status).toBe(204)
    expect(await file.t.app.db.entity.findUnique({ where: { id: mine.id } })).toBeNull()
  })
})

describe('shot sub-resources', () => {
  it('lists the cast assets typed Asset, the distinct task types, the tasks, previews and versions', async () => {
    const shot = await makeEntity(file.t.app, p(), 'Shot', 'SH960', { parent_id: f.sequence.id })
    await file.t.app.db.entityLink.create({ data: { entity_in_id: shot.id, entity_out_id: file.prod.asset.id } })
    const assets = await get(`/data/shots/${shot.id}/assets`)
    expect(assets.body.map((a: { id: string; type: string }) => [a.id, a.type])).toEqual([[file.prod.asset.id, 'Asset']])

    const t1 = await makeTask(file.t.app, shot, f.shotTaskType.id, file.prod.status.id)
    await makeTask(file.t.app, shot, f.shotTaskType.id, file.prod.status.id)
    await file.t.app.db.taskPersonLink.create({ data: { task_id: t1.id, person_id: file.people.user.id } })
    const types = await get(`/data/shots/${shot.id}/task-types`)
    expect(types.body).toHaveLength(1)
    expect(types.body[0]).toMatchObject({ id: f.shotTaskType.id, type: 'TaskType', for_entity: 'Shot' })

    const tasks = await get(`/data/shots/${shot.id}/tasks`)
    expect(tasks.body).toHaveLength(2)
    expect(tasks.body[0]).toMatchObject({ entity_name: 'SH960', entity_type_name: 'Shot', type: 'Task' })
    expect(tasks.body[0]).not.toHaveProperty('assignees')
    const withRelations = await get(`/data/shots/${shot.id}/tasks?relations=true`)
    expect(withRelations.body.find((t: { id: string }) => t.id === t1.id).assignees).toEqual([file.people.user.id])

    await file.t.app.db.previewFile.create({ data: { name: 'v1', task_id: t1.id, revision: 1, extension: 'mp4', duration: 2.5 } })
    const previews = await get(`/data/shots/${shot.id}/preview-files`)
    expect(previews.body[f.shotTaskType.id][0]).toMatchObject({ revision: 1, extension: 'mp4', duration: 2.5, task_id: t1.id })

    await file.t.app.db.entityVersion.create({ data: { entity_id: shot.id, name: 'SH959', data: { frame_in: 1 }, created_at: new Date('2024-01-01T00:00:00Z') } })
    await file.t.app.db.entityVersion.create({ data: { entity_id: shot.id, name: 'SH958', created_at: new Date('2023-01-01T00:00:00Z') } })
    const versions = await get(`/data/shots/${shot.id}/versions`)
    expect(versions.body.map((v: { name: string; type: string }) => [v.name, v.type])).toEqual([['SH959', 'ShotVersion'], ['SH958', 'ShotVersion']])
    expect(versions.body[0]).toMatchObject({ entity_id: shot.id, data: { frame_in: 1 }, created_at: '2024-01-01T00:00:00' })

    for (const sub of ['assets', 'task-types', 'tasks', 'preview-files', 'versions']) {
      expect((await get(`/data/shots/${file.prod.asset.id}/${sub}`)).status, sub).toBe(404)
    }
    // A vendor reads only the shots they are assigned on.
    expect((await get(`/data/shots/${shot.id}/tasks`, file.people.vendor)).status).toBe(403)
  })
})
