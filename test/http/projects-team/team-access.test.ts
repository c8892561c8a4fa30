// The team drives permissions everywhere, at once: an artist off the team is refused (or sees
// filtered lists) on the generic CRUD and on the project routes; added through POST …/team,
// the same token reads; given the manager project role through PUT, it writes; removed through
// DELETE, it is refused again. No new login in between: the caller's teams are read per request.
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as as login, type TestPerson } from '../../helpers/fixtures.ts'
import { as } from './helpers.ts'

const f = useFileAppWithProduction()

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)

/** Every read the artist makes, with the status (or list membership) it gets. */
async function reads(artist: TestPerson) {
  const api = as(f.t.app, artist)
  const { project, task, asset } = f.prod
  const p = `/data/projects/${project.id}`
  const [open, all, projects, tasks, entities] = await Promise.all([
    api.get('/data/projects/open'), api.get('/data/projects/all'), api.get('/data/projects'),
    api.get(`/data/tasks?project_id=${project.id}`), api.get(`/data/entities?project_id=${project.id}`),
  ])
  const statuses = await Promise.all([
    api.get(p), api.get(`/data/tasks/${task.id}`), api.get(`/data/entities/${asset.id}`),
    api.get(`${p}/team`), api.get(`${p}/task-types`), api.get(`${p}/settings/task-status`),
    api.get(`${p}/settings/preview-background-files`), api.get(`${p}/day-offs`),
  ])
  return {
    statuses: statuses.map((r) => r.status),
    listed: [open, all, projects].map((r) => ids(r.body).includes(project.id)),
    taskListed: ids(tasks.body).includes(task.id),
    entityListed: ids(entities.body).includes(asset.id),
  }
}

/** Writes needing the manager role on the project: a settings link, and the generic project PUT. */
async function writes(artist: TestPerson) {
  const api = as(f.t.app, artist)
  const p = `/data/projects/${f.prod.project.id}`
  const link = await api.post(`${p}/settings/task-status`, { task_status_id: f.prod.status.id })
  const update = await api.put(p, { description: 'set by the artist' })
  return [link.status, update.status]
}

const REFUSED = { statuses: Array(8).fill(403), listed: [false, false, false], taskListed: false, entityListed: false }
const ALLOWED = { statuses: Array(8).fill(200), listed: [true, true, true], taskListed: true, entityListed: true }

describe('team membership and permissions', () => {
  it('follows POST, PUT and DELETE on the team immediately, on generic CRUD and project routes', async () => {
    const artist = await login(f.t.app, 'user')
    const manager = as(f.t.app, f.manager)
    const member = `/data/projects/${f.prod.project.id}/team`

    expect(await reads(artist)).toEqual(REFUSED)
    expect(await writes(artist)).toEqual([403, 403])

    expect((await manager.post(member, { person_id: artist.id })).status).toBe(201)
    expect(await reads(artist)).toEqual(ALLOWED)
    expect(await writes(artist)).toEqual([403, 403])

    expect((await manager.put(`${member}/${artist.id}`, { role: 'manager' })).status).toBe(200)
    expect(await writes(artist)).toEqual([201, 200])

    expect((await manager.put(`${member}/${artist.id}`, { role: null })).status).toBe(200)
    expect(await writes(artist)).toEqual([403, 403])

    expect((await manager.del(`${member}/${artist.id}`)).status).toBe(204)
    expect(await reads(artist)).toEqual(REFUSED)
    expect(await writes(artist)).toEqual([403, 403])
  })

  it('narrows by the project role: a global manager made an artist on the project loses manager rights there', async () => {
    const globalManager = await login(f.t.app, 'manager')
    const member = `/data/projects/${f.prod.project.id}/team`
    await as(f.t.app, f.admin).post(member, { person_id: globalManager.id, role: 'user' })
    expect(await writes(globalManager)).toEqual([403, 403])
    await as(f.t.app, f.admin).put(`${member}/${globalManager.id}`, { role: null })
    expect(await writes(globalManager)).toEqual([201, 200])
  })
})
