// routes.md §6: the studio time-sheet tables — minutes per person per year, month, ISO week
// and day of month — and what each role may read of them.
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { get, logTime, makeDepartment, makeTask, makeTaskType } from './fixtures.ts'

const file = useFileApp()
let manager: TestPerson, supervisor: TestPerson, artist: TestPerson, other: TestPerson, vendor: TestPerson
let d1: string, d2: string, studio: string
let a: Awaited<ReturnType<typeof makeProduction>>, b: Awaited<ReturnType<typeof makeProduction>>

beforeAll(async () => {
  const app = file.t.app
  d1 = (await makeDepartment(app)).id
  d2 = (await makeDepartment(app)).id
  studio = (await app.db.studio.create({ data: { name: 'North', color: '#000000' } })).id
  manager = await as(app, 'manager')
  supervisor = await as(app, 'supervisor')
  await app.db.departmentLink.create({ data: { person_id: supervisor.id, department_id: d1 } })
  artist = await as(app, 'user', { studio_id: studio })
  other = await as(app, 'user')
  vendor = await as(app, 'vendor')
  a = await makeProduction(app, [manager, supervisor, artist, other, vendor].map(({ id }) => ({ id })))
  b = await makeProduction(app, [{ id: other.id }])
  const t1 = (await makeTaskType(app, d1, 'Asset')).id
  const t2 = (await makeTaskType(app, d2, 'Asset')).id
  const inA = (taskTypeId: string) => makeTask(app, { projectId: a.project.id, entityId: a.asset.id, statusId: a.status.id, taskTypeId })
  const [a1, a2] = [(await inA(t1)).id, (await inA(t2)).id]
  const b1 = (await makeTask(app, { projectId: b.project.id, entityId: b.asset.id, statusId: b.status.id, taskTypeId: t1 })).id
  await logTime(app, a1, artist.id, '2023-06-15', 10)
  await logTime(app, a1, artist.id, '2024-12-30', 60) // ISO week 1 (of 2025) inside the 2024 table
  await logTime(app, a2, artist.id, '2024-12-31', 30)
  await logTime(app, a1, artist.id, '2024-03-04', 15) // week 10
  await logTime(app, a2, other.id, '2024-03-04', 120)
  await logTime(app, b1, other.id, '2024-03-05', 240)
})

const table = (who: TestPerson, path: string) => get(file.t.app, who, `/data/persons/time-spents/${path}`)

describe('time-sheet tables', () => {
  it('sum minutes per unit and person', async () => {
    expect((await table(file.admin, 'year-table')).body).toEqual({
      2023: { [artist.id]: 10 }, 2024: { [artist.id]: 105, [other.id]: 360 },
    })
    expect((await table(file.admin, 'month-table/2024')).body).toEqual({
      3: { [artist.id]: 15, [other.id]: 360 }, 12: { [artist.id]: 90 },
    })
    // Zou: the ISO week number of each day of the year, so late December counts in week 1.
    expect((await table(file.admin, 'week-table/2024')).body).toEqual({
      1: { [artist.id]: 90 }, 10: { [artist.id]: 15, [other.id]: 360 },
    })
    expect((await table(file.admin, 'day-table/2024/3')).body).toEqual({
      4: { [artist.id]: 15, [other.id]: 120 }, 5: { [other.id]: 240 },
    })
    expect((await table(file.admin, 'day-table/2024/2')).body).toEqual({})
  })

  it('filter on project, department and studio', async () => {
    expect((await table(file.admin, `month-table/2024?project_id=${b.project.id}`)).body).toEqual({ 3: { [other.id]: 240 } })
    expect((await table(file.admin, `month-table/2024?department_id=${d2}`)).body).toEqual({ 3: { [other.id]: 120 }, 12: { [artist.id]: 30 } })
    expect((await table(file.admin, `year-table?studio_id=${studio}`)).body).toEqual({ 2023: { [artist.id]: 10 }, 2024: { [artist.id]: 105 } })
    const bad = await table(file.admin, 'year-table?department_id=x')
    expect([bad.status, bad.body.message]).toEqual([400, 'One of the ID sent in parameter is not properly formatted.'])
  })

  it('scope each role: managers their projects, supervisors their departments, others themselves', async () => {
    expect((await table(manager, 'month-table/2024')).body).toEqual({ 3: { [artist.id]: 15, [other.id]: 120 }, 12: { [artist.id]: 90 } })
    expect((await table(manager, `month-table/2024?project_id=${b.project.id}`)).status).toBe(403)
    expect((await table(supervisor, 'month-table/2024')).body).toEqual({ 3: { [artist.id]: 15 }, 12: { [artist.id]: 60 } })
    const dept = await table(supervisor, `month-table/2024?department_id=${d2}`)
    expect([dept.status, dept.body]).toEqual([400, { error: true, message: 'Supervisor not allowed to access this department', data: null }])
    expect((await table(artist, 'year-table')).body).toEqual({ 2023: { [artist.id]: 10 }, 2024: { [artist.id]: 105 } })
    expect((await table(other, `month-table/2024?project_id=${b.project.id}`)).body).toEqual({ 3: { [other.id]: 240 } })
    expect((await table(vendor, 'year-table')).body).toEqual({})
  })

  it('answer 400 for dates Zou cannot read', async () => {
    const cases: Array<[string, string]> = [
      ['day-table/2024/13', 'Invalid month or year.'], ['day-table/2024/x', 'Invalid month or year.'], ['day-table/0/1', 'Invalid month or year.'],
      ['month-table/abc', 'Invalid date format.'], ['week-table/10000', 'Invalid date format.'],
    ]
    for (const [path, message] of cases) {
      const res = await table(file.admin, path)
      expect([res.status, res.body], path).toEqual([400, { error: true, message, data: null }])
    }
    expect((await table(file.admin, 'month-table/9999')).status).toBe(200)
    expect((await get(file.t.app, file.admin, '/api/data/persons/time-spents/year-table/')).status).toBe(200)
  })
})
