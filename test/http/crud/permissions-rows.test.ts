// crud.md §9.5–§10, the row-dependent cases the matrix cannot show: vendors and their
// assignments, closed projects, self rules, department-bound supervisor rules, client rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from './helpers.ts'

let t: TestApp
let admin: TestPerson, manager: TestPerson, supervisor: TestPerson, user: TestPerson, client: TestPerson, vendor: TestPerson
let open: Awaited<ReturnType<typeof makeProduction>>
let closed: Awaited<ReturnType<typeof makeProduction>>

const get = (url: string, who: TestPerson) => call(t.app, 'GET', url, who.headers)
const put = (url: string, who: TestPerson, body: unknown) => call(t.app, 'PUT', url, who.headers, body)
const ids = (res: { body: Array<{ id: string }> }) => res.body.map((r) => r.id).sort()

beforeAll(async () => {
  t = await buildTestApp()
  admin = await as(t.app, 'admin')
  ;[manager, supervisor, user, client, vendor] = await Promise.all((['manager', 'supervisor', 'user', 'client', 'vendor'] as const).map((r) => as(t.app, r)))
  const team = [manager, supervisor, user, client, vendor].map((p) => ({ id: p.id }))
  open = await makeProduction(t.app, team)
  closed = await makeProduction(t.app, team)
  const status = await t.app.db.projectStatus.create({ data: { name: 'Closed', color: '#000000' } })
  await t.app.db.project.update({ where: { id: closed.project.id }, data: { project_status_id: status.id } })
})
afterAll(async () => { await t.close() })

describe('vendors', () => {
  it('see a task, its entity and its previews only once assigned', async () => {
    const second = await t.app.db.task.create({ data: { name: 'second', project_id: open.project.id, entity_id: open.asset.id, task_type_id: open.taskType.id, task_status_id: open.status.id } })
    const preview = await t.app.db.previewFile.create({ data: { name: 'v1', task_id: open.task.id, revision: 1 } })
    expect((await get('/data/tasks', vendor)).body).toEqual([])
    expect((await get('/data/entities', vendor)).body).toEqual([])
    expect((await get(`/data/tasks/${open.task.id}`, vendor)).status).toBe(403)
    expect((await get(`/data/preview-files/${preview.id}`, vendor)).status).toBe(403)

    await t.app.db.taskPersonLink.createMany({ data: [open.task.id, second.id].map((task_id) => ({ task_id, person_id: vendor.id })) })
    expect(ids(await get('/data/tasks', vendor))).toEqual([open.task.id, second.id].sort())
    expect(ids(await get('/data/entities', vendor))).toEqual([open.asset.id]) // once, though two tasks match
    expect((await get(`/data/tasks/${open.task.id}`, vendor)).status).toBe(200)
    expect((await get(`/data/entities/${open.asset.id}`, vendor)).status).toBe(200)
    expect(ids(await get('/data/preview-files', vendor))).toEqual([preview.id])
    expect((await get(`/data/preview-files/${preview.id}`, vendor)).status).toBe(200)
    // Still no list of output files or working files, whatever their assignments.
    expect((await get('/data/working-files', vendor)).status).toBe(403)
    expect((await get('/data/output-files', vendor)).status).toBe(403)
  })

  it('see their tasks of any project, but other tasks never', async () => {
    await t.app.db.taskPersonLink.create({ data: { task_id: closed.task.id, person_id: vendor.id } })
    expect(ids(await get('/data/tasks', vendor))).toContain(closed.task.id)
    const other = await t.app.db.task.create({ data: { name: 'other', project_id: open.project.id, entity_id: open.asset.id, task_type_id: open.taskType.id, task_status_id: open.status.id } })
    expect(ids(await get('/data/tasks', vendor))).not.toContain(other.id)
  })
})

