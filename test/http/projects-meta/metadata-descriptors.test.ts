// routes.md §7: the per-project metadata descriptor routes — per-role access, shapes, bad
// input (nothing written), the values a rename moves or a removal strips, and the events.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MANAGERS, routeTable, TEAM, useRoleProduction } from '../../helpers/route-table.ts'
import { as, makeProduction } from '../../helpers/fixtures.ts'
import { api, countEvents, dataOf, eventsOf, FORBIDDEN, makeEntity, NOT_FOUND_MESSAGE, uniq, wrong } from './helpers.ts'

const file = useRoleProduction()
const app = () => file.t.app
const pid = () => file.prod.project.id
const url = (suffix = '') => `/data/projects/${pid()}/metadata-descriptors${suffix}`

const DESCRIPTOR_KEYS = ['choices', 'created_at', 'data_type', 'departments', 'entity_type', 'field_name', 'for_client', 'id',
  'name', 'position', 'project_id', 'task_type_id', 'type', 'updated_at']

async function seed(projectId: string, data: Record<string, unknown> = {}) {
  const name = (data.name as string | undefined) ?? uniq('Seed ')
  return app().db.metadataDescriptor.create({
    data: { project_id: projectId, entity_type: 'Asset', field_name: name.toLowerCase().replace(/\W+/g, '_'), data_type: 'string', ...data, name },
  })
}

routeTable('metadata descriptors', file, [
  { method: 'GET', path: '/data/projects/:project_id/metadata-descriptors', roles: TEAM, call: () => ({ url: url() }) },
  {
    method: 'POST', path: '/data/projects/:project_id/metadata-descriptors', roles: MANAGERS,
    call: (_f, role) => ({ url: url(), payload: { name: uniq(`Col ${role} `) } }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/metadata-descriptors/reorder', roles: MANAGERS, ok: 200,
    call: async () => ({ url: url('/reorder'), payload: { entity_type: 'Asset', descriptor_ids: [(await seed(pid())).id] } }),
  },
  {
    method: 'GET', path: '/data/projects/:project_id/metadata-descriptors/:metadata_descriptor_id', roles: TEAM,
    call: async () => ({ url: url(`/${(await seed(pid())).id}`) }),
  },
  {
    method: 'PUT', path: '/data/projects/:project_id/metadata-descriptors/:metadata_descriptor_id', roles: MANAGERS,
    call: async () => ({ url: url(`/${(await seed(pid())).id}`), payload: { choices: ['a'] } }),
  },
  {
    method: 'DELETE', path: '/data/projects/:project_id/metadata-descriptors/:metadata_descriptor_id', roles: MANAGERS,
    call: async () => ({ url: url(`/${(await seed(pid())).id}`) }),
  },
])

describe('GET …/metadata-descriptors', () => {
  it('lists the project’s descriptors with departments, by position then name; clients only see for_client ones', async () => {
    const { project } = await makeProduction(app(), [{ id: file.people.client.id }, { id: file.people.user.id }])
    const dep = await app().db.department.create({ data: { name: uniq('Dep '), color: '#000000' } })
    const b = await seed(project.id, { name: 'B col', position: 1, for_client: true })
    const a = await seed(project.id, { name: 'A col', position: 2 })
    const c = await seed(project.id, { name: 'C col', position: null })
    await app().db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: a.id, department_id: dep.id } })
    await seed(pid(), { name: 'Elsewhere' })
    const res = await api(app(), 'GET', `/data/projects/${project.id}/metadata-descriptors`, file.people.user)
    expect(res.status).toBe(200)
    expect(res.body.map((d: { id: string }) => d.id)).toEqual([b.id, a.id, c.id])
    expect(Object.keys(res.body[1]).sort()).toEqual(DESCRIPTOR_KEYS)
    expect(res.body[1]).toMatchObject({ type: 'MetadataDescriptor', departments: [dep.id], position: 2, name: 'A col' })
    const client = await api(app(), 'GET', `/data/projects/${project.id}/metadata-descriptors`, file.people.client)
    expect(client.body.map((d: { id: string }) => d.id)).toEqual([b.id])
  })

  it('answers 404 for an unknown project and 400 for a malformed id', async () => {
    const unknown = await api(app(), 'GET', `/data/projects/${randomUUID()}/metadata-descriptors`, file.admin)
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({ error: true, message: NOT_FOUND_MESSAGE })
    const malformed = await api(app(), 'GET', '/data/projects/nope/metadata-descriptors', file.admin)
    expect(malformed.status).toBe(400)
  })
})

