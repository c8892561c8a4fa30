// Issue 7 point 2: posting a comment with a status change is ONE transaction. A multipart
// comment (attachment, mention, feedback status) whose status automation posts a further
// comment: on success everything is there and mails leave after commit; when the database
// refuses the automation's comment half-way (a trigger raising a constraint error), NOTHING
// is left — no comment, attachment row or bytes, mention, notification, news, task change,
// event or mail.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { startSmtp, type TestSmtp } from '../../helpers/smtp.ts'
import { captureEvents, makeStatus, multipart, names } from './helpers.ts'

let t: TestApp
let smtp: TestSmtp
let manager: TestPerson, artist: TestPerson, watcher: TestPerson
let prod: Awaited<ReturnType<typeof makeProduction>>
let textureTaskId: string
let wfaId: string, readyId: string

beforeAll(async () => {
  smtp = await startSmtp()
  t = await buildTestApp({ MAIL_SERVER: '127.0.0.1', MAIL_PORT: String(smtp.port), DOMAIN_NAME: 'kitsu.studio.test', MAIL_DEFAULT_SENDER: 'kitsu@studio.test' })
  const { app } = t
  manager = await as(app, 'manager', { first_name: 'Mia', last_name: 'Manager' })
  artist = await as(app, 'user', { first_name: 'Ada', last_name: 'Artist', notifications_enabled: true })
  watcher = await as(app, 'user', { first_name: 'Wes', last_name: 'Watcher', notifications_enabled: false })
  prod = await makeProduction(app, [{ id: manager.id }, { id: artist.id }, { id: watcher.id }])
  await app.db.taskPersonLink.create({ data: { task_id: prod.task.id, person_id: artist.id } })
  await app.db.subscription.create({ data: { person_id: watcher.id, task_id: prod.task.id } })
  const texture = await app.db.taskType.create({ data: { name: `Texture ${randomUUID().slice(0, 6)}`, for_entity: 'Asset' } })
  const textureTask = await app.db.task.create({ data: { name: 'main', project_id: prod.project.id, entity_id: prod.asset.id, task_type_id: texture.id, task_status_id: prod.status.id } })
  textureTaskId = textureTask.id
  await app.db.projectTaskTypeLink.create({ data: { project_id: prod.project.id, task_type_id: prod.taskType.id, priority: 1 } })
  await app.db.projectTaskTypeLink.create({ data: { project_id: prod.project.id, task_type_id: texture.id, priority: 2 } })
  wfaId = (await makeStatus(app, 'WFA', { is_feedback_request: true })).id
  readyId = (await makeStatus(app, 'Ready')).id
  const automation = await app.db.statusAutomation.create({
    data: { entity_type: 'asset', in_task_type_id: prod.taskType.id, in_task_status_id: wfaId, out_field_type: 'status', out_task_type_id: texture.id, out_task_status_id: readyId },
  })
  await app.db.projectStatusAutomationLink.create({ data: { project_id: prod.project.id, status_automation_id: automation.id } })
})
afterAll(async () => {
  await t?.close()
  await smtp?.close()
})

function storedFiles(): string[] {
  const root = join(t.config.fsLocalRoot, 'files', 'attachments')
  const out: string[] = []
  const walk = (dir: string) => {
    let entries: string[] = []
    try { entries = readdirSync(dir) } catch { return }
    for (const e of entries) {
      const p = join(dir, e)
      if (statSync(p).isDirectory()) walk(p)
      else out.push(p)
    }
  }
  walk(root)
  return out
}

const commentWithFile = (text: string) => multipart(
  { task_status_id: wfaId, comment: text, checklist: '[]' },
  [{ field: 'file-0', filename: 'sketch.png', type: 'image/png', data: Buffer.from('89504e47', 'hex') }],
)

async function snapshot() {
  const { app } = t
  const tasks = await app.db.task.findMany({ where: { id: { in: [prod.task.id, textureTaskId] } }, orderBy: { id: 'asc' } })
  return {
    tasks,
    comments: await app.db.comment.count(),
    mentions: await app.db.commentMentions.count(),
    notifications: await app.db.notification.count(),
    news: await app.db.news.count(),
    attachments: await app.db.attachmentFile.count(),
    events: await app.db.apiEvent.count(),
    files: storedFiles().length,
  }
}

