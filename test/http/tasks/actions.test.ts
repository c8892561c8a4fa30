// routes.md §4 actions: assignments (department rules, team growth, notifications, events),
// clearing them, priorities, time spents per day, bulk task creation and deletion.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { asBot, call } from '../crud/helpers.ts'
import { makeEntity } from '../sequences/helpers.ts'
import { eventsOf, newTask, uniq } from './helpers.ts'

const file = useRoleProduction()
const app = () => file.t.app
const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: { headers: { authorization: string } } = file.admin, payload?: unknown) =>
  call(app(), method, url, who.headers, payload)
let prod: Awaited<ReturnType<typeof makeProduction>>
let modeling: string, animation: string
let deptSupervisor: TestPerson, modeler: TestPerson, animator: TestPerson

beforeAll(async () => {
  const { db } = app()
  modeling = (await db.department.create({ data: { name: uniq('Modeling'), color: '#111111' } })).id
  animation = (await db.department.create({ data: { name: uniq('Animation'), color: '#222222' } })).id
  deptSupervisor = await as(app(), 'supervisor')
  modeler = await as(app(), 'user')
  animator = await as(app(), 'user')
  await db.departmentLink.createMany({ data: [
    { person_id: deptSupervisor.id, department_id: modeling }, { person_id: modeler.id, department_id: modeling },
    { person_id: animator.id, department_id: animation },
  ] })
  const { manager, user, client, vendor } = file.people
  prod = await makeProduction(app(), [manager, user, client, vendor, deptSupervisor, modeler, animator].map((p) => ({ id: p.id })))
  await db.taskType.update({ where: { id: prod.taskType.id }, data: { department_id: modeling } })
})

describe('PUT /actions/tasks/:task_id/assign', () => {
  it('assigns, notifies, adds the person to the team and emits its events', async () => {
    const task = await newTask(app(), prod)
    const newcomer = await as(app(), 'user', { notifications_enabled: true })
    const { result, events } = await eventsOf(app(), () => req('PUT', `/actions/tasks/${task.id}/assign`, file.people.manager, { person_id: newcomer.id }))
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ id: task.id, type: 'Task', assignees: [newcomer.id], assigner_id: file.people.manager.id })
    const notification = await app().db.notification.findFirstOrThrow({ where: { task_id: task.id, person_id: newcomer.id } })
    expect(notification).toMatchObject({ type: 'assignation', author_id: file.people.manager.id, read: false })
    const p = { project_id: prod.project.id }
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['task:assign', { task_id: task.id, person_id: newcomer.id, ...p }],
      ['task:update', { task_id: task.id, ...p }],
      ['notification:new', { notification_id: notification.id, person_id: newcomer.id, ...p }],
      ['project:update', p],
    ])
    expect(await app().db.projectPersonLink.count({ where: { project_id: prod.project.id, person_id: newcomer.id } })).toBe(1)
    // notification:new is published, not logged.
    expect(await app().db.apiEvent.count({ where: { name: 'notification:new', data: { path: ['notification_id'], equals: notification.id } } })).toBe(0)
    expect(await app().db.apiEvent.count({ where: { name: 'task:assign', data: { path: ['task_id'], equals: task.id } } })).toBe(1)
    // The assignee enabled e-mail notifications: the mail went out (written as a file here).
    const dir = join(file.t.config.dataDir, 'mail')
    const mails = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))
    expect(mails.some((m) => m.includes(newcomer.email) && m.includes('You were assigned to'))).toBe(true)
  })

  it('follows the department rules: supervisors of the department, artists assigning themselves', async () => {
    const task = await newTask(app(), prod)
    const url = `/actions/tasks/${task.id}/assign`
    expect((await req('PUT', url, deptSupervisor, { person_id: animator.id })).status).toBe(403)
    expect((await req('PUT', url, deptSupervisor, { person_id: modeler.id })).status).toBe(200)
    expect((await req('PUT', url, animator, { person_id: animator.id })).status).toBe(403)
    const { result, events } = await eventsOf(app(), () => req('PUT', url, modeler, { person_id: modeler.id }))
    expect(result.status).toBe(200)
    // Assigning oneself: no notification.
    expect(events.map((e) => e.name)).toEqual(['task:assign', 'task:update'])
  })

  it('answers Zou’s errors: body first, unknown person, bots, unknown task', async () => {
    const task = await newTask(app(), prod)
    const url = `/actions/tasks/${task.id}/assign`
    expect((await req('PUT', url, file.admin, {})).body).toEqual({ error: true, message: 'Validation error.', data: { errors: [{ field: 'person_id', message: 'Field required' }] } })
    expect((await req('PUT', url, file.admin, { person_id: '6f9619ff-8b86-d011-b42d-00cf4fc964ff' })).body).toEqual({ error: "Assignee doesn't exist in database." })
    expect((await req('PUT', url, file.admin, { person_id: 'x' })).status).toBe(400)
    const bot = await asBot(app())
    expect((await req('PUT', url, file.admin, { person_id: bot.id })).status).toBe(403)
    await app().db.project.update({ where: { id: prod.project.id }, data: { is_bot_collaboration_enabled: true } })
    expect((await req('PUT', url, file.admin, { person_id: bot.id })).status).toBe(200)
    await app().db.project.update({ where: { id: prod.project.id }, data: { is_bot_collaboration_enabled: false } })
    expect((await req('PUT', '/actions/tasks/6f9619ff-8b86-d011-b42d-00cf4fc964ff/assign', file.admin, { person_id: bot.id })).status).toBe(404)
  })
})

