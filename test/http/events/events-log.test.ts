// routes.md §17 / events.md §2: the event log read-back (GET /data/events/last, /names) and
// the login log (GET /data/events/login-logs/last), through real HTTP on a real database.
// Events come from real CRUD writes and from api_event / login_log rows inserted with a
// controlled created_at where ordering or bounds matter.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call, FORBIDDEN, uniq, type Headers } from '../crud/helpers.ts'

type Row = { id: string; created_at: string; name: string; user_id: string | null; project_id: string | null; data: unknown }
type LoginRow = { id: string; created_at: string; ip_address: string | null; person_id: string; origin: string | null }

const EVENT_KEYS = ['created_at', 'data', 'id', 'name', 'project_id', 'user_id']
const LOGIN_KEYS = ['created_at', 'id', 'ip_address', 'origin', 'person_id']
/** Zou's "milliseconds" datetime: the fraction as Python prints it (6 digits), none when zero. */
const DATETIME_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/
const FILE_EVENTS = ['preview-file:add-file', 'organisation:set-thumbnail', 'person:set-thumbnail', 'project:set-thumbnail']
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'

let t: TestApp
let admin: TestPerson, manager: TestPerson, supervisor: TestPerson, artist: TestPerson
let pmArtist: TestPerson, client: TestPerson, vendor: TestPerson
let projectA: string, projectB: string
/** The CRUD-written events, oldest first: [name, subject key, subject id, project, author]. */
const crud: Array<{ name: string; key: string; subject: string; project: string | null; user: string }> = []
/** Inserted rows with a controlled created_at (March 2021 window). */
const w: Record<string, string> = {}
/** Rows for the cursor precision check (April 2021), the file events (May 2021), bulk (2019). */
const c: Record<string, string> = {}
const files: Record<string, string> = {}
const decoys: string[] = []
const logins: Record<string, string> = {}
const BULK = 1005

const get = (url: string, headers: Headers | Record<string, never> = {}) => call(t.app, 'GET', url, headers as Headers)
const names = (rows: Row[]) => rows.map((r) => r.name)
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
const wrong = (message: string) => ({ error: true, message, data: null })
const dateMessage = (arg: string) => `Wrong date format for ${arg} argument.Expected format: 2020-01-05T13:23:10 or 2020-01-05`
/** Sortable form of a "milliseconds" datetime. */
const sortable = (s: string) => (s.length === 19 ? `${s}.000000` : s)

async function insertEvent(name: string, createdAt: string, opts: { project?: string | null; user?: string | null; data?: unknown } = {}) {
  const { rows } = await t.app.pool.query(
    `INSERT INTO api_event (name, created_at, updated_at, project_id, user_id, data)
     VALUES ($1, $2::timestamp, $2::timestamp, $3, $4, $5) RETURNING id`,
    [name, createdAt, opts.project ?? null, opts.user ?? null, JSON.stringify(opts.data ?? {})],
  )
  return rows[0].id as string
}

async function insertLogin(personId: string, createdAt: string, ip: string, origin: string) {
  const { rows } = await t.app.pool.query(
    `INSERT INTO login_log (person_id, created_at, updated_at, ip_address, origin)
     VALUES ($1, $2::timestamp, $2::timestamp, $3, $4) RETURNING id`,
    [personId, createdAt, ip, origin],
  )
  return rows[0].id as string
}

