// routes.md §6: day offs by date, ISO week, month, year and in full; SELF-OR-ADMIN for a
// person's, everyone's month for admins and one's own for the others.
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { as, type TestPerson } from '../../helpers/fixtures.ts'
import { asBot } from '../crud/helpers.ts'
import { dayOff, get } from './fixtures.ts'

const file = useFileApp()
let artist: TestPerson, other: TestPerson, manager: TestPerson
const ids: Record<string, string> = {}

beforeAll(async () => {
  const app = file.t.app
  artist = await as(app, 'user')
  other = await as(app, 'user')
  manager = await as(app, 'manager')
  ids.winter = (await dayOff(app, artist.id, '2024-12-30', '2025-01-02')).id // ISO week 1 of 2025, across years
  ids.march = (await dayOff(app, artist.id, '2024-03-11', '2024-03-11')).id
  ids.april = (await dayOff(app, artist.id, '2024-04-01', '2024-04-03')).id // starts the day after March
  ids.other = (await dayOff(app, other.id, '2024-03-20', '2024-03-22')).id
})

const idsOf = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
const mine = (who: TestPerson, path: string) => get(file.t.app, who, `/data/persons/${artist.id}/day-offs${path}`)

describe('day offs', () => {
  it('of a date: the one covering it, or {}', async () => {
    const res = await mine(artist, '/2025-01-01')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      id: ids.winter, type: 'DayOff', person_id: artist.id, date: '2024-12-30', end_date: '2025-01-02', description: 'holidays',
      created_at: expect.any(String), updated_at: expect.any(String),
    })
    expect((await mine(artist, '/2025-01-03')).body).toEqual({})
    expect((await mine(file.admin, '/20240311')).body.id).toBe(ids.march)
    const bad = await mine(artist, '/2024-02-31')
    expect([bad.status, bad.body]).toEqual([400, { error: true, message: 'Invalid date format.', data: null }])
    expect((await mine(other, '/2025-01-01')).status).toBe(403)
    expect((await mine(manager, '/2025-01-01')).status).toBe(403)
  })

  it('of a week, month or year: those overlapping the period', async () => {
    expect(idsOf((await mine(artist, '/week/2025/1')).body)).toEqual([ids.winter])
    expect(idsOf((await mine(artist, '/week/2024/11')).body)).toEqual([ids.march])
    expect(idsOf((await mine(artist, '/month/2024/12')).body)).toEqual([ids.winter])
    expect(idsOf((await mine(artist, '/month/2025/1')).body)).toEqual([ids.winter])
    // Zou bug fixed: a day off starting the day after the month is not part of it.
    expect(idsOf((await mine(artist, '/month/2024/3')).body)).toEqual([ids.march])
    expect(idsOf((await mine(artist, '/year/2024')).body)).toEqual([ids.march, ids.april, ids.winter])
    expect(idsOf((await mine(artist, '/year/2025')).body)).toEqual([ids.winter])
    expect(idsOf((await mine(file.admin, '')).body)).toEqual([ids.march, ids.april, ids.winter])
    for (const path of ['', '/week/2025/1', '/month/2024/3', '/year/2024']) expect((await mine(other, path)).status, path).toBe(403)
    expect((await mine(artist, '/month/2024/13')).body.message).toBe('Invalid month or year.')
    expect((await mine(artist, '/week/2024/53')).body.message).toBe('Invalid month or year.')
    expect((await mine(artist, '/year/nope')).body.message).toBe('Invalid date format.')
  })

  it('of a month for everyone (admins) or oneself (others)', async () => {
    const url = '/data/persons/day-offs/2024/3'
    expect(idsOf((await get(file.t.app, file.admin, url)).body)).toEqual([ids.march, ids.other])
    expect(idsOf((await get(file.t.app, artist, url)).body)).toEqual([ids.march])
    expect(idsOf((await get(file.t.app, manager, url)).body)).toEqual([])
    const bad = await get(file.t.app, artist, '/data/persons/day-offs/2024/13')
    expect([bad.status, bad.body.message]).toEqual([400, 'Invalid month or year.'])
  })

  it('check the target person first', async () => {
    const bot = await asBot(file.t.app)
    expect((await get(file.t.app, file.admin, `/data/persons/${bot.id}/day-offs`)).status).toBe(403)
    expect((await get(file.t.app, artist, '/data/persons/00000000-0000-4000-8000-000000000000/day-offs/year/2024')).status).toBe(404)
  })
})