describe('POST …/metadata-descriptors', () => {
  it('creates the descriptor with its slugged field name and departments, then emits metadata-descriptor:new', async () => {
    const dep = await app().db.department.create({ data: { name: uniq('Dep '), color: '#000000' } })
    const seen: Array<string | null> = []
    const off = app().events.on(async (e) => {
      if (e.name !== 'metadata-descriptor:new') return
      // After commit: the listener can read the new row.
      const { rows } = await app().pool.query('SELECT name FROM metadata_descriptor WHERE id = $1', [e.data.metadata_descriptor_id])
      seen.push(rows[0]?.name ?? null)
    })
    const name = `Frame Rate (fps) ${randomUUID().slice(0, 4)}`
    const res = await api(app(), 'POST', url(), file.people.manager, {
      name, entity_type: 'Shot', data_type: 'list', choices: ['24', '25'], for_client: true, departments: [dep.id, dep.id],
    })
    off()
    expect(res.status).toBe(201)
    expect(Object.keys(res.body).sort()).toEqual(DESCRIPTOR_KEYS)
    expect(res.body).toMatchObject({
      project_id: pid(), entity_type: 'Shot', name, field_name: `frame_rate_fps_${name.slice(-4).toLowerCase()}`,
      data_type: 'list', choices: ['24', '25'], for_client: true, task_type_id: null, position: null, departments: [dep.id],
      type: 'MetadataDescriptor',
    })
    expect(res.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    expect(await eventsOf(app(), 'metadata-descriptor:new', 'metadata_descriptor_id', res.body.id)).toEqual([{
      name: 'metadata-descriptor:new', data: { metadata_descriptor_id: res.body.id, project_id: pid() },
      project_id: pid(), user_id: file.people.manager.id,
    }])
    expect(seen).toEqual([name])
  })

  it('derives field names as python-slugify does', async () => {
    const cases: Array<[string, string]> = [
      ["Équipe d'Été", 'equipe_d_ete'], ['Straße & Co', 'strasse_co'], ['  1,000 frames!! ', '1000_frames'], ['snake_case-Name', 'snake_case_name'],
    ]
    for (const [name, field] of cases) {
      const res = await api(app(), 'POST', url(), file.admin, { name, entity_type: 'Edit' })
      expect(res.status, name).toBe(201)
      expect(res.body.field_name, name).toBe(field)
    }
  })

  it('scopes Task descriptors to a task type', async () => {
    const other = await app().db.taskType.create({ data: { name: uniq('Anim '), for_entity: 'Shot' } })
    const name = uniq('Difficulty ')
    const first = await api(app(), 'POST', url(), file.admin, { name, entity_type: 'Task', task_type_id: file.prod.taskType.id })
    expect(first.status).toBe(201)
    expect(first.body.task_type_id).toBe(file.prod.taskType.id)
    // The same column on another task type is another descriptor; twice on one is a clash.
    expect((await api(app(), 'POST', url(), file.admin, { name, entity_type: 'Task', task_type_id: other.id })).status).toBe(201)
    const again = await api(app(), 'POST', url(), file.admin, { name, entity_type: 'Task', task_type_id: other.id })
    expect(again).toMatchObject({ status: 400, body: wrong('Metadata descriptor already exists.') })
  })

  it('refuses bad input with a clear 400 and writes nothing', async () => {
    const existing = await seed(pid(), { name: uniq('Taken ') })
    const dep = await app().db.department.create({ data: { name: uniq('Dep '), color: '#000000' } })
    const before = await app().db.metadataDescriptor.count()
    const events = await countEvents(app(), 'metadata-descriptor:')
    const cases: Array<[unknown, unknown]> = [
      [{ name: 'x', entity_type: 'Person' }, wrong('Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, Project, or Task.')],
      [{ name: 'x', entity_type: 'Task' }, wrong('Task metadata descriptors require a task_type_id.')],
      [{ name: 'x', entity_type: 'Task', task_type_id: randomUUID() }, wrong('Task type not found.')],
      [{ name: 'x', entity_type: 'Task', task_type_id: 'nope' }, wrong('Task type not found.')],
      [{ name: 'x', task_type_id: file.prod.taskType.id }, wrong('task_type_id only applies to Task metadata descriptors.')],
      [{ name: 'x', data_type: 'float' }, wrong('Invalid data_type')],
      [{ name: existing.name }, wrong('Metadata descriptor already exists.')],
      [{ name: 'x'.repeat(121) }, wrong('Metadata descriptor name is too long.')],
      [{ name: 'x', departments: [randomUUID()] }, wrong('Department not found.')],
      [{ name: 'x', departments: [dep.id, 'nope'] }, wrong('Department not found.')],
    ]
    for (const [payload, body] of cases) {
      const res = await api(app(), 'POST', url(), file.admin, payload)
      expect(res, JSON.stringify(payload)).toMatchObject({ status: 400, body })
    }
    for (const payload of [{}, { name: '' }, { name: null }, { name: 'x', choices: { a: 1 } }, [1, 2]]) {
      const res = await api(app(), 'POST', url(), file.admin, payload)
      expect(res.status, JSON.stringify(payload)).toBe(400)
      expect(res.body.message).toBe('Validation error.')
    }
    const broken = await app().inject({ method: 'POST', url: url(), headers: { ...file.admin.headers, 'content-type': 'application/json' }, payload: '{"name": ' })
    expect(broken.statusCode).toBe(400)
    expect(await app().db.metadataDescriptor.count()).toBe(before)
    expect(await countEvents(app(), 'metadata-descriptor:')).toBe(events)
  })

  it('lets a supervisor create columns covering every department of theirs', async () => {
    const [mine, other] = await Promise.all([1, 2].map((i) => app().db.department.create({ data: { name: uniq(`Dep${i} `), color: '#000000' } })))
    const supervisor = await as(app(), 'supervisor')
    await app().db.departmentLink.create({ data: { person_id: supervisor.id, department_id: mine.id } })
    await app().db.projectPersonLink.create({ data: { project_id: pid(), person_id: supervisor.id } })
    expect((await api(app(), 'POST', url(), supervisor, { name: uniq('S '), departments: [mine.id] })).status).toBe(201)
    expect((await api(app(), 'POST', url(), supervisor, { name: uniq('S '), departments: [mine.id, other.id] })).status).toBe(201)
    expect(await api(app(), 'POST', url(), supervisor, { name: uniq('S '), departments: [other.id] })).toMatchObject({ status: 403, body: FORBIDDEN })
    expect((await api(app(), 'POST', url(), supervisor, { name: uniq('S ') })).status).toBe(403)
    // A supervisor without departments needs at least one department on the column.
    expect((await api(app(), 'POST', url(), file.people.supervisor, { name: uniq('S '), departments: [other.id] })).status).toBe(201)
  })
})

describe('GET …/metadata-descriptors/:id', () => {
  it('answers the descriptor with departments, 404 for another project’s, unknown or malformed ids', async () => {
    const d = await seed(pid())
    const res = await api(app(), 'GET', url(`/${d.id}`), file.people.user)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: d.id, departments: [], type: 'MetadataDescriptor' })
    const { project } = await makeProduction(app())
    const foreign = await seed(project.id)
    for (const id of [foreign.id, randomUUID(), 'nope']) {
      expect(await api(app(), 'GET', url(`/${id}`), file.admin)).toMatchObject({ status: 404, body: { error: true, message: NOT_FOUND_MESSAGE } })
    }
  })
})