describe('PUT /actions/persons/:person_id/assign', () => {
  it('assigns the permitted tasks in one go and skips the others', async () => {
    const mine = await newTask(app(), prod)
    const otherType = await app().db.taskType.create({ data: { name: uniq('Anim'), department_id: animation } })
    const theirs = await newTask(app(), prod, [], { task_type_id: otherType.id })
    const { result, events } = await eventsOf(app(), () => req('PUT', `/actions/persons/${modeler.id}/assign`, deptSupervisor, {
      task_ids: [theirs.id, mine.id, '6f9619ff-8b86-d011-b42d-00cf4fc964ff', 'junk'],
    }))
    expect(result.status).toBe(200)
    expect(result.body.map((t: { id: string; assignees: string[] }) => [t.id, t.assignees])).toEqual([[mine.id, [modeler.id]]])
    expect(events.map((e) => e.name)).toEqual(['task:assign', 'task:update', 'notification:new'])
    expect((await req('PUT', `/actions/persons/6f9619ff-8b86-d011-b42d-00cf4fc964ff/assign`, file.admin, { task_ids: [mine.id] })).status).toBe(400)
    expect((await req('PUT', `/actions/persons/${modeler.id}/assign`, file.admin, { task_ids: [] })).body.message).toBe('Validation error.')
  })
})

describe('PUT /actions/tasks/clear-assignation', () => {
  it('removes every assignee (one unassign each) or one person, and lets artists remove themselves', async () => {
    const { user, vendor } = file.people
    const a = await newTask(app(), prod, [user.id, vendor.id])
    const b = await newTask(app(), prod, [user.id, vendor.id])
    const { result, events } = await eventsOf(app(), () => req('PUT', '/actions/tasks/clear-assignation', file.people.manager, { task_ids: [a.id] }))
    expect(result.body).toEqual([a.id])
    expect(events.filter((e) => e.name === 'task:unassign').map((e) => e.data.person_id).sort()).toEqual([user.id, vendor.id].sort())
    expect(events.at(-1)).toMatchObject({ name: 'task:update', data: { task_id: a.id } })
    expect(await app().db.taskPersonLink.count({ where: { task_id: a.id } })).toBe(0)
    // An artist may remove only themselves.
    expect((await req('PUT', '/actions/tasks/clear-assignation', user, { task_ids: [b.id], person_id: vendor.id })).body).toEqual([])
    expect((await req('PUT', '/actions/tasks/clear-assignation', user, { task_ids: [b.id] })).body).toEqual([])
    const self = await eventsOf(app(), () => req('PUT', '/actions/tasks/clear-assignation', user, { task_ids: [b.id], person_id: user.id }))
    expect(self.result.body).toEqual([b.id])
    expect(self.events.map((e) => [e.name, e.data.person_id])).toEqual([['task:unassign', user.id], ['task:update', undefined]])
    expect((await app().db.taskPersonLink.findMany({ where: { task_id: b.id } })).map((l) => l.person_id)).toEqual([vendor.id])
  })
})

