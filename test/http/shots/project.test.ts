// routes.md §3: a project's shots and scenes (list, get-or-create), shot frame counts from
// previews, and quotas (raw and weighted, per person and per task type).
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { eventsNamed, makeEntity, makeTask, makeShots, type ShotsFixture } from './helpers.ts'

const file = useRoleProduction()
const f = {} as ShotsFixture
beforeAll(async () => { Object.assign(f, await makeShots(file)) })

const get = (url: string, who = file.admin) => call(file.t.app, 'GET', url, who.headers)
const post = (url: string, body?: unknown, who = file.people.manager) => call(file.t.app, 'POST', url, who.headers, body)
const p = () => file.prod.project.id
const newTaskType = () => file.t.app.db.taskType.create({ data: { name: `TT ${randomUUID().slice(0, 8)}`, for_entity: 'Shot' } })

describe('project shots and scenes', () => {
  it('lists every shot of the project by name; vendors get the assigned ones', async () => {
    await makeEntity(file.t.app, p(), 'Shot', 'SH005')
    const res = await get(`/data/projects/${p()}/shots`, file.people.client)
    expect(res.body.map((s: { name: string; type: string }) => `${s.name}:${s.type}`)).toEqual(['SH005:Shot', 'SH010:Shot', 'SH020:Shot'])
    const generic = await get(`/data/entities/${f.shot.id}?relations=false`)
    expect(res.body.find((s: { id: string }) => s.id === f.shot.id)).toEqual(generic.body)
    expect((await get(`/data/projects/${p()}/shots`, file.people.vendor)).body.map((s: { id: string }) => s.id)).toEqual([f.shot.id])
    const db = file.t.app.db
    const dept = await db.department.create({ data: { name: `FX ${randomUUID()}`, color: '#000000' } })
    const d = await db.metadataDescriptor.create({ data: { project_id: p(), entity_type: 'Shot', name: 'Budget', field_name: 'budget' } })
    await db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: d.id, department_id: dept.id } })
    await db.entity.update({ where: { id: f.shot.id }, data: { data: { budget: 10, fps: 25 } } })
    expect((await get(`/data/projects/${p()}/shots`, file.people.vendor)).body[0].data).toEqual({ fps: 25 })
    expect((await get(`/data/projects/${p()}/shots`)).body.find((s: { id: string }) => s.id === f.shot.id).data).toEqual({ budget: 10, fps: 25 })
    expect((await get(`/data/projects/${p()}/scenes`)).body.map((s: { id: string; type: string }) => [s.id, s.type])).toEqual([[f.scene.id, 'Scene']])
    expect((await get(`/data/projects/${randomUUID()}/shots`)).status).toBe(404)
    expect((await get('/data/projects/nope/shots')).status).toBe(404)
    expect((await get(`/data/projects/${p()}/shots`, file.people.outsider)).status).toBe(403)
  })

  it('creates a shot once (get-or-create by sequence and name) and emits shot:new with its episode', async () => {
    const url = `/api/data/projects/${p()}/shots`
    const res = await post(url, { name: 'SH100', sequence_id: f.sequence.id, nb_frames: 24, data: { frame_in: 1 }, description: 'd' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: 'SH100', type: 'Shot', parent_id: f.sequence.id, project_id: p(), nb_frames: 24, data: { frame_in: 1 },
      description: 'd', created_by: file.people.manager.id,
    })
    const again = await post(url, { name: 'SH100', sequence_id: f.sequence.id })
    expect(again.status).toBe(201)
    expect(again.body.id).toBe(res.body.id)
    expect(again.body.nb_frames).toBe(24)
    const events = await eventsNamed(file.t.app, 'shot:new', 'shot_id', res.body.id)
    expect(events.map((e) => e.data)).toEqual([{ shot_id: res.body.id, episode_id: f.episode.id, project_id: p() }])

    const loose = await post(url, { name: 'SH100' })
    expect(loose.body).toMatchObject({ parent_id: null, data: {}, nb_frames: null })
    expect(loose.body.id).not.toBe(res.body.id)
    expect((await eventsNamed(file.t.app, 'shot:new', 'shot_id', loose.body.id))[0].data.episode_id).toBeNull()
    // Zou reads the query string when there is no JSON body.
    const fromQuery = await post(`/data/projects/${p()}/shots?name=SHQ&sequence_id=${f.sequence.id}&nb_frames=5`)
    expect(fromQuery.status).toBe(201)
    expect(fromQuery.body).toMatchObject({ name: 'SHQ', nb_frames: 5, parent_id: f.sequence.id })
  })

  it('validates the body first, then 404s unknown projects and sequences of other projects', async () => {
    const url = `/data/projects/${p()}/shots`
    const missing = await post(url, {})
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ error: true, message: 'Validation error.', data: { errors: [{ field: 'name' }] } })
    expect((await post(url, { name: '' })).status).toBe(400)
    expect((await post(url, { name: 'X', sequence_id: 'nope' })).status).toBe(400)
    expect((await post(url, { name: 'X', nb_frames: 'many' })).status).toBe(400)
    expect((await post(url, { name: 'X', sequence_id: randomUUID() })).status).toBe(404)
    expect((await post(url, { name: 'X', sequence_id: f.shot.id })).status).toBe(404)
    const other = await makeProduction(file.t.app, [{ id: file.people.manager.id }])
    const foreignSeq = await makeEntity(file.t.app, other.project.id, 'Sequence', 'SQ9')
    expect((await post(url, { name: 'X', sequence_id: foreignSeq.id })).status).toBe(404)
    expect((await post(`/data/projects/${randomUUID()}/shots`, { name: 'X' }, file.admin)).status).toBe(404)
    expect((await post(url, { name: 'X' }, file.people.supervisor)).status).toBe(403)
  })

  it('creates a scene once and emits scene:new', async () => {
    const url = `/data/projects/${p()}/scenes`
    const res = await post(url, { name: 'SC100', sequence_id: f.sequence.id })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: 'SC100', type: 'Scene', parent_id: f.sequence.id, data: {} })
    expect((await post(url, { name: 'SC100', sequence_id: f.sequence.id })).body.id).toBe(res.body.id)
    expect((await eventsNamed(file.t.app, 'scene:new', 'scene_id', res.body.id)).map((e) => e.data)).toEqual([{ scene_id: res.body.id, project_id: p() }])
  })
})

