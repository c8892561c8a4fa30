// GET /data/user/context, /data/user/projects/open and the to-do / done / to-check lists:
// shapes, who sees what, and a fixed number of SQL statements whatever the caller's task
// count (issue 7: what Kitsu and desktop tools load first).
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { assign, makeEntity, makeFilter, makeFilterGroup, makeNotification, makeTask, typeId, withQueryCount } from './helpers.ts'

interface ContextFile extends FileApp {
  manager: TestPerson
  artist: TestPerson
  supervisor: TestPerson
  client: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
  closed: Awaited<ReturnType<typeof makeProduction>>
}

const file = useFileAppWith<ContextFile>(async ({ t }) => {
  const manager = await as(t.app, 'manager')
  const artist = await as(t.app, 'user')
  const supervisor = await as(t.app, 'supervisor')
  const client = await as(t.app, 'client')
  const team = [{ id: manager.id }, { id: artist.id, role: 'supervisor' as const }, { id: supervisor.id }, { id: client.id }]
  const prod = await makeProduction(t.app, team)
  const closed = await makeProduction(t.app, [{ id: artist.id }])
  const closedStatus = await t.app.db.projectStatus.create({ data: { name: `Closed ${Date.now()}`, color: '#000000' } })
  await t.app.db.project.update({ where: { id: closed.project.id }, data: { project_status_id: closedStatus.id } })
  return { manager, artist, supervisor, client, prod, closed }
})

const get = (url: string, who: TestPerson) => call(file.t.app, 'GET', url, who.headers)

