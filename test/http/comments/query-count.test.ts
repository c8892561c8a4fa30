// STYLE §6: posting a comment runs a fixed number of SQL statements whatever the number of
// assignees, subscribers, mentioned persons or attachments; the news and chat lists too
// whatever their length.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, createPerson, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { countQueries } from '../../helpers/query-count.ts'
import { multipart } from './helpers.ts'

interface F extends FileApp {
  manager: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}

const file = useFileAppWith<F>(async ({ t }) => {
  const manager = await as(t.app, 'manager')
  return { manager, prod: await makeProduction(t.app, [{ id: manager.id }]) }
})

/** A task of the production with `n` assignees, `n` subscribers, all on the team, named Pn Crowd. */
async function crowdedTask(n: number) {
  const { app } = file.t
  const task = await app.db.task.create({
    data: { name: `t${randomUUID().slice(0, 6)}`, project_id: file.prod.project.id, entity_id: file.prod.asset.id, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id },
  })
  const names: string[] = []
  for (let i = 0; i < n; i++) {
    const a = await createPerson(app, 'user', { first_name: `A${i}${task.id.slice(0, 4)}`, last_name: 'Crowd', notifications_enabled: true })
    const s = await createPerson(app, 'user', { first_name: `S${i}${task.id.slice(0, 4)}`, last_name: 'Crowd' })
    await app.db.projectPersonLink.createMany({ data: [{ project_id: file.prod.project.id, person_id: a.id }, { project_id: file.prod.project.id, person_id: s.id }] })
    await app.db.taskPersonLink.create({ data: { task_id: task.id, person_id: a.id } })
    await app.db.subscription.create({ data: { task_id: task.id, person_id: s.id } })
    names.push(`@${s.first_name} Crowd`)
  }
  return { task, mentions: names.join(' ') }
}

describe('statements per request', () => {
  it('posting a comment does not grow with its audience, mentions or attachments', async () => {
    const { app } = file.t
    const post = async (n: number) => {
      const { task, mentions } = await crowdedTask(n)
      const body = multipart({ task_status_id: file.prod.status.id, comment: `Hi ${mentions}` },
        Array.from({ length: n }, (_, i) => ({ field: `f${i}`, filename: `f${i}.txt`, type: 'text/plain', data: 'x' })))
      const { result: res, sql } = await countQueries(() => app.inject({
        method: 'POST', url: `/actions/tasks/${task.id}/comment`, headers: { ...file.manager.headers, ...body.headers }, payload: body.payload,
      }))
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json().mentions).toHaveLength(n)
      expect(await app.db.notification.count({ where: { comment_id: res.json().id } })).toBe(3 * n)
      return sql.length
    }
    const small = await post(1)
    const large = await post(12)
    expect(large).toBe(small)
  })

  it('the news and chat lists do not grow with their length', async () => {
    const { app } = file.t
    const chat = await app.db.chat.create({ data: { object_id: file.prod.asset.id } })
    const add = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await app.db.news.create({ data: { author_id: file.manager.id, task_id: file.prod.task.id } })
        const m = await app.db.chatMessage.create({ data: { chat_id: chat.id, person_id: file.manager.id, text: `m${i}` } })
        await app.db.attachmentFile.create({ data: { name: 'a.txt', extension: 'txt', chat_message_id: m.id } })
      }
    }
    const urls = [`/data/projects/${file.prod.project.id}/news`, '/data/projects/news', `/data/entities/${file.prod.asset.id}/chat/messages`]
    const count = async () => {
      const out: number[] = []
      for (const url of urls) {
        const { result: res, sql } = await countQueries(() => app.inject({ method: 'GET', url, headers: file.manager.headers }))
        expect(res.statusCode).toBe(200)
        out.push(sql.length)
      }
      return out
    }
    await add(2)
    const small = await count()
    await add(15)
    expect(await count()).toEqual(small)
  })
})

