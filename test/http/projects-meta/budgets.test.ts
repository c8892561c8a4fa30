// routes.md §7: budgets, budget entries and the monthly time-spent totals — per-role access,
// shapes, bad input (nothing written) and events.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MANAGERS, routeTable, useRoleProduction } from '../../helpers/route-table.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { api, countEvents, eventsOf, NOT_FOUND_MESSAGE, uniq, wrong } from './helpers.ts'

const file = useRoleProduction()
const app = () => file.t.app
const pid = () => file.prod.project.id
const budgetsUrl = (projectId = pid()) => `/data/projects/${projectId}/budgets`
const BUDGET_KEYS = ['created_at', 'currency', 'id', 'name', 'project_id', 'revision', 'type', 'updated_at']
const ENTRY_KEYS = ['budget_id', 'created_at', 'daily_salary', 'department_id', 'exceptions', 'id', 'months_duration', 'person_id',
  'position', 'seniority', 'start_date', 'type', 'updated_at']

let department: string
async function dep(): Promise<string> {
  department ??= (await app().db.department.create({ data: { name: uniq('Dep '), color: '#000000' } })).id
  return department
}
const budget = (projectId = pid()) => app().db.budget.create({ data: { project_id: projectId, name: uniq('B '), currency: 'EUR' } })
async function entry(budgetId: string, extra: Record<string, unknown> = {}) {
  return app().db.budgetEntry.create({
    data: { budget_id: budgetId, department_id: await dep(), start_date: new Date('2025-01-01T00:00:00Z'), months_duration: 3, daily_salary: 300, ...extra },
  })
}
const entryBody = async () => ({ department_id: await dep(), start_date: '2025-02-01', months_duration: 6, daily_salary: 250.5 })

routeTable('budgets', file, [
  { method: 'GET', path: '/data/projects/:project_id/budgets', roles: MANAGERS, call: () => ({ url: budgetsUrl() }) },
  { method: 'POST', path: '/data/projects/:project_id/budgets', roles: MANAGERS, ok: 200, call: () => ({ url: budgetsUrl(), payload: { name: uniq('B ') } }) },
  { method: 'GET', path: '/data/projects/:project_id/budgets/time-spents', roles: ['admin'], call: () => ({ url: `${budgetsUrl()}/time-spents` }) },
  { method: 'GET', path: '/data/projects/:project_id/budgets/:budget_id', roles: MANAGERS, call: async () => ({ url: `${budgetsUrl()}/${(await budget()).id}` }) },
  { method: 'PUT', path: '/data/projects/:project_id/budgets/:budget_id', roles: MANAGERS, call: async () => ({ url: `${budgetsUrl()}/${(await budget()).id}`, payload: { name: 'Renamed' } }) },
  { method: 'DELETE', path: '/data/projects/:project_id/budgets/:budget_id', roles: MANAGERS, call: async () => ({ url: `${budgetsUrl()}/${(await budget()).id}` }) },
  {
    method: 'GET', path: '/data/projects/:project_id/budgets/:budget_id/entries', roles: MANAGERS,
    call: async () => ({ url: `${budgetsUrl()}/${(await budget()).id}/entries` }),
  },
  {
    method: 'POST', path: '/data/projects/:project_id/budgets/:budget_id/entries', roles: MANAGERS, ok: 200,
    call: async () => ({ url: `${budgetsUrl()}/${(await budget()).id}/entries`, payload: await entryBody() }),
  },
  ...(['GET', 'PUT', 'DELETE'] as const).map((method) => ({
    method, path: '/data/projects/:project_id/budgets/:budget_id/entries/:entry_id', roles: MANAGERS,
    call: async () => {
      const b = await budget()
      return { url: `${budgetsUrl()}/${b.id}/entries/${(await entry(b.id)).id}`, payload: method === 'PUT' ? await entryBody() : undefined }
    },
  })),
])

