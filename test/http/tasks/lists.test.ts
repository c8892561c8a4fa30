// routes.md §4 lists: open tasks (filters, paging, stats, fixed query count), person tasks
// (shape, last comment, casting episodes, role answers, fixed query count), task dates,
// project task pages, the full task.
import { beforeAll, describe, expect, it } from 'vitest'
import { useRoleProduction } from '../../helpers/route-table.ts'
import { as, makeProduction } from '../../helpers/fixtures.ts'
import { call, FORBIDDEN } from '../crud/helpers.ts'
import { makeEntity, makeTask, makeTree, queriesOf, type Tree } from '../sequences/helpers.ts'
import { newComment } from './helpers.ts'

const file = useRoleProduction()
const get = (url: string, who = file.admin) => call(file.t.app, 'GET', url, who.headers)
let prod: Awaited<ReturnType<typeof makeProduction>>
let tree: Tree

beforeAll(async () => {
  const { manager, user, client, vendor } = file.people
  prod = await makeProduction(file.t.app, [manager, user, client, vendor].map((p) => ({ id: p.id })))
  tree = await makeTree(file.t.app, prod, { assign: [user.id], tag: 'L' })
})

describe('GET /data/tasks/open-tasks', () => {
  it('answers the rows with their type and status keys, the stats and the paging', async () => {
    const res = await get(`/data/tasks/open-tasks?project_id=${prod.project.id}&limit=3`, file.people.manager)
    expect(res.status).toBe(200)
    // makeProduction's own task + the tree's four.
    expect(res.body).toMatchObject({ limit: 3, is_more: true, page: 1, stats: { total: 5, total_duration: 0, total_estimation: 0 } })
    expect(res.body.stats.status).toEqual([{ task_status_id: prod.status.id, amount: 5 }])
    expect(res.body.data).toHaveLength(3)
    const row = res.body.data.find((r: { entity_name: string }) => r.entity_name === 'SH-L')
    expect(row).toMatchObject({
      type: 'Task', project_name: prod.project.name, entity_type_name: 'Shot', sequence_name: 'SQ-L',
      episode_id: tree.episode.id, episode_name: 'E-L', type_name: prod.taskType.name, status_name: 'Todo',
      status_short_name: 'todo', status_color: '#f5f5f5', estimation: 0, duration: 0, start_date: null, done_date: null,
      assignees: [file.people.user.id],
    })
    const page2 = await get(`/data/tasks/open-tasks?project_id=${prod.project.id}&limit=3&page=2`, file.people.manager)
    expect(page2.body).toMatchObject({ page: 2, is_more: false })
    expect(page2.body.data).toHaveLength(2)
    const all = [...res.body.data, ...page2.body.data].map((r: { id: string }) => r.id)
    expect(new Set(all).size).toBe(5)
  })

  it('filters by assignee (ids or unassigned), status and task type priority', async () => {
    const base = `/data/tasks/open-tasks?project_id=${prod.project.id}`
    const mine = await get(`${base}&person_id=${file.people.user.id}`)
    expect(mine.body.data).toHaveLength(4)
    const none = await get(`${base}&person_id=unassigned`)
    expect(none.body.data.map((r: { id: string }) => r.id)).toEqual([prod.task.id])
    const nothing = await get(`${base}&priority=99`)
    expect(nothing.body).toEqual({ data: [], stats: { total_duration: 0, total_estimation: 0, total: 0, status: [] }, limit: 100, is_more: false, page: 1 })
    const byType = await get(`${base}&priority=1&task_status_id=${prod.status.id}`)
    expect(byType.body.data).toHaveLength(5)
  })

  it('leaves concept tasks out unless a task type is asked, and only shows the caller’s open projects', async () => {
    const conceptType = await file.t.app.db.taskType.create({ data: { name: `Concepting ${prod.project.id.slice(0, 6)}`, for_entity: 'Concept' } })
    const concept = await makeEntity(file.t.app, prod, 'Concept', 'C-L')
    await makeTask(file.t.app, prod, concept.id, [], { task_type_id: conceptType.id })
    expect((await get(`/data/tasks/open-tasks?project_id=${prod.project.id}`)).body.stats.total).toBe(5)
    expect((await get(`/data/tasks/open-tasks?project_id=${prod.project.id}&task_type_id=${conceptType.id}`)).body.data).toHaveLength(1)
    const outsider = await get('/data/tasks/open-tasks', file.people.outsider)
    expect(outsider.body.data).toEqual([])
  })

  it('answers 400 for malformed ids and dates, 403 outside the project', async () => {
    expect((await get('/data/tasks/open-tasks?task_type_id=nope')).body).toEqual({ error: true, message: 'Wrong UUID format.', data: null })
    expect((await get('/data/tasks/open-tasks?person_id=a,b')).status).toBe(400)
    expect((await get('/data/tasks/open-tasks?start_date=2024-13-45')).status).toBe(400)
    expect((await get('/data/tasks/open-tasks?limit=ten')).status).toBe(400)
    const res = await get(`/data/tasks/open-tasks?project_id=${prod.project.id}`, file.people.outsider)
    expect(res.status).toBe(403)
    expect(res.body).toEqual(FORBIDDEN)
  })

  it('runs the same number of statements for 5 tasks or 25', async () => {
    const url = `/data/tasks/open-tasks?project_id=${prod.project.id}`
    const small = await queriesOf(file.t.app, url, file.people.manager)
    for (let i = 0; i < 4; i++) await makeTree(file.t.app, prod, { assign: [file.people.user.id], tag: `Q${i}` })
    const big = await queriesOf(file.t.app, url, file.people.manager)
    expect(big.body.data.length).toBeGreaterThan(small.body.data.length)
    expect(big.sql.length, big.sql.join('\n')).toBe(small.sql.length)
    expect(big.sql.length).toBe(3) // token check, rows, stats
  })
})