describe('closed projects', () => {
  it('are hidden from non-admin lists, with their entities and tasks', async () => {
    for (const who of [manager, user, client]) {
      expect(ids(await get('/data/projects', who)), who.role).toEqual([open.project.id])
      expect(ids(await get('/data/entities', who)), who.role).not.toContain(closed.asset.id)
      expect(ids(await get('/data/tasks', who)), who.role).not.toContain(closed.task.id)
    }
    expect(ids(await get('/data/projects', admin))).toEqual([open.project.id, closed.project.id].sort())
    expect(ids(await get('/data/tasks', admin))).toContain(closed.task.id)
    // Project access does not depend on the status: the team still reads the rows.
    expect((await get(`/data/projects/${closed.project.id}`, manager)).status).toBe(200)
    expect((await get(`/data/tasks/${closed.task.id}`, user)).status).toBe(200)
  })

  it('keep their playlists and working files listed (any status)', async () => {
    const playlist = await t.app.db.playlist.create({ data: { name: 'old', project_id: closed.project.id } })
    const file = await t.app.db.workingFile.create({ data: { name: 'w', task_id: closed.task.id, entity_id: closed.asset.id } })
    expect(ids(await get('/data/playlists', user))).toContain(playlist.id)
    expect(ids(await get('/data/working-files', user))).toContain(file.id)
    const outsider = await as(t.app, 'user')
    expect(ids(await get('/data/playlists', outsider))).not.toContain(playlist.id)
    expect(ids(await get('/data/working-files', outsider))).not.toContain(file.id)
  })
})

describe('clients', () => {
  it('list only playlists for clients and read only client comments', async () => {
    const shown = await t.app.db.playlist.create({ data: { name: 'client', project_id: open.project.id, for_client: true } })
    const hidden = await t.app.db.playlist.create({ data: { name: 'internal', project_id: open.project.id } })
    const listed = ids(await get('/data/playlists', client))
    expect(listed).toContain(shown.id)
    expect(listed).not.toContain(hidden.id)
    const internal = await t.app.db.comment.create({ data: { object_id: open.task.id, object_type: 'Task', person_id: user.id, text: 'wip' } })
    const forClient = await t.app.db.comment.create({ data: { object_id: open.task.id, object_type: 'Task', person_id: user.id, text: 'ok', for_client: true } })
    const byClient = await t.app.db.comment.create({ data: { object_id: open.task.id, object_type: 'Task', person_id: client.id, text: 'no' } })
    expect((await get(`/data/comments/${internal.id}`, client)).status).toBe(403)
    expect((await get(`/data/comments/${forClient.id}`, client)).status).toBe(200)
    expect((await get(`/data/comments/${byClient.id}`, client)).status).toBe(200)
    // Other roles do not read what clients wrote; supervisors and managers do.
    expect((await get(`/data/comments/${byClient.id}`, user)).status).toBe(403)
    expect((await get(`/data/comments/${byClient.id}`, supervisor)).status).toBe(200)
  })
})

describe('read variants', () => {
  it('shows persons minimal to non-managers and organisations without chat tokens to non-admins', async () => {
    const minimal = await get(`/data/persons/${manager.id}`, user)
    expect(Object.keys(minimal.body).sort()).toEqual(['active', 'departments', 'desktop_login', 'first_name', 'full_name', 'has_avatar', 'id', 'is_bot', 'last_name', 'role', 'studio_id', 'type'])
    expect((await get(`/data/persons/${user.id}`, manager)).body.email).toBe(user.email)
    expect((await get('/data/persons', manager)).body.every((p: Record<string, unknown>) => !('email' in p))).toBe(true)
    expect((await get('/data/persons', admin)).body.every((p: Record<string, unknown>) => 'email' in p && !('password' in p) && !('jti' in p))).toBe(true)
    const org = await t.app.db.organisation.create({ data: { name: 'Studio', chat_token_slack: 'secret' } })
    const masked = await get(`/data/organisations?id=${org.id}`, user)
    expect(masked.body).toHaveLength(1)
    expect(masked.body[0]).not.toHaveProperty('chat_token_slack')
    expect((await get(`/data/organisations/${org.id}`, user)).body).not.toHaveProperty('chat_token_slack')
    expect((await get(`/data/organisations?id=${org.id}`, admin)).body[0].chat_token_slack).toBe('secret')
    expect((await get(`/data/organisations/${org.id}`, admin)).body.chat_token_slack).toBe('secret')
  })
})