async function write(method: 'POST' | 'PUT' | 'DELETE', url: string, by: TestPerson, payload?: unknown) {
  const res = await call(t.app, method, url, by.headers, payload)
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.text}`)
  return res.body
}

beforeAll(async () => {
  t = await buildTestApp()
  const app = t.app
  admin = await as(app, 'admin')
  manager = await as(app, 'manager')
  supervisor = await as(app, 'supervisor')
  artist = await as(app, 'user')
  pmArtist = await as(app, 'user')
  client = await as(app, 'client')
  vendor = await as(app, 'vendor')
  projectA = (await makeProduction(app, [{ id: manager.id }, { id: supervisor.id }, { id: artist.id }, { id: pmArtist.id, role: 'manager' }, { id: client.id }, { id: vendor.id }])).project.id
  projectB = (await makeProduction(app, [{ id: artist.id }])).project.id

  // Real CRUD writes (each emits and persists its event before answering).
  const dep = await write('POST', '/data/departments', admin, { name: uniq('Dep '), color: '#112233' })
  crud.push({ name: 'department:new', key: 'department_id', subject: dep.id, project: null, user: admin.id })
  await write('PUT', `/data/departments/${dep.id}`, admin, { name: uniq('Dep2 ') })
  crud.push({ name: 'department:update', key: 'department_id', subject: dep.id, project: null, user: admin.id })
  const ms = await write('POST', '/data/milestones', admin, { name: 'M1', project_id: projectA, date: '2024-05-01' })
  crud.push({ name: 'milestone:new', key: 'milestone_id', subject: ms.id, project: projectA, user: admin.id })
  await write('PUT', `/data/milestones/${ms.id}`, manager, { name: 'M1b' })
  crud.push({ name: 'milestone:update', key: 'milestone_id', subject: ms.id, project: projectA, user: manager.id })
  await write('DELETE', `/data/departments/${dep.id}`, admin)
  crud.push({ name: 'department:delete', key: 'department_id', subject: dep.id, project: null, user: admin.id })
  const msB = await write('POST', '/data/milestones', admin, { name: 'MB', project_id: projectB, date: '2024-06-01' })
  crud.push({ name: 'milestone:new', key: 'milestone_id', subject: msB.id, project: projectB, user: admin.id })

  // March 2021 window: bounds, names, prefixes, suffixes, authors, projects.
  w.w1 = await insertEvent('probe:alpha', '2021-03-01 10:00:00', { project: projectA, user: manager.id, data: { n: 1 } })
  w.w2 = await insertEvent('probe:beta', '2021-03-02 12:30:00.123456', { project: projectB, user: admin.id, data: { n: 2 } })
  w.w3 = await insertEvent('other-probe:alpha', '2021-03-03 08:00:00', { data: { n: 3 } })
  w.w4 = await insertEvent('probe:alpha', '2021-03-04 00:00:00', { project: projectA, user: artist.id, data: { n: 4 } })
  w.w5 = await insertEvent('probe:gamma', '2021-03-05 23:59:59', { project: projectA, user: admin.id, data: { n: 5 } })
  // April 2021: the cursor must compare at the stored (microsecond) precision.
  c.c1 = await insertEvent('cursor:a', '2021-04-01 10:00:00.123456')
  c.c2 = await insertEvent('cursor:b', '2021-04-01 10:00:00.123200')
  c.c3 = await insertEvent('cursor:c', '2021-04-01 10:00:00.100000')
  // May 2021: the four file events and look-alikes.
  let day = 1
  for (const name of FILE_EVENTS) files[name] = await insertEvent(name, `2021-05-0${day++} 09:00:00`)
  for (const name of ['preview-file:new', 'preview-file:update', 'person:update', 'project:set-thumbnails']) {
    decoys.push(await insertEvent(name, `2021-05-0${day++} 09:00:00`))
  }
  // 2019: more rows than the cap.
  await app.pool.query(
    `INSERT INTO api_event (name, created_at, updated_at, data)
     SELECT 'bulk:tick', ts, ts, '{}'::jsonb
     FROM (SELECT timestamp '2019-01-01 00:00:00' + n * interval '1 second' AS ts FROM generate_series(1, ${BULK}) n) s`,
  )

  // Login log: a browser login from a forwarded address, then rows with a controlled date.
  const res = await app.inject({
    method: 'POST', url: '/api/auth/login', payload: { email: artist.email, password: 'correct-horse-battery' },
    headers: { 'user-agent': CHROME, 'x-real-ip': '203.0.113.7' },
  })
  if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`)
  logins.l1 = await insertLogin(vendor.id, '2021-03-01 10:00:00', '198.51.100.1', 'script')
  logins.l2 = await insertLogin(vendor.id, '2021-03-02 10:00:00.250000', '198.51.100.2', 'web')
  logins.l3 = await insertLogin(client.id, '2021-03-03 10:00:00', '198.51.100.3', 'web')
  logins.l4 = await insertLogin(vendor.id, '2021-04-01 10:00:00.123456', '198.51.100.4', 'web')
  logins.l5 = await insertLogin(vendor.id, '2021-04-01 10:00:00.123200', '198.51.100.5', 'web')
})

