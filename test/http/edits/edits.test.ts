// routes.md §15: edits — the with-tasks shape with episode fields, vendor scoping and
// metadata masking, the lists, creation and deletion with their events, and bad input.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call, FORBIDDEN } from '../crud/helpers.ts'
import { assign, entityWithTask, eventsDuring, makeEntity, makeTask, typeId } from './fixtures.ts'

interface EditsFile extends FileApp {
  manager: TestPerson
  artist: TestPerson
  vendor: TestPerson
  outsider: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
  other: Awaited<ReturnType<typeof makeProduction>>
  vendorDept: string
  otherDept: string
}

const file = useFileAppWith<EditsFile>(async ({ t }) => {
  const db = t.app.db
  const vendorDept = (await db.department.create({ data: { name: `Comp ${randomUUID().slice(0, 6)}`, color: '#000000' } })).id
  const otherDept = (await db.department.create({ data: { name: `Anim ${randomUUID().slice(0, 6)}`, color: '#000000' } })).id
  const manager = await as(t.app, 'manager')
  const artist = await as(t.app, 'user')
  // The caller's departments are read with the token on each request.
  const vendor = await as(t.app, 'vendor')
  await db.departmentLink.create({ data: { person_id: vendor.id, department_id: vendorDept } })
  const outsider = await as(t.app, 'user')
  const prod = await makeProduction(t.app, [{ id: manager.id }, { id: artist.id }, { id: vendor.id }])
  const other = await makeProduction(t.app, [{ id: manager.id }])
  return { manager, artist, vendor, outsider, prod, other, vendorDept, otherDept }
})

const get = (url: string, who: TestPerson) => call(file.t.app, 'GET', url, who.headers)

const EDIT_FIELDS = ['canceled', 'data', 'description', 'entity_type_id', 'episode_id', 'episode_name', 'id', 'name', 'parent_id',
  'preview_file_id', 'project_id', 'project_name', 'source_id', 'nb_entities_out', 'tasks', 'type']
const TASK_FIELDS = ['id', 'duration', 'due_date', 'entity_id', 'end_date', 'estimation', 'last_comment_date', 'last_preview_file_id',
  'nb_assets_ready', 'priority', 'real_start_date', 'retake_count', 'start_date', 'task_status_id', 'task_type_id', 'data',
  'is_subscribed', 'assignees']