describe('PUT …/metadata-descriptors/:id', () => {
  it('renames the field and moves the stored values of that kind only, in one transaction', async () => {
    const { project, taskType, status } = await makeProduction(app())
    const [asset, prop, shot] = [
      await makeEntity(app(), project.id, 'Character', { data: { tone: 'warm', keep: 1 } }),
      await makeEntity(app(), project.id, 'Prop', { data: { tone: null } }),
      await makeEntity(app(), project.id, 'Shot', { data: { tone: 'shot value' } }),
    ]
    const elsewhere = await makeEntity(app(), pid(), 'Character', { data: { tone: 'other project' } })
    const d = await seed(project.id, { name: 'Tone', field_name: 'tone', data_type: 'list', choices: ['warm'], for_client: true })
    const res = await api(app(), 'PUT', `/data/projects/${project.id}/metadata-descriptors/${d.id}`, file.admin, { name: 'Color Tone', data_type: 'string' })
    expect(res.status).toBe(200)
    // Omitted fields take their defaults, as in Zou.
    expect(res.body).toMatchObject({ name: 'Color Tone', field_name: 'color_tone', data_type: 'string', choices: [], for_client: false, departments: [] })
    expect(await dataOf(app(), 'entity', asset.id)).toEqual({ color_tone: 'warm', keep: 1 })
    expect(await dataOf(app(), 'entity', prop.id)).toEqual({ tone: null })
    expect(await dataOf(app(), 'entity', shot.id)).toEqual({ tone: 'shot value' })
    expect(await dataOf(app(), 'entity', elsewhere.id)).toEqual({ tone: 'other project' })
    expect((await eventsOf(app(), 'metadata-descriptor:update', 'metadata_descriptor_id', d.id)).map((e) => e.project_id)).toEqual([project.id])

    // Task and Project columns move the task type's tasks' and the project's values.
    const task = await app().db.task.create({ data: { name: 't', project_id: project.id, entity_id: asset.id, task_type_id: taskType.id, task_status_id: status.id, data: { level: 3 } } })
    const td = await seed(project.id, { name: 'Level', field_name: 'level', entity_type: 'Task', task_type_id: taskType.id })
    await app().db.project.update({ where: { id: project.id }, data: { data: { budget_code: 'X1' } } })
    const pd = await seed(project.id, { name: 'Budget code', field_name: 'budget_code', entity_type: 'Project' })
    expect((await api(app(), 'PUT', `/data/projects/${project.id}/metadata-descriptors/${td.id}`, file.admin, { name: 'Skill level' })).status).toBe(200)
    expect((await api(app(), 'PUT', `/data/projects/${project.id}/metadata-descriptors/${pd.id}`, file.admin, { name: 'Cost code' })).status).toBe(200)
    expect(await dataOf(app(), 'task', task.id)).toEqual({ skill_level: 3 })
    expect(await dataOf(app(), 'project', project.id)).toEqual({ cost_code: 'X1' })
  })

  it('keeps the name when none is given, and replaces the departments', async () => {
    const dep = await app().db.department.create({ data: { name: uniq('Dep '), color: '#000000' } })
    const d = await seed(pid(), { name: uniq('Keep ') })
    const res = await api(app(), 'PUT', url(`/${d.id}`), file.people.manager, { departments: [dep.id], for_client: true, choices: ['x'] })
    expect(res.body).toMatchObject({ name: d.name, field_name: d.field_name, departments: [dep.id], for_client: true, choices: ['x'] })
    const cleared = await api(app(), 'PUT', url(`/${d.id}`), file.people.manager, { name: null })
    expect(cleared.body).toMatchObject({ name: d.name, departments: [], for_client: false })
  })

  it('refuses a clash, an empty name or a bad type and leaves names and values as they were', async () => {
    const { project } = await makeProduction(app())
    const asset = await makeEntity(app(), project.id, 'Character', { data: { mood: 'calm' } })
    const d = await seed(project.id, { name: 'Mood', field_name: 'mood' })
    await seed(project.id, { name: 'Feeling', field_name: 'feeling' })
    const at = `/data/projects/${project.id}/metadata-descriptors/${d.id}`
    expect(await api(app(), 'PUT', at, file.admin, { name: 'Feeling' })).toMatchObject({ status: 400, body: wrong('Metadata descriptor already exists.') })
    expect(await api(app(), 'PUT', at, file.admin, { name: '' })).toMatchObject({ status: 400, body: wrong('Name cannot be empty.') })
    expect(await api(app(), 'PUT', at, file.admin, { name: 'Vibe', data_type: 'nope' })).toMatchObject({ status: 400, body: wrong('Invalid data_type') })
    expect((await api(app(), 'PUT', at, file.admin, { name: 'Vibe', departments: [randomUUID()] })).status).toBe(400)
    expect((await app().db.metadataDescriptor.findUnique({ where: { id: d.id } }))!.field_name).toBe('mood')
    expect(await dataOf(app(), 'entity', asset.id)).toEqual({ mood: 'calm' })
    expect(await eventsOf(app(), 'metadata-descriptor:update', 'metadata_descriptor_id', d.id)).toEqual([])
    expect((await api(app(), 'PUT', `/data/projects/${project.id}/metadata-descriptors/${randomUUID()}`, file.admin, {})).status).toBe(404)
  })

  it('rolls the moved values back when the descriptor write fails (one transaction)', async () => {
    const { project } = await makeProduction(app())
    const asset = await makeEntity(app(), project.id, 'Character', { data: { era: 'bronze' } })
    const d = await seed(project.id, { name: 'Era', field_name: 'era' })
    // A failure after the values moved: the descriptor's own UPDATE / DELETE is refused.
    await app().pool.query(`CREATE FUNCTION slate_test_refuse() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'refused' USING ERRCODE = 'check_violation'; END $$`)
    await app().pool.query(`CREATE TRIGGER slate_test_refuse BEFORE UPDATE OR DELETE ON metadata_descriptor
      FOR EACH ROW WHEN (OLD.id = '${d.id}') EXECUTE FUNCTION slate_test_refuse()`)
    try {
      const at = `/data/projects/${project.id}/metadata-descriptors/${d.id}`
      expect((await api(app(), 'PUT', at, file.admin, { name: 'Age' })).status).toBe(400)
      expect(await dataOf(app(), 'entity', asset.id)).toEqual({ era: 'bronze' })
      expect((await api(app(), 'DELETE', at, file.admin)).status).toBe(400)
      expect(await dataOf(app(), 'entity', asset.id)).toEqual({ era: 'bronze' })
      expect((await app().db.metadataDescriptor.findUnique({ where: { id: d.id } }))!.field_name).toBe('era')
      expect(await eventsOf(app(), 'metadata-descriptor:update', 'metadata_descriptor_id', d.id)).toEqual([])
      expect(await eventsOf(app(), 'metadata-descriptor:delete', 'metadata_descriptor_id', d.id)).toEqual([])
    } finally {
      await app().pool.query('DROP TRIGGER slate_test_refuse ON metadata_descriptor; DROP FUNCTION slate_test_refuse()')
    }
  })

  it('applies the department rule to the current and the new departments', async () => {
    const [mine, other] = await Promise.all([1, 2].map((i) => app().db.department.create({ data: { name: uniq(`Dep${i} `), color: '#000000' } })))
    const supervisor = await as(app(), 'supervisor')
    await app().db.departmentLink.create({ data: { person_id: supervisor.id, department_id: mine.id } })
    await app().db.projectPersonLink.create({ data: { project_id: pid(), person_id: supervisor.id } })
    const d = await seed(pid())
    await app().db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: d.id, department_id: other.id } })
    // other ∪ mine covers the supervisor's department; a column with no department at all does not.
    expect((await api(app(), 'PUT', url(`/${d.id}`), supervisor, { departments: [mine.id] })).status).toBe(200)
    expect((await api(app(), 'DELETE', url(`/${d.id}`), supervisor)).status).toBe(204)
    const bare = await seed(pid())
    expect((await api(app(), 'PUT', url(`/${bare.id}`), supervisor, {})).status).toBe(403)
    expect((await api(app(), 'DELETE', url(`/${bare.id}`), supervisor)).status).toBe(403)
  })
})