describe('a comment with a status change is one transaction', () => {
  it('commits the comment, attachment, mention, task change, notifications, news and the automation together; mails follow', async () => {
    const { app } = t
    const body = commentWithFile('Please check @Wes Watcher')
    const { result: res, events } = await captureEvents(app, () => app.inject({
      method: 'POST', url: `/api/actions/tasks/${prod.task.id}/comment`, headers: { ...manager.headers, ...body.headers }, payload: body.payload,
    }))
    expect(res.statusCode).toBe(201)
    const comment = res.json()
    expect(comment.attachment_files).toEqual([{ id: expect.any(String), name: 'sketch.png', extension: 'png', size: 4 }])
    expect(comment.mentions).toEqual([watcher.id])
    expect(names(events)).toEqual([
      'comment:new', 'task:update', 'task:status-changed', 'task:to-review', 'notification:new', 'notification:new', 'notification:new', 'news:new',
      // the automation's comment on the texture task
      'comment:new', 'task:update', 'task:status-changed', 'news:new',
    ])
    const texture = await app.db.task.findUniqueOrThrow({ where: { id: textureTaskId } })
    expect(texture.task_status_id).toBe(readyId)
    const automated = await app.db.comment.findFirstOrThrow({ where: { object_id: textureTaskId } })
    expect(automated.text).toMatch(/^Change triggered by Modeling .* set to WFA$/)
    expect(automated.person_id).toBe(manager.id)

    // The artist (flag on) gets a mail, the watcher (flag off) only the notification rows.
    const mail = await smtp.next(artist.email)
    expect(mail.subject).toBe(`[Kitsu] ${(await app.db.taskStatus.findUniqueOrThrow({ where: { id: wfaId } })).short_name} - Mia commented on ${prod.project.name} / ${prod.assetType.name} / Hero / ${prod.taskType.name}`)
    expect(mail.html).toContain(`https://kitsu.studio.test/productions/${prod.project.id}/assets/tasks/${prod.task.id}`)
    expect(mail.html).toContain('Please check @Wes Watcher')
    await new Promise((r) => setTimeout(r, 200))
    expect(smtp.messages.some((m) => JSON.stringify(m.to).includes(watcher.email))).toBe(false)
    expect(await app.db.notification.count({ where: { comment_id: comment.id, person_id: watcher.id } })).toBe(2)

    // The attachment is served back: a PNG inline.
    const file = await app.inject({ method: 'GET', url: `/data/attachment-files/${comment.attachment_files[0].id}/file/sketch.png`, headers: artist.headers })
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('image/png')
    expect(file.headers['content-disposition']).toMatch(/^inline/)
    expect(file.rawPayload).toEqual(Buffer.from('89504e47', 'hex'))
    const again = await app.inject({ method: 'GET', url: `/data/attachment-files/${comment.attachment_files[0].id}/file/x`, headers: { ...artist.headers, 'if-none-match': String(file.headers.etag) } })
    expect(again.statusCode).toBe(304)
  })

  it('leaves nothing behind when the automation fails half-way: no rows, no bytes, no events, no mail', async () => {
    const { app, pool } = { app: t.app, pool: t.app.pool }
    // Reset the tasks so the automation fires again.
    await app.db.task.updateMany({ where: { id: { in: [prod.task.id, textureTaskId] } }, data: { task_status_id: prod.status.id } })
    await pool.query(`CREATE FUNCTION refuse_automated_comment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.text LIKE 'Change triggered by%' THEN
          RAISE EXCEPTION 'automation refused' USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
      END $$`)
    await pool.query('CREATE TRIGGER refuse_automated_comment BEFORE INSERT ON comment FOR EACH ROW EXECUTE FUNCTION refuse_automated_comment()')
    try {
      const before = await snapshot()
      const mailsBefore = smtp.messages.length
      const body = commentWithFile('Again @Wes Watcher')
      const { result: res, events } = await captureEvents(app, () => app.inject({
        method: 'POST', url: `/actions/tasks/${prod.task.id}/comment`, headers: { ...manager.headers, ...body.headers }, payload: body.payload,
      }))
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ message: 'The data conflicts with database integrity rules.' })
      expect(events).toEqual([])
      await new Promise((r) => setTimeout(r, 300))
      expect(await snapshot()).toEqual(before)
      expect(smtp.messages.length).toBe(mailsBefore)
    } finally {
      await pool.query('DROP TRIGGER refuse_automated_comment ON comment')
      await pool.query('DROP FUNCTION refuse_automated_comment()')
    }
  })

  it('mails a reply to the comment author whose notifications are on', async () => {
    const { app } = t
    const comment = (await app.inject({ method: 'POST', url: `/actions/tasks/${prod.task.id}/comment`, headers: artist.headers, payload: { task_status_id: prod.status.id, comment: 'done?' } })).json()
    const res = await app.inject({ method: 'POST', url: `/data/tasks/${prod.task.id}/comments/${comment.id}/reply`, headers: manager.headers, payload: { text: 'Yes, <b>approved</b>' } })
    expect(res.statusCode).toBe(200)
    const mail = await smtp.next(artist.email)
    expect(mail.subject).toBe(`[Kitsu] Mia replied on ${prod.project.name} / ${prod.assetType.name} / Hero / ${prod.taskType.name}`)
    expect(mail.html).toContain('Yes, &#60;b&#62;approved&#60;/b&#62;')
    expect(mail.text).toContain('Yes, <b>approved</b>')
  })

  it('stops a cycle of automations instead of looping', async () => {
    const { app } = t
    const back = await app.db.statusAutomation.create({
      data: { entity_type: 'asset', in_task_type_id: (await app.db.task.findUniqueOrThrow({ where: { id: textureTaskId } })).task_type_id, in_task_status_id: readyId, out_field_type: 'status', out_task_type_id: prod.taskType.id, out_task_status_id: wfaId },
    })
    // Same priorities both ways: neither move counts as backwards.
    await app.db.projectTaskTypeLink.updateMany({ where: { project_id: prod.project.id }, data: { priority: 1 } })
    await app.db.projectStatusAutomationLink.create({ data: { project_id: prod.project.id, status_automation_id: back.id } })
    await app.db.task.updateMany({ where: { id: { in: [prod.task.id, textureTaskId] } }, data: { task_status_id: prod.status.id } })
    const before = await app.db.comment.count()
    const res = await app.inject({ method: 'POST', url: `/actions/tasks/${prod.task.id}/comment`, headers: manager.headers, payload: { task_status_id: wfaId } })
    expect(res.statusCode).toBe(201)
    // The comment, the automation's on the texture task, and its way back: then the cycle stops.
    expect(await app.db.comment.count()).toBe(before + 2)
  })
})
