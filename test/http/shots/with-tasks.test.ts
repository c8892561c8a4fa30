// routes.md §3 GET /data/shots/with-tasks: Zou's row and task shapes, the episode filter,
// compact and NDJSON answers, vendor scope, and a fixed number of queries per request.
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { call } from '../crud/helpers.ts'
import { countQueries, makeEntity, makeShots, makeTask, type ShotsFixture } from './helpers.ts'
import { SHOT_FIELDS, SHOT_TASK_FIELDS } from '../../../src/services/shots-with-tasks.ts'

const file = useRoleProduction()
const f = {} as ShotsFixture
beforeAll(async () => { Object.assign(f, await makeShots(file)) })

const get = (url: string, who = file.admin) => call(file.t.app, 'GET', url, who.headers)
const p = () => file.prod.project.id
const url = (q = '') => `/data/shots/with-tasks?project_id=${p()}${q}`
type Shot = Record<string, unknown> & { id: string; tasks: Array<Record<string, unknown>> }

function rebuild(shotFields: string[], taskFields: string[], rows: unknown[][]): Shot[] {
  return rows.map((row) => {
    const shot = Object.fromEntries(shotFields.map((k, i) => [k, row[i]])) as Shot
    shot.tasks = (shot.tasks as unknown as unknown[][]).map((t) => Object.fromEntries(taskFields.map((k, i) => [k, t[i]])))
    return shot
  })
}

