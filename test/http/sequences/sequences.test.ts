// routes.md §3, /data/sequences and /data/projects/:id/sequences: shapes, criterions, vendor
// scope and metadata masking, get-or-create with its event, deletion with what remains.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { as, makeProduction } from '../../helpers/fixtures.ts'
import { call, eventsFor, FORBIDDEN, rowExists } from '../crud/helpers.ts'
import { makeEntity, makeTask, makeTree, type Tree } from './helpers.ts'

const file = useRoleProduction()
const get = (url: string, who = file.admin) => call(file.t.app, 'GET', url, who.headers)
const NOT_FOUND = expect.objectContaining({ error: true, message: expect.stringMatching(/^404 Not Found/) })
let tree: Tree
/** A second tree the vendor has no task in. */
let other: Tree

beforeAll(async () => {
  const { app } = file.t
  tree = await makeTree(app, file.prod, { assign: [file.people.vendor.id], tag: 'b' })
  other = await makeTree(app, file.prod, { tag: 'a' })
  // Metadata: `secret` is restricted to a department the vendor is not in, `open` to nobody.
  const dept = await app.db.department.create({ data: { name: `D-${randomUUID().slice(0, 6)}`, color: '#000000' } })
  for (const [kind, field] of [['Sequence', 'secret'], ['Shot', 'secret'], ['Sequence', 'open']]) {
    const d = await app.db.metadataDescriptor.create({
      data: { project_id: file.prod.project.id, entity_type: kind, name: `${kind} ${field}`, field_name: field },
    })
    if (field === 'secret') await app.db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: d.id, department_id: dept.id } })
  }
  await app.db.entity.updateMany({ where: { id: { in: [tree.sequence.id, tree.shot.id] } }, data: { data: { secret: 1, open: 2, free: 3 } } })
})

describe('GET /data/sequences', () => {
  it('lists the project sequences by name, every column and type Sequence', async () => {
    const res = await get(`/data/sequences?project_id=${file.prod.project.id}`, file.people.manager)
    expect(res.status).toBe(200)
    expect(res.body.map((s: { name: string }) => s.name)).toEqual(['SQ-a', 'SQ-b'])
    expect(res.body[1]).toMatchObject({
      id: tree.sequence.id, type: 'Sequence', parent_id: tree.episode.id, project_id: file.prod.project.id,
      data: { secret: 1, open: 2, free: 3 }, canceled: false, status: 'running',
    })
    expect(res.body[1].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/)
  })

  it('reads criterions: name (ILIKE), episode_id as project and parent, bad values 400', async () => {
    expect((await get(`/data/sequences?project_id=${file.prod.project.id}&name=sq-A`)).body.map((s: { id: string }) => s.id)).toEqual([other.sequence.id])
    const byEpisode = await get(`/data/sequences?episode_id=${tree.episode.id}`, file.people.user)
    expect(byEpisode.body.map((s: { id: string }) => s.id)).toEqual([tree.sequence.id])
    expect((await get(`/data/sequences?episode_id=${randomUUID()}`)).body).toEqual(NOT_FOUND)
    expect((await get(`/data/sequences?episode_id=${tree.sequence.id}`)).status).toBe(404)
    expect((await get(`/data/sequences?project_id=nope`)).status).toBe(400)
    expect((await get(`/data/sequences?project_id=${file.prod.project.id}&canceled=maybe`)).status).toBe(400)
    // Not columns: ignored, as Zou does.
    expect((await get(`/data/sequences?project_id=${file.prod.project.id}&page=x&limit=1&relations=true&color=red`)).body).toHaveLength(2)
  })

  it('needs a project for non-admins; admins list every project', async () => {
    expect((await get('/data/sequences', file.people.manager)).body).toEqual(FORBIDDEN)
    const all = await get('/data/sequences')
    expect(all.body.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([tree.sequence.id, other.sequence.id]))
    expect((await get(`/data/sequences?project_id=${randomUUID()}`)).status).toBe(404)
  })

  it('vendors: sequences holding an assigned shot, restricted metadata removed', async () => {
    const res = await get(`/data/sequences?project_id=${file.prod.project.id}`, file.people.vendor)
    expect(res.body.map((s: { id: string }) => s.id)).toEqual([tree.sequence.id])
    expect(res.body[0].data).toEqual({ open: 2, free: 3 })
    const project = await get(`/data/projects/${file.prod.project.id}/sequences`, file.people.vendor)
    expect(project.body).toEqual(res.body)
    // In the descriptor's department, the vendor sees the field.
    const { app } = file.t
    const link = await app.db.departmentMetadataDescriptorLink.findFirstOrThrow({ where: { metadata_descriptor_rel: { project_id: file.prod.project.id } } })
    await app.db.departmentLink.create({ data: { person_id: file.people.vendor.id, department_id: link.department_id } })
    try {
      expect((await get(`/data/sequences?project_id=${file.prod.project.id}`, file.people.vendor)).body[0].data).toEqual({ secret: 1, open: 2, free: 3 })
    } finally {
      await app.db.departmentLink.deleteMany({ where: { person_id: file.people.vendor.id } })
    }
  })
})

