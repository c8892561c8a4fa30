// routes.md §7: GET/POST /data/projects/:id/team, PUT/DELETE …/team/:person_id — shapes per
// role, idempotent adds, roles, bad input (never a 500, nothing half-written) and events.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as as login, createPerson, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { MINIMAL_PERSON_FIELDS } from '../../../src/services/persons.ts'
import { as, MALFORMED_ID, projectUpdates, withEvents, wrong } from './helpers.ts'

interface F extends FileApp {
  manager: TestPerson
  artist: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
  dep: string
}

const f = useFileAppWith<F>(async ({ t }) => {
  const manager = await login(t.app, 'manager')
  const artist = await login(t.app, 'user')
  const dep = (await t.app.db.department.create({ data: { name: `Dep ${randomUUID().slice(0, 6)}`, color: '#123456' } })).id
  await t.app.db.departmentLink.create({ data: { person_id: artist.id, department_id: dep } })
  const prod = await makeProduction(t.app, [{ id: manager.id }, { id: artist.id, role: 'supervisor' }])
  return { manager, artist, prod, dep }
})

const team = () => `/data/projects/${f.prod.project.id}/team`
const linkOf = (personId: string) =>
  f.t.app.db.projectPersonLink.findUnique({ where: { project_id_person_id: { project_id: f.prod.project.id, person_id: personId } } })

describe('GET team', () => {
  it('gives managers safe persons with departments and the project role', async () => {
    const res = await as(f.t.app, f.manager).get(team())
    expect(res.status).toBe(200)
    const artist = res.body.find((p: { id: string }) => p.id === f.artist.id)
    expect(artist).toMatchObject({ type: 'Person', email: f.artist.email, departments: [f.dep], project_role: 'supervisor', full_name: 'user Tester' })
    expect(artist).not.toHaveProperty('password')
    expect(artist).not.toHaveProperty('totp_secret')
    expect(res.body.find((p: { id: string }) => p.id === f.manager.id).project_role).toBeNull()
  })

  it('gives other members the minimal shape (no e-mail, no departments) plus the project role', async () => {
    const res = await as(f.t.app, f.artist).get(team())
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(2)
    const artist = res.body.find((p: { id: string }) => p.id === f.artist.id)
    expect(Object.keys(artist).sort()).toEqual([...MINIMAL_PERSON_FIELDS, 'project_role'].sort())
    expect(artist).toMatchObject({ departments: [], project_role: 'supervisor', role: 'user' })
  })

  it('answers 404 for an unknown project and 400 for a malformed id', async () => {
    expect((await as(f.t.app, f.admin).get(`/data/projects/${randomUUID()}/team`)).status).toBe(404)
    expect((await as(f.t.app, f.admin).get('/data/projects/nope/team')).body).toEqual(wrong(MALFORMED_ID))
  })
})

describe('POST team', () => {
  it('adds a person once, answers the plain project, and emits project:update each time', async () => {
    const person = await createPerson(f.t.app, 'user')
    const { result, events } = await withEvents(f.t.app, () => as(f.t.app, f.manager).post(team(), { person_id: person.id }))
    expect(result.status).toBe(201)
    expect(result.body).toMatchObject({ id: f.prod.project.id, type: 'Project', name: f.prod.project.name })
    expect(result.body).not.toHaveProperty('team')
    expect(events).toEqual(projectUpdates(f.prod.project.id, f.manager.id))
    expect(await linkOf(person.id)).toMatchObject({ role: null })

    const again = await as(f.t.app, f.manager).post(team(), { person_id: person.id })
    expect(again.status).toBe(201)
    expect(await f.t.app.db.projectPersonLink.count({ where: { project_id: f.prod.project.id, person_id: person.id } })).toBe(1)
  })

  it('sets the project role when given (two events, as Zou), and keeps it when re-added without one', async () => {
    const person = await createPerson(f.t.app, 'user')
    const { result, events } = await withEvents(f.t.app, () => as(f.t.app, f.admin).post(team(), { person_id: person.id, role: 'client' }))
    expect(result.status).toBe(201)
    expect(events).toEqual(projectUpdates(f.prod.project.id, f.admin.id, 2))
    expect((await linkOf(person.id))?.role).toBe('client')
    await as(f.t.app, f.admin).post(team(), { person_id: person.id })
    expect((await linkOf(person.id))?.role).toBe('client')
    await as(f.t.app, f.admin).post(team(), { person_id: person.id, role: 'vendor' })
    expect((await linkOf(person.id))?.role).toBe('vendor')
  })

  it('reads the fields from the query string when there is no JSON body', async () => {
    const person = await createPerson(f.t.app, 'user')
    const res = await as(f.t.app, f.manager).post(`${team()}?person_id=${person.id}&role=manager`)
    expect(res.status).toBe(201)
    expect((await linkOf(person.id))?.role).toBe('manager')
  })

  it('refuses bad input with a 400 and writes nothing', async () => {
    const api = as(f.t.app, f.manager)
    const unknown = randomUUID()
    const person = await createPerson(f.t.app, 'user')
    const { result, events } = await withEvents(f.t.app, () => api.post(team(), { person_id: unknown }))
    expect(result).toMatchObject({ status: 400, body: wrong(`Person with id ${unknown} not found`) })
    expect(events).toEqual([])
    expect((await api.post(team(), { person_id: 'abc' })).body).toEqual(wrong('Person with id abc not found'))
    const missing = await api.post(team(), {})
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ error: true, message: 'Validation error.', data: { errors: [{ field: 'person_id' }] } })
    const admin = await api.post(team(), { person_id: person.id, role: 'admin' })
    expect(admin).toMatchObject({ status: 400, body: { message: 'Validation error.' } })
    expect(await linkOf(person.id)).toBeNull()
    expect((await as(f.t.app, f.admin).post(`/data/projects/${randomUUID()}/team`, { person_id: person.id })).status).toBe(404)
  })

  it('lets a per-project manager manage the team but not a per-project artist', async () => {
    const globalManager = await login(f.t.app, 'manager')
    await f.t.app.db.projectPersonLink.create({ data: { project_id: f.prod.project.id, person_id: globalManager.id, role: 'user' } })
    const person = await createPerson(f.t.app, 'user')
    expect((await as(f.t.app, globalManager).post(team(), { person_id: person.id })).status).toBe(403)
    const projectManager = await login(f.t.app, 'user')
    await f.t.app.db.projectPersonLink.create({ data: { project_id: f.prod.project.id, person_id: projectManager.id, role: 'manager' } })
    expect((await as(f.t.app, projectManager).post(team(), { person_id: person.id })).status).toBe(201)
  })
})