describe('budgets', () => {
  it('creates budgets with the next revision, USD by default, and emits budget:create', async () => {
    const { project } = await makeProduction(app(), [{ id: file.people.manager.id }])
    const first = await api(app(), 'POST', budgetsUrl(project.id), file.people.manager, { name: 'Main' })
    expect(first.status).toBe(200)
    expect(Object.keys(first.body).sort()).toEqual(BUDGET_KEYS)
    expect(first.body).toMatchObject({ project_id: project.id, name: 'Main', currency: 'USD', revision: 1, type: 'Budget' })
    const second = await api(app(), 'POST', budgetsUrl(project.id), file.people.manager, { name: 'Alt', currency: 'EUR' })
    expect(second.body).toMatchObject({ revision: 2, currency: 'EUR' })
    expect(await eventsOf(app(), 'budget:create', 'budget_id', first.body.id)).toEqual([{
      name: 'budget:create', data: { budget_id: first.body.id, project_id: project.id }, project_id: project.id, user_id: file.people.manager.id,
    }])
    const list = await api(app(), 'GET', budgetsUrl(project.id), file.people.manager)
    expect(list.body).toEqual([
      { id: first.body.id, project_id: project.id, revision: 1, name: 'Main', currency: 'USD' },
      { id: second.body.id, project_id: project.id, revision: 2, name: 'Alt', currency: 'EUR' },
    ])
  })

  it('refuses bad bodies after the access check and writes nothing', async () => {
    const before = await app().db.budget.count()
    for (const payload of [{}, { name: '' }, { name: 'x', currency: 'EURO' }, [1]]) {
      const res = await api(app(), 'POST', budgetsUrl(), file.admin, payload)
      expect(res.status, JSON.stringify(payload)).toBe(400)
      expect(res.body.message).toBe('Validation error.')
    }
    // MPA first: an artist is refused whatever the body.
    expect((await api(app(), 'POST', budgetsUrl(), file.people.user, {})).status).toBe(403)
    expect((await api(app(), 'POST', budgetsUrl(randomUUID()), file.admin, { name: 'x' })).status).toBe(404)
    expect(await app().db.budget.count()).toBe(before)
  })

  it('reads a budget with its entry ids, only through its own project', async () => {
    const b = await budget()
    const [e1, e2] = [await entry(b.id), await entry(b.id)]
    const res = await api(app(), 'GET', `${budgetsUrl()}/${b.id}`, file.people.manager)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: b.id, name: b.name, currency: 'EUR', revision: 1, type: 'Budget', entries: [e1.id, e2.id] })
    const { project } = await makeProduction(app())
    const foreign = await budget(project.id)
    expect(await api(app(), 'GET', `${budgetsUrl()}/${foreign.id}`, file.admin)).toMatchObject({ status: 404, body: { error: true, message: NOT_FOUND_MESSAGE } })
    expect(await api(app(), 'GET', `${budgetsUrl()}/nope`, file.admin)).toMatchObject({ status: 400, body: wrong('Wrong UUID format.') })
  })

  it('updates the given fields (null keeps them), emits budget:update, and refuses another project’s budget', async () => {
    const b = await budget()
    const res = await api(app(), 'PUT', `${budgetsUrl()}/${b.id}`, file.people.manager, { name: 'New name', currency: null })
    expect(res.status).toBe(200)
    expect(Object.keys(res.body).sort()).toEqual(BUDGET_KEYS)
    expect(res.body).toMatchObject({ name: 'New name', currency: 'EUR' })
    expect(await eventsOf(app(), 'budget:update', 'budget_id', b.id)).toHaveLength(1)
    const { project } = await makeProduction(app())
    const foreign = await budget(project.id)
    // Zou bug: it updates any project's budget through a project the caller manages.
    expect((await api(app(), 'PUT', `${budgetsUrl()}/${foreign.id}`, file.people.manager, { name: 'Hijack' })).status).toBe(404)
    expect((await app().db.budget.findUnique({ where: { id: foreign.id } }))!.name).toBe(foreign.name)
  })

  it('deletes a budget with its entries and emits budget:delete', async () => {
    const b = await budget()
    await entry(b.id)
    expect((await api(app(), 'DELETE', `${budgetsUrl()}/${b.id}`, file.people.manager)).status).toBe(204)
    expect(await app().db.budget.findUnique({ where: { id: b.id } })).toBeNull()
    expect(await app().db.budgetEntry.count({ where: { budget_id: b.id } })).toBe(0)
    expect(await eventsOf(app(), 'budget:delete', 'budget_id', b.id)).toEqual([{
      name: 'budget:delete', data: { budget_id: b.id, project_id: pid() }, project_id: pid(), user_id: file.people.manager.id,
    }])
    expect((await api(app(), 'DELETE', `${budgetsUrl()}/${b.id}`, file.people.manager)).status).toBe(404)
  })
})

