// The person task row builder's two outputs agree: personTaskRowsJson (JSON text built by
// PostgreSQL, for the user lists) parses to exactly what personTaskRows builds in JavaScript,
// for every option, entity kind, casting, client comment and order.
import { describe, expect, it } from 'vitest'
import { sql } from '../../../src/crud/select.ts'
import { personTaskRows, personTaskRowsJson, type PersonTaskQuery } from '../../../src/services/person-task-rows.ts'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction } from '../../helpers/fixtures.ts'
import { assign, makeBreakdown, makeEntity, makeTask } from './helpers.ts'

interface ParityFile extends FileApp {
  prod: Awaited<ReturnType<typeof makeProduction>>
  ids: string[]
}

const file = useFileAppWith<ParityFile>(async ({ t, admin }) => {
  const app = t.app
  const artist = await as(app, 'user')
  const client = await as(app, 'client')
  const prod = await makeProduction(app, [{ id: artist.id }, { id: client.id }])
  const tree = await makeBreakdown(app, prod, [artist.id, admin.id])
  const epCast = await makeEntity(app, prod, 'Episode', 'E-cast')
  const epOther = await makeEntity(app, prod, 'Episode', 'A-cast')
  await app.db.entityLink.createMany({ data: [
    { entity_in_id: epCast.id, entity_out_id: prod.asset.id }, { entity_in_id: epOther.id, entity_out_id: prod.asset.id },
  ] })
  const mainPack = await makeEntity(app, prod, 'Prop', 'Lamp', { source_id: tree.sequence.id })
  const sourced = await makeTask(app, prod, mainPack.id, { start_date: new Date('2024-01-02T03:04:05.678Z'), estimation: 2.5, data: { a: [1, 'x'] } })
  await assign(app, prod.task.id, artist.id)
  const comment = (taskId: string, personId: string, text: string, at: string) =>
    app.db.comment.create({ data: { object_id: taskId, object_type: 'Task', person_id: personId, text, created_at: new Date(at) } })
  await comment(prod.task.id, artist.id, 'from the artist', '2024-01-01T10:00:00Z')
  await comment(prod.task.id, client.id, 'from the client', '2024-01-02T10:00:00Z')
  await comment(tree.tasks.shot, admin.id, 'é "quoted"\nline', '2024-01-03T10:00:00Z')
  return { prod, ids: [...Object.values(tree.tasks), prod.task.id, sourced.id] }
})

const OPTIONS: Array<Partial<PersonTaskQuery>> = [
  {},
  { columns: 'task', lastComment: true, castEpisodes: true },
  { columns: 'short', castEpisodes: true },
  { columns: 'task', lastComment: true, orderBy: sql`e.name DESC, t.id`, limit: 3, offset: 1 },
]

describe('personTaskRowsJson', () => {
  it('parses to the rows personTaskRows builds, in the same order', async () => {
    const { t, ids } = file
    for (const options of OPTIONS) {
      const q = { where: sql`t.id = ANY(${ids}::uuid[])`, ...options } as PersonTaskQuery
      const rows = await personTaskRows(t.app, q)
      const parsed = JSON.parse(await personTaskRowsJson(t.app, q))
      expect(rows.length, JSON.stringify(options)).toBeGreaterThan(0)
      if (options.orderBy) expect(parsed).toEqual(rows)
      else expect(parsed.sort(byId)).toEqual([...rows].sort(byId))
    }
    const cast = JSON.parse(await personTaskRowsJson(t.app, { where: sql`t.id = ${file.prod.task.id}::uuid`, castEpisodes: true, lastComment: true }))
    expect(cast[0]).toMatchObject({ episode_names: ['A-cast', 'E-cast'], last_comment: { text: 'from the artist' } })
    expect(await personTaskRowsJson(t.app, { where: sql`false` })).toBe('[]')
  })
})

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id))
