// routes.md §7: milestones, schedule items (created on demand), project time spents and
// production schedule versions — per-role access, shapes, bad input and events.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MANAGERS, routeTable, TEAM, useRoleProduction, type TableRole } from '../../helpers/route-table.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { api, eventsOf, makeEntity, NOT_FOUND_MESSAGE, uniq, wrong } from './helpers.ts'

const file = useRoleProduction()
const app = () => file.t.app
const pid = () => file.prod.project.id
const at = (suffix: string) => `/data/projects/${pid()}${suffix}`
const NO_VENDOR: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user', 'client']
const SCHEDULE_READERS: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user']
const DAY = 86_400_000
const today = () => new Date().toISOString().slice(0, 10)
const tomorrow = () => new Date(Date.now() + DAY).toISOString().slice(0, 10)

const version = (projectId = pid()) => app().db.productionScheduleVersion.create({ data: { name: uniq('v '), project_id: projectId } })
const action = (id: string, what: string) => `/actions/production-schedule-versions/${id}/${what}`

routeTable('schedules', file, [
  { method: 'GET', path: '/data/projects/:project_id/milestones', roles: TEAM, call: () => ({ url: at('/milestones') }) },
  { method: 'GET', path: '/data/projects/:project_id/schedule-items', roles: NO_VENDOR, call: () => ({ url: at('/schedule-items') }) },
  { method: 'GET', path: '/data/projects/:project_id/schedule-items/task-types', roles: NO_VENDOR, call: () => ({ url: at('/schedule-items/task-types') }) },
  ...(['asset-types', 'episodes', 'sequences', 'edits'] as const).map((kind) => ({
    method: 'GET' as const, path: `/data/projects/:project_id/schedule-items/:task_type_id/${kind}`, roles: NO_VENDOR,
    call: () => ({ url: at(`/schedule-items/${file.prod.taskType.id}/${kind}`) }),
  })),
  { method: 'GET', path: '/data/projects/:project_id/time-spents', roles: TEAM, call: () => ({ url: at('/time-spents') }) },
  {
    method: 'GET', path: '/data/production-schedule-versions/:production_schedule_version_id/task-links', roles: SCHEDULE_READERS,
    call: async () => ({ url: `/data/production-schedule-versions/${(await version()).id}/task-links` }),
  },
  {
    method: 'POST', path: '/actions/production-schedule-versions/:production_schedule_version_id/set-task-links-from-production', roles: MANAGERS, ok: 200,
    call: async () => ({ url: action((await version()).id, 'set-task-links-from-production') }),
  },
  {
    method: 'POST', path: '/actions/production-schedule-versions/:production_schedule_version_id/set-task-links-from-production-schedule-version', roles: MANAGERS, ok: 200,
    call: async () => ({ url: action((await version()).id, 'set-task-links-from-production-schedule-version'), payload: { production_schedule_version_id: (await version()).id } }),
  },
  {
    method: 'POST', path: '/actions/production-schedule-versions/:production_schedule_version_id/apply-to-production', roles: MANAGERS, ok: 200,
    call: async () => ({ url: action((await version()).id, 'apply-to-production') }),
  },
])

