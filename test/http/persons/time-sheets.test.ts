// routes.md §6: a person's time sheets — the per-task aggregates of a year, month, ISO week
// and day (per project), the raw time spents of a date, range and month, PERSON-READ scoping
// and Zou's 400s for dates it cannot read.
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { asBot, FORBIDDEN } from '../crud/helpers.ts'
import { get, logTime, makeDepartment, makeShot, makeTask, makeTaskType } from './fixtures.ts'

const file = useFileApp()
let manager: TestPerson, supervisor: TestPerson, looseSupervisor: TestPerson, artist: TestPerson, other: TestPerson, client: TestPerson
let a: Awaited<ReturnType<typeof makeProduction>>, b: Awaited<ReturnType<typeof makeProduction>>
const task: Record<string, string> = {}
const types: Record<string, string> = {}

beforeAll(async () => {
  const app = file.t.app
  const [d1, d2] = [await makeDepartment(app), await makeDepartment(app)]
  manager = await as(app, 'manager')
  supervisor = await as(app, 'supervisor')
  await app.db.departmentLink.create({ data: { person_id: supervisor.id, department_id: d1.id } })
  looseSupervisor = await as(app, 'supervisor')
  artist = await as(app, 'user')
  other = await as(app, 'user')
  client = await as(app, 'client')
  a = await makeProduction(app, [manager, supervisor, looseSupervisor, artist, other, client].map(({ id }) => ({ id })))
  b = await makeProduction(app, [{ id: artist.id }])
  types.t1 = (await makeTaskType(app, d1.id)).id
  types.t2 = (await makeTaskType(app, d2.id)).id
  const shot = await makeShot(app, a.project.id, 'SH01', 'SQ01', 'E01')
  const base = { projectId: a.project.id, entityId: shot.id, statusId: a.status.id }
  task.a1 = (await makeTask(app, { ...base, taskTypeId: types.t1 })).id
  task.a2 = (await makeTask(app, { ...base, taskTypeId: types.t2 })).id
  task.b = (await makeTask(app, { projectId: b.project.id, entityId: b.asset.id, statusId: b.status.id, taskTypeId: types.t1 })).id
  await logTime(app, task.a1, artist.id, '2024-03-04', 15)
  await logTime(app, task.a1, artist.id, '2024-12-30', 60) // a Monday: ISO week 1 of 2025
  await logTime(app, task.a1, artist.id, '2024-12-31', 30)
  await logTime(app, task.a2, artist.id, '2025-01-01', 120)
  await logTime(app, task.b, artist.id, '2025-01-06', 45) // week 2
  await logTime(app, task.a1, other.id, '2025-01-01', 480)
})

const agg = (who: TestPerson, path: string) => get(file.t.app, who, `/data/persons/${artist.id}/time-spents/${path}`)
const byTask = (rows: Array<{ task_id: string; duration: number }>) => Object.fromEntries(rows.map((r) => [r.task_id, r.duration]))
const wrong = (message: string) => ({ error: true, message, data: null })

describe('per-task aggregates (year, month, ISO week, day)', () => {
  it('sum the minutes of each task in the period, with project and entity names', async () => {
    const res = await agg(artist, 'week/2025/1')
    expect(res.status).toBe(200)
    expect(byTask(res.body)).toEqual({ [task.a1]: 90, [task.a2]: 120 })
    const row = res.body.find((r: { task_id: string }) => r.task_id === task.a1)
    expect(row).toEqual({
      task_id: task.a1, task_type_id: types.t1, project_id: a.project.id, project_name: a.project.name,
      entity_name: 'SH01', entity_type_name: 'Shot', sequence_name: 'SQ01', episode_name: 'E01', duration: 90,
    })
    expect(byTask((await agg(artist, 'week/2025/2')).body)).toEqual({ [task.b]: 45 })
    expect(byTask((await agg(artist, 'year/2024')).body)).toEqual({ [task.a1]: 105 })
    expect(byTask((await agg(artist, 'year/2025')).body)).toEqual({ [task.a2]: 120, [task.b]: 45 })
    expect(byTask((await agg(artist, 'month/2024/12')).body)).toEqual({ [task.a1]: 90 })
    expect(byTask((await agg(artist, 'day/2025/1/1')).body)).toEqual({ [task.a2]: 120 })
    expect((await agg(artist, 'day/2025/1/2')).body).toEqual([])
  })

  it('filter on project_id, and answer under /api too', async () => {
    expect(byTask((await agg(artist, `year/2025?project_id=${b.project.id}`)).body)).toEqual({ [task.b]: 45 })
    const res = await get(file.t.app, artist, `/api/data/persons/${artist.id}/time-spents/year/2025?project_id=${a.project.id}`)
    expect(byTask(res.body)).toEqual({ [task.a2]: 120 })
    expect((await agg(artist, 'year/2025?project_id=nope')).body.message).toBe('One of the ID sent in parameter is not properly formatted.')
  })

  it('PERSON-READ: managers and supervisors see their projects, supervisors their departments', async () => {
    expect(byTask((await agg(file.admin, 'year/2025')).body)).toEqual({ [task.a2]: 120, [task.b]: 45 })
    expect(byTask((await agg(manager, 'year/2025')).body)).toEqual({ [task.a2]: 120 })
    expect(byTask((await agg(manager, 'week/2025/1')).body)).toEqual({ [task.a1]: 90, [task.a2]: 120 })
    expect(byTask((await agg(supervisor, 'week/2025/1')).body)).toEqual({ [task.a1]: 90 })
    // Zou filters departments only on a non-empty list.
    expect(byTask((await agg(looseSupervisor, 'week/2025/1')).body)).toEqual({ [task.a1]: 90, [task.a2]: 120 })
    const outside = await agg(manager, `year/2025?project_id=${b.project.id}`)
    expect([outside.status, outside.body]).toEqual([403, FORBIDDEN])
    for (const who of [other, client]) expect((await agg(who, 'year/2025')).status).toBe(403)
  })

  it('answer Zou\'s 400 for dates it cannot read, and accept what Python\'s int() reads', async () => {
    const cases: Array<[string, number, string?]> = [
      ['year/abc', 400, 'Invalid date format.'], ['year/0', 400, 'Invalid date format.'], ['year/10000', 400, 'Invalid date format.'],
      ['month/2024/13', 400, 'Invalid month or year.'], ['month/2024/0', 400, 'Invalid month or year.'], ['month/9999/12', 400, 'Invalid month or year.'],
      ['week/2024/53', 400, 'Invalid month or year.'], ['week/2024/0', 400, 'Invalid month or year.'], ['week/x/1', 400, 'Invalid month or year.'],
      ['day/2024/2/30', 400, 'Invalid month or year.'], ['day/2023/2/29', 400, 'Invalid month or year.'],
      ['week/2020/53', 200], ['day/2024/2/29', 200], ['year/+2024', 200], ['month/2024/012', 200], ['year/2_024', 200], ['year/1', 200],
    ]
    for (const [path, status, message] of cases) {
      const res = await agg(artist, path)
      expect(res.status, path).toBe(status)
      if (message) expect(res.body, path).toEqual(wrong(message))
    }
    expect(byTask((await agg(artist, 'month/2024/012')).body)).toEqual({ [task.a1]: 90 })
  })

  it('check the target person first: unknown or malformed → 404, bot → 403', async () => {
    const bot = await asBot(file.t.app)
    const unknown = '00000000-0000-4000-8000-000000000000'
    for (const path of ['year/2024', 'year/abc', 'week/2025/1']) {
      expect((await get(file.t.app, file.admin, `/data/persons/${unknown}/time-spents/${path}`)).status, path).toBe(404)
      expect((await get(file.t.app, client, `/data/persons/${unknown}/time-spents/${path}`)).status, path).toBe(404)
      expect((await get(file.t.app, file.admin, `/data/persons/${bot.id}/time-spents/${path}`)).status, path).toBe(403)
    }
    expect((await get(file.t.app, file.admin, '/data/persons/not-a-uuid/time-spents/year/2024')).status).toBe(404)
  })
})