describe('DELETE …/metadata-descriptors/:id', () => {
  it('strips the values, drops the department links and the descriptor, then emits metadata-descriptor:delete', async () => {
    const { project } = await makeProduction(app())
    const dep = await app().db.department.create({ data: { name: uniq('Dep '), color: '#000000' } })
    const asset = await makeEntity(app(), project.id, 'Character', { data: { notes: 'n', other: 2 } })
    const seq = await makeEntity(app(), project.id, 'Sequence', { data: { notes: 'seq' } })
    const d = await seed(project.id, { name: 'Notes', field_name: 'notes' })
    await app().db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: d.id, department_id: dep.id } })
    const res = await api(app(), 'DELETE', `/data/projects/${project.id}/metadata-descriptors/${d.id}`, file.admin)
    expect(res).toMatchObject({ status: 204, text: '' })
    expect(await dataOf(app(), 'entity', asset.id)).toEqual({ other: 2 })
    expect(await dataOf(app(), 'entity', seq.id)).toEqual({ notes: 'seq' })
    expect(await app().db.metadataDescriptor.findUnique({ where: { id: d.id } })).toBeNull()
    expect(await app().db.departmentMetadataDescriptorLink.count({ where: { metadata_descriptor_id: d.id } })).toBe(0)
    expect(await eventsOf(app(), 'metadata-descriptor:delete', 'metadata_descriptor_id', d.id)).toEqual([{
      name: 'metadata-descriptor:delete', data: { metadata_descriptor_id: d.id, project_id: project.id }, project_id: project.id, user_id: file.admin.id,
    }])
    expect((await api(app(), 'DELETE', `/data/projects/${project.id}/metadata-descriptors/${d.id}`, file.admin)).status).toBe(404)
  })
})

