// Saved search filters and filter groups: creation defaults, the sharing rule (project
// managers only, silently turned off otherwise), group/filter sharing consistency, who sees
// what (own, shared in the caller's open projects, departments), owner-or-admin writes.
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { makeFilter, makeFilterGroup } from './helpers.ts'

interface FiltersFile extends FileApp {
  manager: TestPerson
  artist: TestPerson
  outsider: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}

const file = useFileAppWith<FiltersFile>(async ({ t }) => {
  const manager = await as(t.app, 'manager')
  const artist = await as(t.app, 'user')
  const outsider = await as(t.app, 'user')
  const prod = await makeProduction(t.app, [{ id: manager.id }, { id: artist.id }])
  return { manager, artist, outsider, prod }
})

const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: TestPerson, payload?: unknown) => call(file.t.app, method, url, who.headers, payload)
const SAME_SHARING = 'A search filter should have the same value for is_shared than its search filter group.'

describe('POST /data/user/filters', () => {
  it('creates the caller\'s filter with Zou\'s defaults (201)', async () => {
    const { artist } = file
    const res = await req('POST', '/data/user/filters', artist, { name: 'late', query: 'due_date<today' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      type: 'SearchFilter', name: 'late', search_query: 'due_date<today', list_type: 'todo', person_id: artist.id,
      project_id: null, is_shared: false, entity_type: null, search_filter_group_id: null, department_id: null,
    })
    expect(res.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
  })

  it('validates the body like Zou\'s schema', async () => {
    const { artist } = file
    const missing = await req('POST', '/data/user/filters', artist, { name: 'x' })
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ error: true, message: 'Validation error.', data: { errors: [{ field: 'query' }] } })
    expect((await req('POST', '/data/user/filters', artist, { name: '', query: 'q' })).status).toBe(400)
    const badId = await req('POST', '/data/user/filters', artist, { name: 'x', query: 'q', project_id: 'nope' })
    expect(badId.status).toBe(400)
    expect(badId.body.data.errors[0].field).toBe('project_id')
    const unknown = '00000000-0000-0000-0000-000000000000'
    expect((await req('POST', '/data/user/filters', artist, { name: 'x', query: 'q', department_id: unknown })).status).toBe(404)
    expect((await req('POST', '/data/user/filters', artist, { name: 'x', query: 'q', search_filter_group_id: unknown })).status).toBe(404)
    // Zou reads the query string when no JSON body is sent.
    const form = await file.t.app.inject({ method: 'POST', url: '/data/user/filters?name=qs&query=a%3Db', headers: artist.headers })
    expect(form.statusCode).toBe(201)
    expect(form.json()).toMatchObject({ name: 'qs', search_query: 'a=b' })
  })

  it('shares only for a manager of the given project, and keeps groups and filters in step', async () => {
    const { artist, manager, prod } = file
    const p = prod.project.id
    const denied = await req('POST', '/data/user/filters', artist, { name: 's', query: 'q', project_id: p, is_shared: true })
    expect(denied.body.is_shared).toBe(false)
    const noProject = await req('POST', '/data/user/filters', manager, { name: 's', query: 'q', is_shared: true })
    expect(noProject.body.is_shared).toBe(false)
    const shared = await req('POST', '/data/user/filters', manager, { name: 's', query: 'q', project_id: p, is_shared: true })
    expect(shared.body.is_shared).toBe(true)

    const group = await req('POST', '/data/user/filter-groups', manager, { name: 'G', project_id: p, is_shared: true, color: '#ff0000' })
    expect(group.status).toBe(201)
    expect(group.body).toMatchObject({ type: 'SearchFilterGroup', is_shared: true, color: '#ff0000', list_type: 'todo' })
    const mismatch = await req('POST', '/data/user/filters', manager, { name: 'f', query: 'q', project_id: p, search_filter_group_id: group.body.id })
    expect(mismatch.status).toBe(400)
    expect(mismatch.body).toEqual({ error: true, message: SAME_SHARING, data: null })
    const inGroup = await req('POST', '/data/user/filters', manager, { name: 'f', query: 'q', project_id: p, is_shared: true, search_filter_group_id: group.body.id })
    expect(inGroup.status).toBe(201)

    // Unsharing the group unshares its filters.
    const unshared = await req('PUT', `/data/user/filter-groups/${group.body.id}`, manager, { is_shared: false, project_id: p })
    expect(unshared.body.is_shared).toBe(false)
    const row = await file.t.app.db.searchFilter.findUniqueOrThrow({ where: { id: inGroup.body.id } })
    expect(row.is_shared).toBe(false)
    // A filter update must keep the group's sharing.
    const wrong = await req('PUT', `/data/user/filters/${inGroup.body.id}`, manager, { is_shared: true, project_id: p })
    expect(wrong.status).toBe(400)
    // Leaving the group (explicit null) lifts the constraint.
    const left = await req('PUT', `/data/user/filters/${inGroup.body.id}`, manager, { search_filter_group_id: null, is_shared: true, project_id: p })
    expect(left.status).toBe(200)
    expect(left.body).toMatchObject({ search_filter_group_id: null, is_shared: true })
    // An artist's sharing request on an update is silently turned off.
    const own = await makeFilter(file.t.app, artist.id, { project_id: p })
    const upd = await req('PUT', `/data/user/filters/${own.id}`, artist, { is_shared: true, name: 'renamed', search_query: null })
    expect(upd.body).toMatchObject({ is_shared: false, name: 'renamed', search_query: 'q' })
  })
})