afterAll(async () => {
  await t?.close()
})

const WINDOW = 'after=2021-03-01&before=2021-03-06'

describe('GET /data/events/last — CRUD-written events', () => {
  it('lists them newest first, with the exact row shape and payloads', async () => {
    const res = await get('/data/events/last', admin.headers)
    expect(res.status).toBe(200)
    const rows = res.body as Row[]
    const latest = rows.slice(0, crud.length)
    const expected = [...crud].reverse()
    expect(names(latest)).toEqual(expected.map((e) => e.name))
    latest.forEach((row, i) => {
      const e = expected[i]
      expect(Object.keys(row).sort()).toEqual(EVENT_KEYS)
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(row.created_at).toMatch(DATETIME_MS)
      expect(row.user_id).toBe(e.user)
      expect(row.project_id).toBe(e.project)
      expect(row.data).toEqual(e.project ? { [e.key]: e.subject, project_id: e.project } : { [e.key]: e.subject })
    })
    // The whole page is ordered newest first.
    for (let i = 1; i < rows.length; i++) expect(sortable(rows[i - 1].created_at) >= sortable(rows[i].created_at)).toBe(true)
  })

  it('gives created_at at the stored precision (no fraction when it is zero)', async () => {
    const rows = (await get('/data/events/last?name_prefixes=department&name_prefixes=milestone', admin.headers)).body as Row[]
    expect(rows).toHaveLength(crud.length)
    const { rows: stored } = await t.app.pool.query(
      `SELECT id::text, to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at FROM api_event WHERE id = ANY($1::uuid[])`,
      [ids(rows)],
    )
    const byId = new Map(stored.map((r) => [r.id, (r.at as string).replace(/\.000000$/, '')]))
    for (const row of rows) expect(row.created_at).toBe(byId.get(row.id))
  })

  it('serves the same list under /api', async () => {
    const direct = await get('/data/events/last?name_prefixes=department', admin.headers)
    const prefixed = await get('/api/data/events/last?name_prefixes=department', admin.headers)
    expect(prefixed.status).toBe(200)
    expect(prefixed.body).toEqual(direct.body)
    expect(names(prefixed.body)).toEqual(['department:delete', 'department:update', 'department:new'])
  })

  it('pages through with cursor_event_id without losing or repeating rows', async () => {
    const all = (await get('/data/events/last?name_prefixes=department&name_prefixes=milestone', admin.headers)).body as Row[]
    const paged: Row[] = []
    let cursor = ''
    for (let i = 0; i < 10; i++) {
      const page = (await get(`/data/events/last?name_prefixes=department&name_prefixes=milestone&limit=2${cursor}`, admin.headers)).body as Row[]
      if (!page.length) break
      expect(page.length).toBeLessThanOrEqual(2)
      paged.push(...page)
      cursor = `&cursor_event_id=${page[page.length - 1].id}`
    }
    expect(ids(paged)).toEqual(ids(all))
  })

  it('filters by author (person_ids) and by project on real events', async () => {
    const byManager = (await get(`/data/events/last?person_ids=${manager.id}&name_prefixes=milestone`, admin.headers)).body as Row[]
    expect(names(byManager)).toEqual(['milestone:update'])
    const byAdmin = (await get(`/data/events/last?person_ids=${admin.id}&name_prefixes=department&name_prefixes=milestone`, admin.headers)).body as Row[]
    expect(names(byAdmin)).toEqual(['milestone:new', 'department:delete', 'milestone:new', 'department:update', 'department:new'])
    const inB = (await get(`/data/events/last?project_id=${projectB}&name_prefixes=milestone`, admin.headers)).body as Row[]
    expect(inB.map((r) => [r.name, r.project_id])).toEqual([['milestone:new', projectB]])
    const upd = (await get('/data/events/last?name_prefixes=department&name_suffixes=update', admin.headers)).body as Row[]
    expect(names(upd)).toEqual(['department:update'])
  })
})