describe('POST …/metadata-descriptors/reorder', () => {
  it('puts the listed descriptors first, the others after by name, and answers that kind’s list', async () => {
    const { project } = await makeProduction(app())
    const [c, a, b, z] = await Promise.all(['C', 'A', 'B', 'Z'].map((n) => seed(project.id, { name: `${n} col`, position: 9 })))
    const shotCol = await seed(project.id, { name: 'Shot col', entity_type: 'Shot', position: 7 })
    const res = await api(app(), 'POST', `/data/projects/${project.id}/metadata-descriptors/reorder`, file.admin, { entity_type: 'Asset', descriptor_ids: [z.id, c.id] })
    expect(res.status).toBe(200)
    expect(res.body.map((d: { id: string; position: number }) => [d.id, d.position])).toEqual([[z.id, 1], [c.id, 2], [a.id, 3], [b.id, 4]])
    expect(res.body[0].departments).toEqual([])
    expect((await app().db.metadataDescriptor.findUnique({ where: { id: shotCol.id } }))!.position).toBe(7)
    // Zou emits nothing for a reorder.
    expect(await eventsOf(app(), 'metadata-descriptor:update', 'metadata_descriptor_id', z.id)).toEqual([])
  })

  it('refuses ids of another kind or project, and bad bodies', async () => {
    const d = await seed(pid())
    const shot = await seed(pid(), { entity_type: 'Shot' })
    const res = await api(app(), 'POST', url('/reorder'), file.admin, { entity_type: 'Asset', descriptor_ids: [d.id, shot.id] })
    expect(res).toMatchObject({ status: 400, body: wrong(`Descriptor ${shot.id} not found for project ${pid()} and entity type Asset`) })
    expect((await app().db.metadataDescriptor.findUnique({ where: { id: d.id } }))!.position).toBeNull()
    expect((await api(app(), 'POST', url('/reorder'), file.admin, { entity_type: 'Concept', descriptor_ids: [d.id] })).body.message)
      .toBe('Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, Project, or Task.')
    expect((await api(app(), 'POST', url('/reorder'), file.admin, { entity_type: 'Asset', descriptor_ids: [] })).body.message).toBe('Validation error.')
    expect((await api(app(), 'POST', url('/reorder'), file.admin, { descriptor_ids: [d.id] })).body.message).toBe('Validation error.')
  })
})