describe('PUT team/:person_id', () => {
  it('sets and clears the project role', async () => {
    const person = await createPerson(f.t.app, 'user')
    await as(f.t.app, f.manager).post(team(), { person_id: person.id })
    const { result, events } = await withEvents(f.t.app, () => as(f.t.app, f.manager).put(`${team()}/${person.id}`, { role: 'vendor' }))
    expect(result).toMatchObject({ status: 200, body: { project_id: f.prod.project.id, person_id: person.id, role: 'vendor' } })
    expect(Object.keys(result.body).sort()).toEqual(['person_id', 'project_id', 'role'])
    expect(events).toEqual(projectUpdates(f.prod.project.id, f.manager.id))
    const cleared = await as(f.t.app, f.manager).put(`${team()}/${person.id}`, { role: null })
    expect(cleared.body.role).toBeNull()
    expect((await linkOf(person.id))?.role).toBeNull()
  })

  it('refuses a person off the team, a malformed id and an unknown role', async () => {
    const api = as(f.t.app, f.manager)
    const outsider = await createPerson(f.t.app, 'user')
    expect((await api.put(`${team()}/${outsider.id}`, { role: 'user' })).body).toEqual(wrong('Person is not a member of the project team'))
    expect((await api.put(`${team()}/xyz`, { role: 'user' })).body).toEqual(wrong('Person is not a member of the project team'))
    expect((await api.put(`${team()}/${f.artist.id}`, { role: 'boss' })).status).toBe(400)
    expect((await linkOf(f.artist.id))?.role).toBe('supervisor')
  })
})

describe('DELETE team/:person_id', () => {
  it('removes the member, is fine when absent, and emits project:update', async () => {
    const person = await createPerson(f.t.app, 'user')
    await as(f.t.app, f.manager).post(team(), { person_id: person.id })
    const { result, events } = await withEvents(f.t.app, () => as(f.t.app, f.manager).del(`${team()}/${person.id}`))
    expect(result.status).toBe(204)
    expect(result.text).toBe('')
    expect(events).toEqual(projectUpdates(f.prod.project.id, f.manager.id))
    expect(await linkOf(person.id)).toBeNull()
    expect((await as(f.t.app, f.manager).del(`${team()}/${person.id}`)).status).toBe(204)
    expect((await as(f.t.app, f.manager).del(`${team()}/bad-id`)).body).toEqual(wrong(MALFORMED_ID))
  })

  it('persists the event with its author and project', async () => {
    const person = await createPerson(f.t.app, 'user')
    await as(f.t.app, f.manager).post(team(), { person_id: person.id })
    await as(f.t.app, f.manager).del(`${team()}/${person.id}`)
    const { rows } = await f.t.app.pool.query(
      `SELECT name, user_id, project_id, data FROM api_event WHERE project_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [f.prod.project.id],
    )
    expect(rows[0]).toEqual({ name: 'project:update', user_id: f.manager.id, project_id: f.prod.project.id, data: { project_id: f.prod.project.id } })
  })
})
