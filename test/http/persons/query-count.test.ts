// Issue 7 point 4: time sheets and day offs are computed by PostgreSQL — one statement per
// request (after the caller's token check), whatever the number of rows behind the answer.
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { countQueries } from '../../helpers/query-count.ts'
import { makeShot, makeTaskType } from './fixtures.ts'

interface CountFile extends FileApp {
  artist: TestPerson
  manager: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
  taskTypeId: string
}

const file = useFileAppWith<CountFile>(async ({ t }) => {
  const artist = await as(t.app, 'user')
  const manager = await as(t.app, 'manager')
  const prod = await makeProduction(t.app, [{ id: artist.id }, { id: manager.id }])
  return { artist, manager, prod, taskTypeId: (await makeTaskType(t.app)).id }
})

/** `n` shots with one task each, assigned to the artist, with a day of time logged in 2024 on each. */
async function grow(n: number, offset: number) {
  const { t, prod, artist, taskTypeId } = file
  for (let i = 0; i < n; i++) {
    const shot = await makeShot(t.app, prod.project.id, `SH${offset + i}`, `SQ${offset + i}`)
    const date = new Date(Date.UTC(2024, 0, 1 + ((offset + i) % 360)))
    const task = await t.app.db.task.create({
      data: {
        name: 'main', project_id: prod.project.id, entity_id: shot.id, task_type_id: taskTypeId, task_status_id: prod.status.id,
        duration: 60, real_start_date: date, end_date: date, done_date: date,
      },
    })
    await t.app.db.taskPersonLink.create({ data: { task_id: task.id, person_id: artist.id } })
    await t.app.db.timeSpent.create({ data: { task_id: task.id, person_id: artist.id, date, duration: 60 } })
    await t.app.db.dayOff.create({ data: { person_id: artist.id, date: new Date(Date.UTC(2025, 0, 1 + 2 * (offset + i))), end_date: new Date(Date.UTC(2025, 0, 1 + 2 * (offset + i))) } })
  }
}

function urls() {
  const { artist, prod, taskTypeId } = file
  const me = `/data/persons/${artist.id}`
  const quota = `?project_id=${prod.project.id}&task_type_id=${taskTypeId}`
  return {
    one: [
      `${me}/time-spents/year/2024`, `${me}/time-spents/month/2024/1`, `${me}/time-spents/week/2024/2`, `${me}/time-spents/day/2024/1/1`,
      `${me}/time-spents/year/2024?project_id=${prod.project.id}`, `${me}/time-spents/2024-01-01`, `${me}/time-spents/month/all/2024/1`,
      `${me}/day-offs`, `${me}/day-offs/year/2025`, `${me}/day-offs/month/2025/1`, `${me}/day-offs/week/2025/2`, `${me}/day-offs/2025-01-01`,
      '/data/persons/day-offs/2025/1', '/data/persons/time-spents/year-table', '/data/persons/time-spents/month-table/2024',
      '/data/persons/time-spents/week-table/2024', '/data/persons/time-spents/day-table/2024/1', `${me}/desktop-login-logs`,
    ],
    // The quotas also read the caller's time zone.
    two: [`${me}/quota-shots/month/2024/1${quota}`, `${me}/quota-shots/week/2024/2${quota}&count_mode=feedback`],
  }
}

async function measure(who: TestPerson, list: string[]) {
  const out = new Map<string, { n: number; size: number; sql: string[] }>()
  for (const url of list) {
    const { result: res, sql } = await countQueries(() => file.t.app.inject({ method: 'GET', url, headers: who.headers }))
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
    out.set(url, { n: sql.length, size: res.body.length, sql })
  }
  return out
}

describe('statements per request', () => {
  it('stay at the token check plus one, whatever the data size', async () => {
    const { one, two } = urls()
    await grow(3, 0)
    const small = await measure(file.artist, [...one, ...two])
    const smallManager = await measure(file.manager, one.slice(0, 6))
    await grow(40, 3)
    const big = await measure(file.artist, [...one, ...two])
    const bigManager = await measure(file.manager, one.slice(0, 6))
    for (const [before, after] of [[small, big], [smallManager, bigManager]]) {
      for (const [url, s] of before) {
        const b = after.get(url)!
        expect(b.n, `${url}:\n${b.sql.join('\n')}`).toBe(s.n)
        expect(s.n, `${url}:\n${s.sql.join('\n')}`).toBe(two.includes(url) ? 3 : 2)
      }
    }
    // The answers did grow.
    expect(big.get(one[0])!.size).toBeGreaterThan(small.get(one[0])!.size * 5)
    expect(big.get(`/data/persons/${file.artist.id}/day-offs`)!.size).toBeGreaterThan(small.get(`/data/persons/${file.artist.id}/day-offs`)!.size * 5)
  })
})
