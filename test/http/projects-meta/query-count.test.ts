// Schedules, budgets and descriptor writes answer in a fixed number of SQL statements: a
// production of a few tasks and one of 1,500 run exactly as many queries per request.
// Every query goes through a pg Client (the pool's and Prisma's adapter's), so counting
// Client#query calls counts them all (as test/http/crud/query-count.test.ts does).
import { countQueries } from '../../helpers/query-count.ts'
import { describe, expect, it } from 'vitest'
import type { HTTPMethods } from 'fastify'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { entityType, uniq } from './helpers.ts'

const file = useFileAppWith<FileApp & { manager: TestPerson }>(async ({ t }) => ({ manager: await as(t.app, 'manager') }))
const app = () => file.t.app

async function queriesOf(method: HTTPMethods, url: string, who: TestPerson, payload?: unknown): Promise<{ status: number; body: string; sql: string[] }> {
  const { result: res, sql } = await countQueries(() =>
    app().inject({ method, url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) }))
  return { status: res.statusCode, body: res.body, sql }
}

/** A production of `n` assets with a task each (assigned, with time spent and metadata), and its schedule rows. */
async function production(n: number) {
  const db = app().db
  const prod = await makeProduction(app(), [{ id: file.manager.id }])
  const p = prod.project.id
  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
  const [episodeType, sequenceType, editType] = await Promise.all(['Episode', 'Sequence', 'Edit'].map((name) => entityType(app(), name)))
  const prop = await db.entityType.create({ data: { name: uniq('Prop ') } })
  const episodes = ids(await db.entity.createManyAndReturn({ data: [1, 2].map((i) => ({ name: `E0${i}`, project_id: p, entity_type_id: episodeType })), select: { id: true } }))
  await db.entity.createMany({ data: episodes.flatMap((ep, i) => [
    { name: `SQ${i}`, project_id: p, entity_type_id: sequenceType, parent_id: ep },
    { name: `Edit${i}`, project_id: p, entity_type_id: editType, parent_id: ep },
  ]) })
  const assets = ids(await db.entity.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({
      name: `A${i}`, project_id: p, entity_type_id: i % 2 ? prop.id : prod.assetType.id, source_id: episodes[i % 2], data: { mood: `m${i}` },
    })),
    select: { id: true },
  }))
  const tasks = ids(await db.task.createManyAndReturn({
    data: assets.map((a, i) => ({
      name: 'main', project_id: p, entity_id: a, task_type_id: prod.taskType.id, task_status_id: prod.status.id,
      start_date: new Date(Date.UTC(2025, 0, 1 + (i % 28))), due_date: new Date(Date.UTC(2025, 1, 1 + (i % 28))), estimation: i % 5,
    })),
    select: { id: true },
  }))
  await db.taskPersonLink.createMany({ data: tasks.map((task) => ({ task_id: task, person_id: file.manager.id })) })
  await db.timeSpent.createMany({ data: tasks.map((task, i) => ({ task_id: task, person_id: file.manager.id, date: new Date(Date.UTC(2025, i % 12, 1)), duration: 60 })) })
  await db.milestone.createMany({ data: [{ name: 'M1', project_id: p }, { name: 'M2', project_id: p }] })
  const budget = await db.budget.create({ data: { project_id: p, name: 'B' } })
  const department = await db.department.create({ data: { name: uniq('D '), color: '#000000' } })
  await db.taskType.update({ where: { id: prod.taskType.id }, data: { department_id: department.id } })
  await db.budgetEntry.createMany({ data: tasks.map(() => ({ budget_id: budget.id, department_id: department.id, start_date: new Date('2025-01-01T00:00:00Z'), months_duration: 2, daily_salary: 100 })) })
  const [v1, v2] = await Promise.all([1, 2].map((i) => db.productionScheduleVersion.create({ data: { project_id: p, name: `v${i}` } })))
  const descriptor = await db.metadataDescriptor.create({ data: { project_id: p, entity_type: 'Asset', name: 'Mood', field_name: 'mood' } })
  return { p, tt: prod.taskType.id, budget: budget.id, v1: v1.id, v2: v2.id, descriptor: descriptor.id, n }
}

type Prod = Awaited<ReturnType<typeof production>>

/** The requests measured, in order (the writes after the reads they would change). */
const REQUESTS: Array<(x: Prod) => [HTTPMethods, string, 'manager' | 'admin', unknown?]> = [
  (x) => ['GET', `/data/projects/${x.p}/milestones`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/schedule-items/task-types`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/schedule-items/${x.tt}/asset-types`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/schedule-items/${x.tt}/episodes`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/schedule-items/${x.tt}/sequences`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/schedule-items/${x.tt}/edits`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/schedule-items`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/time-spents`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/budgets`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/budgets/${x.budget}`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/budgets/${x.budget}/entries`, 'manager'],
  (x) => ['GET', `/data/projects/${x.p}/budgets/time-spents`, 'admin'],
  (x) => ['POST', `/actions/production-schedule-versions/${x.v1}/set-task-links-from-production`, 'manager'],
  (x) => ['GET', `/data/production-schedule-versions/${x.v1}/task-links?relations=true`, 'manager'],
  (x) => ['POST', `/actions/production-schedule-versions/${x.v2}/set-task-links-from-production-schedule-version`, 'manager', { production_schedule_version_id: x.v1 }],
  (x) => ['POST', `/actions/production-schedule-versions/${x.v2}/apply-to-production`, 'manager'],
  (x) => ['PUT', `/data/projects/${x.p}/metadata-descriptors/${x.descriptor}`, 'manager', { name: 'Feeling' }],
  (x) => ['DELETE', `/data/projects/${x.p}/metadata-descriptors/${x.descriptor}`, 'manager'],
]

async function measure(x: Prod): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const request of REQUESTS) {
    const [method, url, who, payload] = request(x)
    const r = await queriesOf(method, url, who === 'admin' ? file.admin : file.manager, payload)
    expect(r.status, `${method} ${url}: ${r.body.slice(0, 200)}`).toBeLessThan(300)
    const key = `${method} ${url.replaceAll(x.p, ':p').replace(/[0-9a-f-]{36}/g, ':id')}`
    counts.set(key, r.sql.length)
  }
  return counts
}

describe('queries per request', () => {
  it('are the same for a production of 3 tasks and one of 1,500', async () => {
    const small = await production(3)
    const large = await production(1500)
    const few = await measure(small)
    const many = await measure(large)
    expect([...many.entries()]).toEqual([...few.entries()])
    // The large production really was read and written.
    expect(await app().db.scheduleItem.count({ where: { project_id: large.p } })).toBe(1 + 2 + 2 + 2 + 2)
    expect(await app().db.productionScheduleVersionTaskLink.count({ where: { production_schedule_version_id: large.v2 } })).toBe(1501)
    const { rows } = await app().pool.query(`SELECT count(*)::int AS n FROM entity WHERE project_id = $1 AND (data ? 'mood' OR data ? 'feeling')`, [large.p])
    expect(rows[0].n).toBe(0)
  }, 120_000)
})