describe('raw time spents', () => {
  it('of a date: the date as PostgreSQL reads it, scoped like the aggregates', async () => {
    const res = await get(file.t.app, artist, `/data/persons/${artist.id}/time-spents/2024-12-30`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual([expect.objectContaining({ type: 'TimeSpent', task_id: task.a1, person_id: artist.id, date: '2024-12-30', duration: 60 })])
    expect(Object.keys(res.body[0]).sort()).toEqual(['created_at', 'date', 'duration', 'id', 'person_id', 'task_id', 'type', 'updated_at'])
    expect((await get(file.t.app, artist, `/data/persons/${artist.id}/time-spents/20241230`)).body).toHaveLength(1)
    expect((await get(file.t.app, supervisor, `/data/persons/${artist.id}/time-spents/2025-01-01`)).body).toEqual([])
    expect((await get(file.t.app, looseSupervisor, `/data/persons/${artist.id}/time-spents/2025-01-01`)).body).toHaveLength(1)
    expect((await get(file.t.app, manager, `/data/persons/${artist.id}/time-spents/2025-01-06`)).body).toEqual([])
    expect((await get(file.t.app, other, `/data/persons/${artist.id}/time-spents/2025-01-06`)).status).toBe(403)
    for (const bad of ['2025-02-30', 'garbage', '2025-13-01']) {
      const r = await get(file.t.app, artist, `/data/persons/${artist.id}/time-spents/${bad}`)
      expect([r.status, r.body], bad).toEqual([400, wrong('Invalid month or year.')])
    }
  })

  it('of a range (admins): both bounds inclusive, one alone refused', async () => {
    const url = `/data/persons/${artist.id}/time-spents`
    const range = await get(file.t.app, file.admin, `${url}?start_date=2024-12-30&end_date=2025-01-01`)
    expect(range.body.map((r: { date: string }) => r.date)).toEqual(['2024-12-30', '2024-12-31', '2025-01-01'])
    expect((await get(file.t.app, file.admin, url)).body).toHaveLength(5)
    expect((await get(file.t.app, file.admin, `${url}?start_date=2024-12-30`)).body).toEqual(
      wrong('If querying for a range of dates, both a `start_date` and an `end_date` must be given.'),
    )
    expect((await get(file.t.app, file.admin, `${url}?start_date=2024-12-30&end_date=nope`)).body).toEqual(
      wrong('Wrong date format for 2024-12-30 and/or nope'),
    )
    expect((await get(file.t.app, artist, `${url}?start_date=2024-12-30&end_date=2025-01-01`)).status).toBe(403)
  })

  it('of a month (SELF-OR-ADMIN)', async () => {
    const url = `/data/persons/${artist.id}/time-spents/month/all`
    expect((await get(file.t.app, artist, `${url}/2024/12`)).body.map((r: { duration: number }) => r.duration)).toEqual([60, 30])
    expect((await get(file.t.app, file.admin, `${url}/2025/1`)).body).toHaveLength(2)
    expect((await get(file.t.app, manager, `${url}/2025/1`)).status).toBe(403)
    expect((await get(file.t.app, artist, `${url}/2025/13`)).body).toEqual(wrong('Invalid month or year.'))
  })
})