describe('budget entries', () => {
  it('creates an entry with Zou’s defaults and emits budget-entry:create', async () => {
    const b = await budget()
    const res = await api(app(), 'POST', `${budgetsUrl()}/${b.id}/entries`, file.people.manager, { ...(await entryBody()), person_id: file.people.user.id })
    expect(res.status).toBe(200)
    expect(Object.keys(res.body).sort()).toEqual(ENTRY_KEYS)
    expect(res.body).toMatchObject({
      budget_id: b.id, department_id: await dep(), person_id: file.people.user.id, start_date: '2025-02-01', months_duration: 6,
      daily_salary: 250.5, position: 'artist', seniority: 'mid', exceptions: {}, type: 'BudgetEntry',
    })
    expect(await eventsOf(app(), 'budget-entry:create', 'budget_entry_id', res.body.id)).toEqual([{
      name: 'budget-entry:create', data: { budget_id: b.id, budget_entry_id: res.body.id, project_id: pid() }, project_id: pid(), user_id: file.people.manager.id,
    }])
    const list = await api(app(), 'GET', `${budgetsUrl()}/${b.id}/entries`, file.people.manager)
    expect(list.body).toEqual([{
      id: res.body.id, budget_id: b.id, department_id: await dep(), person_id: file.people.user.id, start_date: '2025-02-01',
      months_duration: 6, daily_salary: 250.5, position: 'artist', seniority: 'mid', exceptions: {},
    }])
    const one = await api(app(), 'GET', `${budgetsUrl()}/${b.id}/entries/${res.body.id}`, file.people.manager)
    expect(one.body).toEqual(res.body)
  })

  it('refuses entries with missing or bad fields and writes nothing', async () => {
    const b = await budget()
    const base = await entryBody()
    const url = `${budgetsUrl()}/${b.id}/entries`
    const events = await countEvents(app(), 'budget-entry:')
    const validation = (field: string, message: string) => ({ error: true, message: 'Validation error.', data: { errors: [{ field, message }] } })
    const cases: Array<[unknown, unknown]> = [
      [{ ...base, start_date: undefined }, validation('start_date', 'Field required')],
      [{ ...base, months_duration: null }, validation('months_duration', 'Field required')],
      [{ ...base, start_date: '2025-13-45' }, validation('start_date', 'Input should be a valid date')],
      [{ ...base, department_id: randomUUID() }, wrong('Department not found.')],
      [{ ...base, department_id: 'nope' }, wrong('Department not found.')],
      [{ ...base, person_id: randomUUID() }, wrong('Person not found.')],
      [{ ...base, position: 'boss' }, wrong('Invalid position')],
      [{ ...base, seniority: 'guru' }, wrong('Invalid seniority')],
    ]
    for (const [payload, body] of cases) {
      expect(await api(app(), 'POST', url, file.admin, payload), JSON.stringify(payload)).toMatchObject({ status: 400, body })
    }
    for (const payload of [{ ...base, department_id: undefined }, { ...base, months_duration: 'many' }, { ...base, daily_salary: 'lots' }]) {
      expect((await api(app(), 'POST', url, file.admin, payload)).body.message, JSON.stringify(payload)).toBe('Validation error.')
    }
    const { project } = await makeProduction(app())
    const foreign = await budget(project.id)
    expect((await api(app(), 'POST', `${budgetsUrl()}/${foreign.id}/entries`, file.admin, base)).status).toBe(404)
    expect((await api(app(), 'GET', `${budgetsUrl()}/${foreign.id}/entries`, file.admin)).status).toBe(404)
    expect(await app().db.budgetEntry.count({ where: { budget_id: { in: [b.id, foreign.id] } } })).toBe(0)
    expect(await countEvents(app(), 'budget-entry:')).toBe(events)
  })

  it('updates an entry: exceptions cleaned, nullable fields written as given, required ones kept when absent', async () => {
    const b = await budget()
    const e = await entry(b.id, { person_id: file.people.user.id, position: 'lead', seniority: 'senior' })
    const url = `${budgetsUrl()}/${b.id}/entries/${e.id}`
    const res = await api(app(), 'PUT', url, file.people.manager, {
      daily_salary: 400, position: 'supervisor', exceptions: { '2025-01': '3', '2025-02': 0, '2025-03': -5, '2025-04': 2.7, '2025-05': null },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      daily_salary: 400, months_duration: 3, start_date: '2025-01-01', department_id: await dep(), position: 'supervisor',
      person_id: null, seniority: null, exceptions: { '2025-01': 3, '2025-04': 2 },
    })
    expect(await eventsOf(app(), 'budget-entry:update', 'budget_entry_id', e.id)).toEqual([{
      name: 'budget-entry:update', data: { budget_id: b.id, budget_entry_id: e.id, project_id: pid() }, project_id: pid(), user_id: file.people.manager.id,
    }])
    expect((await api(app(), 'PUT', url, file.admin, { exceptions: null })).body.exceptions).toEqual({})
    expect(await api(app(), 'PUT', url, file.admin, { exceptions: { a: 'x' } })).toMatchObject({ status: 400, body: wrong('Wrong value for exceptions.') })
    expect((await api(app(), 'PUT', url, file.admin, { start_date: 'soon' })).status).toBe(400)
  })

  it('answers 404 for an entry of another budget and deletes with budget-entry:delete', async () => {
    const [b1, b2] = [await budget(), await budget()]
    const e = await entry(b1.id)
    expect((await api(app(), 'GET', `${budgetsUrl()}/${b2.id}/entries/${e.id}`, file.admin)).status).toBe(404)
    expect((await api(app(), 'PUT', `${budgetsUrl()}/${b2.id}/entries/${e.id}`, file.admin, {})).status).toBe(404)
    expect((await api(app(), 'DELETE', `${budgetsUrl()}/${b2.id}/entries/${e.id}`, file.admin)).status).toBe(404)
    expect(await api(app(), 'GET', `${budgetsUrl()}/${b1.id}/entries/nope`, file.admin)).toMatchObject({ status: 400, body: wrong('Wrong UUID format.') })
    expect((await api(app(), 'DELETE', `${budgetsUrl()}/${b1.id}/entries/${e.id}`, file.people.manager)).status).toBe(204)
    expect(await app().db.budgetEntry.findUnique({ where: { id: e.id } })).toBeNull()
    expect(await eventsOf(app(), 'budget-entry:delete', 'budget_entry_id', e.id)).toEqual([{
      name: 'budget-entry:delete', data: { budget_id: b1.id, budget_entry_id: e.id, project_id: pid() }, project_id: pid(), user_id: file.people.manager.id,
    }])
  })
})

