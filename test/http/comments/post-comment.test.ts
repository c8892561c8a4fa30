// routes.md §5 POST /actions/tasks/:task_id/comment: the comment and what it implies — task
// status and dates, notifications, news, mentions, hashtags, retake cap, status access — with
// the events it emits (after commit) and the rows it leaves.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { captureEvents, makeStatus, names } from './helpers.ts'

interface F extends FileApp {
  manager: TestPerson
  artist: TestPerson
  other: TestPerson
  client: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
}

const file = useFileAppWith<F>(async ({ t }) => {
  const manager = await as(t.app, 'manager', { first_name: 'Mia', last_name: 'Manager' })
  const artist = await as(t.app, 'user', { first_name: 'Ada', last_name: 'Artist' })
  const other = await as(t.app, 'user', { first_name: 'Otto', last_name: 'Other' })
  const client = await as(t.app, 'client')
  const prod = await makeProduction(t.app, [{ id: manager.id }, { id: artist.id }, { id: other.id }, { id: client.id }])
  await t.app.db.taskPersonLink.create({ data: { task_id: prod.task.id, person_id: artist.id } })
  return { manager, artist, other, client, prod }
})

const post = (person: TestPerson, taskId: string, payload: Record<string, unknown>) =>
  file.t.app.inject({ method: 'POST', url: `/actions/tasks/${taskId}/comment`, headers: person.headers, payload })

/** A fresh task on the production's asset, with the artist assigned. */
async function freshTask(name = `Task ${randomUUID().slice(0, 6)}`) {
  const { app } = file.t
  const tt = await app.db.taskType.create({ data: { name, for_entity: 'Asset' } })
  const task = await app.db.task.create({
    data: { name: 'main', project_id: file.prod.project.id, entity_id: file.prod.asset.id, task_type_id: tt.id, task_status_id: file.prod.status.id },
  })
  await app.db.taskPersonLink.create({ data: { task_id: task.id, person_id: file.artist.id } })
  return { task, taskType: tt }
}