describe('PUT /actions/tasks/set-priority', () => {
  it('updates the tasks the caller may plan and skips the others', async () => {
    const mine = await newTask(app(), prod)
    const otherType = await app().db.taskType.create({ data: { name: uniq('Anim'), department_id: animation } })
    const theirs = await newTask(app(), prod, [], { task_type_id: otherType.id })
    const { result, events } = await eventsOf(app(), () => req('PUT', '/actions/tasks/set-priority', deptSupervisor, { task_ids: [mine.id, theirs.id], priority: 3 }))
    expect(result.body).toHaveLength(1)
    expect(result.body[0]).toMatchObject({ id: mine.id, priority: 3, type: 'Task' })
    expect(result.body[0]).not.toHaveProperty('assignees')
    expect(events.map((e) => e.name)).toEqual(['task:update'])
    expect((await app().db.task.findUniqueOrThrow({ where: { id: theirs.id } })).priority).toBe(0)
    expect((await req('PUT', '/actions/tasks/set-priority', file.admin, { task_ids: [mine.id], priority: -1 })).status).toBe(400)
  })
})

describe('time spents', () => {
  it('sets, replaces, adds and deletes a day’s time, keeping the task duration the sum', async () => {
    const { user, vendor } = file.people
    const task = await newTask(app(), prod, [user.id, vendor.id])
    const day = (d: string, who = user.id) => `/actions/tasks/${task.id}/time-spents/${d}/persons/${who}`
    const created = await eventsOf(app(), () => req('POST', day('2024-03-04'), user, { duration: 60 }))
    expect(created.result.status).toBe(201)
    expect(created.result.body).toMatchObject({ type: 'TimeSpent', duration: 60, date: '2024-03-04', task_id: task.id, person_id: user.id })
    expect(created.events.map((e) => e.name)).toEqual(['time-spent:new', 'person:update', 'task:update'])
    const replaced = await eventsOf(app(), () => req('POST', day('2024-03-04'), user, { duration: 30 }))
    expect(replaced.result.body.duration).toBe(30)
    expect(replaced.events.map((e) => e.name)).toEqual(['time-spent:update', 'task:update'])
    expect((await req('POST', `${day('2024-03-04')}/add`, user, { duration: 15 })).body.duration).toBe(45)
    await req('POST', day('2024-03-05', vendor.id), file.people.manager, { duration: 20 })
    expect((await app().db.task.findUniqueOrThrow({ where: { id: task.id } })).duration).toBe(65)
    const map = await req('GET', `/actions/tasks/${task.id}/time-spents`, vendor)
    expect(map.body.total).toBe(65)
    expect(map.body[user.id].map((r: { duration: number }) => r.duration)).toEqual([45])
    expect(map.body[vendor.id].map((r: { date: string }) => r.date)).toEqual(['2024-03-05'])
    const oneDay = await req('GET', `/actions/tasks/${task.id}/time-spents/2024-03-05`, user)
    expect(oneDay.body).toEqual({ total: 20, [vendor.id]: [expect.objectContaining({ duration: 20 })] })
    const deleted = await eventsOf(app(), () => req('DELETE', day('2024-03-04'), user))
    expect(deleted.result.status).toBe(201)
    expect(deleted.result.body).toMatchObject({ duration: 0, date: '2024-03-04' })
    expect(deleted.events.map((e) => e.name)).toEqual(['time-spent:delete', 'task:update'])
    expect((await app().db.task.findUniqueOrThrow({ where: { id: task.id } })).duration).toBe(20)
    expect((await req('DELETE', day('2024-03-04'), user)).status).toBe(404)
  })

  it('refuses others’ time, people not assigned, bad dates and non-positive durations', async () => {
    const { user, vendor, supervisor } = file.people
    const task = await newTask(app(), prod, [user.id])
    const day = (d: string, who = user.id) => `/actions/tasks/${task.id}/time-spents/${d}/persons/${who}`
    expect((await req('POST', day('2024-03-04'), vendor, { duration: 10 })).status).toBe(403)
    expect((await req('POST', day('2024-03-04'), supervisor, { duration: 10 })).status).toBe(403)
    expect((await req('POST', day('2024-03-04', vendor.id), file.admin, { duration: 10 })).status).toBe(403)
    expect((await req('POST', day('2024-13-04'), user, { duration: 10 })).body).toEqual({ error: true, message: 'Invalid date format.', data: null })
    expect((await req('GET', `/actions/tasks/${task.id}/time-spents/04-03-2024`, user)).body).toEqual({ error: true, message: 'Wrong date format.', data: null })
    expect((await req('POST', day('2024-03-04'), user, { duration: 0 })).body.message).toBe('Validation error.')
    expect((await req('POST', day('2024-03-04'), user, {})).status).toBe(400)
    expect((await req('POST', `/actions/tasks/nope/time-spents/2024-03-04/persons/${user.id}`, user, { duration: 1 })).status).toBe(404)
  })
})