describe('GET /data/edits/with-tasks', () => {
  it('answers the edits with their episode fields and tasks, one object per edit', async () => {
    const { t, prod, manager, vendor } = file
    const episode = await makeEntity(t.app, prod, 'Episode', 'E01')
    const cut = await makeEntity(t.app, prod, 'Edit', 'A cut', { parent_id: episode.id, data: { fps: 24 }, description: 'first' })
    await makeEntity(t.app, prod, 'Edit', 'B cut')
    const task = await makeTask(t.app, prod, cut.id, { due_date: new Date('2024-03-01T10:20:30.456Z'), priority: null, data: { layer: 'bg' } })
    await assign(t.app, task.id, vendor.id, manager.id)
    await t.app.db.subscription.create({ data: { person_id: manager.id, task_id: task.id } })

    const res = await get(`/data/edits/with-tasks?project_id=${prod.project.id}`, manager)
    expect(res.status).toBe(200)
    expect(res.body.map((e: { name: string }) => e.name)).toEqual(['A cut', 'B cut'])
    const [a, b] = res.body
    expect(Object.keys(a)).toEqual(EDIT_FIELDS)
    expect(a).toMatchObject({
      id: cut.id, type: 'Edit', episode_id: episode.id, episode_name: 'E01', parent_id: episode.id, data: { fps: 24 },
      description: 'first', project_id: prod.project.id, project_name: prod.project.name, canceled: false,
      entity_type_id: await typeId(t.app, 'Edit'), nb_entities_out: 0, preview_file_id: null, source_id: null,
    })
    expect(b).toMatchObject({ episode_id: null, episode_name: '', parent_id: null, data: {}, tasks: [] })
    expect(a.tasks).toHaveLength(1)
    expect(Object.keys(a.tasks[0])).toEqual(TASK_FIELDS)
    expect(a.tasks[0]).toMatchObject({
      id: task.id, entity_id: cut.id, due_date: '2024-03-01T10:20:30', priority: 0, data: { layer: 'bg' }, is_subscribed: true,
      start_date: null, task_type_id: prod.taskType.id, task_status_id: prod.status.id,
    })
    expect(a.tasks[0].assignees.sort()).toEqual([vendor.id, manager.id].sort())

    const filtered = await get(`/data/edits/with-tasks?project_id=${prod.project.id}&episode_id=${episode.id}`, manager)
    expect(filtered.body.map((e: { id: string }) => e.id)).toEqual([cut.id])
    const byId = await get(`/api/data/edits/with-tasks?project_id=${prod.project.id}&id=${cut.id}`, manager)
    expect(byId.body.map((e: { id: string }) => e.id)).toEqual([cut.id])
    const all = await get(`/data/edits/with-tasks?project_id=${prod.project.id}&episode_id=all`, manager)
    expect(all.body).toHaveLength(2)
    const main = await get(`/data/edits/with-tasks?project_id=${prod.project.id}&episode_id=main`, manager)
    expect(main.body.map((e: { name: string }) => e.name)).toEqual(['B cut'])

    const compact = await get(`/data/edits/with-tasks?project_id=${prod.project.id}&compact=true`, manager)
    expect(compact.body.edit_fields).toEqual(EDIT_FIELDS)
    expect(compact.body.task_fields).toEqual(TASK_FIELDS)
    expect(compact.body.rows[0][EDIT_FIELDS.indexOf('id')]).toBe(cut.id)
  })

  it('refuses malformed ids with 400 and callers without project access with 403', async () => {
    const { prod, manager, outsider, admin } = file
    expect((await get(`/data/edits/with-tasks?project_id=${prod.project.id}&id=nope`, manager)).body)
      .toEqual({ error: true, message: 'Invalid UUID format for id: nope', data: null })
    expect((await get('/data/edits/with-tasks?project_id=nope', manager)).status).toBe(400)
    expect((await get(`/data/edits/with-tasks?project_id=${prod.project.id}&episode_id=x`, manager)).status).toBe(400)
    expect(await get('/data/edits/with-tasks', manager)).toMatchObject({ status: 403, body: FORBIDDEN })
    expect((await get(`/data/edits/with-tasks?project_id=${prod.project.id}`, outsider)).status).toBe(403)
    expect((await get(`/data/edits/with-tasks?project_id=${randomUUID()}`, manager)).status).toBe(404)
    expect((await get('/data/edits/with-tasks', admin)).status).toBe(200)
  })

  it('narrows vendors to their tasks and masks metadata of other departments', async () => {
    const { t, manager, vendor, vendorDept, otherDept } = file
    // A production of its own, so the descriptors apply to these edits only.
    const prod = await makeProduction(t.app, [{ id: manager.id }, { id: vendor.id }])
    const db = t.app.db
    const restricted = await db.metadataDescriptor.create({ data: { project_id: prod.project.id, entity_type: 'Edit', name: 'Secret', field_name: 'secret' } })
    await db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: restricted.id, department_id: otherDept } })
    const mine = await db.metadataDescriptor.create({ data: { project_id: prod.project.id, entity_type: 'Edit', name: 'Comp', field_name: 'comp' } })
    await db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: mine.id, department_id: vendorDept } })
    const data = { secret: 's', comp: 'c', free: 'f' }
    const { entity: cut, task } = await entityWithTask(t.app, prod, 'Edit', 'Assigned', [vendor.id, manager.id], { data })
    await makeTask(t.app, prod, cut.id, { name: 'other' })
    await entityWithTask(t.app, prod, 'Edit', 'Not mine', [manager.id])

    const res = await get(`/data/edits/with-tasks?project_id=${prod.project.id}`, vendor)
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(1)
    expect(res.body[0].data).toEqual({ comp: 'c', free: 'f' })
    expect(res.body[0].tasks.map((x: { id: string }) => x.id)).toEqual([task.id])
    expect(res.body[0].tasks[0].assignees).toEqual([vendor.id])
    // Managers see everything.
    const full = await get(`/data/edits/with-tasks?project_id=${prod.project.id}`, manager)
    expect(full.body[0].data).toEqual(data)
    expect(full.body[0].tasks).toHaveLength(2)

    const list = await get(`/data/edits?project_id=${prod.project.id}`, vendor)
    expect(list.body.map((e: { name: string }) => e.name)).toEqual(['Assigned'])
    expect(list.body[0].data).toEqual({ comp: 'c', free: 'f' })
    const projectList = await get(`/data/projects/${prod.project.id}/edits`, vendor)
    expect(projectList.body.map((e: { name: string; data: unknown }) => [e.name, e.data])).toEqual([['Assigned', { comp: 'c', free: 'f' }]])
    // The single edit: PA + EA, every task (Zou's get_full_edit), metadata as stored.
    expect((await get(`/data/edits/${cut.id}`, vendor)).body.tasks).toHaveLength(2)
  })
})