describe('GET /data/events/last — bounds, cursor, limit', () => {
  it('after/before as dates are exclusive bounds at midnight', async () => {
    const rows = (await get(`/data/events/last?${WINDOW}`, admin.headers)).body as Row[]
    expect(ids(rows)).toEqual([w.w5, w.w4, w.w3, w.w2, w.w1])
    expect(rows.map((r) => r.created_at)).toEqual([
      '2021-03-05T23:59:59', '2021-03-04T00:00:00', '2021-03-03T08:00:00', '2021-03-02T12:30:00.123456', '2021-03-01T10:00:00',
    ])
    expect(rows[0]).toEqual({ id: w.w5, created_at: '2021-03-05T23:59:59', name: 'probe:gamma', user_id: admin.id, project_id: projectA, data: { n: 5 } })
    expect(rows[2]).toEqual({ id: w.w3, created_at: '2021-03-03T08:00:00', name: 'other-probe:alpha', user_id: null, project_id: null, data: { n: 3 } })
    // before=2021-03-04 is midnight: the row stamped exactly then is excluded.
    const early = (await get('/data/events/last?after=2021-03-01&before=2021-03-04', admin.headers)).body as Row[]
    expect(ids(early)).toEqual([w.w3, w.w2, w.w1])
  })

  it('after/before as datetimes are exclusive', async () => {
    const rows = (await get('/data/events/last?after=2021-03-01T10:00:00&before=2021-03-04T00:00:00', admin.headers)).body as Row[]
    expect(ids(rows)).toEqual([w.w3, w.w2])
    const justAfter = (await get('/data/events/last?after=2021-03-01T09:59:59&before=2021-03-01T10:00:01', admin.headers)).body as Row[]
    expect(ids(justAfter)).toEqual([w.w1])
    // 12:30:00.123456 is later than 12:30:00 and earlier than 12:30:01.
    const fraction = (await get('/data/events/last?after=2021-03-02T12:30:00&before=2021-03-02T12:30:01', admin.headers)).body as Row[]
    expect(ids(fraction)).toEqual([w.w2])
    const onlyAfter = (await get('/data/events/last?after=2021-03-05T23:59:58&name_prefixes=probe', admin.headers)).body as Row[]
    expect(ids(onlyAfter)).toEqual([w.w5])
    const onlyBefore = (await get('/data/events/last?before=2021-03-01T10:00:01&name_prefixes=probe', admin.headers)).body as Row[]
    expect(ids(onlyBefore)).toEqual([w.w1])
  })

  it('rejects a malformed date with 400', async () => {
    for (const [arg, value] of [['before', 'yesterday'], ['after', '2021-13-01'], ['before', '2021-02-30'], ['after', '05/01/2021']]) {
      const res = await get(`/data/events/last?${arg}=${encodeURIComponent(value)}`, admin.headers)
      expect(res.status, `${arg}=${value}`).toBe(400)
      expect(res.body).toEqual(wrong(dateMessage(arg)))
    }
  })

  it('cursor_event_id returns only older events', async () => {
    const rows = (await get(`/data/events/last?${WINDOW}&cursor_event_id=${w.w4}`, admin.headers)).body as Row[]
    expect(ids(rows)).toEqual([w.w3, w.w2, w.w1])
    const oldest = (await get(`/data/events/last?${WINDOW}&cursor_event_id=${w.w1}`, admin.headers)).body as Row[]
    expect(oldest).toEqual([])
  })

  it('cursor_event_id compares at the stored microsecond precision', async () => {
    const all = (await get('/data/events/last?name_prefixes=cursor', admin.headers)).body as Row[]
    expect(ids(all)).toEqual([c.c1, c.c2, c.c3])
    expect(all.map((r) => r.created_at)).toEqual(['2021-04-01T10:00:00.123456', '2021-04-01T10:00:00.123200', '2021-04-01T10:00:00.100000'])
    const older = (await get(`/data/events/last?name_prefixes=cursor&cursor_event_id=${c.c1}`, admin.headers)).body as Row[]
    expect(ids(older)).toEqual([c.c2, c.c3])
  })

  it('cursor_event_id: malformed or unknown → 400', async () => {
    const bad = await get('/data/events/last?cursor_event_id=not-an-id', admin.headers)
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual(wrong('The cursor_event_id parameter is not a valid id'))
    const unknown = randomUUID()
    const missing = await get(`/data/events/last?cursor_event_id=${unknown}`, admin.headers)
    expect(missing.status).toBe(400)
    expect(missing.body).toEqual(wrong(`No event found with id: ${unknown}`))
  })

  it('limit defaults to 100 and is capped at 1000', async () => {
    const dflt = (await get('/data/events/last?name=bulk:tick', admin.headers)).body as Row[]
    expect(dflt).toHaveLength(100)
    expect(dflt[0].created_at).toBe(`2019-01-01T00:16:${String(BULK - 16 * 60).padStart(2, '0')}`)
    const capped = (await get('/data/events/last?name=bulk:tick&limit=5000', admin.headers)).body as Row[]
    expect(capped).toHaveLength(1000)
    const exact = (await get('/data/events/last?name=bulk:tick&limit=1000', admin.headers)).body as Row[]
    expect(ids(exact)).toEqual(ids(capped))
    const three = (await get('/data/events/last?name=bulk:tick&limit=3', admin.headers)).body as Row[]
    expect(ids(three)).toEqual(ids(dflt.slice(0, 3)))
    expect(three.map((r) => r.created_at)).toEqual(['2019-01-01T00:16:45', '2019-01-01T00:16:44', '2019-01-01T00:16:43'])
    const window = (await get(`/data/events/last?${WINDOW}&limit=2`, admin.headers)).body as Row[]
    expect(ids(window)).toEqual([w.w5, w.w4])
  })

  it('a non-integer limit → 400', async () => {
    const res = await get('/data/events/last?limit=lots', admin.headers)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: true, message: 'Wrong value for parameter limit.' })
  })
})

