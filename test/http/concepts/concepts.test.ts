// routes.md §13: concepts — the with-tasks rows with entity_concept_links, the full concept,
// creation with links and its event, deletion (cancel, forced cascade) and bad input.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call, FORBIDDEN } from '../crud/helpers.ts'
import { assign, entityWithTask, eventsDuring, makeEntity, makeTask, typeId } from '../edits/fixtures.ts'

interface ConceptsFile extends FileApp {
  manager: TestPerson
  artist: TestPerson
  client: TestPerson
  vendor: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}

const file = useFileAppWith<ConceptsFile>(async ({ t }) => {
  const manager = await as(t.app, 'manager')
  const artist = await as(t.app, 'user')
  const client = await as(t.app, 'client')
  const vendor = await as(t.app, 'vendor')
  const prod = await makeProduction(t.app, [{ id: manager.id }, { id: artist.id }, { id: client.id }, { id: vendor.id }])
  return { manager, artist, client, vendor, prod }
})

const get = (url: string, who: TestPerson) => call(file.t.app, 'GET', url, who.headers)

const CONCEPT_FIELDS = ['canceled', 'data', 'description', 'entity_type_id', 'fps', 'frame_in', 'frame_out', 'id', 'name', 'nb_frames',
  'parent_id', 'preview_file_id', 'project_id', 'project_name', 'source_id', 'nb_entities_out', 'is_casting_standby', 'tasks',
  'entity_concept_links', 'type', 'updated_at', 'created_at', 'created_by']
const TASK_FIELDS = ['id', 'duration', 'due_date', 'end_date', 'entity_id', 'estimation', 'last_comment_date', 'nb_assets_ready',
  'priority', 'real_start_date', 'retake_count', 'start_date', 'task_status_id', 'task_type_id', 'data', 'is_subscribed', 'assignees']
const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/

describe('GET /data/concepts/with-tasks', () => {
  it('answers each concept with its tasks and linked entities', async () => {
    const { t, prod, manager, artist } = file
    const concept = await makeEntity(t.app, prod, 'Concept', 'Hero sketch', { data: { fps: 12, frame_in: 1 }, created_by: artist.id })
    const task = await makeTask(t.app, prod, concept.id, { end_date: new Date('2024-05-06T07:08:09Z') })
    await assign(t.app, task.id, artist.id)
    await t.app.db.entityConceptLink.create({ data: { entity_in_id: concept.id, entity_out_id: prod.asset.id } })

    const res = await get(`/data/concepts/with-tasks?project_id=${prod.project.id}`, manager)
    expect(res.status).toBe(200)
    const row = res.body.find((c: { id: string }) => c.id === concept.id)
    expect(Object.keys(row)).toEqual(CONCEPT_FIELDS)
    expect(row).toMatchObject({
      type: 'Concept', name: 'Hero sketch', fps: 12, frame_in: 1, frame_out: null, data: { fps: 12, frame_in: 1 },
      entity_concept_links: [prod.asset.id], project_name: prod.project.name, created_by: artist.id,
      entity_type_id: await typeId(t.app, 'Concept'), created_at: expect.stringMatching(DATETIME), canceled: false,
    })
    expect(Object.keys(row.tasks[0])).toEqual(TASK_FIELDS)
    expect(row.tasks[0]).toMatchObject({ id: task.id, end_date: '2024-05-06T07:08:09', assignees: [artist.id], is_subscribed: false })

    // assigned_to: only the caller's concepts and tasks.
    const other = await makeEntity(t.app, prod, 'Concept', 'Other')
    await makeTask(t.app, prod, other.id)
    const mine = await get(`/data/concepts/with-tasks?project_id=${prod.project.id}&assigned_to=${artist.id}`, artist)
    expect(mine.body.map((c: { id: string }) => c.id)).toEqual([concept.id])
    const byId = await get(`/data/concepts/with-tasks?project_id=${prod.project.id}&id=${other.id}`, manager)
    expect(byId.body.map((c: { id: string }) => c.id)).toEqual([other.id])
    expect((await get(`/data/concepts/with-tasks?project_id=${prod.project.id}&id=x`, manager)).body)
      .toEqual({ error: true, message: 'Invalid UUID format for id: x', data: null })
    expect((await get('/data/concepts/with-tasks', manager)).status).toBe(403)
  })
})