describe('bulk task creation and deletion', () => {
  it('creates one main task per entity lacking one, with the default status and task:new events', async () => {
    const shot1 = await makeEntity(app(), prod, 'Shot', uniq('SH'))
    const shot2 = await makeEntity(app(), prod, 'Shot', uniq('SH'))
    const type = await app().db.taskType.create({ data: { name: uniq('Layout'), for_entity: 'Shot', color: '#123456', priority: 4 } })
    const url = `/actions/projects/${prod.project.id}/task-types/${type.id}/shots/create-tasks`
    const first = await eventsOf(app(), () => req('POST', url, file.people.manager, [shot1.id]))
    expect(first.result.status).toBe(201)
    expect(first.result.body).toHaveLength(1)
    expect(first.result.body[0]).toMatchObject({
      name: 'main', entity_id: shot1.id, assignees: [], assigner_id: file.people.manager.id, duration: 0, estimation: 0,
      task_status_id: prod.status.id, task_status_name: 'Todo', task_status_short_name: 'todo', task_status_color: '#f5f5f5',
      task_type_id: type.id, task_type_name: type.name, task_type_color: '#123456', task_type_priority: 4, type: 'Task',
    })
    expect(first.events.map((e) => [e.name, e.data.task_id])).toEqual([['task:new', first.result.body[0].id]])
    const rest = await req('POST', url, file.people.manager)
    expect(rest.body.map((t: { entity_id: string }) => t.entity_id)).toEqual([shot2.id])
    expect((await req('POST', url, file.people.manager)).body).toEqual([])
    expect((await req('POST', url, file.people.manager, [prod.asset.id])).status).toBe(404)
    expect((await req('POST', url, file.people.manager, { ids: [] })).body).toEqual({ error: true, message: 'Request body must be a JSON array.', data: null })
    expect((await req('POST', url, file.people.manager, ['x'])).body.message).toBe('Request body must only contain valid UUIDs.')
    expect((await req('POST', `/actions/projects/${prod.project.id}/task-types/6f9619ff-8b86-d011-b42d-00cf4fc964ff/shots/create-tasks`, file.people.manager)).status).toBe(404)
    expect((await req('POST', `/actions/projects/${prod.project.id}/task-types/${type.id}/create-tasks/nothing`, file.people.manager)).status).toBe(404)
  })

  it('creates concept tasks with the concept default status', async () => {
    const concept = await makeEntity(app(), prod, 'Concept', uniq('C'))
    const type = await app().db.taskType.create({ data: { name: uniq('Concepting'), for_entity: 'Concept' } })
    const res = await req('POST', `/actions/projects/${prod.project.id}/task-types/${type.id}/concepts/create-tasks`, file.people.user, [concept.id])
    expect(res.status).toBe(201)
    const status = await app().db.taskStatus.findUniqueOrThrow({ where: { id: res.body[0].task_status_id } })
    expect(status).toMatchObject({ for_concept: true, is_default: true })
  })

  it('deletes the listed tasks of the project with their dependents, one task:delete each', async () => {
    const task = await newTask(app(), prod, [file.people.user.id])
    await app().db.timeSpent.create({ data: { task_id: task.id, person_id: file.people.user.id, date: new Date('2024-01-01'), duration: 5 } })
    const foreign = await newTask(app(), file.prod)
    const { result, events } = await eventsOf(app(), () => req('POST', `/actions/projects/${prod.project.id}/delete-tasks`, file.people.manager, [task.id, foreign.id, 'junk']))
    expect(result.status).toBe(200)
    expect(result.body).toEqual([task.id, foreign.id])
    expect(events.map((e) => [e.name, e.data])).toEqual([
      ['task:delete', { task_id: task.id, entity_id: prod.asset.id, task_type_id: prod.taskType.id, project_id: prod.project.id }],
    ])
    expect(await app().db.task.findUnique({ where: { id: task.id } })).toBeNull()
    expect(await app().db.task.findUnique({ where: { id: foreign.id } })).not.toBeNull()
    expect((await req('POST', `/actions/projects/${prod.project.id}/delete-tasks`, file.people.manager, { id: task.id })).status).toBe(400)
  })

  it('deletes every task of a type in a project (admins)', async () => {
    const type = await app().db.taskType.create({ data: { name: uniq('Rig') } })
    const a = await newTask(app(), prod, [], { task_type_id: type.id })
    const { result, events } = await eventsOf(app(), () => req('DELETE', `/actions/projects/${prod.project.id}/task-types/${type.id}/delete-tasks`))
    expect(result.status).toBe(204)
    expect(events.map((e) => e.data.task_id)).toEqual([a.id])
    expect((await req('DELETE', `/actions/projects/6f9619ff-8b86-d011-b42d-00cf4fc964ff/task-types/${type.id}/delete-tasks`)).status).toBe(404)
  })
})