describe('self rules', () => {
  it('lets a person edit themselves, never their role, and admins never delete themselves', async () => {
    const res = await put(`/data/persons/${user.id}`, user, { first_name: 'Me', role: 'admin' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ first_name: 'Me', role: 'user' })
    expect((await put(`/data/persons/${manager.id}`, user, { first_name: 'You' })).status).toBe(403)
    expect((await call(t.app, 'DELETE', `/data/persons/${admin.id}`, admin.headers)).status).toBe(403)
    expect(await t.app.db.person.count({ where: { id: admin.id } })).toBe(1)
  })

  it('keeps day offs to their person', async () => {
    const mine = await call(t.app, 'POST', '/data/day-offs', user.headers, { date: '2040-01-01', end_date: '2040-01-02', person_id: user.id })
    expect(mine.status).toBe(201)
    expect((await call(t.app, 'POST', '/data/day-offs', user.headers, { date: '2040-02-01', end_date: '2040-02-02', person_id: manager.id })).status).toBe(403)
    expect((await put(`/data/day-offs/${mine.body.id}`, user, { person_id: manager.id })).status).toBe(403)
    expect((await get(`/data/day-offs/${mine.body.id}`, manager)).status).toBe(403)
    expect((await put(`/data/day-offs/${mine.body.id}`, admin, { person_id: manager.id })).status).toBe(200)
  })
})

describe('supervisors and departments', () => {
  it('change entity data only for their departments\' descriptors', async () => {
    const dep = await t.app.db.department.create({ data: { name: 'Modeling', color: '#000000' } })
    const other = await t.app.db.department.create({ data: { name: 'Rigging', color: '#000000' } })
    const mine = await t.app.db.metadataDescriptor.create({ data: { project_id: open.project.id, entity_type: 'Asset', name: 'Size', field_name: 'size' } })
    const theirs = await t.app.db.metadataDescriptor.create({ data: { project_id: open.project.id, entity_type: 'Asset', name: 'Rig', field_name: 'rig' } })
    await t.app.db.departmentMetadataDescriptorLink.createMany({ data: [{ metadata_descriptor_id: mine.id, department_id: dep.id }, { metadata_descriptor_id: theirs.id, department_id: other.id }] })
    const url = `/data/entities/${open.asset.id}`
    // Without a department a supervisor may change any data key, and nothing else.
    expect((await put(url, supervisor, { data: { rig: 'x' } })).status).toBe(200)
    expect((await put(url, supervisor, { description: 'x' })).status).toBe(403)
    await t.app.db.departmentLink.create({ data: { person_id: supervisor.id, department_id: dep.id } })
    const res = await put(url, supervisor, { data: { size: 'L' } })
    expect(res.status).toBe(200)
    expect(res.body.data).toEqual({ rig: 'x', size: 'L' }) // merged
    expect((await put(url, supervisor, { data: { rig: 'y' } })).status).toBe(403)
    expect((await put(url, user, { data: { size: 'S' } })).status).toBe(403)
  })

  it('plan only tasks of their departments\' task types', async () => {
    const rig = await t.app.db.department.create({ data: { name: 'Anim', color: '#000000' } })
    await t.app.db.taskType.update({ where: { id: open.taskType.id }, data: { department_id: rig.id } })
    const url = `/data/tasks/${open.task.id}`
    expect((await put(url, supervisor, { priority: 3 })).status).toBe(403)
    await t.app.db.departmentLink.create({ data: { person_id: supervisor.id, department_id: rig.id } })
    expect((await put(url, supervisor, { priority: 3 })).status).toBe(200)
    expect((await put(url, supervisor, { name: 'renamed' })).status).toBe(403)
    expect((await put(url, manager, { name: 'renamed' })).status).toBe(200)
  })
})

describe('production schedules', () => {
  it('list without a project only for admins', async () => {
    expect((await get('/data/production-schedule-versions', admin)).status).toBe(200)
    expect((await get('/data/production-schedule-versions', manager)).status).toBe(403)
    expect((await get(`/data/production-schedule-versions?project_id=${open.project.id}`, manager)).status).toBe(200)
    const outsider = await as(t.app, 'manager')
    expect((await get(`/data/production-schedule-versions?project_id=${open.project.id}`, outsider)).status).toBe(403)
  })

  it('list task links of the asked project only (Zou lists every project\'s)', async () => {
    const [v1, v2] = await Promise.all([open, closed].map((p) => t.app.db.productionScheduleVersion.create({ data: { name: 'v', project_id: p.project.id } })))
    const l1 = await t.app.db.productionScheduleVersionTaskLink.create({ data: { production_schedule_version_id: v1.id, task_id: open.task.id } })
    await t.app.db.productionScheduleVersionTaskLink.create({ data: { production_schedule_version_id: v2.id, task_id: closed.task.id } })
    expect(ids(await get(`/data/production-schedule-version-task-links?project_id=${open.project.id}`, manager))).toEqual([l1.id])
  })
})