describe('GET /data/projects/:project_id/sequences', () => {
  it('lists them by name; unknown or malformed project 404', async () => {
    const res = await get(`/data/projects/${file.prod.project.id}/sequences`, file.people.client)
    expect(res.body.map((s: { id: string }) => s.id)).toEqual([other.sequence.id, tree.sequence.id])
    expect((await get(`/data/projects/${randomUUID()}/sequences`)).body).toEqual(NOT_FOUND)
    expect((await get('/data/projects/nope/sequences')).status).toBe(404)
  })
})

describe('GET /data/sequences/:sequence_id', () => {
  it('answers the sequence with its project and episode names', async () => {
    const res = await get(`/data/sequences/${tree.sequence.id}`, file.people.vendor)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: tree.sequence.id, type: 'Sequence', project_name: file.prod.project.name,
      episode_id: tree.episode.id, episode_name: 'E-b', data: { secret: 1, open: 2, free: 3 },
    })
  })

  it('has no episode keys without an episode; 404 for other kinds and bad ids; EA for vendors', async () => {
    const lone = await makeEntity(file.t.app, file.prod, 'Sequence', `SQ-lone-${randomUUID().slice(0, 4)}`)
    const res = await get(`/data/sequences/${lone.id}`)
    expect(res.body).not.toHaveProperty('episode_id')
    expect(res.body.project_name).toBe(file.prod.project.name)
    for (const id of [tree.shot.id, randomUUID(), 'nope']) expect((await get(`/data/sequences/${id}`)).body).toEqual(NOT_FOUND)
    expect((await get(`/data/sequences/${other.sequence.id}`, file.people.vendor)).body).toEqual(FORBIDDEN)
    expect((await get(`/data/sequences/${other.sequence.id}`, file.people.outsider)).body).toEqual(FORBIDDEN)
  })
})