describe('GET /data/user/context', () => {
  it('answers the studio lists, the caller-scoped ones, and user_limit only for admins', async () => {
    const { t, artist, admin, prod } = file
    await makeNotification(t.app, artist.id, admin.id)
    await makeNotification(t.app, artist.id, admin.id, { type: 'mention', read: true })
    await makeFilter(t.app, artist.id, { project_id: prod.project.id })
    await makeFilterGroup(t.app, artist.id)
    await typeId(t.app, 'Shot')
    const res = await get('/data/user/context', artist)
    expect(res.status).toBe(200)
    const body = res.body
    expect(Object.keys(body).sort()).toEqual([
      'asset_types', 'custom_actions', 'departments', 'notification_count', 'persons', 'plugins', 'preview_background_files',
      'project_roles', 'project_status', 'projects', 'search_filter_groups', 'search_filters', 'status_automations', 'studios',
      'task_status', 'task_types',
    ])
    expect(body.notification_count).toBe(1)
    expect(body.project_roles).toEqual({ [prod.project.id]: 'supervisor' })
    expect(body.projects.map((p: { id: string }) => p.id)).toEqual([prod.project.id])
    expect(body.projects[0]).toMatchObject({ type: 'Project', descriptors: [], team: expect.any(Array) })
    const assetType = body.asset_types.find((a: { id: string }) => a.id === prod.assetType.id)
    expect(assetType).toMatchObject({ type: 'AssetType', name: prod.assetType.name, task_types: [] })
    expect(assetType.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    expect(body.asset_types.some((a: { name: string }) => a.name === 'Shot')).toBe(false)
    expect(body.task_types.find((x: { id: string }) => x.id === prod.taskType.id)).toMatchObject({ type: 'TaskType', for_entity: 'Asset' })
    expect(body.task_status.find((x: { id: string }) => x.id === prod.status.id)).toMatchObject({ type: 'TaskStatus', short_name: 'todo' })
    expect(body.project_status.some((x: { name: string; type: string }) => x.name === 'Open' && x.type === 'ProjectStatus')).toBe(true)
    expect(body.search_filters.todo[prod.project.id]).toHaveLength(1)
    expect(body.search_filter_groups.todo.all).toHaveLength(1)
    // Artists get the minimal person shape, without secrets.
    const self = body.persons.find((x: { id: string }) => x.id === artist.id)
    expect(Object.keys(self).sort()).toEqual([
      'active', 'departments', 'desktop_login', 'first_name', 'full_name', 'has_avatar', 'id', 'is_bot', 'last_name', 'role', 'studio_id', 'type',
    ])
    expect(self).toMatchObject({ type: 'Person', full_name: 'user Tester', departments: [], role: 'user' })
    expect(res.text).not.toMatch(/password|totp_secret|"jti"/)
    expect('user_limit' in body).toBe(false)
  })

  it('gives managers the full person shape (with departments) and admins every open project and user_limit', async () => {
    const { t, manager, admin, artist, prod } = file
    const dep = await t.app.db.department.create({ data: { name: `Anim ${Date.now()}`, color: '#123456' } })
    await t.app.db.departmentLink.create({ data: { person_id: artist.id, department_id: dep.id } })
    const m = (await get('/data/user/context', manager)).body
    const person = m.persons.find((x: { id: string }) => x.id === artist.id)
    expect(person).toMatchObject({ email: expect.any(String), departments: [dep.id], type: 'Person', full_name: 'user Tester' })
    expect(person).not.toHaveProperty('password')
    expect(m.departments.find((d: { id: string }) => d.id === dep.id)).toMatchObject({ type: 'Department', color: '#123456' })
    const a = (await get('/api/data/user/context', admin)).body
    expect(a.user_limit).toBe(file.t.config.userLimit)
    expect(a.projects.map((p: { id: string }) => p.id)).toContain(prod.project.id)
    expect(a.project_roles).toEqual({})
  })

  it('guests are not listed', async () => {
    const { t, manager } = file
    const guest = await t.app.db.person.create({ data: { first_name: 'Guest', last_name: 'X', is_guest: true } })
    const body = (await get('/data/user/context', manager)).body
    expect(body.persons.some((x: { id: string }) => x.id === guest.id)).toBe(false)
  })
})

describe('GET /data/user/projects/open', () => {
  it('lists the caller\'s open projects, by name', async () => {
    const { artist, prod, closed } = file
    const all = (await get('/data/user/projects/open', artist)).body
    expect(all.map((p: { id: string }) => p.id)).toEqual([prod.project.id])
    expect(all.map((p: { id: string }) => p.id)).not.toContain(closed.project.id)
    const named = (await get(`/data/user/projects/open?name=${encodeURIComponent(prod.project.name)}`, artist)).body
    expect(named).toHaveLength(1)
    expect((await get('/data/user/projects/open?name=nope', artist)).body).toEqual([])
  })
})

describe('to-do, done and to-check lists', () => {
  it('list the caller\'s tasks of open team projects as person task rows', async () => {
    const { t, artist, admin, prod, closed } = file
    const done = await t.app.db.taskStatus.create({ data: { name: 'Done', short_name: `d${Date.now() % 1e8}`, color: '#00ff00', is_done: true } })
    const shot = await makeEntity(t.app, prod, 'Shot', 'SH010')
    const todo = await makeTask(t.app, prod, shot.id, { name: 'todo' })
    const finished = await makeTask(t.app, prod, shot.id, { name: 'finished', task_status_id: done.id, end_date: new Date('2024-02-01T10:00:00Z') })
    const older = await makeTask(t.app, prod, shot.id, { name: 'older', task_status_id: done.id, end_date: new Date('2024-01-01T10:00:00Z') })
    const notMine = await makeTask(t.app, prod, shot.id, { name: 'other' })
    const elsewhere = await makeTask(t.app, closed, closed.asset.id, { name: 'closed' })
    for (const task of [todo, finished, older, elsewhere]) await assign(t.app, task.id, artist.id)
    await assign(t.app, notMine.id, admin.id)
    await t.app.db.comment.create({ data: { object_id: todo.id, object_type: 'Task', person_id: admin.id, text: 'go', task_status_id: prod.status.id } })

    const todos = (await get('/data/user/tasks', artist)).body
    const ids = todos.map((x: { id: string }) => x.id)
    expect(ids).toContain(todo.id)
    expect(ids).not.toContain(finished.id)
    expect(ids).not.toContain(notMine.id)
    expect(ids).not.toContain(elsewhere.id)
    const row = todos.find((x: { id: string }) => x.id === todo.id)
    expect(row).toMatchObject({
      type: 'Task', project_id: prod.project.id, project_name: prod.project.name, entity_id: shot.id, entity_name: 'SH010',
      entity_type_name: 'Shot', assignees: [artist.id], task_type_name: prod.taskType.name, task_status_short_name: 'todo',
      last_comment: { text: 'go', person_id: admin.id, date: expect.any(String) }, entity_preview_file_id: '',
    })

    const dones = (await get('/data/user/done-tasks', artist)).body
    expect(dones.map((x: { id: string }) => x.id)).toEqual([finished.id, older.id])
  })

  it('tasks to check: supervisors see feedback requests of their departments, artists nothing', async () => {
    const { t, supervisor, manager, artist, admin, prod } = file
    const wfa = await t.app.db.taskStatus.create({ data: { name: 'WFA', short_name: `w${Date.now() % 1e8}`, color: '#0000ff', is_feedback_request: true } })
    const dep = await t.app.db.department.create({ data: { name: `Light ${Date.now()}`, color: '#123456' } })
    const other = await t.app.db.taskType.create({ data: { name: `Light ${Date.now()}`, for_entity: 'Shot', department_id: dep.id } })
    const shot = await makeEntity(t.app, prod, 'Shot', 'SH020')
    const inDep = await makeTask(t.app, prod, shot.id, { name: 'in', task_status_id: wfa.id, task_type_id: other.id })
    const outDep = await makeTask(t.app, prod, shot.id, { name: 'out', task_status_id: wfa.id })
    const ids = async (who: TestPerson) => ((await get('/data/user/tasks-to-check', who)).body as Array<{ id: string }>).map((x) => x.id)
    // No department: every feedback request of their projects.
    expect(await ids(supervisor)).toEqual(expect.arrayContaining([inDep.id, outDep.id]))
    await t.app.db.departmentLink.create({ data: { person_id: supervisor.id, department_id: dep.id } })
    const sup = await as(t.app, 'supervisor')
    await t.app.db.projectPersonLink.create({ data: { project_id: prod.project.id, person_id: sup.id } })
    await t.app.db.departmentLink.create({ data: { person_id: sup.id, department_id: dep.id } })
    const supIds = await ids(sup)
    expect(supIds).toContain(inDep.id)
    expect(supIds).not.toContain(outDep.id)
    expect(await ids(manager)).toEqual(expect.arrayContaining([inDep.id, outDep.id]))
    expect(await ids(admin)).toEqual(expect.arrayContaining([inDep.id, outDep.id]))
    expect(await ids(artist)).toEqual([])
    const row = (await get('/data/user/tasks-to-check', manager)).body.find((x: { id: string }) => x.id === inDep.id)
    expect(row).toMatchObject({ task_status_name: 'WFA', task_type_name: other.name, assignees: [], last_comment: {} })
  })
})

describe('queries per request', () => {
  it('context and task lists run a fixed number of statements whatever the task count', async () => {
    const { t, artist, manager, prod } = file
    const urls = ['/data/user/context', '/data/user/tasks', '/data/user/done-tasks', '/data/user/tasks-to-check', '/data/user/notifications']
    const count = async (who: TestPerson) => {
      const out = new Map<string, { n: number; sql: string[]; len: number }>()
      for (const url of urls) {
        const { res, sql } = await withQueryCount(t.app, who, { method: 'GET', url })
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
        out.set(url, { n: sql.length, sql, len: res.body.length })
      }
      return out
    }
    const small = await count(artist)
    const smallManager = await count(manager)
    const shot = await makeEntity(t.app, prod, 'Shot', 'SH-many')
    const tasks = await t.app.db.task.createManyAndReturn({
      data: Array.from({ length: 60 }, (_, i) => ({
        name: `many-${i}`, project_id: prod.project.id, entity_id: shot.id, task_type_id: prod.taskType.id, task_status_id: prod.status.id,
      })),
      select: { id: true },
    })
    await t.app.db.taskPersonLink.createMany({ data: tasks.map((x) => ({ task_id: x.id, person_id: artist.id })) })
    await t.app.db.comment.createMany({
      data: tasks.map((x) => ({ object_id: x.id, object_type: 'Task', person_id: manager.id, text: 'c', task_status_id: prod.status.id })),
    })
    for (let i = 0; i < 20; i++) await makeNotification(t.app, artist.id, manager.id, { task_id: tasks[i].id, type: 'assignation', reply_id: crypto.randomUUID() })
    const big = await count(artist)
    const bigManager = await count(manager)
    for (const [before, after] of [[small, big], [smallManager, bigManager]]) {
      for (const [url, s] of before) {
        const b = after.get(url)!
        expect(b.n, `${url}:\n${b.sql.join('\n')}`).toBe(s.n)
      }
    }
    expect(big.get('/data/user/tasks')!.len).toBeGreaterThan(small.get('/data/user/tasks')!.len)
    // The token check, then: context = catalog + projects + filters + groups; lists = one statement.
    expect(big.get('/data/user/context')!.n).toBe(5)
    expect(big.get('/data/user/tasks')!.n).toBe(2)
    expect(big.get('/data/user/notifications')!.n).toBe(2)
  })
})