describe('GET /data/tasks/open-tasks/stats', () => {
  it('sums per project, task type and status', async () => {
    const res = await get('/data/tasks/open-tasks/stats', file.people.client)
    expect(res.status).toBe(200)
    const stats = res.body[prod.project.id]
    expect(stats).toMatchObject({ amount: expect.any(Number), amount_done: 0, total_duration: 0, total_estimation: 0 })
    expect(stats.task_types[0]).toMatchObject({ project_id: prod.project.id, task_type_id: prod.taskType.id, task_status_id: prod.status.id })
    expect(res.body[file.prod.project.id]).toBeDefined()
    expect((await get('/data/tasks/open-tasks/stats', file.people.outsider)).body).toEqual({})
  })
})

describe('GET /data/persons/:person_id/tasks and /done-tasks', () => {
  it('answers person task rows with the last non-client comment and the casting episodes', async () => {
    const { app } = file.t
    const { user, client } = file.people
    await app.db.entityLink.create({ data: { entity_in_id: tree.episode.id, entity_out_id: tree.asset.id } })
    await newComment(app, tree.tasks.asset.id, user.id, { text: 'from the artist', created_at: new Date('2024-01-01T10:00:00Z') })
    await newComment(app, tree.tasks.asset.id, client.id, { text: 'from the client', created_at: new Date('2024-01-02T10:00:00Z') })
    const res = await get(`/data/persons/${user.id}/tasks`)
    expect(res.status).toBe(200)
    const asset = res.body.find((r: { id: string }) => r.id === tree.tasks.asset.id)
    expect(asset).toMatchObject({
      entity_name: 'A-L', task_type_name: prod.taskType.name, task_status_name: 'Todo', task_status_short_name: 'todo',
      task_estimation: 0, task_duration: 0, task_due_date: null, episode_ids: [tree.episode.id], episode_names: ['E-L'],
      last_comment: { text: 'from the artist', date: '2024-01-01T10:00:00', person_id: user.id },
    })
    // Supervisors are not in this production's team: its tasks stay out of their answer.
    const sup = await get(`/data/persons/${user.id}/tasks`, file.people.supervisor)
    expect(sup.body.filter((r: { project_id: string }) => r.project_id === prod.project.id)).toHaveLength(0)
    const own = await get(`/data/persons/${user.id}/tasks`, user)
    expect(own.body.filter((r: { project_id: string }) => r.project_id === prod.project.id).length).toBeGreaterThanOrEqual(4)
    expect(own.body.find((r: { id: string }) => r.id === tree.tasks.shot.id).last_comment).toEqual({})
  })

  it('lists done tasks apart', async () => {
    const { app } = file.t
    const done = await app.db.taskStatus.create({ data: { name: 'Done L', short_name: 'donel', color: '#00ff00', is_done: true } })
    await app.db.task.update({ where: { id: tree.tasks.shot.id }, data: { task_status_id: done.id, end_date: new Date('2024-02-01T00:00:00Z') } })
    const res = await get(`/data/persons/${file.people.user.id}/done-tasks`)
    expect(res.body.map((r: { id: string }) => r.id)).toContain(tree.tasks.shot.id)
    const open = await get(`/data/persons/${file.people.user.id}/tasks`)
    expect(open.body.map((r: { id: string }) => r.id)).not.toContain(tree.tasks.shot.id)
  })

  it('refuses bots and vendors asking about others, answers [] to clients, 404 for unknown people', async () => {
    const bot = await file.t.app.db.person.create({ data: { first_name: 'B', last_name: 'ot', is_bot: true } })
    expect((await get(`/data/persons/${bot.id}/tasks`)).status).toBe(403)
    expect((await get(`/data/persons/${file.people.user.id}/tasks`, file.people.vendor)).status).toBe(403)
    expect((await get(`/data/persons/${file.people.vendor.id}/tasks`, file.people.vendor)).body).toEqual([])
    expect((await get(`/data/persons/${file.people.user.id}/tasks`, file.people.client)).body).toEqual([])
    expect((await get('/data/persons/6f9619ff-8b86-d011-b42d-00cf4fc964ff/tasks')).status).toBe(404)
    expect((await get('/data/persons/not-an-id/tasks')).status).toBe(404)
  })

  it('runs the same number of statements whatever the number of tasks', async () => {
    const artist = await as(file.t.app, 'user')
    await file.t.app.db.projectPersonLink.create({ data: { project_id: prod.project.id, person_id: artist.id } })
    const url = `/data/persons/${artist.id}/tasks`
    await makeTree(file.t.app, prod, { assign: [artist.id], tag: 'N1' })
    const small = await queriesOf(file.t.app, url, file.people.manager)
    for (let i = 0; i < 3; i++) await makeTree(file.t.app, prod, { assign: [artist.id], tag: `N${i + 2}` })
    const big = await queriesOf(file.t.app, url, file.people.manager)
    expect(big.body).toHaveLength(16)
    expect(big.sql.length, big.sql.join('\n')).toBe(small.sql.length)
    expect(big.sql.length).toBe(3) // token check, target person, rows
  })
})

