// routes.md §7.1: POST /data/task-type-links and /data/task-status-links (create or update),
// the link reorders of a project, and the global task type reorder.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as as login } from '../../helpers/fixtures.ts'
import { as, MALFORMED_ID, projectUpdates, withEvents, wrong } from './helpers.ts'

const f = useFileAppWithProduction()
const mgr = () => as(f.t.app, f.manager)
const pid = () => f.prod.project.id
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/

const newTaskType = async () => (await f.t.app.db.taskType.create({ data: { name: `TT ${randomUUID().slice(0, 8)}` } })).id
const newStatus = async () => {
  const short = randomUUID().slice(0, 8)
  return (await f.t.app.db.taskStatus.create({ data: { name: `S ${short}`, short_name: short, color: '#000000' } })).id
}

describe('POST /data/task-type-links', () => {
  it('creates the link (priority 1 by default), then updates its priority; emits project:update', async () => {
    const tt = await newTaskType()
    const { result, events } = await withEvents(f.t.app, () => mgr().post('/data/task-type-links', { project_id: pid(), task_type_id: tt }))
    expect(result.status).toBe(201)
    expect(result.body).toEqual({
      id: expect.any(String), created_at: expect.stringMatching(DATETIME), updated_at: expect.stringMatching(DATETIME),
      project_id: pid(), task_type_id: tt, priority: 1, type: 'ProjectTaskTypeLink',
    })
    expect(events).toEqual(projectUpdates(pid(), f.manager.id))
    const again = await mgr().post('/data/task-type-links', { project_id: pid(), task_type_id: tt, priority: '5' })
    expect(again.body).toMatchObject({ id: result.body.id, priority: 5 })
    expect(await f.t.app.db.projectTaskTypeLink.count({ where: { project_id: pid(), task_type_id: tt } })).toBe(1)
  })

  it('reads its arguments from the query string too', async () => {
    const tt = await newTaskType()
    const res = await mgr().post(`/data/task-type-links?project_id=${pid()}&task_type_id=${tt}&priority=3`)
    expect(res).toMatchObject({ status: 201, body: { task_type_id: tt, priority: 3 } })
  })

  it('answers Zou’s 400s for missing, uncastable, malformed and unknown arguments, writing nothing', async () => {
    const tt = await newTaskType()
    const unknown = randomUUID()
    const before = await f.t.app.db.projectTaskTypeLink.count()
    expect((await mgr().post('/data/task-type-links', { task_type_id: tt })).body).toEqual(wrong('Missing required parameter: project_id'))
    expect((await mgr().post('/data/task-type-links', { project_id: pid() })).body).toEqual(wrong('Missing required parameter: task_type_id'))
    expect((await mgr().post('/data/task-type-links', { project_id: pid(), task_type_id: tt, priority: 'x' })).body)
      .toEqual(wrong('Wrong value for parameter priority.'))
    expect((await mgr().post('/data/task-type-links', { project_id: pid(), task_type_id: 'tt' })).body)
      .toEqual(wrong('task_type_id is required and must be a valid UUID'))
    expect((await mgr().post('/data/task-type-links', { project_id: pid(), task_type_id: unknown })).body)
      .toEqual(wrong(`TaskType with id ${unknown} not found`))
    expect((await mgr().post('/data/task-type-links', { project_id: 'p', task_type_id: tt })).body).toEqual(wrong(MALFORMED_ID))
    expect((await as(f.t.app, f.admin).post('/data/task-type-links', { project_id: randomUUID(), task_type_id: tt })).status).toBe(404)
    expect(await f.t.app.db.projectTaskTypeLink.count()).toBe(before)
  })
})

describe('POST /data/task-status-links', () => {
  it('creates the link, then overwrites priority and board roles (absent roles → none)', async () => {
    const st = await newStatus()
    const { result, events } = await withEvents(f.t.app, () =>
      mgr().post('/data/task-status-links', { project_id: pid(), task_status_id: st, priority: 2, roles_for_board: ['user', 'manager'] }))
    expect(result.status).toBe(201)
    expect(result.body).toMatchObject({ project_id: pid(), task_status_id: st, priority: 2, roles_for_board: ['user', 'manager'], type: 'ProjectTaskStatusLink' })
    expect(events).toEqual(projectUpdates(pid(), f.manager.id))
    const again = await mgr().post('/data/task-status-links', { project_id: pid(), task_status_id: st })
    expect(again.body).toMatchObject({ id: result.body.id, priority: 1, roles_for_board: [] })
    const query = await mgr().post(`/data/task-status-links?project_id=${pid()}&task_status_id=${st}&roles_for_board=client&roles_for_board=vendor`)
    expect(query.body.roles_for_board).toEqual(['client', 'vendor'])
  })

  it('refuses an unknown role, a malformed or unknown status', async () => {
    const st = await newStatus()
    expect((await mgr().post('/data/task-status-links', { project_id: pid(), task_status_id: st, roles_for_board: ['boss'] })).body)
      .toEqual(wrong('Wrong value for parameter roles_for_board.'))
    expect((await mgr().post('/data/task-status-links', { project_id: pid(), task_status_id: 'st' })).body)
      .toEqual(wrong('task_status_id is required and must be a valid UUID'))
    expect((await mgr().post('/data/task-status-links', { project_id: pid(), task_status_id: randomUUID() })).status).toBe(400)
    expect(await f.t.app.db.projectTaskStatusLink.count({ where: { task_status_id: st } })).toBe(0)
  })
})