describe('GET /data/edits (criterions)', () => {
  it('lists edits with project_name by name, filters on columns and assignment', async () => {
    const { t, prod, manager, artist, admin } = file
    const x = await makeEntity(t.app, prod, 'Edit', 'Zeta trailer')
    const { entity: y } = await entityWithTask(t.app, prod, 'Edit', 'Alpha trailer', [artist.id])
    const res = await get(`/data/edits?project_id=${prod.project.id}&name=%25trailer`, manager)
    expect(res.status).toBe(200)
    expect(res.body.map((e: { id: string }) => e.id)).toEqual([y.id, x.id])
    expect(res.body[0]).toMatchObject({ type: 'Edit', project_name: prod.project.name, name: 'Alpha trailer', created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) })
    expect(res.body[0]).not.toHaveProperty('entities_out')
    const assigned = await get(`/data/edits/all?project_id=${prod.project.id}&assigned_to=me`, artist)
    expect(assigned.body.map((e: { id: string }) => e.id)).toEqual([y.id])
    expect((await get(`/data/edits?project_id=${prod.project.id}&parent_id=nope`, manager)).status).toBe(400)
    expect((await get(`/data/edits?project_id=${prod.project.id}&canceled=maybe`, manager)).status).toBe(400)
    // No project: admins list every project's edits, others are refused.
    expect((await get('/data/edits', admin)).body.some((e: { id: string }) => e.id === x.id)).toBe(true)
    expect((await get('/data/edits', manager)).status).toBe(403)
  })
})

describe('GET /data/edits/:edit_id and its sub-resources', () => {
  it('answers the with-tasks row of the edit; 404 for unknown, malformed and non-edit ids', async () => {
    const { t, prod, manager } = file
    const { entity: cut, task } = await entityWithTask(t.app, prod, 'Edit', 'Single', [manager.id])
    const res = await get(`/data/edits/${cut.id}`, manager)
    expect(res.status).toBe(200)
    expect(Object.keys(res.body)).toEqual(EDIT_FIELDS)
    expect(res.body.tasks.map((x: { id: string }) => x.id)).toEqual([task.id])
    for (const id of [randomUUID(), 'nope', prod.asset.id]) {
      for (const suffix of ['', '/tasks', '/task-types', '/preview-files', '/versions']) {
        expect((await get(`/data/edits/${id}${suffix}`, manager)).status, `${id}${suffix}`).toBe(404)
      }
    }
  })

  it('lists task types, detailed tasks, preview files and versions', async () => {
    const { t, prod, manager } = file
    const { entity: cut, task } = await entityWithTask(t.app, prod, 'Edit', 'Subs', [manager.id])
    await makeTask(t.app, prod, cut.id, { name: 'second' })
    const types = await get(`/data/edits/${cut.id}/task-types`, manager)
    expect(types.body).toHaveLength(1)
    expect(types.body[0]).toMatchObject({ id: prod.taskType.id, type: 'TaskType', name: prod.taskType.name })

    const tasks = await get(`/data/edits/${cut.id}/tasks?relations=true`, manager)
    expect(tasks.body).toHaveLength(2)
    expect(tasks.body.find((x: { id: string }) => x.id === task.id)).toMatchObject({
      entity_name: 'Subs', entity_type_name: 'Edit', project_name: prod.project.name, assignees: [manager.id], type: 'Task',
    })
    expect((await get(`/data/edits/${cut.id}/tasks`, manager)).body[0]).not.toHaveProperty('assignees')

    await t.app.db.previewFile.create({ data: { name: 'v1', task_id: task.id, revision: 1, extension: 'mp4' } })
    const previews = await get(`/data/edits/${cut.id}/preview-files`, manager)
    expect(Object.keys(previews.body)).toEqual([prod.taskType.id])
    expect(previews.body[prod.taskType.id][0]).toMatchObject({ revision: 1, extension: 'mp4', previews: [] })

    const db = t.app.db
    await db.entityVersion.create({ data: { entity_id: cut.id, name: 'old', created_at: new Date('2024-01-01T00:00:00Z') } })
    await db.entityVersion.create({ data: { entity_id: cut.id, name: 'newer', created_at: new Date('2024-02-01T00:00:00Z') } })
    const versions = await get(`/data/edits/${cut.id}/versions`, manager)
    expect(versions.body.map((v: { name: string; type: string }) => [v.name, v.type])).toEqual([['newer', 'EditVersion'], ['old', 'EditVersion']])
    expect(versions.body[0].created_at).toBe('2024-02-01T00:00:00')
  })
})