describe('GET …/milestones and …/time-spents', () => {
  it('lists the project’s milestones as {id, date, name, project_id, task_type_id}', async () => {
    const m = await app().db.milestone.create({ data: { name: 'Delivery', date: new Date('2025-03-04T00:00:00Z'), project_id: pid(), task_type_id: file.prod.taskType.id } })
    const { project } = await makeProduction(app())
    await app().db.milestone.create({ data: { name: 'Other', project_id: project.id } })
    const res = await api(app(), 'GET', at('/milestones'), file.people.vendor)
    expect(res.status).toBe(200)
    expect(res.body).toEqual([{ id: m.id, date: '2025-03-04', name: 'Delivery', project_id: pid(), task_type_id: file.prod.taskType.id }])
  })

  it('lists the time spents of the project’s tasks, all columns', async () => {
    const ts = await app().db.timeSpent.create({ data: { duration: 90, date: new Date('2025-01-02T00:00:00Z'), task_id: file.prod.task.id, person_id: file.people.user.id } })
    const other = await makeProduction(app())
    await app().db.timeSpent.create({ data: { duration: 30, date: new Date('2025-01-02T00:00:00Z'), task_id: other.task.id, person_id: file.people.user.id } })
    const res = await api(app(), 'GET', at('/time-spents'), file.people.client)
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(1)
    expect(res.body[0]).toMatchObject({ id: ts.id, duration: 90, date: '2025-01-02', task_id: file.prod.task.id, person_id: file.people.user.id, type: 'TimeSpent' })
    expect(Object.keys(res.body[0]).sort()).toEqual(['created_at', 'date', 'duration', 'id', 'person_id', 'task_id', 'type', 'updated_at'])
  })
})