describe('link reorders', () => {
  it('sets priorities 1..n by position on existing links only (unknown ids keep their place)', async () => {
    const [a, b, off] = [await newTaskType(), await newTaskType(), await newTaskType()]
    for (const tt of [a, b]) await mgr().post('/data/task-type-links', { project_id: pid(), task_type_id: tt, priority: 9 })
    const url = `/actions/projects/${pid()}/task-type-links/reorder`
    const { result, events } = await withEvents(f.t.app, () => mgr().post(url, { task_type_ids: [b, randomUUID(), off, a] }))
    expect(result.status).toBe(200)
    expect(result.body.map((l: { task_type_id: string; priority: number; type: string }) => [l.task_type_id, l.priority, l.type]))
      .toEqual([[b, 1, 'ProjectTaskTypeLink'], [a, 4, 'ProjectTaskTypeLink']])
    expect(events).toEqual(projectUpdates(pid(), f.manager.id))
    expect(await f.t.app.db.projectTaskTypeLink.count({ where: { project_id: pid(), task_type_id: off } })).toBe(0)
  })

  it('reorders task status links and keeps their board roles', async () => {
    const [a, b] = [await newStatus(), await newStatus()]
    await mgr().post('/data/task-status-links', { project_id: pid(), task_status_id: a, roles_for_board: ['client'] })
    await mgr().post('/data/task-status-links', { project_id: pid(), task_status_id: b })
    const res = await mgr().post(`/actions/projects/${pid()}/task-status-links/reorder`, { task_status_ids: [b, a] })
    expect(res.body.map((l: { task_status_id: string; priority: number; roles_for_board: string[] }) => [l.task_status_id, l.priority, l.roles_for_board]))
      .toEqual([[b, 1, []], [a, 2, ['client']]])
  })

  it('refuses a body without the id list, and malformed ids', async () => {
    const url = `/actions/projects/${pid()}/task-type-links/reorder`
    const message = wrong("Request body must be a JSON object with a 'task_type_ids' list.")
    expect((await mgr().post(url, [randomUUID()])).body).toEqual(message)
    expect((await mgr().post(url, { task_type_ids: 'x' })).body).toEqual(message)
    expect((await mgr().post(url)).body).toEqual(message)
    expect((await mgr().post(`/actions/projects/${pid()}/task-status-links/reorder`, {})).body)
      .toEqual(wrong("Request body must be a JSON object with a 'task_status_ids' list."))
    expect((await mgr().post(url, { task_type_ids: ['nope'] })).body).toEqual(wrong(MALFORMED_ID))
  })
})

describe('POST /actions/task-types/reorder', () => {
  it('sets the global priorities by position, skips unknown ids, emits nothing; admins only', async () => {
    const [a, b] = [await newTaskType(), await newTaskType()]
    const { result, events } = await withEvents(f.t.app, () =>
      as(f.t.app, f.admin).post('/actions/task-types/reorder', { task_type_ids: [randomUUID(), b, a] }))
    expect(result.status).toBe(200)
    expect(result.body.map((t: { id: string; priority: number; type: string }) => [t.id, t.priority, t.type]))
      .toEqual([[b, 2, 'TaskType'], [a, 3, 'TaskType']])
    expect(events).toEqual([])
    expect((await f.t.app.db.taskType.findUnique({ where: { id: a } }))?.priority).toBe(3)
    expect((await as(f.t.app, f.manager).post('/actions/task-types/reorder', { task_type_ids: [a] })).status).toBe(403)
    expect((await as(f.t.app, f.admin).post('/actions/task-types/reorder', { ids: [a] })).status).toBe(400)
    const artist = await login(f.t.app, 'user')
    expect((await as(f.t.app, artist).post('/actions/task-types/reorder', { task_type_ids: [a] })).status).toBe(403)
  })
})
