// routes.md §7: GET /data/projects/open and /all (per role, extra data, name filters), and a
// project's time spents per task type and team day offs (grouping, bounds, visibility).
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as as login, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { as, wrong } from './helpers.ts'

interface F extends FileApp {
  manager: TestPerson
  artist: TestPerson
  client: TestPerson
  vendor: TestPerson
  open: Awaited<ReturnType<typeof makeProduction>>
  closed: Awaited<ReturnType<typeof makeProduction>>
  other: Awaited<ReturnType<typeof makeProduction>>
}

const f = useFileAppWith<F>(async ({ t }) => {
  const [manager, artist, client, vendor] = [await login(t.app, 'manager'), await login(t.app, 'user'), await login(t.app, 'client'), await login(t.app, 'vendor')]
  const team = [manager, artist, client, vendor].map((p) => ({ id: p.id }))
  const open = await makeProduction(t.app, team)
  const closed = await makeProduction(t.app, [{ id: artist.id }])
  const closedStatus = await t.app.db.projectStatus.create({ data: { name: 'Closed', color: '#ffffff' } })
  await t.app.db.project.update({ where: { id: closed.project.id }, data: { project_status_id: closedStatus.id } })
  const other = await makeProduction(t.app, [])
  return { manager, artist, client, vendor, open, closed, other }
})

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)

describe('GET /data/projects/open', () => {
  let descriptors: Record<string, string>
  let episodes: Record<string, string>

  beforeAll(async () => {
    const db = f.t.app.db
    const p = f.open.project.id
    const dep = await db.department.create({ data: { name: `Dep ${randomUUID().slice(0, 6)}`, color: '#000000' } })
    await db.departmentLink.create({ data: { person_id: f.vendor.id, department_id: dep.id } })
    const otherDep = await db.department.create({ data: { name: `Other ${randomUUID().slice(0, 6)}`, color: '#000000' } })
    const make = (name: string, forClient: boolean) =>
      db.metadataDescriptor.create({ data: { project_id: p, entity_type: 'Asset', name, field_name: name, for_client: forClient, data_type: 'string', position: 1 } })
    const pub = await make('public', true)
    const plain = await make('plain', false)
    const mine = await make('mine', false)
    const theirs = await make('theirs', false)
    await db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: mine.id, department_id: dep.id } })
    await db.departmentMetadataDescriptorLink.create({ data: { metadata_descriptor_id: theirs.id, department_id: otherDep.id } })
    descriptors = { pub: pub.id, plain: plain.id, mine: mine.id, theirs: theirs.id }
    await db.projectTaskTypeLink.create({ data: { project_id: p, task_type_id: f.open.taskType.id, priority: 3 } })
    await db.projectTaskStatusLink.create({ data: { project_id: p, task_status_id: f.open.status.id, priority: 2, roles_for_board: ['user'] } })
    // A TV show: the first running episode by name, else the first episode.
    await db.project.update({ where: { id: p }, data: { production_type: 'tvshow' } })
    const episodeType = (await db.entityType.findFirst({ where: { name: 'Episode' } })) ?? (await db.entityType.create({ data: { name: 'Episode' } }))
    const ep = (name: string, status: string) => db.entity.create({ data: { name, project_id: p, entity_type_id: episodeType.id, status } })
    episodes = { e01: (await ep('E01', 'canceled')).id, e02: (await ep('E02', 'running')).id }
  })

  it('gives admins every open project with relations and extra data', async () => {
    const res = await as(f.t.app, f.admin).get('/data/projects/open')
    expect(res.status).toBe(200)
    expect(ids(res.body)).toEqual(expect.arrayContaining([f.open.project.id, f.other.project.id]))
    expect(ids(res.body)).not.toContain(f.closed.project.id)
    const names = res.body.map((r: { name: string }) => r.name)
    expect(names).toEqual([...names].sort())
    const project = res.body.find((r: { id: string }) => r.id === f.open.project.id)
    expect(project).toMatchObject({
      type: 'Project',
      team: expect.arrayContaining([f.manager.id, f.artist.id, f.client.id, f.vendor.id]),
      task_types: [f.open.taskType.id],
      task_statuses: [f.open.status.id],
      asset_types: [], status_automations: [], preview_background_files: [],
      task_types_priority: { [f.open.taskType.id]: 3 },
      task_statuses_link: { [f.open.status.id]: { priority: 2, roles_for_board: ['user'] } },
      first_episode_id: episodes.e02,
    })
    expect(project.descriptors).toHaveLength(4)
    expect(project.descriptors.find((d: { id: string }) => d.id === descriptors.mine)).toEqual({
      id: descriptors.mine, name: 'mine', field_name: 'mine', data_type: 'string', choices: null, for_client: false,
      entity_type: 'Asset', task_type_id: null, position: 1, departments: [expect.any(String)],
    })
    expect(res.body.find((r: { id: string }) => r.id === f.other.project.id)).not.toHaveProperty('first_episode_id')
  })

  it('gives others their open projects, descriptors narrowed for clients and vendors', async () => {
    const descriptorIds = async (person: TestPerson) => {
      const res = await as(f.t.app, person).get('/data/projects/open')
      expect(ids(res.body)).toEqual([f.open.project.id])
      return ids(res.body[0].descriptors).sort()
    }
    expect(await descriptorIds(f.artist)).toEqual(Object.values(descriptors).sort())
    expect(await descriptorIds(f.client)).toEqual([descriptors.pub])
    expect(await descriptorIds(f.vendor)).toEqual([descriptors.pub, descriptors.plain, descriptors.mine].sort())
  })

  it('filters by exact name', async () => {
    const byName = await as(f.t.app, f.admin).get(`/data/projects/open?name=${encodeURIComponent(f.other.project.name)}`)
    expect(ids(byName.body)).toEqual([f.other.project.id])
    const lower = await as(f.t.app, f.admin).get(`/data/projects/open?name=${encodeURIComponent(f.other.project.name.toLowerCase())}`)
    expect(lower.body).toEqual([])
  })
})

