// routes.md §16 per-entity routes: news page, preview files, time spents, entities linked by
// concept links with their tasks, and the task creation rules with their events.
import { beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { makeBreakdown, makeEntity, type Breakdown } from '../breakdown/fixtures.ts'
import { eventsDuring, send } from '../breakdown/helpers.ts'

const file = useFileAppWithProduction()
let bd: Breakdown
const app = () => file.t.app
const p = () => file.prod.project.id
const get = (url: string) => send(app(), file.manager, 'GET', url)

beforeAll(async () => {
  bd = await makeBreakdown(app(), file.prod)
})

describe('GET /data/entities/:entity_id/news', () => {
  it('answers a page of the news of the entity tasks, newest first, with the author', async () => {
    const db = app().db
    const status = file.prod.status
    const comment = await db.comment.create({ data: { object_id: bd.layoutTask.id, object_type: 'Task', text: 'ok', task_status_id: status.id, person_id: file.manager.id } })
    const preview = await db.previewFile.create({ data: { name: 'v1', task_id: bd.layoutTask.id, revision: 3, extension: 'mp4' } })
    const older = await db.news.create({ data: { author_id: file.manager.id, task_id: bd.animationTask.id, change: false, created_at: new Date('2024-01-01T10:00:00Z') } })
    const newer = await db.news.create({
      data: { author_id: file.manager.id, task_id: bd.layoutTask.id, comment_id: comment.id, preview_file_id: preview.id, change: true, created_at: new Date('2024-02-01T10:00:00Z') },
    })
    const res = await get(`/data/entities/${bd.shot1.id}/news`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ total: 2, nb_pages: 1, limit: 2000, offset: 0, page: 1 })
    expect(res.body.data.map((n: { id: string }) => n.id)).toEqual([newer.id, older.id])
    const manager = await db.person.findUnique({ where: { id: file.manager.id } })
    expect(res.body.data[0]).toEqual({
      id: newer.id, type: 'News', author_id: file.manager.id, comment_id: comment.id, task_id: bd.layoutTask.id,
      task_type_id: bd.layout.id, task_status_id: status.id, task_entity_id: bd.shot1.id, preview_file_id: preview.id,
      preview_file_extension: 'mp4', preview_file_revision: 3, project_id: p(), project_name: file.prod.project.name,
      created_at: '2024-02-01T10:00:00', change: true, full_entity_name: 'E01 / SQ01 / SH010', episode_id: bd.episode.id,
      entity_preview_file_id: null,
      person: { id: file.manager.id, first_name: manager!.first_name, last_name: 'Tester', full_name: `${manager!.first_name} Tester`, has_avatar: false, role: 'manager' },
    })
    expect(res.body.data[1]).toMatchObject({ comment_id: null, task_status_id: null, preview_file_id: null, preview_file_extension: null })
    expect((await get(`/data/entities/${bd.hero.id}/news`)).body).toMatchObject({ data: [], total: 0, nb_pages: 0 })
    expect((await get(`/data/entities/${randomUUID()}/news`)).status).toBe(404)
  })
})

describe('GET /data/entities/:entity_id/preview-files and /time-spents', () => {
  it('lists the previews by task type name, revision (newest first), position', async () => {
    const db = app().db
    await db.previewFile.create({ data: { name: 'v1b', task_id: bd.layoutTask.id, revision: 3, position: 2, extension: 'png', file_size: 12 } })
    await db.previewFile.create({ data: { name: 'v0', task_id: bd.layoutTask.id, revision: 1, extension: 'mp4' } })
    await db.previewFile.create({ data: { name: 'a1', task_id: bd.animationTask.id, revision: 1, extension: 'mp4' } })
    const res = await get(`/data/entities/${bd.shot1.id}/preview-files`)
    expect(res.status).toBe(200)
    // Animation … sorts before Layout …
    expect(res.body.map((f: { name: string }) => f.name)).toEqual(['a1', 'v1', 'v1b', 'v0'])
    expect(Object.keys(res.body[2]).sort()).toEqual([
      'created_at', 'extension', 'file_size', 'id', 'name', 'original_name', 'person_id', 'position', 'revision', 'status',
      'task_id', 'token_in', 'token_out', 'validation_status',
    ])
    expect(res.body[2]).toMatchObject({ revision: 3, position: 2, file_size: 12, status: 'processing', validation_status: 'neutral', task_id: bd.layoutTask.id })
  })

  it('lists the time spents of the entity tasks, newest date first', async () => {
    const db = app().db
    const day = (d: string) => new Date(`${d}T00:00:00Z`)
    await db.timeSpent.create({ data: { task_id: bd.layoutTask.id, person_id: file.manager.id, date: day('2024-03-01'), duration: 60 } })
    await db.timeSpent.create({ data: { task_id: bd.animationTask.id, person_id: file.manager.id, date: day('2024-03-05'), duration: 30 } })
    const res = await get(`/data/entities/${bd.shot1.id}/time-spents`)
    expect(res.body.map((t: { date: string; duration: number; type: string }) => [t.date, t.duration, t.type])).toEqual([
      ['2024-03-05', 30, 'TimeSpent'], ['2024-03-01', 60, 'TimeSpent'],
    ])
  })
})