describe('GET /data/events/last — filters', () => {
  it('project_id keeps that project\'s events; malformed → 400', async () => {
    const rows = (await get(`/data/events/last?${WINDOW}&project_id=${projectA}`, admin.headers)).body as Row[]
    expect(ids(rows)).toEqual([w.w5, w.w4, w.w1])
    const all = (await get(`/data/events/last?project_id=${projectA}&limit=1000`, admin.headers)).body as Row[]
    expect(all.every((r) => r.project_id === projectA)).toBe(true)
    expect(names(all)).toEqual(expect.arrayContaining(['milestone:new', 'milestone:update', 'probe:alpha', 'probe:gamma']))
    const unknown = (await get(`/data/events/last?project_id=${randomUUID()}`, admin.headers))
    expect(unknown.status).toBe(200)
    expect(unknown.body).toEqual([])
    const bad = await get('/data/events/last?project_id=1234', admin.headers)
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual(wrong('The project_id parameter is not a valid id'))
  })

  it('name matches exactly', async () => {
    const rows = (await get('/data/events/last?name=probe:alpha', admin.headers)).body as Row[]
    expect(ids(rows)).toEqual([w.w4, w.w1])
    expect((await get('/data/events/last?name=probe', admin.headers)).body).toEqual([])
    expect((await get('/data/events/last?name=probe:alph', admin.headers)).body).toEqual([])
    expect((await get('/data/events/last?name=PROBE:ALPHA', admin.headers)).body).toEqual([])
  })

  it('name_prefixes match the object part, repeatable', async () => {
    const one = (await get(`/data/events/last?${WINDOW}&name_prefixes=probe`, admin.headers)).body as Row[]
    expect(ids(one)).toEqual([w.w5, w.w4, w.w2, w.w1])
    const two = (await get(`/data/events/last?${WINDOW}&name_prefixes=probe&name_prefixes=other-probe`, admin.headers)).body as Row[]
    expect(ids(two)).toEqual([w.w5, w.w4, w.w3, w.w2, w.w1])
    const other = (await get(`/data/events/last?${WINDOW}&name_prefixes=other-probe`, admin.headers)).body as Row[]
    expect(ids(other)).toEqual([w.w3])
    const partial = (await get(`/data/events/last?${WINDOW}&name_prefixes=prob`, admin.headers)).body as Row[]
    expect(partial).toEqual([])
  })

  it('name_suffixes match the action part, repeatable, and combine with prefixes', async () => {
    const alpha = (await get(`/data/events/last?${WINDOW}&name_suffixes=alpha`, admin.headers)).body as Row[]
    expect(ids(alpha)).toEqual([w.w4, w.w3, w.w1])
    const two = (await get(`/data/events/last?${WINDOW}&name_suffixes=alpha&name_suffixes=gamma`, admin.headers)).body as Row[]
    expect(ids(two)).toEqual([w.w5, w.w4, w.w3, w.w1])
    const both = (await get(`/data/events/last?${WINDOW}&name_prefixes=probe&name_suffixes=alpha`, admin.headers)).body as Row[]
    expect(ids(both)).toEqual([w.w4, w.w1])
  })

  it('invalid prefix or suffix values → 400', async () => {
    for (const q of ['name_prefixes=DEPT!', 'name_prefixes=department&name_prefixes=DEPT!', 'name_prefixes=task:new', 'name_prefixes=a%20b']) {
      const res = await get(`/data/events/last?${q}`, admin.headers)
      expect(res.status, q).toBe(400)
      expect(res.body).toEqual(wrong('The name_prefixes parameter contains an invalid value'))
    }
    for (const q of ['name_suffixes=New', 'name_suffixes=new&name_suffixes=up_date']) {
      const res = await get(`/data/events/last?${q}`, admin.headers)
      expect(res.status, q).toBe(400)
      expect(res.body).toEqual(wrong('The name_suffixes parameter contains an invalid value'))
    }
  })

  it('person_ids keeps events by those authors, repeatable; malformed → 400', async () => {
    const one = (await get(`/data/events/last?${WINDOW}&person_ids=${manager.id}`, admin.headers)).body as Row[]
    expect(ids(one)).toEqual([w.w1])
    const two = (await get(`/data/events/last?${WINDOW}&person_ids=${manager.id}&person_ids=${artist.id}`, admin.headers)).body as Row[]
    expect(ids(two)).toEqual([w.w4, w.w1])
    expect((await get(`/data/events/last?${WINDOW}&person_ids=${randomUUID()}`, admin.headers)).body).toEqual([])
    for (const q of ['person_ids=abc', `person_ids=${manager.id}&person_ids=nope`]) {
      const res = await get(`/data/events/last?${q}`, admin.headers)
      expect(res.status, q).toBe(400)
      expect(res.body).toEqual(wrong('The person_ids parameter contains an invalid id'))
    }
  })

  it('only_files=true keeps the four file events only', async () => {
    const expected = [...FILE_EVENTS].reverse().map((n) => files[n])
    const rows = (await get('/data/events/last?only_files=true', admin.headers)).body as Row[]
    expect(ids(rows)).toEqual(expected)
    expect(names(rows)).toEqual([...FILE_EVENTS].reverse())
    const upper = (await get('/data/events/last?only_files=TRUE', admin.headers)).body as Row[]
    expect(ids(upper)).toEqual(expected)
    const may = 'after=2021-05-01&before=2021-06-01'
    const off = (await get(`/data/events/last?${may}&only_files=false`, admin.headers)).body as Row[]
    expect(ids(off).sort()).toEqual([...expected, ...decoys].sort())
    const combined = (await get(`/data/events/last?only_files=true&name_prefixes=person`, admin.headers)).body as Row[]
    expect(ids(combined)).toEqual([files['person:set-thumbnail']])
  })
})