describe('GET /data/shots/with-tasks', () => {
  it("answers Zou's shot and task objects", async () => {
    await file.t.app.db.task.update({
      where: { id: f.shotTask.id },
      data: { due_date: new Date('2026-02-03T10:11:12.345Z'), estimation: 2.5, nb_drawings: 4, data: { k: 'v' } },
    })
    await file.t.app.db.subscription.create({ data: { person_id: file.admin.id, task_id: f.shotTask.id } })
    await file.t.app.db.entity.update({ where: { id: f.shot2.id }, data: { description: 'say "hi"\\ \n\tété ✓' } })
    const res = await get(`/api${url()}`)
    expect(res.status).toBe(200)
    expect(res.body.map((s: Shot) => s.name)).toEqual(['SH010', 'SH020'])
    const [shot, shot2] = res.body as Shot[]
    const { tasks: _t, ...rest } = shot
    expect(Object.keys(shot).sort()).toEqual([...SHOT_FIELDS].sort())
    expect(rest).toEqual({
      canceled: false, data: { frame_in: 1001, frame_out: 1048, fps: 25 }, description: null, entity_type_id: expect.any(String),
      episode_id: f.episode.id, episode_name: 'E01', fps: 25, frame_in: 1001, frame_out: 1048, id: f.shot.id, name: 'SH010',
      nb_frames: 48, parent_id: f.sequence.id, preview_file_id: null, project_id: p(), project_name: file.prod.project.name,
      sequence_id: f.sequence.id, sequence_name: 'SQ01', source_id: null, nb_entities_out: 0, is_casting_standby: false, type: 'Shot',
    })
    expect(Object.keys(shot.tasks[0]).sort()).toEqual([...SHOT_TASK_FIELDS].sort())
    expect(shot.tasks[0]).toMatchObject({
      id: f.shotTask.id, entity_id: f.shot.id, due_date: '2026-02-03T10:11:12', end_date: null, estimation: 2.5, nb_drawings: 4,
      priority: 0, is_subscribed: true, assignees: [file.people.vendor.id], task_type_id: f.shotTaskType.id, data: { k: 'v' },
      difficulty: 3, retake_count: 0,
    })
    expect(shot2).toMatchObject({ id: f.shot2.id, data: {}, fps: null, tasks: [], description: 'say "hi"\\ \n\tété ✓' })
    expect((await get(url(), file.people.manager)).body[0].tasks[0].is_subscribed).toBe(false)
  })

  it('filters by id and episode (`all` = every episode), and refuses malformed ids', async () => {
    const other = await makeEntity(file.t.app, p(), 'Episode', 'E02')
    const seq = await makeEntity(file.t.app, p(), 'Sequence', 'SQ02', { parent_id: other.id })
    const shot = await makeEntity(file.t.app, p(), 'Shot', 'SH500', { parent_id: seq.id })
    const names = async (q: string) => (await get(url(q))).body.map((s: Shot) => s.name)
    expect(await names(`&episode_id=${other.id}`)).toEqual(['SH500'])
    expect(await names(`&episode_id=${f.episode.id}`)).toEqual(['SH010', 'SH020'])
    expect(await names('&episode_id=all')).toEqual(['SH010', 'SH020', 'SH500'])
    expect(await names(`&id=${shot.id}`)).toEqual(['SH500'])
    const bad = await get(url('&episode_id=nope'))
    expect(bad.status).toBe(400)
    expect(bad.body.message).toBe('Invalid UUID format for episode_id: nope')
    expect((await get('/data/shots/with-tasks?project_id=bad')).body.message).toBe('Invalid UUID format for project_id: bad')
    expect((await get('/data/shots/with-tasks?id=bad')).status).toBe(400)
    expect((await get('/data/shots/with-tasks', file.people.manager)).status).toBe(403)
    expect((await get(`/data/shots/with-tasks?project_id=${file.people.user.id}`, file.people.manager)).status).toBe(404)
  })

  it('gives the compact form, the NDJSON stream and both, holding the same rows', async () => {
    const reference = (await get(url())).body as Shot[]
    const compact = await get(url('&compact=true'))
    expect(compact.body.compact).toBe(true)
    expect(compact.body.shot_fields).toEqual(SHOT_FIELDS)
    expect(compact.body.task_fields).toEqual(SHOT_TASK_FIELDS)
    expect(rebuild(compact.body.shot_fields, compact.body.task_fields, compact.body.rows)).toEqual(reference)

    const stream = await file.t.app.inject({ method: 'GET', url: url('&stream=true'), headers: file.admin.headers })
    expect(stream.headers['content-type']).toContain('application/x-ndjson')
    const lines = stream.body.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines[0]).toEqual({ compact: false })
    expect(lines.slice(1)).toEqual(reference)

    const both = await file.t.app.inject({ method: 'GET', url: url('&stream=true&compact=true'), headers: file.admin.headers })
    const [header, ...rows] = both.body.trim().split('\n').map((l) => JSON.parse(l))
    expect(header).toEqual({ compact: true, shot_fields: SHOT_FIELDS, task_fields: SHOT_TASK_FIELDS })
    expect(rebuild(header.shot_fields, header.task_fields, rows)).toEqual(reference)
  })

  it('narrows vendors and `assigned_to` callers to their shots and tasks', async () => {
    await makeTask(file.t.app, f.shot, f.shotTaskType.id, file.prod.status.id)
    // A descriptor restricted to a department: hidden from vendors outside it, shown to those in it.
    const db = file.t.app.db
    const dept = await db.department.create({ data: { name: `Layout ${Math.random()}`, color: '#000000' } })
    const descriptor = await db.metadataDescriptor.create({ data: { project_id: p(), entity_type: 'Shot', name: 'Vendor', field_name: 'contractor' } })
    await db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: descriptor.id, department_id: dept.id } })
    await db.entity.update({ where: { id: f.shot.id }, data: { data: { fps: 25, contractor: 'ACME' } } })
    const vendor = (await get(url(), file.people.vendor)).body as Shot[]
    expect(vendor.map((s) => s.id)).toEqual([f.shot.id])
    expect(vendor[0].tasks.map((t) => t.id)).toEqual([f.shotTask.id])
    expect(vendor[0].data).toEqual({ fps: 25 })
    expect((await get(url())).body[0].data).toEqual({ fps: 25, contractor: 'ACME' })
    await db.departmentLink.create({ data: { person_id: file.people.vendor.id, department_id: dept.id } })
    expect((await get(url(), file.people.vendor)).body[0].data).toEqual({ fps: 25, contractor: 'ACME' })
    await file.t.app.db.taskPersonLink.create({ data: { task_id: f.shotTask.id, person_id: file.people.user.id } })
    const mine = (await get(url('&assigned_to=yes'), file.people.user)).body as Shot[]
    expect(mine.map((s) => s.id)).toEqual([f.shot.id])
    expect(mine[0].tasks).toHaveLength(1)
    expect((mine[0].tasks[0].assignees as string[]).sort()).toEqual([file.people.vendor.id, file.people.user.id].sort())
    expect((await get(url(), file.people.user)).body[0].tasks).toHaveLength(2)
  })

  it('runs the same number of queries whatever the number of shots, tasks and assignees', async () => {
    const counts = async () => {
      const out: number[] = []
      for (const who of [file.admin, file.people.manager, file.people.vendor]) {
        const { result, sql } = await countQueries(() => get(url(), who))
        expect(result.status).toBe(200)
        out.push(sql.length)
      }
      return out
    }
    const before = await counts()
    const app = file.t.app
    const shots = await app.db.entity.createManyAndReturn({
      data: Array.from({ length: 40 }, (_, i) => ({ name: `G${i}`, project_id: p(), entity_type_id: (f.shot as unknown as { entity_type_id: string }).entity_type_id, parent_id: f.sequence.id })),
    })
    const tasks = await app.db.task.createManyAndReturn({
      data: shots.flatMap((s) => [0, 1, 2].map((k) => ({
        name: `t${k}`, project_id: p(), entity_id: s.id, task_type_id: f.shotTaskType.id, task_status_id: file.prod.status.id,
      }))),
    })
    await app.db.taskPersonLink.createMany({
      data: tasks.flatMap((t) => [file.people.vendor.id, file.people.user.id].map((person_id) => ({ task_id: t.id, person_id }))),
    })
    const after = await counts()
    expect(after).toEqual(before)
    expect((await get(url())).body.length).toBeGreaterThanOrEqual(42)
    expect((await get(url(), file.people.vendor)).body.length).toBeGreaterThanOrEqual(41)
    // The caller's log-in row, the project's existence (admins only), then one statement.
    expect(after).toEqual([3, 2, 2])
  })
})