describe('listings', () => {
  it('group by list type and project ("all" without one), with shared and department rules', async () => {
    const { t, artist, manager, outsider, prod, admin } = file
    const p = prod.project.id
    const dep = await t.app.db.department.create({ data: { name: `Comp ${Date.now()}`, color: '#000000' } })
    const own = await makeFilter(t.app, artist.id, { list_type: 'asset', name: 'own-all' })
    const ownProject = await makeFilter(t.app, artist.id, { list_type: 'asset', project_id: p, name: 'own-p' })
    const sharedByManager = await makeFilter(t.app, manager.id, { list_type: 'asset', project_id: p, is_shared: true, name: 'shared' })
    const privateOfManager = await makeFilter(t.app, manager.id, { list_type: 'asset', project_id: p, name: 'private' })
    const forDepartment = await makeFilter(t.app, manager.id, { list_type: 'asset', project_id: p, is_shared: true, department_id: dep.id, name: 'dep' })
    const res = await req('GET', '/data/user/filters', artist)
    expect(res.status).toBe(200)
    const asset = res.body.asset
    expect(asset.all.map((f: { id: string }) => f.id)).toEqual([own.id])
    const projectIds = asset[p].map((f: { id: string }) => f.id)
    expect(projectIds).toEqual(expect.arrayContaining([ownProject.id, sharedByManager.id]))
    expect(projectIds).not.toContain(privateOfManager.id)
    expect(projectIds).not.toContain(forDepartment.id)
    // Department members and managers see department filters.
    await t.app.db.departmentLink.create({ data: { person_id: artist.id, department_id: dep.id } })
    const member = await as(t.app, 'user')
    await t.app.db.projectPersonLink.create({ data: { project_id: p, person_id: member.id } })
    await t.app.db.departmentLink.create({ data: { person_id: member.id, department_id: dep.id } })
    expect((await req('GET', '/data/user/filters', member)).body.asset[p].map((f: { id: string }) => f.id)).toContain(forDepartment.id)
    expect((await req('GET', '/data/user/filters', manager)).body.asset[p].map((f: { id: string }) => f.id)).toContain(forDepartment.id)
    // Outside the team: no shared filters of the project (Slate).
    expect((await req('GET', '/data/user/filters', outsider)).body).toEqual({})
    expect((await req('GET', '/data/user/filters', admin)).body.asset[p].map((f: { id: string }) => f.id)).toContain(sharedByManager.id)
  })

  it('filter groups: newest first, same rules', async () => {
    const { t, outsider } = file
    const first = await makeFilterGroup(t.app, outsider.id, { list_type: 'shot', created_at: new Date('2024-01-01T00:00:00Z') })
    const second = await makeFilterGroup(t.app, outsider.id, { list_type: 'shot', created_at: new Date('2024-02-01T00:00:00Z') })
    const res = await req('GET', '/data/user/filter-groups', outsider)
    expect(res.body.shot.all.map((g: { id: string }) => g.id)).toEqual([second.id, first.id])
    expect(res.body.shot.all[0]).toMatchObject({ type: 'SearchFilterGroup', created_at: '2024-02-01T00:00:00' })
  })
})

describe('owner-or-admin writes', () => {
  it('404 on someone else\'s filter or group, admins may act on any', async () => {
    const { t, artist, outsider, admin } = file
    const filter = await makeFilter(t.app, artist.id)
    const group = await makeFilterGroup(t.app, artist.id)
    expect((await req('PUT', `/data/user/filters/${filter.id}`, outsider, { name: 'x' })).status).toBe(404)
    expect((await req('DELETE', `/data/user/filters/${filter.id}`, outsider)).status).toBe(404)
    expect((await req('GET', `/data/user/filter-groups/${group.id}`, outsider)).status).toBe(404)
    expect((await req('PUT', `/data/user/filter-groups/${group.id}`, outsider, { name: 'x' })).status).toBe(404)
    expect((await req('DELETE', `/data/user/filter-groups/${group.id}`, outsider)).status).toBe(404)
    expect((await req('GET', '/data/user/filter-groups/not-a-uuid', outsider)).status).toBe(404)
    expect((await req('GET', `/data/user/filter-groups/${group.id}`, admin)).body).toMatchObject({ id: group.id, person_id: artist.id })
    expect((await req('PUT', `/data/user/filters/${filter.id}`, admin, { name: 'by admin' })).body.name).toBe('by admin')
  })

  it('deleting a group deletes its filters', async () => {
    const { t, artist } = file
    const group = await makeFilterGroup(t.app, artist.id)
    const filter = await makeFilter(t.app, artist.id, { search_filter_group_id: group.id })
    const res = await req('DELETE', `/data/user/filter-groups/${group.id}`, artist)
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(await t.app.db.searchFilter.findUnique({ where: { id: filter.id } })).toBeNull()
    expect(await t.app.db.searchFilterGroup.findUnique({ where: { id: group.id } })).toBeNull()
    const single = await makeFilter(t.app, artist.id)
    expect((await req('DELETE', `/data/user/filters/${single.id}`, artist)).status).toBe(204)
    expect(await t.app.db.searchFilter.findUnique({ where: { id: single.id } })).toBeNull()
  })
})