describe('GET /data/events/last — access', () => {
  it('admin sees events of every project and events without a project', async () => {
    const rows = (await get(`/data/events/last?${WINDOW}`, admin.headers)).body as Row[]
    expect(rows.map((r) => r.project_id)).toEqual([projectA, projectA, null, projectB, projectA])
  })

  it('a global manager sees only events of their projects', async () => {
    const res = await get(`/data/events/last?${WINDOW}`, manager.headers)
    expect(res.status).toBe(200)
    expect(ids(res.body)).toEqual([w.w5, w.w4, w.w1])
    const all = (await get('/data/events/last?limit=1000', manager.headers)).body as Row[]
    const adminA = (await get(`/data/events/last?project_id=${projectA}&limit=1000`, admin.headers)).body as Row[]
    expect(all.length).toBeGreaterThan(0)
    expect(all).toEqual(adminA)
    expect(names(all)).toEqual(expect.arrayContaining(['milestone:new', 'milestone:update']))
    expect(all.some((r) => r.name.startsWith('department:') || r.name === 'bulk:tick')).toBe(false)
    // Their own project explicitly: allowed.
    const own = await get(`/data/events/last?project_id=${projectA}&${WINDOW}`, manager.headers)
    expect(own.status).toBe(200)
    expect(ids(own.body)).toEqual([w.w5, w.w4, w.w1])
  })

  it('a global manager gets 403 for a project outside their teams', async () => {
    for (const project of [projectB, randomUUID()]) {
      const res = await get(`/data/events/last?project_id=${project}`, manager.headers)
      expect(res.status).toBe(403)
      expect(res.body).toEqual(FORBIDDEN)
    }
  })

  it('an artist who manages a project by per-project role sees that project with ?project_id=', async () => {
    const res = await get(`/data/events/last?project_id=${projectA}&${WINDOW}`, pmArtist.headers)
    expect(res.status).toBe(200)
    expect(ids(res.body)).toEqual([w.w5, w.w4, w.w1])
    const all = (await get(`/data/events/last?project_id=${projectA}&limit=1000`, pmArtist.headers)).body as Row[]
    expect(all.every((r) => r.project_id === projectA)).toBe(true)
    expect(names(all)).toEqual(expect.arrayContaining(['milestone:new', 'milestone:update']))
    // Without project_id, or for another project, the global role (artist) applies.
    expect((await get('/data/events/last', pmArtist.headers)).status).toBe(403)
    expect((await get(`/data/events/last?project_id=${projectB}`, pmArtist.headers)).status).toBe(403)
  })

  it('artists, supervisors, clients and vendors get 403', async () => {
    for (const who of [artist, supervisor, client, vendor]) {
      for (const url of ['/data/events/last', `/data/events/last?project_id=${projectA}`]) {
        const res = await get(url, who.headers)
        expect(res.status, `${who.role} ${url}`).toBe(403)
        expect(res.body).toEqual(FORBIDDEN)
      }
    }
  })

  it('no token → 401', async () => {
    for (const url of ['/data/events/last', '/api/data/events/last']) {
      const res = await get(url)
      expect(res.status).toBe(401)
    }
  })
})