describe('GET /data/projects/all', () => {
  it('gives admins every project with its status name and Project descriptors', async () => {
    await f.t.app.db.metadataDescriptor.create({
      data: { project_id: f.closed.project.id, entity_type: 'Project', name: 'Budget', field_name: 'budget', data_type: 'number' },
    })
    const res = await as(f.t.app, f.admin).get('/data/projects/all')
    expect(ids(res.body)).toEqual(expect.arrayContaining([f.open.project.id, f.closed.project.id, f.other.project.id]))
    const closed = res.body.find((r: { id: string }) => r.id === f.closed.project.id)
    expect(closed).toMatchObject({ type: 'Project', project_status_name: 'Closed', descriptors: [expect.objectContaining({ field_name: 'budget' })] })
    expect(closed).not.toHaveProperty('team')
    expect(res.body.find((r: { id: string }) => r.id === f.open.project.id).descriptors).toEqual([])
  })

  it('finds one project by name, case-insensitively (404 when none)', async () => {
    const res = await as(f.t.app, f.admin).get(`/data/projects/all?name=${encodeURIComponent(f.closed.project.name.toUpperCase())}`)
    expect(res.body).toEqual([expect.objectContaining({ id: f.closed.project.id, type: 'Project' })])
    expect(res.body[0]).not.toHaveProperty('project_status_name')
    expect((await as(f.t.app, f.admin).get('/data/projects/all?name=nothing-like-it')).status).toBe(404)
  })

  it('gives others the projects of their teams, any status, plain', async () => {
    const res = await as(f.t.app, f.artist).get('/data/projects/all')
    expect(ids(res.body).sort()).toEqual([f.open.project.id, f.closed.project.id].sort())
    expect(res.body[0]).not.toHaveProperty('project_status_name')
    expect(res.body[0]).not.toHaveProperty('descriptors')
    const mine = await as(f.t.app, f.artist).get(`/data/projects/all?name=${encodeURIComponent(f.closed.project.name)}`)
    expect(ids(mine.body)).toEqual([f.closed.project.id])
    expect((await as(f.t.app, f.artist).get(`/data/projects/all?name=${encodeURIComponent(f.other.project.name)}`)).status).toBe(404)
  })
})

