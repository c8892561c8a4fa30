// routes.md §5: comments on many tasks at once (Zou's filter for non-managers, status access,
// one transaction), and the ready_for automation with the casting stats of the shots.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWith, type FileApp } from '../../helpers/file-app.ts'
import { as, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { captureEvents, makeStatus, names } from './helpers.ts'

interface F extends FileApp {
  manager: TestPerson
  artist: TestPerson
  prod: Awaited<ReturnType<typeof makeProduction>>
  second: string
}

const file = useFileAppWith<F>(async ({ t }) => {
  const manager = await as(t.app, 'manager')
  const artist = await as(t.app, 'user')
  const prod = await makeProduction(t.app, [{ id: manager.id }, { id: artist.id }])
  await t.app.db.taskPersonLink.create({ data: { task_id: prod.task.id, person_id: artist.id } })
  const tt = await t.app.db.taskType.create({ data: { name: `Shading ${randomUUID().slice(0, 6)}`, for_entity: 'Asset' } })
  const second = await t.app.db.task.create({ data: { name: 'main', project_id: prod.project.id, entity_id: prod.asset.id, task_type_id: tt.id, task_status_id: prod.status.id } })
  return { manager, artist, prod, second: second.id }
})

const many = (person: TestPerson, payload: unknown) =>
  file.t.app.inject({ method: 'POST', url: `/actions/projects/${file.prod.project.id}/tasks/comment-many`, headers: person.headers, payload: payload as object })

describe('comments on many tasks', () => {
  it('posts every entry for managers, skips incomplete ones, answers the created comments', async () => {
    const wip = await makeStatus(file.t.app, 'WIP', { is_wip: true })
    const res = await many(file.manager, [
      { object_id: file.prod.task.id, task_status_id: wip.id, comment: 'one' },
      { object_id: file.second, task_status_id: wip.id, comment: 'two' },
      { object_id: file.second, comment: 'no status: skipped' },
    ])
    expect(res.statusCode).toBe(201)
    expect(res.json().map((c: { text: string; object_id: string }) => [c.object_id, c.text])).toEqual([[file.prod.task.id, 'one'], [file.second, 'two']])
    expect(res.json()[0]).toMatchObject({ person_id: file.manager.id, task_status: { id: wip.id }, person: { id: file.manager.id } })
    const tasks = await file.t.app.db.task.findMany({ where: { id: { in: [file.prod.task.id, file.second] } } })
    expect(tasks.every((t) => t.task_status_id === wip.id)).toBe(true)
  })

  it('keeps only the tasks an artist is assigned to, and refuses statuses they may not set', async () => {
    const { app } = file.t
    const res = await many(file.artist, [
      { object_id: file.prod.task.id, task_status_id: file.prod.status.id, comment: 'mine' },
      { object_id: file.second, task_status_id: file.prod.status.id, comment: 'not mine' },
    ])
    expect(res.json().map((c: { text: string }) => c.text)).toEqual(['mine'])
    const locked = await makeStatus(app, 'Locked', { is_artist_allowed: false })
    const before = await app.db.comment.count()
    const refused = await many(file.artist, [
      { object_id: file.prod.task.id, task_status_id: file.prod.status.id, comment: 'fine' },
      { object_id: file.prod.task.id, task_status_id: locked.id, comment: 'refused' },
    ])
    expect(refused.statusCode).toBe(403)
    // One transaction: the first entry went with the refusal.
    expect(await app.db.comment.count()).toBe(before)
  })

  it('wants a JSON array of well-formed ids', async () => {
    expect((await many(file.manager, { object_id: file.second })).json()).toEqual({ error: true, message: 'Request body must be a JSON array.', data: null })
    expect((await many(file.manager, [{ object_id: 'x', task_status_id: file.prod.status.id, comment: '' }])).statusCode).toBe(400)
    expect((await many(file.manager, [{ object_id: randomUUID(), task_status_id: file.prod.status.id, comment: '' }])).statusCode).toBe(404)
  })
})

describe('the ready_for automation', () => {
  it('marks the asset ready for a task type and refreshes the casting stats of its shots', async () => {
    const { app } = file.t
    const { prod } = file
    const ready = await makeStatus(app, 'Ready')
    const shotType = (await app.db.entityType.findFirst({ where: { name: 'Shot' } })) ?? (await app.db.entityType.create({ data: { name: 'Shot' } }))
    const seqType = (await app.db.entityType.findFirst({ where: { name: 'Sequence' } })) ?? (await app.db.entityType.create({ data: { name: 'Sequence' } }))
    const seq = await app.db.entity.create({ data: { name: 'SQ', project_id: prod.project.id, entity_type_id: seqType.id } })
    const shot = await app.db.entity.create({ data: { name: 'SH', project_id: prod.project.id, entity_type_id: shotType.id, parent_id: seq.id } })
    await app.db.entityLink.create({ data: { entity_in_id: shot.id, entity_out_id: prod.asset.id } })
    const layout = await app.db.taskType.create({ data: { name: `Layout ${randomUUID().slice(0, 6)}`, for_entity: 'Shot' } })
    const animation = await app.db.taskType.create({ data: { name: `Animation ${randomUUID().slice(0, 6)}`, for_entity: 'Shot' } })
    await app.db.projectTaskTypeLink.createMany({ data: [
      { project_id: prod.project.id, task_type_id: layout.id, priority: 1 },
      { project_id: prod.project.id, task_type_id: animation.id, priority: 2 },
    ] })
    const layoutTask = await app.db.task.create({ data: { name: 'main', project_id: prod.project.id, entity_id: shot.id, task_type_id: layout.id, task_status_id: prod.status.id } })
    const animTask = await app.db.task.create({ data: { name: 'main', project_id: prod.project.id, entity_id: shot.id, task_type_id: animation.id, task_status_id: prod.status.id } })
    const automation = await app.db.statusAutomation.create({
      data: { entity_type: 'asset', in_task_type_id: prod.taskType.id, in_task_status_id: ready.id, out_field_type: 'ready_for', out_task_type_id: layout.id },
    })
    await app.db.projectStatusAutomationLink.create({ data: { project_id: prod.project.id, status_automation_id: automation.id } })

    const { result, events } = await captureEvents(app, () => app.inject({
      method: 'POST', url: `/actions/tasks/${prod.task.id}/comment`, headers: file.manager.headers, payload: { task_status_id: ready.id },
    }))
    expect(result.statusCode).toBe(201)
    expect((await app.db.entity.findUniqueOrThrow({ where: { id: prod.asset.id } })).ready_for).toBe(layout.id)
    expect((await app.db.task.findUniqueOrThrow({ where: { id: layoutTask.id } })).nb_assets_ready).toBe(1)
    expect((await app.db.task.findUniqueOrThrow({ where: { id: animTask.id } })).nb_assets_ready).toBe(0)
    const assetUpdates = events.filter((e) => e.name === 'asset:update')
    expect(assetUpdates.map((e) => e.data)).toEqual([
      { asset_id: prod.asset.id, data: { ready_for: layout.id }, project_id: prod.project.id },
      { asset_id: prod.asset.id, data: { ready_for: layout.id }, project_id: prod.project.id },
    ])
    expect(names(events).filter((n) => n === 'task:update-casting-stats')).toHaveLength(2)
    expect(await app.db.apiEvent.count({ where: { name: 'task:update-casting-stats' } })).toBe(0)
  })
})