describe('GET …/schedule-items', () => {
  it('creates one item per task type used by the project’s tasks, once, and omits unused ones', async () => {
    const prod = await makeProduction(app(), [{ id: file.people.manager.id }])
    const shotType = await app().db.taskType.create({ data: { name: uniq('Anim '), for_entity: 'Shot' } })
    const conceptType = await app().db.taskType.create({ data: { name: uniq('Concept '), for_entity: 'Concept' } })
    const unused = await app().db.taskType.create({ data: { name: uniq('Unused '), for_entity: 'Asset' } })
    const stale = await app().db.scheduleItem.create({ data: { project_id: prod.project.id, task_type_id: unused.id, start_date: new Date('2020-01-01T00:00:00Z') } })
    for (const tt of [shotType, conceptType]) {
      await app().db.task.create({ data: { name: 'x', project_id: prod.project.id, entity_id: prod.asset.id, task_type_id: tt.id, task_status_id: prod.status.id } })
    }
    const url = `/data/projects/${prod.project.id}/schedule-items/task-types`
    const res = await api(app(), 'GET', url, file.people.manager)
    expect(res.status).toBe(200)
    expect(res.body.map((i: { task_type_id: string }) => i.task_type_id).sort()).toEqual([prod.taskType.id, shotType.id].sort())
    expect(res.body[0]).toEqual({
      id: expect.any(String), start_date: today(), end_date: tomorrow(), man_days: null, project_id: prod.project.id,
      task_type_id: res.body[0].task_type_id, object_id: null,
    })
    for (const item of res.body) {
      expect(await eventsOf(app(), 'schedule-item:new', 'schedule_item_id', item.id)).toEqual([{
        name: 'schedule-item:new', data: { schedule_item_id: item.id, project_id: prod.project.id }, project_id: prod.project.id, user_id: file.people.manager.id,
      }])
    }
    const again = await api(app(), 'GET', url, file.admin)
    expect(again.body.map((i: { id: string }) => i.id).sort()).toEqual(res.body.map((i: { id: string }) => i.id).sort())
    expect(await app().db.scheduleItem.count({ where: { project_id: prod.project.id } })).toBe(3)
    const all = await api(app(), 'GET', `/data/projects/${prod.project.id}/schedule-items`, file.admin)
    expect(all.body.map((i: { id: string }) => i.id)).toContain(stale.id)
    expect(all.body[0]).toMatchObject({ type: 'ScheduleItem', created_at: expect.any(String) })
  })

  it('creates one item per asset type, episode, sequence or edit, named and sorted by name', async () => {
    const prod = await makeProduction(app())
    const p = prod.project.id
    const ep1 = await makeEntity(app(), p, 'Episode', { name: 'E02' })
    const ep2 = await makeEntity(app(), p, 'Episode', { name: 'E01' })
    await makeEntity(app(), p, 'Sequence', { name: 'SQ2', parent_id: ep1.id })
    await makeEntity(app(), p, 'Sequence', { name: 'SQ1', parent_id: ep2.id })
    await makeEntity(app(), p, 'Edit', { name: 'Cut B', parent_id: ep1.id })
    await makeEntity(app(), p, 'Edit', { name: 'Cut A', parent_id: ep1.id, canceled: true })
    const propType = await app().db.entityType.create({ data: { name: uniq('Prop ') } })
    await app().db.entity.create({ data: { name: 'Chair', project_id: p, entity_type_id: propType.id, source_id: ep1.id } })
    const tt = prod.taskType.id
    const get = (kind: string, query = '') => api(app(), 'GET', `/data/projects/${p}/schedule-items/${tt}/${kind}${query}`, file.admin)

    const assetTypes = await get('asset-types')
    expect(assetTypes.status).toBe(200)
    expect(assetTypes.body.map((i: { name: string }) => i.name)).toEqual([prod.assetType.name, propType.name].sort())
    expect(assetTypes.body[0]).toEqual({
      id: expect.any(String), start_date: today(), end_date: tomorrow(), man_days: null, project_id: p, task_type_id: tt,
      object_id: assetTypes.body[0].object_id, name: assetTypes.body[0].name,
    })
    expect((await get('asset-types', `?episode_id=${ep1.id}`)).body.map((i: { name: string }) => i.name)).toEqual([propType.name])
    expect((await get('episodes')).body.map((i: { name: string }) => i.name)).toEqual(['E01', 'E02'])
    expect((await get('episodes', `?episode_id=${ep1.id}`)).body.map((i: { name: string }) => i.name)).toEqual(['E02'])
    expect((await get('sequences')).body.map((i: { name: string }) => i.name)).toEqual(['SQ1', 'SQ2'])
    expect((await get('sequences', `?episode_id=${ep2.id}`)).body.map((i: { name: string }) => i.name)).toEqual(['SQ1'])
    expect((await get('edits')).body.map((i: { name: string }) => i.name)).toEqual(['Cut B'])
    const count = await app().db.scheduleItem.count({ where: { project_id: p } })
    expect(count).toBe(2 + 2 + 2 + 1)
    // Second reads create nothing and emit nothing.
    const events = (await app().pool.query(`SELECT count(*)::int AS n FROM api_event WHERE name = 'schedule-item:new' AND project_id = $1`, [p])).rows[0].n
    expect(events).toBe(count)
    await get('episodes')
    expect(await app().db.scheduleItem.count({ where: { project_id: p } })).toBe(count)
  })

  it('answers 400 for malformed ids, 404 for an unknown task type, 403 for vendors', async () => {
    const tt = file.prod.taskType.id
    expect(await api(app(), 'GET', at('/schedule-items/nope/episodes'), file.admin)).toMatchObject({ status: 400, body: wrong('Wrong UUID format.') })
    expect(await api(app(), 'GET', at(`/schedule-items/${tt}/episodes?episode_id=nope`), file.admin)).toMatchObject({ status: 400, body: wrong('Wrong UUID format.') })
    expect(await api(app(), 'GET', at(`/schedule-items/${randomUUID()}/episodes`), file.admin)).toMatchObject({ status: 404, body: { error: true, message: NOT_FOUND_MESSAGE } })
    expect((await api(app(), 'GET', `/data/projects/${randomUUID()}/schedule-items/${tt}/edits`, file.admin)).status).toBe(404)
    expect((await api(app(), 'GET', at(`/schedule-items/${tt}/edits`), file.people.vendor)).status).toBe(403)
  })
})

