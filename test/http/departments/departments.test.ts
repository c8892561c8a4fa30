// routes.md §14: software licences and hardware items per department — admin only, link rows
// get-or-create, grouped reads, Zou's 400/404 for bad ids, and no half-baked 500s.
import { describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { routeTable, useRoleProduction } from '../../helpers/route-table.ts'
import { call, uniq } from '../crud/helpers.ts'

const file = useRoleProduction()
const ADMIN = ['admin'] as const
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/
const NOT_FOUND_BODY = { error: true, message: expect.stringMatching(/^404 Not Found/) }
const WRONG_UUID = { error: true, message: 'Wrong UUID format.', data: null }

const department = (app: FastifyInstance) => app.db.department.create({ data: { name: uniq('Dep '), color: '#123456' } })
const software = (app: FastifyInstance) => app.db.software.create({ data: { name: uniq('Soft '), short_name: 'sw', file_extension: 'ma' } })
const hardware = (app: FastifyInstance) => app.db.hardwareItem.create({ data: { name: uniq('Hw '), short_name: 'hw' } })

async function softwareLink(app: FastifyInstance) {
  const [d, s] = [await department(app), await software(app)]
  await app.db.softwareDepartmentLink.create({ data: { department_id: d.id, software_id: s.id } })
  return { d, s }
}

async function hardwareLink(app: FastifyInstance) {
  const [d, h] = [await department(app), await hardware(app)]
  await app.db.hardwareItemDepartmentLink.create({ data: { department_id: d.id, hardware_item_id: h.id } })
  return { d, h }
}

routeTable('departments', file, [
  { method: 'GET', path: '/data/departments/software-licenses', roles: ADMIN, call: () => ({ url: '/data/departments/software-licenses' }) },
  {
    method: 'POST', path: '/data/departments/:department_id/software-licenses', roles: ADMIN,
    call: async ({ t }) => ({ url: `/data/departments/${(await department(t.app)).id}/software-licenses`, payload: { software_id: (await software(t.app)).id } }),
  },
  {
    method: 'GET', path: '/data/departments/:department_id/software-licenses/:software_id', roles: ADMIN,
    call: async ({ t }) => { const { d, s } = await softwareLink(t.app); return { url: `/data/departments/${d.id}/software-licenses/${s.id}` } },
  },
  {
    method: 'DELETE', path: '/data/departments/:department_id/software-licenses/:software_id', roles: ADMIN,
    call: async ({ t }) => { const { d, s } = await softwareLink(t.app); return { url: `/data/departments/${d.id}/software-licenses/${s.id}` } },
  },
  { method: 'GET', path: '/data/departments/hardware-items', roles: ADMIN, call: () => ({ url: '/data/departments/hardware-items' }) },
  {
    method: 'POST', path: '/data/departments/:department_id/hardware-items', roles: ADMIN,
    call: async ({ t }) => ({ url: `/data/departments/${(await department(t.app)).id}/hardware-items`, payload: { hardware_item_id: (await hardware(t.app)).id } }),
  },
  {
    method: 'GET', path: '/data/departments/:department_id/hardware-items/:hardware_item_id', roles: ADMIN,
    call: async ({ t }) => { const { d, h } = await hardwareLink(t.app); return { url: `/data/departments/${d.id}/hardware-items/${h.id}` } },
  },
  {
    method: 'DELETE', path: '/data/departments/:department_id/hardware-items/:hardware_item_id', roles: ADMIN,
    call: async ({ t }) => { const { d, h } = await hardwareLink(t.app); return { url: `/data/departments/${d.id}/hardware-items/${h.id}` } },
  },
])

describe('software licenses', () => {
  it('links once (get-or-create), lists by department and per department, unlinks', async () => {
    const { app } = file.t
    const admin = file.admin.headers
    const [d, other, s1, s2] = [await department(app), await department(app), await software(app), await software(app)]
    const first = await call(app, 'POST', `/data/departments/${d.id}/software-licenses`, admin, { software_id: s1.id })
    expect(first.status).toBe(201)
    expect(Object.keys(first.body).sort()).toEqual(['created_at', 'department_id', 'id', 'software_id', 'type', 'updated_at'])
    expect(first.body).toMatchObject({ department_id: d.id, software_id: s1.id, type: 'SoftwareDepartmentLink' })
    expect(first.body.created_at).toMatch(DATETIME)
    const again = await call(app, 'POST', `/data/departments/${d.id}/software-licenses`, admin, { software_id: s1.id.toUpperCase() })
    expect(again).toMatchObject({ status: 201, body: { id: first.body.id } })
    expect(await app.db.softwareDepartmentLink.count({ where: { department_id: d.id } })).toBe(1)
    await call(app, 'POST', `/data/departments/${d.id}/software-licenses`, admin, { software_id: s2.id })
    await call(app, 'POST', `/data/departments/${other.id}/software-licenses`, admin, { software_id: s2.id })

    const all = await call(app, 'GET', '/data/departments/software-licenses', admin)
    expect(all.status).toBe(200)
    expect(all.body[d.id].map((r: { id: string }) => r.id).sort()).toEqual([s1.id, s2.id].sort())
    expect(all.body[other.id].map((r: { id: string }) => r.id)).toEqual([s2.id])
    expect(all.body[d.id][0]).toMatchObject({ type: 'Software', file_extension: 'ma', monthly_cost: 0, secondary_extensions: null })

    const one = await call(app, 'GET', `/data/departments/${other.id}/software-licenses/${s2.id}`, admin)
    expect(one).toMatchObject({ status: 200, body: [{ id: s2.id, type: 'Software' }] })

    const del = await call(app, 'DELETE', `/data/departments/${d.id}/software-licenses/${s1.id}`, admin)
    expect(del).toMatchObject({ status: 204, text: '' })
    expect(await app.db.softwareDepartmentLink.count({ where: { department_id: d.id } })).toBe(1)
    // Absent link: still 204.
    expect((await call(app, 'DELETE', `/data/departments/${d.id}/software-licenses/${s1.id}`, admin)).status).toBe(204)
  })

  it('answers 400 for malformed ids and bodies, 404 for unknown rows', async () => {
    const { app } = file.t
    const admin = file.admin.headers
    const [d, s] = [await department(app), await software(app)]
    const post = (dep: string, payload: unknown) => call(app, 'POST', `/data/departments/${dep}/software-licenses`, admin, payload)
    expect(await post('nope', { software_id: s.id })).toMatchObject({ status: 400, body: WRONG_UUID })
    expect(await post(d.id, { software_id: 'nope' })).toMatchObject({ status: 400, body: { error: true, message: 'Validation error.' } })
    expect(await post(d.id, {})).toMatchObject({ status: 400, body: { data: { errors: [{ field: 'software_id', message: 'Field required' }] } } })
    expect(await post(d.id, [s.id])).toMatchObject({ status: 400 })
    expect(await post(randomUUID(), { software_id: s.id })).toMatchObject({ status: 404, body: NOT_FOUND_BODY })
    expect(await post(d.id, { software_id: randomUUID() })).toMatchObject({ status: 404, body: NOT_FOUND_BODY })
    const malformedJson = await app.inject({
      method: 'POST', url: `/data/departments/${d.id}/software-licenses`, headers: { ...admin, 'content-type': 'application/json' }, payload: '{"software_id":',
    })
    expect(malformedJson.statusCode).toBe(400)
    for (const url of [`/data/departments/x/software-licenses/${s.id}`, `/data/departments/${d.id}/software-licenses/x`]) {
      expect(await call(app, 'GET', url, admin)).toMatchObject({ status: 400, body: WRONG_UUID })
      expect(await call(app, 'DELETE', url, admin)).toMatchObject({ status: 400, body: WRONG_UUID })
    }
    for (const url of [`/data/departments/${randomUUID()}/software-licenses/${s.id}`, `/data/departments/${d.id}/software-licenses/${randomUUID()}`]) {
      expect(await call(app, 'GET', url, admin)).toMatchObject({ status: 404, body: NOT_FOUND_BODY })
      expect(await call(app, 'DELETE', url, admin)).toMatchObject({ status: 404, body: NOT_FOUND_BODY })
    }
    expect(await app.db.softwareDepartmentLink.count({ where: { department_id: d.id } })).toBe(0)
  })

  it('refuses non-admins before reading the body', async () => {
    const res = await call(file.t.app, 'POST', '/data/departments/x/software-licenses', file.people.manager.headers, {})
    expect(res.status).toBe(403)
  })
})

describe('hardware items', () => {
  it('links, lists and unlinks like software, with its own columns', async () => {
    const { app } = file.t
    const admin = file.admin.headers
    const [d, h] = [await department(app), await hardware(app)]
    const res = await call(app, 'POST', `/data/departments/${d.id}/hardware-items`, admin, { hardware_item_id: h.id })
    expect(res.status).toBe(201)
    expect(Object.keys(res.body).sort()).toEqual(['created_at', 'department_id', 'hardware_item_id', 'id', 'type', 'updated_at'])
    expect(res.body).toMatchObject({ type: 'HardwareItemDepartmentLink', department_id: d.id, hardware_item_id: h.id })
    const all = await call(app, 'GET', '/data/departments/hardware-items', admin)
    expect(all.body[d.id]).toEqual([expect.objectContaining({ id: h.id, type: 'HardwareItem', short_name: 'hw', inventory_amount: 0 })])
    expect((await call(app, 'GET', `/data/departments/${d.id}/hardware-items/${h.id}`, admin)).body).toHaveLength(1)
    expect(await call(app, 'POST', `/data/departments/${d.id}/hardware-items`, admin, { hardware_item_id: randomUUID() })).toMatchObject({ status: 404 })
    expect((await call(app, 'DELETE', `/data/departments/${d.id}/hardware-items/${h.id}`, admin)).status).toBe(204)
    expect(await app.db.hardwareItemDepartmentLink.count({ where: { department_id: d.id } })).toBe(0)
    const empty = await call(app, 'GET', `/data/departments/${d.id}/hardware-items/${h.id}`, admin)
    expect(empty).toMatchObject({ status: 200, body: [] })
  })
})