describe('posting a comment', () => {
  it('answers the comment with relations, status and author; moves the task; emits the events after commit', async () => {
    const { app } = file.t
    const wip = await makeStatus(app, 'WIP', { is_wip: true })
    const { task } = await freshTask()
    const { result: res, events } = await captureEvents(app, () => post(file.manager, task.id, { task_status_id: wip.id, comment: 'Start', checklist: [{ text: 'a', checked: false }] }))
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({
      type: 'Comment', object_id: task.id, object_type: 'Task', text: 'Start', task_status_id: wip.id, person_id: file.manager.id,
      checklist: [{ text: 'a', checked: false }], replies: [], for_client: false,
      mentions: [], department_mentions: [], acknowledgements: [], previews: [], attachment_files: [],
      task_status: { id: wip.id, type: 'TaskStatus', short_name: wip.short_name },
      person: { id: file.manager.id, type: 'Person', full_name: 'Mia Manager' },
    })
    expect(body.person.password).toBeUndefined()
    expect(body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)

    const after = await app.db.task.findUniqueOrThrow({ where: { id: task.id } })
    expect(after.task_status_id).toBe(wip.id)
    expect(after.real_start_date).not.toBeNull()
    expect(after.last_comment_date?.toISOString().slice(0, 19)).toBe(body.created_at)

    expect(names(events)).toEqual(['comment:new', 'task:update', 'task:status-changed', 'notification:new', 'news:new'])
    const byName = Object.fromEntries(events.map((e) => [e.name, e]))
    expect(byName['comment:new'].data).toEqual({ comment_id: body.id, task_id: task.id, task_status_id: wip.id, project_id: file.prod.project.id })
    expect(byName['task:status-changed'].data).toEqual({
      task_id: task.id, new_task_status_id: wip.id, previous_task_status_id: file.prod.status.id, person_id: file.manager.id, project_id: file.prod.project.id,
    })
    expect(byName['notification:new'].data).toMatchObject({ person_id: file.artist.id })
    const news = await app.db.news.findFirstOrThrow({ where: { comment_id: body.id } })
    expect(byName['news:new'].data).toEqual({ news_id: news.id, task_status_id: wip.id, task_type_id: task.task_type_id, project_id: file.prod.project.id })
    expect(news).toMatchObject({ change: true, author_id: file.manager.id, task_id: task.id })
    // Persisted: all but notification:new (NP), with the caller as user.
    const logged = await app.db.apiEvent.findMany({ where: { project_id: file.prod.project.id, name: { in: ['comment:new', 'notification:new', 'news:new'] } } })
    expect(logged.filter((e) => (e.data as { comment_id?: string }).comment_id === body.id).map((e) => e.user_id)).toEqual([file.manager.id])
    expect(logged.some((e) => e.name === 'notification:new')).toBe(false)
  })

  it('counts retakes, sets end and done dates, emits task:to-review, and caps retakes', async () => {
    const { app } = file.t
    const retake = await makeStatus(app, 'Retake', { is_retake: true })
    const wfa = await makeStatus(app, 'WFA', { is_feedback_request: true })
    const done = await makeStatus(app, 'Done', { is_done: true })
    const { task } = await freshTask()
    await app.db.project.update({ where: { id: file.prod.project.id }, data: { max_retakes: 2 } })
    try {
      const toReview = await captureEvents(app, () => post(file.artist, task.id, { task_status_id: wfa.id }))
      expect(toReview.result.statusCode).toBe(201)
      const review = toReview.events.find((e) => e.name === 'task:to-review')
      expect(review?.data).toEqual({
        task_id: task.id, new_task_status_id: wfa.id, previous_task_status_id: file.prod.status.id,
        person_id: file.artist.id, comment_id: toReview.result.json().id, project_id: file.prod.project.id,
      })
      let row = await app.db.task.findUniqueOrThrow({ where: { id: task.id } })
      expect(row.end_date).not.toBeNull()
      expect((await post(file.manager, task.id, { task_status_id: retake.id })).statusCode).toBe(201)
      row = await app.db.task.findUniqueOrThrow({ where: { id: task.id } })
      expect(row.retake_count).toBe(1)
      expect(row.end_date).toBeNull()
      await post(file.manager, task.id, { task_status_id: wfa.id })
      expect((await post(file.manager, task.id, { task_status_id: retake.id })).statusCode).toBe(201)
      const capped = await post(file.manager, task.id, { task_status_id: retake.id })
      expect(capped.statusCode).toBe(400)
      expect(capped.json()).toEqual({ error: true, message: 'No more retakes allowed on this task', data: null })
      // The entity's own limit wins over the project's.
      await app.db.entity.update({ where: { id: file.prod.asset.id }, data: { data: { max_retakes: 3 } } })
      await post(file.manager, task.id, { task_status_id: wfa.id })
      expect((await post(file.manager, task.id, { task_status_id: retake.id })).statusCode).toBe(201)
      expect((await app.db.task.findUniqueOrThrow({ where: { id: task.id } })).retake_count).toBe(3)
      expect((await post(file.manager, task.id, { task_status_id: done.id })).statusCode).toBe(201)
      row = await app.db.task.findUniqueOrThrow({ where: { id: task.id } })
      expect(row.done_date).not.toBeNull()
      expect(row.retake_count).toBe(3)
    } finally {
      await app.db.project.update({ where: { id: file.prod.project.id }, data: { max_retakes: 0 } })
      await app.db.entity.update({ where: { id: file.prod.asset.id }, data: { data: {} } })
    }
  })

  it('refuses statuses artists or clients may not set (403), and callers without task access', async () => {
    const { app } = file.t
    const approved = await makeStatus(app, 'Approved', { is_artist_allowed: false, is_client_allowed: false })
    const { task } = await freshTask()
    expect((await post(file.artist, task.id, { task_status_id: approved.id })).statusCode).toBe(403)
    expect((await post(file.client, task.id, { task_status_id: approved.id })).statusCode).toBe(403)
    // Not assigned, not mentioned: no access at all.
    expect((await post(file.other, task.id, { task_status_id: file.prod.status.id })).statusCode).toBe(403)
    expect((await post(file.manager, task.id, { task_status_id: approved.id })).statusCode).toBe(201)
    expect(await app.db.comment.count({ where: { object_id: task.id } })).toBe(1)
  })

  it('lets a mentioned artist comment, but only without changing the status', async () => {
    const { app } = file.t
    const wip = await makeStatus(app, 'WIP2', { is_wip: true })
    const { task } = await freshTask()
    const res = await post(file.manager, task.id, { task_status_id: file.prod.status.id, comment: 'Look @Otto Other' })
    expect(res.json().mentions).toEqual([file.other.id])
    const mention = await app.db.notification.findFirst({ where: { comment_id: res.json().id, type: 'mention' } })
    expect(mention?.person_id).toBe(file.other.id)
    expect((await post(file.other, task.id, { task_status_id: wip.id, comment: 'no' })).statusCode).toBe(403)
    expect((await post(file.other, task.id, { task_status_id: file.prod.status.id, comment: 'ok' })).statusCode).toBe(201)
  })

  it('mentions departments and notifies their members on the team', async () => {
    const { app } = file.t
    const dept = await app.db.department.create({ data: { name: `Anim${randomUUID().slice(0, 4)}`, color: '#000000' } })
    await app.db.departmentLink.create({ data: { person_id: file.other.id, department_id: dept.id } })
    const { task } = await freshTask()
    const res = await post(file.manager, task.id, { task_status_id: file.prod.status.id, comment: `For @${dept.name}` })
    expect(res.json().department_mentions).toEqual([dept.id])
    const rows = await app.db.notification.findMany({ where: { comment_id: res.json().id }, orderBy: { type: 'asc' } })
    expect(rows.map((r) => [r.type, r.person_id])).toEqual([['comment', file.artist.id], ['mention', file.other.id]])
  })

  it('notifies assignees, task subscribers and sequence subscribers, never the author', async () => {
    const { app } = file.t
    const seqType = (await app.db.entityType.findFirst({ where: { name: 'Sequence' } })) ?? (await app.db.entityType.create({ data: { name: 'Sequence' } }))
    const shotType = (await app.db.entityType.findFirst({ where: { name: 'Shot' } })) ?? (await app.db.entityType.create({ data: { name: 'Shot' } }))
    const seq = await app.db.entity.create({ data: { name: 'SQ01', project_id: file.prod.project.id, entity_type_id: seqType.id } })
    const shot = await app.db.entity.create({ data: { name: 'SH01', project_id: file.prod.project.id, entity_type_id: shotType.id, parent_id: seq.id } })
    const tt = await app.db.taskType.create({ data: { name: `Anim ${randomUUID().slice(0, 6)}`, for_entity: 'Shot' } })
    const task = await app.db.task.create({ data: { name: 'main', project_id: file.prod.project.id, entity_id: shot.id, task_type_id: tt.id, task_status_id: file.prod.status.id } })
    await app.db.taskPersonLink.create({ data: { task_id: task.id, person_id: file.artist.id } })
    await app.db.subscription.create({ data: { person_id: file.client.id, task_id: task.id } })
    await app.db.subscription.create({ data: { person_id: file.other.id, entity_id: seq.id, task_type_id: tt.id } })
    await app.db.subscription.create({ data: { person_id: file.manager.id, task_id: task.id } })
    const res = await post(file.manager, task.id, { task_status_id: file.prod.status.id, comment: 'hi' })
    const rows = await app.db.notification.findMany({ where: { comment_id: res.json().id } })
    expect(rows.map((r) => r.person_id).sort()).toEqual([file.artist.id, file.client.id, file.other.id].sort())
    expect(rows.every((r) => r.type === 'comment' && r.change === false && r.author_id === file.manager.id && r.task_id === task.id)).toBe(true)
  })

  it('ignores person_id, created_at and for_client from non-managers; managers may back-date', async () => {
    const { app } = file.t
    const wip = await makeStatus(app, 'WIP3', { is_wip: true })
    const { task } = await freshTask()
    const res = await post(file.artist, task.id, { task_status_id: file.prod.status.id, person_id: file.manager.id, created_at: '2020-01-01 10:00:00', for_client: true })
    expect(res.json()).toMatchObject({ person_id: file.artist.id, for_client: false })
    expect(res.json().created_at.startsWith('2020')).toBe(false)
    // A back-dated comment recomputes the task from its comments: no status change events.
    const { result, events } = await captureEvents(app, () => post(file.manager, task.id, { task_status_id: wip.id, created_at: '2020-01-01T10:00:00', person_id: file.artist.id }))
    expect(result.json()).toMatchObject({ created_at: '2020-01-01T10:00:00', person_id: file.artist.id })
    expect(names(events)).not.toContain('task:status-changed')
    expect(names(events)).toContain('task:update')
    const row = await app.db.task.findUniqueOrThrow({ where: { id: task.id } })
    expect(row.task_status_id).toBe(file.prod.status.id)
    expect(row.real_start_date?.toISOString().slice(0, 19)).toBe('2020-01-01T10:00:00')
  })

  it('copies a comment with #hashtags onto the entity\'s matching tasks, keeping their status', async () => {
    const { app } = file.t
    const wip = await makeStatus(app, 'WIP4', { is_wip: true })
    const source = await freshTask(`Layout${randomUUID().slice(0, 4).replace(/\d/g, 'x')}`)
    const target = await freshTask(`Lighting${randomUUID().slice(0, 4).replace(/\d/g, 'x')}`)
    const res = await post(file.manager, source.task.id, { task_status_id: wip.id, comment: `See #${target.taskType.name.toLowerCase()}` })
    expect(res.statusCode).toBe(201)
    const copies = await app.db.comment.findMany({ where: { object_id: target.task.id } })
    expect(copies).toHaveLength(1)
    expect(copies[0].text).toBe(`See #${target.taskType.name.toLowerCase()}\n\n____\nFrom ${source.taskType.name} task`)
    expect(copies[0].task_status_id).toBe(file.prod.status.id)
    expect((await app.db.task.findUniqueOrThrow({ where: { id: target.task.id } })).task_status_id).toBe(file.prod.status.id)
  })

  it('validates the body and the ids', async () => {
    const { task } = file.prod
    const missing = await post(file.manager, task.id, { comment: 'x' })
    expect(missing.statusCode).toBe(400)
    expect(missing.json()).toMatchObject({ error: true, message: 'Validation error.', data: { errors: [{ field: 'task_status_id' }] } })
    expect((await post(file.manager, randomUUID(), { task_status_id: file.prod.status.id })).statusCode).toBe(404)
    expect((await post(file.manager, task.id, { task_status_id: randomUUID() })).statusCode).toBe(404)
    const malformed = await post(file.manager, 'not-a-uuid', { task_status_id: file.prod.status.id })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().message).toBe('One of the ID sent in parameter is not properly formatted.')
    expect((await post(file.manager, task.id, { task_status_id: file.prod.status.id, checklist: '{bad' })).statusCode).toBe(400)
  })
})