describe('GET /data/concepts', () => {
  it('lists concepts with project_name by name; criterions and assigned_to', async () => {
    const { t, prod, manager, artist, client, vendor } = file
    const b = await makeEntity(t.app, prod, 'Concept', 'B board')
    const { entity: a } = await entityWithTask(t.app, prod, 'Concept', 'A board', [artist.id])
    const res = await get(`/data/concepts?project_id=${prod.project.id}&name=%25board`, manager)
    expect(res.body.map((c: { id: string }) => c.id)).toEqual([a.id, b.id])
    expect(res.body[0]).toMatchObject({ type: 'Concept', project_name: prod.project.name, created_at: expect.stringMatching(DATETIME) })
    expect(res.body[0]).not.toHaveProperty('entity_concept_links')
    const assigned = await get(`/data/concepts?project_id=${prod.project.id}&assigned_to=1&name=%25board`, artist)
    expect(assigned.body.map((c: { id: string }) => c.id)).toEqual([a.id])
    expect((await get(`/data/concepts?project_id=${prod.project.id}&id=bad`, manager)).status).toBe(400)
    expect(await get(`/data/concepts?project_id=${prod.project.id}`, client)).toMatchObject({ status: 403, body: FORBIDDEN })
    expect((await get(`/data/concepts?project_id=${prod.project.id}`, vendor)).status).toBe(403)

    const project = await get(`/data/projects/${prod.project.id}/concepts`, artist)
    expect(project.body.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['A board', 'B board']))
    expect(project.body[0]).not.toHaveProperty('project_name')
    expect((await get(`/data/projects/${randomUUID()}/concepts`, manager)).status).toBe(404)
    expect((await get('/data/projects/nope/concepts', manager)).status).toBe(404)
  })
})

describe('GET /data/concepts/:concept_id', () => {
  it('merges the with-tasks row with the concept and its relation keys; PA + EA, no clients', async () => {
    const { t, prod, manager, client, vendor } = file
    const { entity: concept, task } = await entityWithTask(t.app, prod, 'Concept', 'Full', [vendor.id])
    await t.app.db.entityConceptLink.create({ data: { entity_in_id: concept.id, entity_out_id: prod.asset.id } })
    const res = await get(`/data/concepts/${concept.id}`, manager)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: concept.id, type: 'Concept', project_name: prod.project.name, data: null, fps: null,
      entity_concept_links: [prod.asset.id], entities_out: [], entities_in: [], instance_casting: [], status: 'running', is_shared: false,
    })
    expect(res.body.tasks.map((x: { id: string }) => x.id)).toEqual([task.id])
    expect((await get(`/data/concepts/${concept.id}`, vendor)).status).toBe(200)
    expect((await get(`/data/concepts/${concept.id}`, client)).status).toBe(403)
    const unassigned = await makeEntity(t.app, prod, 'Concept', 'Not for vendor')
    expect((await get(`/data/concepts/${unassigned.id}`, vendor)).status).toBe(403)
    for (const id of [randomUUID(), 'nope', prod.asset.id]) {
      for (const suffix of ['', '/tasks', '/task-types', '/preview-files']) {
        expect((await get(`/data/concepts/${id}${suffix}`, manager)).status, `${id}${suffix}`).toBe(404)
      }
    }
    const types = await get(`/data/concepts/${concept.id}/task-types`, manager)
    expect(types.body.map((x: { id: string; type: string }) => [x.id, x.type])).toEqual([[prod.taskType.id, 'TaskType']])
    const tasks = await get(`/data/concepts/${concept.id}/tasks?relations=true`, manager)
    expect(tasks.body).toMatchObject([{ id: task.id, entity_type_name: 'Concept', entity_name: 'Full', assignees: [vendor.id] }])
    expect((await get(`/data/concepts/${concept.id}/preview-files`, manager)).body).toEqual({})
  })
})

