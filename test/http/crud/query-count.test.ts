// STYLE §6: a list runs a fixed number of SQL queries whatever its length (relations are
// fetched in one batch, never per row). Every query of the app goes through a pg Client
// (the pool's and Prisma's adapter's), so counting Client#query calls counts them all.
import { countQueries } from '../../helpers/query-count.ts'
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { createPerson, type TestPerson } from '../../helpers/fixtures.ts'

const file = useFileAppWithProduction()

/** The SQL statements one request runs. */
async function queriesOf(url: string, who: TestPerson): Promise<{ status: number; length: number; sql: string[] }> {
  const { result: res, sql } = await countQueries(() => file.t.app.inject({ method: 'GET', url, headers: who.headers }))
  const body = res.json()
  return { status: res.statusCode, length: (Array.isArray(body) ? body : body.data).length, sql }
}

/** Adds `n` assets with a task each, every task assigned to two people, in a few statements. */
async function grow(n: number, people: string[]) {
  const db = file.t.app.db
  const assets = await db.entity.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({ name: `A${Date.now()}-${i}`, project_id: file.prod.project.id, entity_type_id: file.prod.assetType.id })),
    select: { id: true },
  })
  const tasks = await db.task.createManyAndReturn({
    data: assets.map((a) => ({ name: 'main', project_id: file.prod.project.id, entity_id: a.id, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id })),
    select: { id: true },
  })
  await db.taskPersonLink.createMany({ data: tasks.flatMap((task) => people.map((person_id) => ({ task_id: task.id, person_id }))) })
  const projects = await db.project.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({ name: `P${Date.now()}-${i}`, project_status_id: file.prod.open.id })),
    select: { id: true },
  })
  await db.projectPersonLink.createMany({ data: projects.flatMap((p) => people.map((person_id) => ({ project_id: p.id, person_id }))) })
  const persons = await db.person.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({ first_name: 'P', last_name: `${Date.now()}-${i}`, email: `p${Date.now()}-${i}@example.com` })),
    select: { id: true },
  })
  const department = await db.department.create({ data: { name: `D${Date.now()}`, color: '#000000' } })
  await db.departmentLink.createMany({ data: persons.map((p) => ({ person_id: p.id, department_id: department.id })) })
}


const URLS = ['/data/tasks?relations=true&page=1', '/data/tasks?relations=true', '/data/entities?relations=true', '/data/projects?relations=true', '/data/persons?relations=true']

describe('queries per list', () => {
  it('does not grow with the number of rows, for admins and team members', async () => {
    const artist = await createPerson(file.t.app, 'user')
    await grow(4, [file.manager.id, artist.id])
    const small = new Map<string, number>()
    for (const who of [file.admin, file.manager]) {
      for (const url of URLS) {
        const r = await queriesOf(url, who)
        expect(r.status, url).toBe(200)
        expect(r.length, url).toBeGreaterThanOrEqual(3)
        expect(r.sql.length, url).toBeGreaterThan(0)
        small.set(`${who.role} ${url}`, r.sql.length)
      }
    }
    await grow(56, [file.manager.id, artist.id])
    for (const who of [file.admin, file.manager]) {
      for (const url of URLS) {
        const r = await queriesOf(url, who)
        expect(r.status, url).toBe(200)
        expect(r.length, url).toBeGreaterThanOrEqual(57)
        expect(r.sql.length, `${who.role} ${url}:\n${r.sql.join('\n')}`).toBe(small.get(`${who.role} ${url}`))
      }
    }
  })

  it('counts the queries it is meant to count', async () => {
    const r = await queriesOf('/data/departments', file.admin)
    expect(r.sql.some((s) => /department/i.test(s))).toBe(true)
    expect(r.sql.some((s) => /person/i.test(s))).toBe(true) // the token check
  })
})