describe('GET task-types/:task_type_id/time-spents', () => {
  it('groups the task type’s time spents by person, newest first, within inclusive bounds', async () => {
    const db = f.t.app.db
    const { task, taskType, project } = f.open
    const otherTask = await db.task.create({
      data: { name: 'other', project_id: project.id, entity_id: f.open.asset.id, task_type_id: (await db.taskType.create({ data: { name: `X ${randomUUID().slice(0, 6)}` } })).id, task_status_id: f.open.status.id },
    })
    const spend = (person: string, date: string, t = task.id) => db.timeSpent.create({ data: { person_id: person, task_id: t, date: new Date(`${date}T00:00:00Z`), duration: 60 } })
    await spend(f.artist.id, '2024-03-01')
    await spend(f.artist.id, '2024-03-05')
    await spend(f.manager.id, '2024-03-03')
    await spend(f.artist.id, '2024-03-04', otherTask.id)
    const url = `/data/projects/${project.id}/task-types/${taskType.id}/time-spents`
    const res = await as(f.t.app, f.manager).get(url)
    expect(res.status).toBe(200)
    expect(Object.keys(res.body).sort()).toEqual([f.artist.id, f.manager.id].sort())
    expect(res.body[f.artist.id].map((r: { date: string }) => r.date)).toEqual(['2024-03-05', '2024-03-01'])
    expect(res.body[f.manager.id][0]).toMatchObject({ type: 'TimeSpent', duration: 60, task_id: task.id, person_id: f.manager.id })
    const bounded = await as(f.t.app, f.manager).get(`${url}?start_date=2024-03-03&end_date=2024-03-05`)
    expect(bounded.body[f.artist.id].map((r: { date: string }) => r.date)).toEqual(['2024-03-05'])
    expect(bounded.body[f.manager.id]).toHaveLength(1)
  })

  it('answers Zou’s 400s for a malformed task type id and bad dates', async () => {
    const base = `/data/projects/${f.open.project.id}/task-types`
    expect((await as(f.t.app, f.manager).get(`${base}/nope/time-spents`)).body).toEqual(wrong('Wrong UUID format.'))
    expect((await as(f.t.app, f.manager).get(`${base}/${f.open.taskType.id}/time-spents?start_date=2024-13-01`)).body)
      .toEqual(wrong('Wrong date format for 2024-13-01 and/or None'))
  })
})

describe('GET day-offs', () => {
  it('lists team day offs overlapping the range; descriptions only for managers and the person', async () => {
    const db = f.t.app.db
    const off = (person: string, date: string, end: string) =>
      db.dayOff.create({ data: { person_id: person, date: new Date(`${date}T00:00:00Z`), end_date: new Date(`${end}T00:00:00Z`), description: 'private' } })
    await off(f.artist.id, '2024-05-10', '2024-05-12')
    await off(f.manager.id, '2024-05-01', '2024-05-02')
    const stranger = await login(f.t.app, 'user')
    await off(stranger.id, '2024-05-10', '2024-05-10')
    const url = `/data/projects/${f.open.project.id}/day-offs`

    const asManager = await as(f.t.app, f.manager).get(url)
    expect(Object.keys(asManager.body).sort()).toEqual([f.artist.id, f.manager.id].sort())
    expect(asManager.body[f.artist.id][0]).toMatchObject({ type: 'DayOff', date: '2024-05-10', end_date: '2024-05-12', description: 'private' })

    const asArtist = await as(f.t.app, f.artist).get(url)
    expect(asArtist.body[f.artist.id][0].description).toBe('private')
    expect(asArtist.body[f.manager.id][0]).not.toHaveProperty('description')

    const bounded = await as(f.t.app, f.manager).get(`${url}?start_date=2024-05-12&end_date=2024-05-20`)
    expect(Object.keys(bounded.body)).toEqual([f.artist.id])
    expect((await as(f.t.app, f.manager).get(`${url}?end_date=bad`)).body).toEqual(wrong('Wrong date format for None and/or bad'))
    expect((await as(f.t.app, f.client).get(url)).status).toBe(403)
    expect((await as(f.t.app, f.vendor).get(url)).status).toBe(403)
  })
})