describe('GET /data/persons/:person_id/related-tasks/:task_type_id', () => {
  it('answers the tasks of that type on the entities the person works on', async () => {
    const res = await get(`/data/persons/${file.people.user.id}/related-tasks/${prod.taskType.id}`)
    expect(res.status).toBe(200)
    const ids = res.body.map((r: { id: string }) => r.id)
    expect(ids).toContain(tree.tasks.asset.id)
    expect(ids).not.toContain(prod.task.id)
    expect(res.body[0].type).toBe('Task')
  })
})

describe('GET /data/persons/task-dates', () => {
  it('answers per-person min and max dates as Python prints them', async () => {
    const { app } = file.t
    await app.db.task.update({ where: { id: tree.tasks.episode.id }, data: { start_date: new Date('2024-05-01T00:00:00Z'), due_date: new Date('2024-05-10T00:00:00Z') } })
    const res = await get(`/data/persons/task-dates?project_id=${prod.project.id}`, file.people.manager)
    expect(res.status).toBe(200)
    expect(res.body).toContainEqual({ person_id: file.people.user.id, min_date: '2024-05-01 00:00:00', max_date: '2024-05-10 00:00:00', busy_periods: [] })
    expect((await get('/data/persons/task-dates?project_id=oops')).body).toEqual({ error: true, message: 'Invalid project_id.', data: null })
    expect((await get(`/data/persons/task-dates?project_id=${prod.project.id}`, file.people.supervisor)).status).toBe(403)
  })

  it('shows other open productions as anonymous busy periods to managers', async () => {
    const res = await get('/data/persons/task-dates', file.people.supervisor)
    const user = res.body.find((r: { person_id: string }) => r.person_id === file.people.user.id)
    expect(user.busy_periods).toEqual([{ start_date: '2024-05-01T00:00:00', end_date: '2024-05-10T00:00:00' }])
  })
})

describe('project lists and the full task', () => {
  it('pages the project tasks with their assignees, newest first', async () => {
    const all = await get(`/data/projects/${prod.project.id}/tasks`, file.people.user)
    expect(Array.isArray(all.body)).toBe(true)
    expect(all.body[0]).toHaveProperty('assignees')
    const page = await get(`/data/projects/${prod.project.id}/tasks?page=1&episode_id=${tree.episode.id}`, file.people.user)
    expect(page.body).toMatchObject({ page: 1, offset: 0, limit: 100, total: 1, nb_pages: 1 })
    expect(page.body.data[0].id).toBe(tree.tasks.shot.id)
    expect((await get('/data/projects/6f9619ff-8b86-d011-b42d-00cf4fc964ff/tasks')).status).toBe(404)
  })

  it('answers the full task of a shot with its sequence and episode', async () => {
    const res = await get(`/data/tasks/${tree.tasks.shot.id}/full`, file.people.user)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      id: tree.tasks.shot.id, type: 'Task', assignees: [file.people.user.id], is_subscribed: false,
      entity: { id: tree.shot.id, type: 'Shot' }, sequence: { id: tree.sequence.id, type: 'Sequence' },
      episode: { id: tree.episode.id, type: 'Episode' }, project: { id: prod.project.id }, task_type: { id: prod.taskType.id },
      persons: [{ id: file.people.user.id }],
    })
    expect((await get('/data/tasks/not-a-uuid/full')).status).toBe(404)
  })
})
