// routes.md §6: admin actions on a person — department membership and clearing the avatar —
// with their person:update events and Zou's answers for unknown rows.
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { as, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { makeDepartment, personEvents } from './fixtures.ts'

const file = useFileApp()
let artist: TestPerson
let d1: string, d2: string
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

beforeAll(async () => {
  artist = await as(file.t.app, 'user')
  d1 = (await makeDepartment(file.t.app)).id
  d2 = (await makeDepartment(file.t.app)).id
})

const add = (personId: string, payload: unknown) =>
  call(file.t.app, 'POST', `/actions/persons/${personId}/departments/add`, file.admin.headers, payload)
const remove = (personId: string, departmentId: string) =>
  call(file.t.app, 'DELETE', `/actions/persons/${personId}/departments/${departmentId}`, file.admin.headers)
const departmentsOf = async (id: string) =>
  (await file.t.app.db.departmentLink.findMany({ where: { person_id: id } })).map((l) => l.department_id).sort()

describe('departments', () => {
  it('add: 201 with the safe person and its departments, once, with person:update', async () => {
    const res = await add(artist.id, { department_id: d1 })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ id: artist.id, type: 'Person', full_name: 'user Tester', departments: [d1] })
    expect(res.body).not.toHaveProperty('password')
    expect((await add(artist.id, { department_id: d2 })).body.departments).toEqual([d1, d2].sort())
    expect((await add(artist.id, { department_id: d2 })).status).toBe(201)
    expect(await departmentsOf(artist.id)).toEqual([d1, d2].sort())
    const events = await personEvents(file.t.app, 'person:update', artist.id)
    expect(events).toHaveLength(3)
    expect(events[0]).toEqual({ name: 'person:update', user_id: file.admin.id, project_id: null, data: { person_id: artist.id } })
  })

  it('add: the body, then the department (400), then the person (404)', async () => {
    const invalid = await add(artist.id, { department_id: 'nope' })
    expect([invalid.status, invalid.body.message, invalid.body.data.errors[0].field]).toEqual([400, 'Validation error.', 'department_id'])
    expect((await add(artist.id, {})).status).toBe(400)
    const unknown = await add(artist.id, { department_id: UNKNOWN })
    expect([unknown.status, unknown.body]).toEqual([400, { error: true, message: 'Department ID matches no department', data: null }])
    expect((await add(UNKNOWN, { department_id: UNKNOWN })).status).toBe(400)
    expect((await add(UNKNOWN, { department_id: d1 })).status).toBe(404)
    const manager = await as(file.t.app, 'manager')
    expect((await call(file.t.app, 'POST', `/actions/persons/${artist.id}/departments/add`, manager.headers, { department_id: d1 })).status).toBe(403)
  })

  it('remove: 204, person:update, and the same checks', async () => {
    const before = (await personEvents(file.t.app, 'person:update', artist.id)).length
    const res = await remove(artist.id, d1)
    expect([res.status, res.text]).toEqual([204, ''])
    expect(await departmentsOf(artist.id)).toEqual([d2])
    expect((await remove(artist.id, d1)).status).toBe(204)
    expect(await personEvents(file.t.app, 'person:update', artist.id)).toHaveLength(before + 2)
    expect((await remove(artist.id, UNKNOWN)).body.message).toBe('Department ID matches no department')
    expect((await remove(artist.id, 'nope')).status).toBe(404)
    expect((await remove(UNKNOWN, d2)).status).toBe(404)
  })
})

describe('clear avatar', () => {
  it('clears has_avatar and emits person:update; the picture stays unless REMOVE_FILES', async () => {
    await file.t.app.db.person.update({ where: { id: artist.id }, data: { has_avatar: true } })
    const before = (await personEvents(file.t.app, 'person:update', artist.id)).length
    const res = await call(file.t.app, 'DELETE', `/api/actions/persons/${artist.id}/clear-avatar`, file.admin.headers)
    expect([res.status, res.text]).toEqual([204, ''])
    expect((await file.t.app.db.person.findUniqueOrThrow({ where: { id: artist.id } })).has_avatar).toBe(false)
    expect(await personEvents(file.t.app, 'person:update', artist.id)).toHaveLength(before + 1)
    expect((await call(file.t.app, 'DELETE', `/actions/persons/${UNKNOWN}/clear-avatar`, file.admin.headers)).status).toBe(404)
    expect((await call(file.t.app, 'DELETE', `/actions/persons/${artist.id}/clear-avatar`, artist.headers)).status).toBe(403)
  })

  it('removes the stored picture with REMOVE_FILES', async () => {
    const storage = file.t.app.storage
    const key = `thumbnails-${artist.id}`
    await storage.put('pictures', key, Buffer.from('png'))
    expect(await storage.exists('pictures', key)).toBe(true)
    file.t.config.removeFiles = true
    try {
      expect((await call(file.t.app, 'DELETE', `/actions/persons/${artist.id}/clear-avatar`, file.admin.headers)).status).toBe(204)
    } finally {
      file.t.config.removeFiles = false
    }
    expect(await storage.exists('pictures', key)).toBe(false)
  })
})