describe('POST /actions/projects/:id/task-types/:tt/set-shot-nb-frames', () => {
  it('sets nb_frames from the latest preview of the task type × the project fps', async () => {
    const db = file.t.app.db
    const prod = await makeProduction(file.t.app, [{ id: file.people.manager.id }])
    await db.project.update({ where: { id: prod.project.id }, data: { fps: '24' } })
    const tt = await newTaskType()
    const ep = await makeEntity(file.t.app, prod.project.id, 'Episode', 'E1')
    const ep2 = await makeEntity(file.t.app, prod.project.id, 'Episode', 'E2')
    const seq = await makeEntity(file.t.app, prod.project.id, 'Sequence', 'S1', { parent_id: ep.id })
    const seq2 = await makeEntity(file.t.app, prod.project.id, 'Sequence', 'S2', { parent_id: ep2.id })
    const a = await makeEntity(file.t.app, prod.project.id, 'Shot', 'A', { parent_id: seq.id, nb_frames: 1 })
    const b = await makeEntity(file.t.app, prod.project.id, 'Shot', 'B', { parent_id: seq2.id, nb_frames: 1 })
    const c = await makeEntity(file.t.app, prod.project.id, 'Shot', 'C', { parent_id: seq.id, nb_frames: 1 })
    const ta = await makeTask(file.t.app, a, tt.id, prod.status.id)
    const tb = await makeTask(file.t.app, b, tt.id, prod.status.id)
    await makeTask(file.t.app, c, tt.id, prod.status.id)
    await db.previewFile.create({ data: { name: 'old', task_id: ta.id, revision: 1, duration: 1, created_at: new Date('2026-01-01T00:00:00Z') } })
    await db.previewFile.create({ data: { name: 'new', task_id: ta.id, revision: 2, duration: 2.5, created_at: new Date('2026-01-02T00:00:00Z') } })
    await db.previewFile.create({ data: { name: 'b', task_id: tb.id, revision: 1, duration: 0.5 } })
    const url = `/actions/projects/${prod.project.id}/task-types/${tt.id}/set-shot-nb-frames`

    const onlyEp = await post(`${url}?episode_id=${ep.id}`)
    expect(onlyEp.status).toBe(200)
    expect(onlyEp.body).toEqual([{ id: a.id, nb_frames: 60 }])
    expect((await db.entity.findUnique({ where: { id: b.id } }))?.nb_frames).toBe(1)
    const all = await post(url)
    expect(all.body.sort((x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1)))
      .toEqual([{ id: a.id, nb_frames: 60 }, { id: b.id, nb_frames: 12 }].sort((x, y) => (x.id < y.id ? -1 : 1)))
    expect((await db.entity.findUnique({ where: { id: b.id } }))?.nb_frames).toBe(12)
    expect((await db.entity.findUnique({ where: { id: c.id } }))?.nb_frames).toBe(1)

    expect((await post(`/actions/projects/${prod.project.id}/task-types/nope/set-shot-nb-frames`)).body.message).toBe('Invalid project or task type id')
    expect((await post(`${url}?episode_id=nope`)).body.message).toBe('Invalid episode id')
    expect((await post(url, undefined, file.people.supervisor)).status).toBe(403)
  })
})