describe('production schedule versions', () => {
  async function scheduled() {
    const prod = await makeProduction(app(), [{ id: file.people.manager.id }])
    const other = await app().db.taskType.create({ data: { name: uniq('Rig '), for_entity: 'Asset' } })
    const t2 = await app().db.task.create({
      data: { name: 'rig', project_id: prod.project.id, entity_id: prod.asset.id, task_type_id: other.id, task_status_id: prod.status.id,
        start_date: new Date('2025-02-01T09:00:00Z'), due_date: new Date('2025-02-10T18:00:00Z'), estimation: 4 },
    })
    await app().db.taskPersonLink.createMany({ data: [{ task_id: t2.id, person_id: file.people.user.id }, { task_id: t2.id, person_id: file.people.supervisor.id }] })
    return { ...prod, t2, other, v: await version(prod.project.id) }
  }

  it('fills a version from the production (dates, estimation, assignees), and refreshes it on a second call', async () => {
    const s = await scheduled()
    const res = await api(app(), 'POST', action(s.v.id, 'set-task-links-from-production'), file.people.manager)
    expect(res).toMatchObject({ status: 200, body: { success: true, task_link_count: 2 } })
    const links = await api(app(), 'GET', `/data/production-schedule-versions/${s.v.id}/task-links?relations=true&task_type_id=${s.other.id}`, file.people.manager)
    expect(links.status).toBe(200)
    expect(links.body).toHaveLength(1)
    expect(links.body[0]).toMatchObject({
      task_id: s.t2.id, production_schedule_version_id: s.v.id, start_date: '2025-02-01T09:00:00', due_date: '2025-02-10T18:00:00',
      estimation: 4, type: 'ProductionScheduleVersionTaskLink',
    })
    expect(links.body[0].assignees.sort()).toEqual([file.people.user.id, file.people.supervisor.id].sort())
    const plain = await api(app(), 'GET', `/data/production-schedule-versions/${s.v.id}/task-links`, file.people.manager)
    expect(plain.body).toHaveLength(2)
    expect(plain.body[0].assignees).toBeUndefined()

    await app().db.task.update({ where: { id: s.t2.id }, data: { estimation: 7 } })
    await app().db.taskPersonLink.deleteMany({ where: { task_id: s.t2.id, person_id: file.people.user.id } })
    await api(app(), 'POST', action(s.v.id, 'set-task-links-from-production'), file.people.manager)
    const after = await api(app(), 'GET', `/data/production-schedule-versions/${s.v.id}/task-links?relations=true&task_type_id=${s.other.id}`, file.admin)
    expect(after.body[0]).toMatchObject({ estimation: 7, assignees: [file.people.supervisor.id] })
    expect(await app().db.productionScheduleVersionTaskLink.count({ where: { production_schedule_version_id: s.v.id } })).toBe(2)
  })

  it('copies another version of the same project and records where it came from', async () => {
    const s = await scheduled()
    await api(app(), 'POST', action(s.v.id, 'set-task-links-from-production'), file.admin)
    const target = await version(s.project.id)
    const res = await api(app(), 'POST', action(target.id, 'set-task-links-from-production-schedule-version'), file.people.manager, { production_schedule_version_id: s.v.id })
    expect(res).toMatchObject({ status: 200, body: { success: true, task_link_count: 2 } })
    const links = await app().db.productionScheduleVersionTaskLink.findMany({
      where: { production_schedule_version_id: target.id, task_id: s.t2.id },
      include: { production_schedule_version_task_link_person_link__production_schedule_version_task_link_id: true },
    })
    expect(links[0].estimation).toBe(4)
    expect(links[0].production_schedule_version_task_link_person_link__production_schedule_version_task_link_id).toHaveLength(2)
    expect((await app().db.productionScheduleVersion.findUnique({ where: { id: target.id } }))!.production_schedule_from).toBe(s.v.id)
    expect(await eventsOf(app(), 'production_schedule_version:update', 'production_schedule_version_id', target.id)).toEqual([{
      name: 'production_schedule_version:update', data: { production_schedule_version_id: target.id, project_id: s.project.id },
      project_id: s.project.id, user_id: file.people.manager.id,
    }])
  })

  it('refuses copies across projects, onto themselves, from unknown versions or without a body', async () => {
    const s = await scheduled()
    const foreign = await version(pid())
    const url = action(s.v.id, 'set-task-links-from-production-schedule-version')
    expect(await api(app(), 'POST', url, file.admin, { production_schedule_version_id: foreign.id }))
      .toMatchObject({ status: 400, body: wrong('Production schedule versions must belong to the same project.') })
    expect(await api(app(), 'POST', url, file.admin, { production_schedule_version_id: s.v.id }))
      .toMatchObject({ status: 400, body: wrong('A production schedule version cannot be copied onto itself.') })
    expect((await api(app(), 'POST', url, file.admin, { production_schedule_version_id: randomUUID() })).status).toBe(404)
    expect((await api(app(), 'POST', url, file.admin, {})).body.message).toBe('Validation error.')
    // Access is checked before the body: an artist gets 403 whatever the body.
    expect((await api(app(), 'POST', url, file.people.user, {})).status).toBe(403)
    expect((await api(app(), 'POST', action(randomUUID(), 'apply-to-production'), file.admin)).status).toBe(404)
    expect((await api(app(), 'POST', action('nope', 'apply-to-production'), file.admin)).status).toBe(404)
    expect((await api(app(), 'GET', '/data/production-schedule-versions/nope/task-links', file.admin)).status).toBe(404)
    expect(await app().db.productionScheduleVersionTaskLink.count({ where: { production_schedule_version_id: s.v.id } })).toBe(0)
  })

  it('applies a version to the production: task dates, lock, project link and events after commit', async () => {
    const s = await scheduled()
    await api(app(), 'POST', action(s.v.id, 'set-task-links-from-production'), file.admin)
    await app().db.productionScheduleVersionTaskLink.updateMany({
      where: { production_schedule_version_id: s.v.id, task_id: s.t2.id },
      data: { start_date: new Date('2026-01-05T08:00:00Z'), due_date: new Date('2026-01-20T08:00:00Z'), estimation: 9 },
    })
    const seen: string[] = []
    const off = app().events.on(async (e) => {
      if (e.name === 'task:update' && e.data.task_id === s.t2.id) {
        const { rows } = await app().pool.query('SELECT estimation FROM task WHERE id = $1', [s.t2.id])
        seen.push(`estimation ${rows[0].estimation}`)
      }
    })
    const res = await api(app(), 'POST', action(s.v.id, 'apply-to-production'), file.people.manager)
    off()
    expect(res).toMatchObject({ status: 200, body: { success: true, task_count: 2 } })
    const task = await app().db.task.findUnique({ where: { id: s.t2.id } })
    expect(task).toMatchObject({ estimation: 9, start_date: new Date('2026-01-05T08:00:00Z'), due_date: new Date('2026-01-20T08:00:00Z') })
    expect((await app().db.productionScheduleVersion.findUnique({ where: { id: s.v.id } }))!.locked).toBe(true)
    expect((await app().db.project.findUnique({ where: { id: s.project.id } }))!.from_schedule_version_id).toBe(s.v.id)
    expect(seen).toEqual(['estimation 9'])
    for (const id of [s.task.id, s.t2.id]) {
      expect(await eventsOf(app(), 'task:update', 'task_id', id)).toEqual([{ name: 'task:update', data: { task_id: id, project_id: s.project.id }, project_id: s.project.id, user_id: file.people.manager.id }])
    }
    expect(await eventsOf(app(), 'production_schedule_version:update', 'production_schedule_version_id', s.v.id)).toHaveLength(1)
    const { rows } = await app().pool.query(`SELECT data FROM api_event WHERE name = 'project:update' AND project_id = $1`, [s.project.id])
    expect(rows).toEqual([{ data: { project_id: s.project.id } }])
  })

  it('hides task links from vendors and clients, also through a per-project role', async () => {
    const s = await scheduled()
    await app().db.projectPersonLink.create({ data: { project_id: s.project.id, person_id: file.people.user.id, role: 'client' } })
    const url = `/data/production-schedule-versions/${s.v.id}/task-links`
    expect((await api(app(), 'GET', url, file.people.user)).status).toBe(403)
    expect((await api(app(), 'GET', url, file.people.outsider)).status).toBe(403)
    expect(await api(app(), 'GET', `${url}?task_type_id=nope`, file.admin)).toMatchObject({ status: 400, body: wrong('Wrong UUID format.') })
  })
})
