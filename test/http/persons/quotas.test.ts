// routes.md §6: quota shots — weighted (time spents, else business days of the task spread
// over the period), feedback and done counts — in the caller's time zone, with the access
// rule that lets a project manager read anyone's quotas and others only their own.
import { beforeAll, describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { asBot } from '../crud/helpers.ts'
import { businessDays, localToUtc, pyRound2 } from '../../../src/services/persons-quotas.ts'
import { get, logTime, makeShot, makeTask, makeTaskType } from './fixtures.ts'

const file = useFileApp()
let artist: TestPerson, other: TestPerson, manager: TestPerson, pm: TestPerson, demoted: TestPerson
let prod: Awaited<ReturnType<typeof makeProduction>>
let taskTypeId: string
const shot: Record<string, string> = {}

beforeAll(async () => {
  const app = file.t.app
  artist = await as(app, 'user')
  other = await as(app, 'user')
  manager = await as(app, 'manager')
  pm = await as(app, 'user') // a project manager through the team link
  demoted = await as(app, 'manager') // a global manager who is an artist on this project
  prod = await makeProduction(app, [{ id: artist.id }, { id: other.id }, { id: manager.id }, { id: pm.id, role: 'manager' }, { id: demoted.id, role: 'user' }])
  taskTypeId = (await makeTaskType(app)).id
  const p = prod.project.id
  shot.sh01 = (await makeShot(app, p, 'SH01', 'SQ01')).id
  const { entity_type_id, parent_id } = await app.db.entity.findUniqueOrThrow({ where: { id: shot.sh01 } })
  shot.sh02 = (await app.db.entity.create({ data: { name: 'SH02', project_id: p, entity_type_id, parent_id } })).id
  shot.sh03 = (await makeShot(app, p, 'SH03', 'SQ02', 'E01')).id
  shot.sh04 = (await makeShot(app, p, 'SH04', 'SQ03')).id
  shot.sh05 = (await makeShot(app, p, 'SH05', 'SQ04')).id
  const at = (s: string) => new Date(`${s}Z`)
  const task = async (entityId: string, extra: Record<string, unknown>, assigned = true) => {
    const t = await makeTask(app, { projectId: p, entityId, taskTypeId, statusId: prod.status.id }, extra)
    if (assigned) await app.db.taskPersonLink.create({ data: { task_id: t.id, person_id: artist.id } })
    return t.id
  }
  // SH01: time logged in March by the artist (2 × 60 of the task's 480 minutes).
  const t1 = await task(shot.sh01, { real_start_date: at('2024-03-01T09:00:00'), end_date: at('2024-03-10T10:00:00') })
  await logTime(app, t1, artist.id, '2024-03-04', 60)
  await logTime(app, t1, artist.id, '2024-03-05', 60)
  await logTime(app, t1, other.id, '2024-03-06', 360)
  // SH02: no time logged at all, Monday 10:00 to Friday 12:00 (5 business days).
  await task(shot.sh02, { real_start_date: at('2024-03-04T10:00:00'), end_date: at('2024-03-08T12:00:00') })
  // SH03: its whole duration logged by the artist, feedback 20th, done 25th.
  const t3 = await task(shot.sh03, { real_start_date: at('2024-03-18T09:00:00'), end_date: at('2024-03-20T10:00:00'), done_date: at('2024-03-25T10:00:00') })
  await logTime(app, t3, artist.id, '2024-03-20', 30)
  // SH04: feedback in February, done on Saturday March 2nd, nothing logged.
  await task(shot.sh04, { real_start_date: at('2024-02-20T08:00:00'), end_date: at('2024-02-28T10:00:00'), done_date: at('2024-03-02T08:00:00') })
  // SH05: feedback at 00:30 on April 1st in Paris, 22:30 on March 31st in UTC.
  await task(shot.sh05, { end_date: at('2024-03-31T22:30:00') })
  // Not counted: another person's task, another task type, an asset.
  await task(shot.sh01, { real_start_date: at('2024-03-04T10:00:00'), end_date: at('2024-03-08T12:00:00') }, false)
  await makeTask(app, { projectId: p, entityId: shot.sh02, taskTypeId: (await makeTaskType(app)).id, statusId: prod.status.id }, { end_date: at('2024-03-08T12:00:00') })
})

const quotas = (who: TestPerson, path: string, query = '', personId = artist.id) =>
  get(file.t.app, who, `/data/persons/${personId}/quota-shots/${path}?project_id=${prod.project.id}&task_type_id=${taskTypeId}${query}`)
const weights = (rows: Array<{ full_name: string; weight: number }>) => rows.map((r) => [r.full_name, r.weight])

describe('quota shots', () => {
  it('weighted: minutes over the task duration, else the share of the task\'s business days', async () => {
    const res = await quotas(artist, 'month/2024/3')
    expect(res.status).toBe(200)
    // 60/480 = 0.125 rounds to 0.12 (Python rounds halves to even), twice.
    expect(weights(res.body)).toEqual([['E01 / SQ02 / SH03', 1], ['SQ01 / SH01', 0.24], ['SQ01 / SH02', 1]])
    const sh01 = res.body[1]
    expect(sh01).toMatchObject({ id: shot.sh01, type: 'Entity', name: 'SH01', project_id: prod.project.id, full_name: 'SQ01 / SH01' })
    expect(sh01).toHaveProperty('nb_frames')
    expect(weights((await quotas(artist, 'week/2024/10')).body)).toEqual([['SQ01 / SH01', 0.24], ['SQ01 / SH02', 1]])
    // One day of the five: the task started that day, or runs across it.
    expect(weights((await quotas(artist, 'day/2024/3/4')).body)).toEqual([['SQ01 / SH01', 0.12], ['SQ01 / SH02', 0.2]])
    expect(weights((await quotas(artist, 'day/2024/3/6')).body)).toEqual([['SQ01 / SH02', 0.2]])
  })

  it('weighteddone, feedback and done modes', async () => {
    expect(weights((await quotas(artist, 'month/2024/3', '&count_mode=weighteddone')).body)).toEqual([['E01 / SQ02 / SH03', 1], ['SQ03 / SH04', 0.11]])
    expect(weights((await quotas(artist, 'month/2024/3', '&count_mode=feedback')).body)).toEqual([
      ['E01 / SQ02 / SH03', 1], ['SQ01 / SH01', 1], ['SQ01 / SH02', 1],
    ])
    expect(weights((await quotas(artist, 'month/2024/3', '&count_mode=done')).body)).toEqual([['E01 / SQ02 / SH03', 1], ['SQ03 / SH04', 1]])
    const bad = await quotas(artist, 'month/2024/3', '&count_mode=all')
    expect([bad.status, bad.body]).toEqual([400, { error: true, message: 'count_mode must be equal to weighted, weighteddone, feedback, or done', data: null }])
  })

  it('read the period in the caller\'s time zone', async () => {
    const feedback = async () => weights((await quotas(artist, 'month/2024/3', '&count_mode=feedback')).body).map(([n]) => n)
    expect(await feedback()).not.toContain('SQ04 / SH05')
    await file.t.app.db.person.update({ where: { id: artist.id }, data: { timezone: 'UTC' } })
    expect(await feedback()).toContain('SQ04 / SH05')
    await file.t.app.db.person.update({ where: { id: artist.id }, data: { timezone: 'Not/AZone' } })
    expect(await feedback()).not.toContain('SQ04 / SH05')
    await file.t.app.db.person.update({ where: { id: artist.id }, data: { timezone: 'Europe/Paris' } })
  })

  it('let project managers read anyone\'s quotas, others only their own', async () => {
    expect((await quotas(manager, 'month/2024/3')).body).toHaveLength(3)
    expect((await quotas(pm, 'month/2024/3')).body).toHaveLength(3)
    expect((await quotas(file.admin, 'month/2024/3')).body).toHaveLength(3)
    expect((await quotas(demoted, 'month/2024/3')).status).toBe(403)
    expect((await quotas(other, 'month/2024/3')).status).toBe(403)
    // A manager needs a project; without one Zou compares the tasks' project with NULL.
    expect((await get(file.t.app, manager, `/data/persons/${artist.id}/quota-shots/month/2024/3`)).status).toBe(403)
    const own = await get(file.t.app, artist, `/data/persons/${artist.id}/quota-shots/month/2024/3`)
    expect([own.status, own.body]).toEqual([200, []])
  })

  it('answer 400 for bad dates and ids, 404/403 for unknown and bot persons', async () => {
    for (const path of ['month/2024/13', 'week/2024/53', 'day/2024/2/30']) {
      const res = await quotas(artist, path)
      expect([res.status, res.body.message], path).toEqual([400, 'Invalid month or year.'])
    }
    expect((await get(file.t.app, artist, `/data/persons/${artist.id}/quota-shots/month/2024/3?task_type_id=x`)).status).toBe(400)
    expect((await quotas(file.admin, 'month/2024/3', '', '00000000-0000-4000-8000-000000000000')).status).toBe(404)
    const bot = await asBot(file.t.app)
    expect((await quotas(file.admin, 'month/2024/13', '', bot.id)).status).toBe(403)
  })
})

describe('Python parity helpers', () => {
  it('round like Python\'s round(x, 2)', () => {
    expect([0.125, 0.375, 0.625, 0.875, 0.115, 0.145, 1 / 9, 2.675, 0.5, 1].map(pyRound2)).toEqual([0.12, 0.38, 0.62, 0.88, 0.12, 0.14, 0.11, 2.67, 0.5, 1])
  })

  it('count business days like get_business_days', () => {
    const at = (s: string) => Date.parse(`${s}Z`)
    expect(businessDays(at('2024-03-04T10:00:00'), at('2024-03-08T12:00:00'))).toBe(4)
    expect(businessDays(at('2024-03-01T00:00:00'), at('2024-03-04T00:00:00'))).toBe(1)
    expect(businessDays(at('2024-03-01T00:00:00'), at('2024-03-29T00:00:00'))).toBe(20)
    expect(businessDays(at('2024-03-04T00:00:00'), at('2024-03-01T00:00:00'))).toBe(0)
  })

  it('convert local midnights to UTC', () => {
    const at = (s: string) => Date.parse(`${s}Z`)
    expect(new Date(localToUtc(at('2024-03-01T00:00:00'), 'Europe/Paris')).toISOString()).toBe('2024-02-29T23:00:00.000Z')
    expect(new Date(localToUtc(at('2024-04-01T00:00:00'), 'Europe/Paris')).toISOString()).toBe('2024-03-31T22:00:00.000Z')
    expect(new Date(localToUtc(at('2024-04-01T00:00:00'), 'America/New_York')).toISOString()).toBe('2024-04-01T04:00:00.000Z')
  })
})
