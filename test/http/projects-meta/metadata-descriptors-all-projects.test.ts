// routes.md §7: the all-projects metadata descriptor routes — one column across the open
// projects the caller manages (all open projects for admins), in one transaction each.
import { describe, expect, it } from 'vitest'
import { MANAGERS, routeTable, useRoleProduction } from '../../helpers/route-table.ts'
import { makeProduction } from '../../helpers/fixtures.ts'
import { api, dataOf, eventsOf, makeEntity, uniq, wrong } from './helpers.ts'

const file = useRoleProduction()
const app = () => file.t.app

routeTable('all-projects metadata descriptors', file, [
  {
    method: 'POST', path: '/data/metadata-descriptors/all-projects', roles: MANAGERS,
    call: () => ({ url: '/data/metadata-descriptors/all-projects', payload: { name: uniq('All '), entity_type: 'Project' } }),
  },
  {
    method: 'PUT', path: '/data/metadata-descriptors/all-projects/:field_name', roles: MANAGERS,
    call: () => ({ url: '/data/metadata-descriptors/all-projects/nothing_here', payload: { entity_type: 'Asset' } }),
  },
  {
    method: 'DELETE', path: '/data/metadata-descriptors/all-projects/:field_name', roles: MANAGERS, ok: 200,
    call: () => ({ url: '/data/metadata-descriptors/all-projects/nothing_here?entity_type=Asset' }),
  },
  {
    method: 'POST', path: '/actions/metadata-descriptors/all-projects/reorder', roles: MANAGERS, ok: 200,
    call: () => ({ url: '/actions/metadata-descriptors/all-projects/reorder', payload: { entity_type: 'Asset', field_order: ['nothing_here'] } }),
  },
])

/** Projects around the global manager: two managed open ones, one where their project role is artist, a closed one, one without them. */
async function projects() {
  const manager = file.people.manager
  const managed = (await makeProduction(app(), [{ id: manager.id }])).project
  const asArtist = (await makeProduction(app(), [{ id: manager.id, role: 'user' }])).project
  const closedStatus = (await app().db.projectStatus.findFirst({ where: { name: 'Closed' } }))
    ?? (await app().db.projectStatus.create({ data: { name: 'Closed', color: '#000000' } }))
  const closed = (await makeProduction(app(), [{ id: manager.id }])).project
  await app().db.project.update({ where: { id: closed.id }, data: { project_status_id: closedStatus.id } })
  const foreign = (await makeProduction(app())).project
  return { first: file.prod.project, managed, asArtist, closed, foreign }
}

const projectIds = (rows: Array<{ project_id: string }>) => rows.map((r) => r.project_id).sort()

describe('POST /data/metadata-descriptors/all-projects', () => {
  it('creates the column on the open projects the caller manages that lack it, one event each', async () => {
    const p = await projects()
    const name = uniq('Deadline ')
    const field = name.toLowerCase().replace(' ', '_')
    await app().db.metadataDescriptor.create({ data: { project_id: p.managed.id, entity_type: 'Shot', name, field_name: field } })
    const res = await api(app(), 'POST', '/data/metadata-descriptors/all-projects', file.people.manager, { name, entity_type: 'Shot', data_type: 'date' })
    expect(res.status).toBe(201)
    expect(projectIds(res.body)).toEqual([p.first.id])
    expect(res.body[0]).toMatchObject({ name, field_name: field, entity_type: 'Shot', data_type: 'date', departments: [], type: 'MetadataDescriptor' })
    expect(await eventsOf(app(), 'metadata-descriptor:new', 'metadata_descriptor_id', res.body[0].id)).toHaveLength(1)

    const byAdmin = await api(app(), 'POST', '/data/metadata-descriptors/all-projects', file.admin, { name, entity_type: 'Shot' })
    const created = projectIds(byAdmin.body)
    expect(created).toEqual(expect.arrayContaining([p.asArtist.id, p.foreign.id]))
    expect(created).not.toContain(p.closed.id)
    expect(created).not.toContain(p.first.id)
    expect(created).not.toContain(p.managed.id)
  })

  it('refuses Task columns and unknown data types', async () => {
    const res = await api(app(), 'POST', '/data/metadata-descriptors/all-projects', file.admin, { name: 'x', entity_type: 'Task' })
    expect(res).toMatchObject({ status: 400, body: wrong('Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, or Project.') })
    expect(await api(app(), 'POST', '/data/metadata-descriptors/all-projects', file.admin, { name: 'x', data_type: 'blob' }))
      .toMatchObject({ status: 400, body: wrong('Invalid data_type') })
  })
})

