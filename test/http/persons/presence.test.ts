// auth.md §7.4, routes.md §6: desktop login logs (list, create with last_presence and the
// person:update event) and the monthly presence sheet (CSV).
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call } from '../crud/helpers.ts'
import { get, logTime, personEvents } from './fixtures.ts'

const file = useFileApp()
let artist: TestPerson, other: TestPerson, manager: TestPerson

beforeAll(async () => {
  const app = file.t.app
  artist = await as(app, 'user')
  other = await as(app, 'user')
  manager = await as(app, 'manager')
})

const post = (who: TestPerson, personId: string, payload?: unknown) =>
  call(file.t.app, 'POST', `/data/persons/${personId}/desktop-login-logs`, who.headers, payload)
const presence = async (id: string) =>
  (await file.t.app.db.person.findUniqueOrThrow({ where: { id } })).last_presence?.toISOString().slice(0, 10) ?? null

describe('desktop login logs', () => {
  it('are created by the person or an admin, refresh last_presence and emit person:update', async () => {
    const res = await post(artist, artist.id, { date: '2024-03-04T09:30:00' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String), type: 'DesktopLoginLog', person_id: artist.id, date: '2024-03-04T09:30:00',
      created_at: expect.any(String), updated_at: expect.any(String),
    })
    expect(await presence(artist.id)).toBe('2024-03-04')
    const [event] = await personEvents(file.t.app, 'person:update', artist.id)
    expect(event).toEqual({ name: 'person:update', user_id: artist.id, project_id: null, data: { person_id: artist.id } })

    // The latest of desktop logins and time spents, whichever came last.
    const { task } = await makeProduction(file.t.app, [{ id: artist.id }])
    await logTime(file.t.app, task.id, artist.id, '2024-05-01', 30)
    expect((await post(file.admin, artist.id, { date: '2024-04-01' })).body.date).toBe('2024-04-01T00:00:00')
    expect(await presence(artist.id)).toBe('2024-05-01')
    expect((await post(file.admin, artist.id, { date: '2024-06-01T23:00:00+02:00' })).body.date).toBe('2024-06-01T23:00:00')
    expect(await presence(artist.id)).toBe('2024-06-01')
  })

  it('default to now, accept Unix times and form values, refuse what Pydantic refuses', async () => {
    const now = await post(other, other.id)
    expect(now.status).toBe(201)
    expect(Math.abs(Date.parse(`${now.body.date}Z`) - Date.now())).toBeLessThan(60_000)
    expect((await post(other, other.id, { date: 1_700_000_000 })).body.date).toBe('2023-11-14T22:13:20')
    const form = await call(file.t.app, 'POST', `/data/persons/${other.id}/desktop-login-logs?date=2024-02-02T10:00:00`, other.headers)
    expect(form.body.date).toBe('2024-02-02T10:00:00')
    const bad = await post(other, other.id, { date: 'yesterday' })
    expect([bad.status, bad.body.message, bad.body.data.errors[0].field]).toEqual([400, 'Validation error.', 'date'])
    // The body is validated before the access check, as in Zou.
    expect((await post(artist, other.id, { date: 'nope' })).status).toBe(400)
    expect((await post(artist, other.id, {})).status).toBe(403)
    expect((await post(manager, other.id, {})).status).toBe(403)
    expect((await post(file.admin, '00000000-0000-4000-8000-000000000000', {})).status).toBe(404)
  })

  it('are listed newest first for the person and global managers', async () => {
    const url = `/data/persons/${artist.id}/desktop-login-logs`
    const res = await get(file.t.app, manager, url)
    expect(res.body.map((r: { date: string }) => r.date)).toEqual(['2024-06-01T23:00:00', '2024-04-01T00:00:00', '2024-03-04T09:30:00'])
    expect((await get(file.t.app, artist, url)).status).toBe(200)
    expect((await get(file.t.app, other, url)).status).toBe(403)
    expect((await get(file.t.app, manager, '/data/persons/00000000-0000-4000-8000-000000000000/desktop-login-logs')).status).toBe(404)
  })
})

describe('presence sheet', () => {
  it('is a ;-separated CSV of active persons and the days they logged in', async () => {
    await file.t.app.db.person.update({ where: { id: other.id }, data: { first_name: 'Zed;quote"d' } })
    await post(file.admin, other.id, { date: '2024-03-31T23:59:00' })
    await post(file.admin, other.id, { date: '2024-04-02T08:00:00' }) // another month: not marked
    const res = await file.t.app.inject({ method: 'GET', url: '/api/data/persons/presence-logs/2024-3', headers: file.admin.headers })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toBe('attachment; filename=kitsu_export.csv')
    const lines = res.body.split('\r\n')
    expect(lines[0]).toBe(['2024', ...Array.from({ length: 31 }, (_, i) => String(i + 1))].join(';'))
    const artistLine = lines.find((l) => l.startsWith('user Tester'))!
    const days = (line: string) => line.split(';').slice(-31)
    expect(days(artistLine).map((c, i) => (c ? i + 1 : 0)).filter(Boolean)).toEqual([4])
    const otherLine = lines.find((l) => l.startsWith('"Zed;quote""d Tester"'))!
    expect(days(otherLine).map((c, i) => (c ? i + 1 : 0)).filter(Boolean)).toEqual([31])
    expect(res.body.endsWith('\r\n')).toBe(true)
  })

  it('refuses non-admins and months Python cannot read', async () => {
    expect((await get(file.t.app, manager, '/data/persons/presence-logs/2024-03')).status).toBe(403)
    for (const bad of ['2024-13', '2024', '24-03', '2024-03-01', '0000-01']) {
      const res = await get(file.t.app, file.admin, `/data/persons/presence-logs/${bad}`)
      expect([res.status, res.body], bad).toEqual([400, { error: true, message: 'Invalid month or year.', data: null }])
    }
    expect((await get(file.t.app, file.admin, '/data/persons/presence-logs/2024-02')).text.split('\r\n')[0].split(';')).toHaveLength(30)
  })
})