describe('quotas', () => {
  const day = (d: string) => new Date(`${d}Z`)

  it('raw: one shot counted at its done date, in the caller time zone, keyed by person and total', async () => {
    const tt = await newTaskType()
    const shot = await makeEntity(file.t.app, p(), 'Shot', 'QR1', { parent_id: f.sequence.id, nb_frames: 50 })
    const task = await makeTask(file.t.app, shot, tt.id, file.prod.status.id, { done_date: day('2026-01-05T23:30:00'), nb_drawings: 3 })
    await file.t.app.db.taskPersonLink.create({ data: { task_id: task.id, person_id: file.people.user.id } })
    const res = await get(`/data/projects/${p()}/quotas/${tt.id}?count_mode=done`, file.people.client)
    expect(res.status).toBe(200)
    // Europe/Paris (the default person time zone): 2026-01-06, ISO week 2.
    const q = {
      day: { frames: { '2026-01-06': 50 }, seconds: { '2026-01-06': 2 }, count: { '2026-01-06': 1 }, entries: { '2026-01': 1 }, drawings: { '2026-01-06': 3 } },
      week: { frames: { '2026-2': 50 }, seconds: { '2026-2': 2 }, count: { '2026-2': 1 }, entries: { 2026: 1 }, drawings: { '2026-2': 3 } },
      month: { frames: { '2026-01': 50 }, seconds: { '2026-01': 2 }, count: { '2026-01': 1 }, entries: { 2026: 1 }, drawings: { '2026-01': 3 } },
      year: { frames: { 2026: 50 }, seconds: { 2026: 2 }, count: { 2026: 1 }, drawings: { 2026: 3 } },
    }
    expect(res.body).toEqual({ [file.people.user.id]: q, total: q })
    expect((await get(`/data/projects/${p()}/quotas/${tt.id}?count_mode=feedback`)).body).toEqual({})
  })

  it('weighted: time spent shares (Python rounding), else the business days between start and feedback', async () => {
    const tt = await newTaskType()
    const { user, supervisor } = file.people
    const spent = await makeEntity(file.t.app, p(), 'Shot', 'QW1', { parent_id: f.sequence.id, nb_frames: 50 })
    const t1 = await makeTask(file.t.app, spent, tt.id, file.prod.status.id, { end_date: day('2026-01-09T12:00:00'), duration: 4 })
    await file.t.app.db.timeSpent.createMany({
      data: [
        { task_id: t1.id, person_id: user.id, date: day('2026-01-07T00:00:00'), duration: 3 },
        { task_id: t1.id, person_id: supervisor.id, date: day('2026-01-08T00:00:00'), duration: 1 },
      ],
    })
    const spread = await makeEntity(file.t.app, p(), 'Shot', 'QW2', { parent_id: f.sequence.id, nb_frames: 30 })
    const t2 = await makeTask(file.t.app, spread, tt.id, file.prod.status.id, {
      real_start_date: day('2026-01-09T10:00:00'), end_date: day('2026-01-13T09:00:00'), nb_drawings: 2,
    })
    await file.t.app.db.taskPersonLink.create({ data: { task_id: t2.id, person_id: user.id } })
    const res = await get(`/data/projects/${p()}/quotas/${tt.id}`, file.people.manager)
    expect(res.status).toBe(200)
    const u = res.body[user.id]
    // 3/4 of 50 frames = 37.5 → 38; 1/4 = 12.5 → 12 (ties to even).
    expect(u.day.frames).toEqual({ '2026-01-07': 38, '2026-01-09': 15, '2026-01-12': 15 })
    expect(res.body[supervisor.id].day.frames).toEqual({ '2026-01-08': 12 })
    expect(u.day.count).toEqual({ '2026-01-07': 0.75, '2026-01-09': 0.5, '2026-01-12': 0.5 })
    expect(u.day.drawings).toEqual({ '2026-01-07': 0, '2026-01-09': 2, '2026-01-12': 2 })
    expect(u.week.frames).toEqual({ '2026-2': 53, '2026-3': 15 })
    expect(u.day.seconds['2026-01-07']).toBeCloseTo(38 / 25)
    expect(res.body.total.month.frames).toEqual({ '2026-01': 80 })
    expect(res.body.total.month.count).toEqual({ '2026-01': 2 })
    expect(res.body.total.day.entries).toEqual({ '2026-01': 4 })
  })

  it('person quotas: keyed by task type; managers and supervisors see anyone, others only themselves', async () => {
    const tt = await newTaskType()
    const shot = await makeEntity(file.t.app, p(), 'Shot', 'QP1', { parent_id: f.sequence.id, nb_frames: 10 })
    const task = await makeTask(file.t.app, shot, tt.id, file.prod.status.id, { end_date: day('2026-03-02T10:00:00') })
    await file.t.app.db.taskPersonLink.createMany({ data: [{ task_id: task.id, person_id: file.people.client.id }, { task_id: task.id, person_id: file.people.user.id }] })
    const url = `/data/projects/${p()}/quotas/persons/${file.people.client.id}?count_mode=feedback`
    const mine = await get(url, file.people.client)
    expect(mine.status).toBe(200)
    expect(Object.keys(mine.body).sort()).toEqual([tt.id, 'total'].sort())
    expect(mine.body[tt.id].day.frames).toEqual({ '2026-03-02': 10 })
    expect((await get(url, file.people.supervisor)).body).toEqual(mine.body)
    expect((await get(url, file.people.user)).status).toBe(403)
    expect((await get(`/data/projects/${p()}/quotas/persons/${randomUUID()}`)).status).toBe(404)
  })

  it('refuses an unknown count mode, a malformed studio or task type, and unknown projects', async () => {
    const base = `/data/projects/${p()}/quotas/${f.shotTaskType.id}`
    const bad = await get(`${base}?count_mode=fast`)
    expect(bad.status).toBe(400)
    expect(bad.body.message).toBe('count_mode must be equal to weighted, weigtheddone, feedback, or done')
    expect((await get(`${base}?studio_id=x`)).status).toBe(400)
    expect((await get(`/data/projects/${p()}/quotas/x`)).status).toBe(400)
    expect((await get(`/data/projects/${randomUUID()}/quotas/${f.shotTaskType.id}`)).status).toBe(404)
    const studio = await file.t.app.db.studio.create({ data: { name: `Studio ${randomUUID()}`, color: '#000000' } })
    expect((await get(`${base}?studio_id=${studio.id}&count_mode=weighteddone`)).body).toEqual({})
  })
})