describe('children of a sequence', () => {
  it('shots: project and sequence names, criterions, vendor scope and masking', async () => {
    const extra = await makeEntity(file.t.app, file.prod, 'Shot', 'SH-0', { parent_id: tree.sequence.id })
    const res = await get(`/data/sequences/${tree.sequence.id}/shots`, file.people.user)
    expect(res.body.map((s: { id: string }) => s.id)).toEqual([extra.id, tree.shot.id])
    expect(res.body[1]).toMatchObject({ type: 'Shot', project_name: file.prod.project.name, sequence_name: 'SQ-b', data: { secret: 1, open: 2, free: 3 } })
    expect((await get(`/data/sequences/${tree.sequence.id}/shots?name=SH-0`)).body.map((s: { id: string }) => s.id)).toEqual([extra.id])
    // `parent_id` cannot be overridden; `assigned_to` keeps the caller's shots.
    expect((await get(`/data/sequences/${tree.sequence.id}/shots?parent_id=${other.sequence.id}`)).body).toHaveLength(2)
    expect((await get(`/data/sequences/${tree.sequence.id}/shots?assigned_to=x`)).body).toEqual([])
    const vendor = await get(`/data/sequences/${tree.sequence.id}/shots`, file.people.vendor)
    expect(vendor.body.map((s: { id: string; data: unknown }) => [s.id, s.data])).toEqual([[tree.shot.id, { open: 2, free: 3 }]])
    // Zou: PA only (no EA) — a vendor sees no shot of a sequence they do not work on.
    expect((await get(`/data/sequences/${other.sequence.id}/shots`, file.people.vendor)).body).toEqual([])
  })

  it('scenes: the sequence scenes by name', async () => {
    const res = await get(`/data/sequences/${tree.sequence.id}/scenes`, file.people.supervisor)
    expect(res.body).toEqual([expect.objectContaining({ id: tree.scene.id, type: 'Scene', parent_id: tree.sequence.id })])
    expect((await get(`/data/sequences/${other.sequence.id}/scenes`, file.people.vendor)).body).toEqual(FORBIDDEN)
  })

  it('tasks: the detailed list of tasks on the sequence itself, assignees with relations', async () => {
    const res = await get(`/data/sequences/${tree.sequence.id}/tasks`, file.people.manager)
    expect(res.body).toEqual([expect.objectContaining({
      id: tree.tasks.sequence.id, type: 'Task', entity_id: tree.sequence.id, entity_name: 'SQ-b', entity_type_name: 'Sequence',
      project_name: file.prod.project.name, task_type_name: file.prod.taskType.name, task_status_name: file.prod.status.name,
    })])
    expect(res.body[0]).not.toHaveProperty('assignees')
    const rel = await get(`/data/sequences/${tree.sequence.id}/tasks?relations=true`)
    expect(rel.body[0].assignees).toEqual([file.people.vendor.id])
  })

  it('tasks for vendors: only theirs', async () => {
    await makeTask(file.t.app, file.prod, tree.sequence.id)
    expect((await get(`/data/sequences/${tree.sequence.id}/tasks`)).body).toHaveLength(2)
    const vendor = await get(`/data/sequences/${tree.sequence.id}/tasks`, file.people.vendor)
    expect(vendor.body.map((t: { id: string }) => t.id)).toEqual([tree.tasks.sequence.id])
  })

  it('task-types: distinct types of the tasks of its shots; shot-tasks: their detailed list', async () => {
    const types = await get(`/data/sequences/${tree.sequence.id}/task-types`, file.people.vendor)
    expect(types.body).toEqual([expect.objectContaining({ id: file.prod.taskType.id, type: 'TaskType', name: file.prod.taskType.name })])
    const tasks = await get(`/data/sequences/${tree.sequence.id}/shot-tasks?relations=true`, file.people.client)
    expect(tasks.body.map((t: { id: string }) => t.id)).toEqual([tree.tasks.shot.id])
    expect(tasks.body[0]).toMatchObject({ entity_name: 'SH-b', entity_type_name: 'Shot', assignees: [file.people.vendor.id] })
  })
})

describe('POST /data/projects/:project_id/sequences', () => {
  const url = () => `/data/projects/${file.prod.project.id}/sequences`
  const post = (payload: unknown, who = file.people.manager) => call(file.t.app, 'POST', url(), who.headers, payload)

  it('creates with defaults, records the creator, emits sequence:new once (get-or-create)', async () => {
    const res = await post({ name: 'SQ-new', episode_id: tree.episode.id, extra: 'ignored' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: 'SQ-new', type: 'Sequence', parent_id: tree.episode.id, project_id: file.prod.project.id,
      description: '', data: {}, created_by: file.people.manager.id,
    })
    const events = await eventsFor(file.t.app, 'sequence:new', 'sequence_id', res.body.id)
    expect(events).toEqual([{ name: 'sequence:new', data: { sequence_id: res.body.id, project_id: file.prod.project.id }, project_id: file.prod.project.id }])
    const again = await post({ name: 'SQ-new', episode_id: tree.episode.id, description: 'changed' })
    expect(again.status).toBe(201)
    expect(again.body).toEqual(res.body)
    expect(await eventsFor(file.t.app, 'sequence:new', 'sequence_id', res.body.id)).toHaveLength(1)
    // Same name without the episode: another sequence.
    const top = await post({ name: 'SQ-new', description: null, data: { a: 1 } })
    expect(top.body).toMatchObject({ parent_id: null, description: null, data: { a: 1 } })
    expect(top.body.id).not.toBe(res.body.id)
  })

  it('takes the fields from the query string without a JSON body', async () => {
    const res = await call(file.t.app, 'POST', `${url()}?name=SQ-query`, file.people.manager.headers)
    expect(res.status).toBe(201)
    expect(res.body.name).toBe('SQ-query')
  })

  it('validates the body first, then the project, the episode and the role', async () => {
    expect((await post({})).body).toEqual({ error: true, message: 'Validation error.', data: { errors: [{ field: 'name', message: 'Field required' }] } })
    expect((await post({ name: '' })).status).toBe(400)
    expect((await post({ name: 'x', episode_id: 'nope' })).status).toBe(400)
    expect((await post({ name: 'x', data: 'nope' })).status).toBe(400)
    expect((await post({ name: 'x', episode_id: randomUUID() })).body).toEqual(NOT_FOUND)
    expect((await post({ name: 'x', episode_id: tree.sequence.id })).status).toBe(404)
    const elsewhere = await makeProduction(file.t.app, [])
    const foreign = await makeEntity(file.t.app, elsewhere, 'Episode', 'E-foreign')
    expect((await post({ name: 'x', episode_id: foreign.id })).status).toBe(404)
    expect((await call(file.t.app, 'POST', `/data/projects/${randomUUID()}/sequences`, file.admin.headers, { name: 'x' })).status).toBe(404)
    expect((await post({ name: 'x' }, file.people.supervisor)).body).toEqual(FORBIDDEN)
    // Pydantic's UUID forms: upper case, no hyphens.
    const bare = await post({ name: 'SQ-bare', episode_id: tree.episode.id.replace(/-/g, '').toUpperCase() })
    expect(bare.body.parent_id).toBe(tree.episode.id)
  })
})