describe('PUT /data/metadata-descriptors/all-projects/:field_name', () => {
  it('updates and renames the column on every target project, moving the values', async () => {
    const p = await projects()
    const field = uniq('lens_')
    const ids: Record<string, string> = {}
    for (const project of [p.first, p.managed, p.asArtist]) {
      ids[project.id] = (await app().db.metadataDescriptor.create({ data: { project_id: project.id, entity_type: 'Asset', name: field, field_name: field } })).id
    }
    const assets = await Promise.all([p.first, p.managed, p.asArtist].map((project) => makeEntity(app(), project.id, 'Character', { data: { [field]: '35mm' } })))
    const res = await api(app(), 'PUT', `/data/metadata-descriptors/all-projects/${field}`, file.people.manager, {
      entity_type: 'Asset', name: `${field} size`, data_type: 'list', choices: ['35mm'],
    })
    expect(res.status).toBe(200)
    expect(projectIds(res.body)).toEqual([p.first.id, p.managed.id].sort())
    expect(res.body[0]).toMatchObject({ field_name: `${field}_size`, data_type: 'list', choices: ['35mm'] })
    expect(await dataOf(app(), 'entity', assets[0].id)).toEqual({ [`${field}_size`]: '35mm' })
    expect(await dataOf(app(), 'entity', assets[1].id)).toEqual({ [`${field}_size`]: '35mm' })
    expect(await dataOf(app(), 'entity', assets[2].id)).toEqual({ [field]: '35mm' })
    for (const project of [p.first, p.managed]) {
      expect(await eventsOf(app(), 'metadata-descriptor:update', 'metadata_descriptor_id', ids[project.id])).toHaveLength(1)
    }
  })

  it('refuses a rename clashing on one project and changes nothing anywhere', async () => {
    const p = await projects()
    const field = uniq('grade_')
    for (const project of [p.first, p.managed]) {
      await app().db.metadataDescriptor.create({ data: { project_id: project.id, entity_type: 'Asset', name: field, field_name: field, data_type: 'string' } })
    }
    await app().db.metadataDescriptor.create({ data: { project_id: p.managed.id, entity_type: 'Asset', name: 'Taken', field_name: `${field}_new` } })
    const asset = await makeEntity(app(), p.first.id, 'Character', { data: { [field]: 'A' } })
    const res = await api(app(), 'PUT', `/data/metadata-descriptors/all-projects/${field}`, file.admin, { entity_type: 'Asset', name: `${field} new`, data_type: 'number' })
    expect(res).toMatchObject({ status: 400, body: wrong('Metadata descriptor already exists.') })
    expect(await dataOf(app(), 'entity', asset.id)).toEqual({ [field]: 'A' })
    expect(await app().db.metadataDescriptor.count({ where: { field_name: field, data_type: 'string' } })).toBe(2)
    const missing = await api(app(), 'PUT', `/data/metadata-descriptors/all-projects/${field}`, file.admin, { name: 'x' })
    expect(missing.body.message).toBe('Validation error.')
  })
})

describe('DELETE /data/metadata-descriptors/all-projects/:field_name', () => {
  it('removes the column and its values on the target projects and answers the ids', async () => {
    const p = await projects()
    const field = uniq('owner_')
    const made = await Promise.all([p.first, p.managed, p.foreign].map((project) =>
      app().db.metadataDescriptor.create({ data: { project_id: project.id, entity_type: 'Episode', name: field, field_name: field } })))
    const episode = await makeEntity(app(), p.managed.id, 'Episode', { data: { [field]: 'me', x: 1 } })
    const res = await api(app(), 'DELETE', `/data/metadata-descriptors/all-projects/${field}?entity_type=Episode`, file.people.manager)
    expect(res.status).toBe(200)
    expect([...res.body].sort()).toEqual([made[0].id, made[1].id].sort())
    expect(await dataOf(app(), 'entity', episode.id)).toEqual({ x: 1 })
    expect(await app().db.metadataDescriptor.findUnique({ where: { id: made[2].id } })).not.toBeNull()
    expect(await eventsOf(app(), 'metadata-descriptor:delete', 'metadata_descriptor_id', made[1].id)).toHaveLength(1)
    const noType = await api(app(), 'DELETE', `/data/metadata-descriptors/all-projects/${field}`, file.admin)
    expect(noType).toMatchObject({ status: 400, body: wrong('Wrong entity type. Please select Asset, Shot, Sequence, Episode, Edit, or Project.') })
  })
})

describe('POST /actions/metadata-descriptors/all-projects/reorder', () => {
  it('applies the field order on each target project holding one of the fields', async () => {
    const p = await projects()
    const [x, y, z] = ['x', 'y', 'z'].map((n) => uniq(`${n}_`))
    for (const project of [p.first, p.managed]) {
      for (const f of [x, y, z]) {
        await app().db.metadataDescriptor.create({ data: { project_id: project.id, entity_type: 'Sequence', name: f, field_name: f } })
      }
    }
    const res = await api(app(), 'POST', '/actions/metadata-descriptors/all-projects/reorder', file.people.manager, { entity_type: 'Sequence', field_order: [z, 'absent', x] })
    expect(res.status).toBe(200)
    const mine = res.body.filter((d: { field_name: string }) => [x, y, z].includes(d.field_name))
    expect(mine).toHaveLength(6)
    for (const project of [p.first, p.managed]) {
      const rows = mine.filter((d: { project_id: string }) => d.project_id === project.id)
      expect(rows.map((d: { field_name: string; position: number }) => [d.field_name, d.position])).toEqual([[z, 1], [x, 2], [y, 3]])
    }
    expect((await api(app(), 'POST', '/actions/metadata-descriptors/all-projects/reorder', file.admin, { entity_type: 'Sequence', field_order: [] })).body.message)
      .toBe('Validation error.')
  })
})