describe('GET …/budgets/time-spents', () => {
  it('sums minutes per department, person and month with totals, for this project only', async () => {
    const prod = await makeProduction(app())
    const [d1, d2] = await Promise.all([1, 2].map((i) => app().db.department.create({ data: { name: uniq(`D${i} `), color: '#000000' } })))
    await app().db.taskType.update({ where: { id: prod.taskType.id }, data: { department_id: d1.id } })
    const anim = await app().db.taskType.create({ data: { name: uniq('Anim '), for_entity: 'Asset', department_id: d2.id } })
    const t2 = await app().db.task.create({ data: { name: 'a', project_id: prod.project.id, entity_id: prod.asset.id, task_type_id: anim.id, task_status_id: prod.status.id } })
    const [u, s] = [file.people.user.id, file.people.supervisor.id]
    const spend = (task: string, person: string, date: string, duration: number) =>
      app().db.timeSpent.create({ data: { task_id: task, person_id: person, date: new Date(`${date}T00:00:00Z`), duration } })
    await spend(prod.task.id, u, '2025-05-03', 600)
    await spend(prod.task.id, u, '2025-05-30', 60)
    await spend(prod.task.id, u, '2025-06-01', 120)
    await spend(prod.task.id, s, '2025-06-02', 30)
    await spend(t2.id, u, '2025-06-02', 300)
    await spend(file.prod.task.id, u, '2025-06-02', 9999)
    const res = await api(app(), 'GET', `${budgetsUrl(prod.project.id)}/time-spents`, file.admin)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      [d1.id]: { total: 810, [u]: { total: 780, '2025-05': 660, '2025-06': 120 }, [s]: { total: 30, '2025-06': 30 } },
      [d2.id]: { total: 300, [u]: { total: 300, '2025-06': 300 } },
    })
    expect((await api(app(), 'GET', `${budgetsUrl(randomUUID())}/time-spents`, file.admin)).status).toBe(404)
    expect((await api(app(), 'GET', `${budgetsUrl('nope')}/time-spents`, file.admin)).status).toBe(400)
  })
})