describe('episode routes', () => {
  it('lists the edits of an episode (relations on demand) and their tasks; NOVENDOR on edit-tasks', async () => {
    const { t, prod, manager, vendor } = file
    const episode = (await entityWithTask(t.app, prod, 'Episode', 'E02', [vendor.id])).entity
    const { entity: cut, task } = await entityWithTask(t.app, prod, 'Edit', 'Ep cut', [], { parent_id: episode.id })
    const seq = await makeEntity(t.app, prod, 'Sequence', 'SQ01', { parent_id: episode.id })
    await makeTask(t.app, prod, seq.id)
    await makeEntity(t.app, prod, 'Edit', 'Elsewhere')

    const plain = await get(`/data/episodes/${episode.id}/edits`, manager)
    expect(plain.body.map((e: { id: string }) => e.id)).toEqual([cut.id])
    expect(plain.body[0]).not.toHaveProperty('entities_out')
    const withRelations = await get(`/data/episodes/${episode.id}/edits?relations=true`, manager)
    expect(withRelations.body[0]).toMatchObject({ type: 'Edit', entities_out: [], entities_in: [], entity_concept_links: [], instance_casting: [] })

    const tasks = await get(`/data/episodes/${episode.id}/edit-tasks?relations=true`, manager)
    expect(tasks.body.map((x: { id: string }) => x.id)).toEqual([task.id])
    expect(tasks.body[0].assignees).toEqual([])
    expect((await get(`/data/episodes/${episode.id}/edits`, vendor)).status).toBe(200)
    expect((await get(`/data/episodes/${episode.id}/edit-tasks`, vendor)).status).toBe(403)
    // An edit id where an episode is expected, unknown and malformed ids.
    for (const id of [cut.id, randomUUID(), 'nope']) {
      expect((await get(`/data/episodes/${id}/edits`, manager)).status).toBe(404)
      expect((await get(`/data/episodes/${id}/edit-tasks`, manager)).status).toBe(404)
    }
  })
})

describe('POST /data/projects/:project_id/edits', () => {
  it('creates an edit (get-or-create by episode and name) and emits edit:new once', async () => {
    const { t, prod, manager } = file
    const episode = await makeEntity(t.app, prod, 'Episode', 'E03')
    const url = `/data/projects/${prod.project.id}/edits`
    let created: { status: number; body: Record<string, unknown> } = { status: 0, body: {} }
    const events = await eventsDuring(t.app, async () => {
      created = await call(t.app, 'POST', url, manager.headers, { name: 'Teaser', episode_id: episode.id, data: { fps: 25 }, extra: 1 })
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: 'Teaser', type: 'Edit', parent_id: episode.id, project_id: prod.project.id, description: '', data: { fps: 25 }, created_by: manager.id,
    })
    expect(created.body).not.toHaveProperty('entities_out')
    expect(events).toEqual([{
      name: 'edit:new', data: { edit_id: created.body.id, parent_id: episode.id, project_id: prod.project.id }, projectId: prod.project.id, userId: manager.id,
    }])
    const { rows } = await t.app.pool.query(`SELECT name, data FROM api_event WHERE name = 'edit:new' AND data->>'edit_id' = $1`, [created.body.id])
    expect(rows).toHaveLength(1)

    const again = await eventsDuring(t.app, async () => {
      const res = await call(t.app, 'POST', url, manager.headers, { name: 'Teaser', episode_id: episode.id })
      expect(res).toMatchObject({ status: 201, body: { id: created.body.id } })
    })
    expect(again).toEqual([])
    // Same name outside the episode: another edit (an empty episode id means none).
    const top = await call(t.app, 'POST', url, manager.headers, { name: 'Teaser', episode_id: '', description: null })
    expect(top.status).toBe(201)
    expect(top.body).toMatchObject({ parent_id: null, description: null, data: {} })
    expect(top.body.id).not.toBe(created.body.id)
  })

  it('validates the body first, then the project, then MPA; rejects foreign episodes', async () => {
    const { t, prod, other, manager, artist } = file
    const url = `/data/projects/${prod.project.id}/edits`
    const missing = await call(t.app, 'POST', url, manager.headers, { description: 'x' })
    expect(missing).toMatchObject({ status: 400, body: { error: true, message: 'Validation error.', data: { errors: [{ field: 'name' }] } } })
    expect((await call(t.app, 'POST', url, manager.headers, { name: '' })).status).toBe(400)
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x', data: 'no' })).status).toBe(400)
    expect((await call(t.app, 'POST', url, manager.headers, [1])).status).toBe(400)
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x'.repeat(200) })).status).toBe(400)
    expect((await call(t.app, 'POST', url, artist.headers, { name: 'x' })).status).toBe(403)
    expect((await call(t.app, 'POST', `/data/projects/${randomUUID()}/edits`, manager.headers, { name: 'x' })).status).toBe(404)
    expect((await call(t.app, 'POST', '/data/projects/nope/edits', manager.headers, { name: 'x' })).status).toBe(404)
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x', episode_id: 'nope' })).status).toBe(400)
    const foreign = await makeEntity(t.app, other, 'Episode', 'Foreign')
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x', episode_id: foreign.id })).status).toBe(404)
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x', episode_id: prod.asset.id })).status).toBe(404)
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x', episode_id: randomUUID() })).status).toBe(404)
    // Python's UUID() forms are taken: no hyphens.
    const episode = await makeEntity(t.app, prod, 'Episode', 'E04')
    const res = await call(t.app, 'POST', url, manager.headers, { name: 'Hex', episode_id: episode.id.replace(/-/g, '').toUpperCase() })
    expect(res).toMatchObject({ status: 201, body: { parent_id: episode.id } })
  })
})