describe('POST /data/projects/:project_id/concepts', () => {
  it('creates a concept with its links, emits concept:new once, and returns an existing one unchanged', async () => {
    const { t, prod, artist, manager } = file
    const url = `/data/projects/${prod.project.id}/concepts`
    const shot = await makeEntity(t.app, prod, 'Shot', 'SH010')
    let res: { status: number; body: Record<string, unknown> } = { status: 0, body: {} }
    const events = await eventsDuring(t.app, async () => {
      res = await call(t.app, 'POST', url, artist.headers, {
        name: 'Castle', description: 'towers', data: { palette: 'grey' },
        entity_concept_links: [{ id: prod.asset.id }, shot.id, randomUUID()],
      })
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: 'Castle', type: 'Concept', description: 'towers', data: { palette: 'grey' }, created_by: artist.id,
      project_id: prod.project.id, parent_id: null, created_at: expect.stringMatching(DATETIME),
    })
    expect(res.body).not.toHaveProperty('entity_concept_links')
    expect(events).toEqual([{
      name: 'concept:new', data: { concept_id: res.body.id, project_id: prod.project.id }, projectId: prod.project.id, userId: artist.id,
    }])
    const links = await t.app.db.entityConceptLink.findMany({ where: { entity_in_id: res.body.id as string } })
    expect(links.map((l) => l.entity_out_id).sort()).toEqual([prod.asset.id, shot.id].sort())
    const logged = await t.app.pool.query(`SELECT 1 FROM api_event WHERE name = 'concept:new' AND data->>'concept_id' = $1`, [res.body.id])
    expect(logged.rowCount).toBe(1)

    const again = await eventsDuring(t.app, async () => {
      const second = await call(t.app, 'POST', url, manager.headers, { name: 'Castle', description: 'other' })
      expect(second).toMatchObject({ status: 201, body: { id: res.body.id, description: 'towers', created_by: artist.id } })
    })
    expect(again).toEqual([])

    const bare = await call(t.app, 'POST', url, manager.headers, { name: 'Bare' })
    expect(bare).toMatchObject({ status: 201, body: { data: null, description: null } })
  })

  it('refuses bad bodies (400), malformed link ids (404), unknown projects (404), clients and vendors (403)', async () => {
    const { t, prod, manager, client, vendor } = file
    const url = `/data/projects/${prod.project.id}/concepts`
    expect(await call(t.app, 'POST', url, manager.headers, {})).toMatchObject({
      status: 400, body: { error: true, message: 'Validation error.', data: { errors: [{ field: 'name' }] } },
    })
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x', data: [] })).status).toBe(400)
    // Longer than the column (Zou: a database error, 500).
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x'.repeat(200) })).status).toBe(400)
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x', entity_concept_links: [{}] })).status).toBe(400)
    // A lone string is read as a one-item list (Ajv's array coercion): a malformed id, so 404.
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x', entity_concept_links: 'nope' })).status).toBe(404)
    expect((await call(t.app, 'POST', url, manager.headers, { name: 'x', entity_concept_links: [{ id: 'nope' }] })).status).toBe(404)
    expect((await call(t.app, 'POST', `/data/projects/${randomUUID()}/concepts`, manager.headers, { name: 'x' })).status).toBe(404)
    expect((await call(t.app, 'POST', url, client.headers, { name: 'x' })).status).toBe(403)
    expect((await call(t.app, 'POST', url, vendor.headers, { name: 'x' })).status).toBe(403)
    expect(await t.app.db.entity.count({ where: { project_id: prod.project.id, name: 'x' } })).toBe(0)
  })
})

describe('DELETE /data/concepts/:concept_id', () => {
  it('cancels a concept with tasks unless forced, then removes it with its tasks and links', async () => {
    const { t, prod, manager, artist } = file
    const db = t.app.db
    const { entity: concept, task } = await entityWithTask(t.app, prod, 'Concept', 'Doomed', [artist.id], { created_by: artist.id })
    await db.entityConceptLink.create({ data: { entity_in_id: concept.id, entity_out_id: prod.asset.id } })
    await db.previewFile.create({ data: { name: 'p', task_id: task.id, revision: 1 } })

    const soft = await eventsDuring(t.app, async () => {
      // The creator only needs to be on the team.
      expect((await call(t.app, 'DELETE', `/data/concepts/${concept.id}`, artist.headers)).status).toBe(204)
    })
    expect(soft.map((e) => [e.name, e.data])).toEqual([['concept:update', { concept_id: concept.id, project_id: prod.project.id }]])
    expect((await db.entity.findUnique({ where: { id: concept.id } }))?.canceled).toBe(true)

    const hard = await eventsDuring(t.app, async () => {
      expect((await call(t.app, 'DELETE', `/data/concepts/${concept.id}?force=true`, manager.headers)).status).toBe(204)
    })
    expect(hard.map((e) => [e.name, e.data])).toEqual([
      ['task:delete', { task_id: task.id, entity_id: concept.id, task_type_id: prod.taskType.id, project_id: prod.project.id }],
      ['concept:delete', { concept_id: concept.id, project_id: prod.project.id }],
    ])
    expect(await db.entity.findUnique({ where: { id: concept.id } })).toBeNull()
    expect(await db.task.findUnique({ where: { id: task.id } })).toBeNull()
    expect(await db.previewFile.count({ where: { task_id: task.id } })).toBe(0)
    expect(await db.entityConceptLink.count({ where: { entity_in_id: concept.id } })).toBe(0)
    // The linked asset stays.
    expect(await db.entity.findUnique({ where: { id: prod.asset.id } })).not.toBeNull()
  })

  it('refuses non-creators without MPA and ids of other kinds', async () => {
    const { t, prod, manager, artist } = file
    const concept = await makeEntity(t.app, prod, 'Concept', 'Kept')
    expect((await call(t.app, 'DELETE', `/data/concepts/${concept.id}`, artist.headers)).status).toBe(403)
    expect((await call(t.app, 'DELETE', `/data/concepts/${prod.asset.id}`, manager.headers)).status).toBe(404)
    expect((await call(t.app, 'DELETE', '/data/concepts/nope', manager.headers)).status).toBe(404)
    expect(await t.app.db.entity.findUnique({ where: { id: concept.id } })).not.toBeNull()
  })
})