describe('GET /data/events/login-logs/last', () => {
  it('lists real logins newest first with the exact row shape', async () => {
    const res = await get('/data/events/login-logs/last', admin.headers)
    expect(res.status).toBe(200)
    const rows = res.body as LoginRow[]
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(LOGIN_KEYS)
      expect(row.created_at).toMatch(DATETIME_MS)
    }
    for (let i = 1; i < rows.length; i++) expect(sortable(rows[i - 1].created_at) >= sortable(rows[i].created_at)).toBe(true)
    // The last real login is the artist's browser login.
    expect(rows[0]).toMatchObject({ person_id: artist.id, ip_address: '203.0.113.7', origin: 'web' })
    // Every person logged in once through as(); each appears.
    const people = new Set(rows.map((r) => r.person_id))
    for (const p of [admin, manager, supervisor, artist, pmArtist, client, vendor]) expect(people.has(p.id)).toBe(true)
    const prefixed = await get('/api/data/events/login-logs/last', admin.headers)
    expect(prefixed.status).toBe(200)
    expect(ids(prefixed.body)).toEqual(ids(rows))
  })

  it('person_ids keeps those people\'s logins, repeatable', async () => {
    const mine = (await get(`/data/events/login-logs/last?person_ids=${artist.id}`, admin.headers)).body as LoginRow[]
    expect(mine.map((r) => [r.person_id, r.origin, r.ip_address])).toEqual([
      [artist.id, 'web', '203.0.113.7'],
      [artist.id, 'script', expect.any(String)],
    ])
    const two = (await get(`/data/events/login-logs/last?person_ids=${artist.id}&person_ids=${manager.id}`, admin.headers)).body as LoginRow[]
    expect(two).toHaveLength(3)
    expect(new Set(two.map((r) => r.person_id))).toEqual(new Set([artist.id, manager.id]))
    const bad = await get('/data/events/login-logs/last?person_ids=nope', admin.headers)
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual(wrong('The person_ids parameter contains an invalid id'))
  })

  it('limit, after and before', async () => {
    const all = (await get('/data/events/login-logs/last', admin.headers)).body as LoginRow[]
    const one = (await get('/data/events/login-logs/last?limit=1', admin.headers)).body as LoginRow[]
    expect(ids(one)).toEqual([all[0].id])
    const window = (await get('/data/events/login-logs/last?after=2021-03-01&before=2021-03-03', admin.headers)).body as LoginRow[]
    expect(window).toEqual([
      { id: logins.l2, created_at: '2021-03-02T10:00:00.250000', ip_address: '198.51.100.2', person_id: vendor.id, origin: 'web' },
      { id: logins.l1, created_at: '2021-03-01T10:00:00', ip_address: '198.51.100.1', person_id: vendor.id, origin: 'script' },
    ])
    const exclusive = (await get('/data/events/login-logs/last?after=2021-03-01T10:00:00&before=2021-03-03T10:00:01', admin.headers)).body as LoginRow[]
    expect(ids(exclusive)).toEqual([logins.l3, logins.l2])
    const limited = (await get('/data/events/login-logs/last?after=2021-01-01&before=2021-12-31&limit=2', admin.headers)).body as LoginRow[]
    expect(ids(limited)).toEqual([logins.l4, logins.l5])
    const bad = await get('/data/events/login-logs/last?before=tomorrow', admin.headers)
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual(wrong(dateMessage('before')))
  })

  it('cursor_login_log_id returns older rows; malformed or unknown → 400', async () => {
    const older = (await get(`/data/events/login-logs/last?after=2021-01-01&cursor_login_log_id=${logins.l3}`, admin.headers)).body as LoginRow[]
    expect(ids(older)).toEqual([logins.l2, logins.l1])
    // Stored precision: l5 (…123200) is older than l4 (…123456).
    const fine = (await get(`/data/events/login-logs/last?after=2021-01-01&cursor_login_log_id=${logins.l4}`, admin.headers)).body as LoginRow[]
    expect(ids(fine)).toEqual([logins.l5, logins.l3, logins.l2, logins.l1])
    const bad = await get('/data/events/login-logs/last?cursor_login_log_id=xyz', admin.headers)
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual(wrong('The cursor_login_log_id parameter is not a valid id'))
    const missing = await get(`/data/events/login-logs/last?cursor_login_log_id=${randomUUID()}`, admin.headers)
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ error: true })
  })

  it('is for admins only', async () => {
    for (const who of [manager, supervisor, artist, pmArtist, client, vendor]) {
      const res = await get('/data/events/login-logs/last', who.headers)
      expect(res.status, who.role).toBe(403)
      expect(res.body).toEqual(FORBIDDEN)
    }
    expect((await get('/data/events/login-logs/last')).status).toBe(401)
  })
})