describe('DELETE /data/sequences/:sequence_id', () => {
  it('refuses a sequence still holding data without force, and changes nothing', async () => {
    const t = await makeTree(file.t.app, file.prod)
    const res = await call(file.t.app, 'DELETE', `/data/sequences/${t.sequence.id}`, file.people.manager.headers)
    expect(res.body).toEqual({ error: true, message: 'Some data are still linked to this sequence.' })
    for (const id of [t.sequence.id, t.shot.id, t.scene.id]) expect(await rowExists(file.t.app, 'entity', id)).toBe(true)
    expect(await rowExists(file.t.app, 'task', t.tasks.sequence.id)).toBe(true)
  })

  it('with force removes the sequence, its shots, scenes and tasks, with their events', async () => {
    const t = await makeTree(file.t.app, file.prod)
    const sub = await file.t.app.db.subscription.create({ data: { person_id: file.people.user.id, entity_id: t.sequence.id, task_type_id: file.prod.taskType.id } })
    const res = await call(file.t.app, 'DELETE', `/data/sequences/${t.sequence.id}?force=true`, file.admin.headers)
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    for (const id of [t.sequence.id, t.shot.id, t.scene.id]) expect(await rowExists(file.t.app, 'entity', id)).toBe(false)
    for (const id of [t.tasks.sequence.id, t.tasks.shot.id]) expect(await rowExists(file.t.app, 'task', id)).toBe(false)
    expect(await rowExists(file.t.app, 'subscription', sub.id)).toBe(false)
    // The episode and its asset stay.
    expect(await rowExists(file.t.app, 'entity', t.episode.id)).toBe(true)
    expect(await rowExists(file.t.app, 'task', t.tasks.asset.id)).toBe(true)
    expect(await eventsFor(file.t.app, 'sequence:delete', 'sequence_id', t.sequence.id)).toHaveLength(1)
    expect(await eventsFor(file.t.app, 'shot:delete', 'shot_id', t.shot.id)).toHaveLength(1)
    expect(await eventsFor(file.t.app, 'task:delete', 'task_id', t.tasks.shot.id)).toHaveLength(1)
  })

  it('lets the creator delete (team member), others need MPA; 404 for other kinds', async () => {
    const artist = await as(file.t.app, 'user')
    await file.t.app.db.projectPersonLink.create({ data: { project_id: file.prod.project.id, person_id: artist.id } })
    const mine = await makeEntity(file.t.app, file.prod, 'Sequence', 'SQ-mine', { created_by: artist.id })
    const theirs = await makeEntity(file.t.app, file.prod, 'Sequence', 'SQ-theirs')
    expect((await call(file.t.app, 'DELETE', `/data/sequences/${theirs.id}`, artist.headers)).body).toEqual(FORBIDDEN)
    expect((await call(file.t.app, 'DELETE', `/data/sequences/${mine.id}`, artist.headers)).status).toBe(204)
    expect(await rowExists(file.t.app, 'entity', mine.id)).toBe(false)
    expect((await call(file.t.app, 'DELETE', `/data/sequences/${tree.episode.id}`, file.admin.headers)).status).toBe(404)
    expect((await call(file.t.app, 'DELETE', '/data/sequences/nope', file.admin.headers)).status).toBe(404)
  })
})