describe('PUT /actions/tasks/:task_id/to-review', () => {
  it('moves the task to "To review" and emits the legacy event (no project_id)', async () => {
    const task = await newTask(app(), prod, [file.people.user.id])
    const { result, events } = await eventsOf(app(), () => req('PUT', `/actions/tasks/${task.id}/to-review`, file.people.user, { comment: 'please look' }))
    expect(result.status).toBe(200)
    const status = await app().db.taskStatus.findFirstOrThrow({ where: { short_name: 'pndng' } })
    expect(result.body).toMatchObject({
      id: task.id, task_status_id: status.id, comment: 'please look', preview_path: { folder_path: '', file_name: '' },
      project: { id: prod.project.id, type: 'Project' }, entity: { id: prod.asset.id, type: 'Asset' },
      entity_type: { id: prod.assetType.id }, person: { id: file.people.user.id },
    })
    const review = events.find((e) => e.name === 'task:to-review')!
    expect(review.projectId).toBeNull()
    expect(review.data).toMatchObject({
      task_id: task.id, previous_task_status_id: prod.status.id, entity_type_name: prod.assetType.name,
      comment: 'please look', change_status: true, preview_path: { folder_path: '', file_name: '' },
    })
    expect((await req('PUT', `/actions/tasks/${task.id}/to-review`, file.people.user, { person_id: '6f9619ff-8b86-d011-b42d-00cf4fc964ff' })).body)
      .toEqual({ error: true, message: 'Cannot find given person.' })
  })

  it('refuses artists when the status is not allowed to them', async () => {
    await app().db.taskStatus.updateMany({ where: { short_name: 'pndng' }, data: { is_artist_allowed: false } })
    try {
      const task = await newTask(app(), prod, [file.people.user.id])
      expect((await req('PUT', `/actions/tasks/${task.id}/to-review`, file.people.user, {})).status).toBe(403)
      expect((await req('PUT', `/actions/tasks/${task.id}/to-review`, file.people.user, { change_status: false })).status).toBe(200)
      expect((await req('PUT', `/actions/tasks/${task.id}/to-review`, file.people.manager)).status).toBe(200)
    } finally {
      await app().db.taskStatus.updateMany({ where: { short_name: 'pndng' }, data: { is_artist_allowed: true } })
    }
  })
})