describe('GET /data/events/names', () => {
  it('returns the sorted distinct names, for global managers', async () => {
    // A name the log has not seen yet shows up at once.
    await write('POST', '/data/studios', admin, { name: uniq('Studio '), color: '#445566' })
    const { rows } = await t.app.pool.query('SELECT DISTINCT name FROM api_event')
    const expected = rows.map((r) => r.name as string).sort()
    for (const who of [admin, manager]) {
      const res = await get('/data/events/names', who.headers)
      expect(res.status, who.role).toBe(200)
      expect(res.body).toEqual(expected)
    }
    expect(expected).toEqual(expect.arrayContaining(['studio:new', 'department:new', 'milestone:update', 'probe:alpha', 'other-probe:alpha', 'bulk:tick']))
    expect(new Set(expected).size).toBe(expected.length)
    const prefixed = await get('/api/data/events/names', manager.headers)
    expect(prefixed.body).toEqual(expected)
  })

  it('refuses everyone else', async () => {
    for (const who of [supervisor, artist, pmArtist, client, vendor]) {
      const res = await get('/data/events/names', who.headers)
      expect(res.status, who.role).toBe(403)
      expect(res.body).toEqual(FORBIDDEN)
    }
    expect((await get('/data/events/names')).status).toBe(401)
  })
})