describe('DELETE /data/edits/:edit_id', () => {
  it('cancels an edit with tasks unless forced, then removes it and what hangs off it', async () => {
    const { t, prod, manager } = file
    const db = t.app.db
    const { entity: cut, task } = await entityWithTask(t.app, prod, 'Edit', 'Doomed', [manager.id])
    await db.subscription.create({ data: { person_id: manager.id, entity_id: cut.id, task_type_id: prod.taskType.id } })
    await db.entityVersion.create({ data: { entity_id: cut.id, name: 'v' } })
    await db.comment.create({ data: { object_id: task.id, object_type: 'Task', text: 'hi', task_status_id: prod.status.id, person_id: manager.id } })
    await db.entityConceptLink.create({ data: { entity_in_id: (await makeEntity(t.app, prod, 'Concept', 'C-doomed')).id, entity_out_id: cut.id } })

    const soft = await eventsDuring(t.app, async () => {
      expect((await call(t.app, 'DELETE', `/data/edits/${cut.id}`, manager.headers)).status).toBe(204)
    })
    expect(soft.map((e) => [e.name, e.data])).toEqual([['edit:update', { edit_id: cut.id, project_id: prod.project.id }]])
    expect((await db.entity.findUnique({ where: { id: cut.id } }))?.canceled).toBe(true)

    const hard = await eventsDuring(t.app, async () => {
      expect((await call(t.app, 'DELETE', `/api/data/edits/${cut.id}?force=TRUE`, manager.headers)).status).toBe(204)
    })
    expect(hard.map((e) => e.name)).toEqual(['task:delete', 'edit:delete'])
    expect(hard[1].data).toEqual({ edit_id: cut.id, project_id: prod.project.id })
    expect(await db.entity.findUnique({ where: { id: cut.id } })).toBeNull()
    expect(await db.task.count({ where: { entity_id: cut.id } })).toBe(0)
    expect(await db.comment.count({ where: { object_id: task.id } })).toBe(0)
    expect(await db.subscription.count({ where: { entity_id: cut.id } })).toBe(0)
    expect(await db.entityVersion.count({ where: { entity_id: cut.id } })).toBe(0)
    expect(await db.entityConceptLink.count({ where: { entity_out_id: cut.id } })).toBe(0)
    const logged = await t.app.pool.query(`SELECT 1 FROM api_event WHERE name = 'edit:delete' AND data->>'edit_id' = $1`, [cut.id])
    expect(logged.rowCount).toBe(1)
    expect((await call(t.app, 'DELETE', `/data/edits/${cut.id}`, manager.headers)).status).toBe(404)
  })

  it('deletes an edit without tasks at once; creators delete their own; others need MPA', async () => {
    const { t, prod, manager, artist } = file
    const bare = await makeEntity(t.app, prod, 'Edit', 'Bare')
    expect((await call(t.app, 'DELETE', `/data/edits/${bare.id}`, artist.headers)).status).toBe(403)
    const events = await eventsDuring(t.app, async () => {
      expect((await call(t.app, 'DELETE', `/data/edits/${bare.id}`, manager.headers)).status).toBe(204)
    })
    expect(events.map((e) => e.name)).toEqual(['edit:delete'])
    const own = await makeEntity(t.app, prod, 'Edit', 'Own', { created_by: artist.id })
    expect((await call(t.app, 'DELETE', `/data/edits/${own.id}`, artist.headers)).status).toBe(204)
    expect((await call(t.app, 'DELETE', `/data/edits/${prod.asset.id}`, manager.headers)).status).toBe(404)
    expect(await t.app.db.entity.findUnique({ where: { id: prod.asset.id } })).not.toBeNull()
  })
})