describe('GET /data/entities/:entity_id/entities-linked/with-tasks', () => {
  it('lists the entities whose concept links point at the entity, with their tasks', async () => {
    const concept = await makeEntity(app(), p(), 'Concept', 'Mood board')
    await app().db.entityConceptLink.create({ data: { entity_in_id: bd.shot1.id, entity_out_id: concept.id } })
    await app().db.entity.update({ where: { id: bd.shot1.id }, data: { data: { fps: 24, frame_in: 1 }, nb_frames: 48 } })
    await app().db.taskPersonLink.create({ data: { task_id: bd.layoutTask.id, person_id: file.manager.id } })
    const res = await get(`/data/entities/${concept.id}/entities-linked/with-tasks`)
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(1)
    const [row] = res.body
    expect(row).toMatchObject({
      id: bd.shot1.id, name: 'SH010', type: 'Shot', project_id: p(), project_name: file.prod.project.name, fps: 24, frame_in: 1,
      frame_out: null, nb_frames: 48, parent_id: bd.sequence.id, entity_concept_links: [concept.id], data: { fps: 24, frame_in: 1 },
    })
    expect(row.tasks.map((t: { id: string }) => t.id).sort()).toEqual([bd.layoutTask.id, bd.animationTask.id].sort())
    const layout = row.tasks.find((t: { id: string }) => t.id === bd.layoutTask.id)
    expect(layout).toMatchObject({ entity_id: bd.shot1.id, priority: 0, nb_assets_ready: 0, assignees: [file.manager.id], task_type_id: bd.layout.id })
    expect(Object.keys(layout).sort()).toEqual([
      'assignees', 'assigner_id', 'due_date', 'duration', 'end_date', 'entity_id', 'estimation', 'id', 'last_comment_date',
      'nb_assets_ready', 'priority', 'real_start_date', 'retake_count', 'start_date', 'task_status_id', 'task_type_id',
    ])
  })
})

describe('POST /data/entities/:entity_id/tasks', () => {
  it('without a list: one main task per enabled task type fitting the entity, skipping existing ones', async () => {
    const db = app().db
    const lighting = await db.taskType.create({ data: { name: `Lighting ${randomUUID().slice(0, 6)}`, for_entity: 'Shot' } })
    const rigging = await db.taskType.create({ data: { name: `Rigging ${randomUUID().slice(0, 6)}`, for_entity: 'Asset' } })
    await db.projectTaskTypeLink.createMany({ data: [{ project_id: p(), task_type_id: lighting.id, priority: 3 }, { project_id: p(), task_type_id: rigging.id }] })
    let res!: Awaited<ReturnType<typeof send>>
    const events = await eventsDuring(app(), async () => { res = await send(app(), file.manager, 'POST', `/data/entities/${bd.shot2.id}/tasks`, {}) })
    expect(res.status).toBe(201)
    // Layout, Animation and Lighting are Shot types enabled on the project; Rigging is for assets.
    expect(res.body.map((t: { task_type_id: string }) => t.task_type_id).sort()).toEqual([bd.layout.id, bd.animation.id, lighting.id].sort())
    expect(res.body[0]).toMatchObject({
      type: 'Task', name: 'main', entity_id: bd.shot2.id, project_id: p(), assigner_id: file.manager.id, assignees: [],
      task_status_id: file.prod.status.id, task_status_short_name: 'todo', duration: 0, estimation: 0,
    })
    expect(Object.keys(res.body[0])).toEqual(expect.arrayContaining(['task_status_name', 'task_status_color', 'task_type_name', 'task_type_color', 'task_type_priority']))
    expect(events.map((e) => e.name)).toEqual(['task:new', 'task:new', 'task:new'])
    expect(events.map((e) => e.data.task_id)).toEqual(res.body.map((t: { id: string }) => t.id))
    // Again: nothing left to create.
    expect(await send(app(), file.manager, 'POST', `/data/entities/${bd.shot2.id}/tasks`, undefined)).toEqual({ status: 201, body: [] })
  })

  it('with a list: checks the kind, the project and the asset type workflow', async () => {
    const db = app().db
    const texture = await db.taskType.create({ data: { name: `Texture ${randomUUID().slice(0, 6)}`, for_entity: 'Asset' } })
    const shading = await db.taskType.create({ data: { name: `Shading ${randomUUID().slice(0, 6)}`, for_entity: 'Asset' } })
    const post = (entityId: string, ids: string[]) => send(app(), file.manager, 'POST', `/data/entities/${entityId}/tasks`, { task_type_ids: ids })
    expect((await post(bd.chair.id, [bd.layout.id])).body).toMatchObject({ message: `Task type ${bd.layout.id} is for Shot entities, got Asset.` })
    expect((await post(bd.chair.id, [texture.id])).body).toMatchObject({ message: `Task type ${texture.id} is not enabled in project ${p()}.` })
    await db.projectTaskTypeLink.createMany({ data: [{ project_id: p(), task_type_id: texture.id }, { project_id: p(), task_type_id: shading.id }] })
    await db.taskTypeAssetTypeLink.create({ data: { asset_type_id: bd.propType.id, task_type_id: texture.id } })
    expect((await post(bd.chair.id, [shading.id])).body).toMatchObject({ message: `Task type ${shading.id} is not in the workflow of asset type ${bd.propType.id}.` })
    expect((await post(bd.chair.id, [randomUUID()])).status).toBe(404)
    expect((await send(app(), file.manager, 'POST', `/data/entities/${bd.chair.id}/tasks`, { task_type_ids: 'x' })).body).toMatchObject({ message: 'Validation error.' })
    const ok = await post(bd.chair.id, [texture.id, texture.id])
    expect(ok.status).toBe(201)
    expect(ok.body.map((t: { task_type_id: string }) => t.task_type_id)).toEqual([texture.id])
    // The default list of an asset with a workflow keeps to the workflow.
    expect((await send(app(), file.manager, 'POST', `/data/entities/${bd.table.id}/tasks`, {})).body.map((t: { task_type_id: string }) => t.task_type_id)).toEqual([texture.id])
  })
})
