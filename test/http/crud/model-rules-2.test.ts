// Per-model rules of crud.md §11 written through the generic routes: comment deletes that
// take their notifications, news, links, attachments and previews along and recompute the
// task (§11.14), project templates (§11.4), and preview revision renumbering (§11.12).
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { FORBIDDEN, call, eventsFor, rowExists, uniq } from './helpers.ts'

const file = useFileAppWithProduction()


/** A fresh task of the production (own entity), at the default status. */
async function newTask() {
  const entity = await file.t.app.db.entity.create({ data: { name: uniq('Prop'), project_id: file.prod.project.id, entity_type_id: file.prod.assetType.id } })
  return file.t.app.db.task.create({
    data: { name: 'main', project_id: file.prod.project.id, entity_id: entity.id, task_type_id: file.prod.taskType.id, task_status_id: file.prod.status.id },
  })
}

const status = (name: string, extra: Record<string, unknown> = {}) =>
  file.t.app.db.taskStatus.create({ data: { name: uniq(name), short_name: uniq(name.slice(0, 3)), color: '#000000', ...extra } })

describe('comments delete', () => {
  it('removes the comment with everything hanging off it and recomputes the task', async () => {
    const db = file.t.app.db
    const task = await newTask()
    const [wip, retake, done] = [await status('Wip'), await status('Retake', { is_retake: true }), await status('Done', { is_done: true })]
    const comment = (day: string, taskStatusId: string | null) =>
      db.comment.create({ data: { object_id: task.id, object_type: 'Task', person_id: file.admin.id, task_status_id: taskStatusId, created_at: new Date(day) } })
    const first = await comment('2024-01-01T10:00:00Z', wip.id)
    const second = await comment('2024-01-02T10:00:00Z', retake.id)
    const last = await comment('2024-01-03T10:00:00Z', done.id)
    await db.task.update({ where: { id: task.id }, data: { task_status_id: done.id, retake_count: 5, last_comment_date: last.created_at } })

    // The deleted comment's preview is the task's last one and the entity's thumbnail; an
    // older preview stays.
    const older = await db.previewFile.create({ data: { name: 'v1', task_id: task.id, revision: 1, created_at: new Date('2024-01-01') } })
    const preview = await db.previewFile.create({ data: { name: 'v2', task_id: task.id, revision: 2, created_at: new Date('2024-01-03') } })
    await db.task.update({ where: { id: task.id }, data: { last_preview_file_id: preview.id } })
    await db.entity.update({ where: { id: task.entity_id! }, data: { preview_file_id: preview.id } })
    await db.commentPreviewLink.create({ data: { comment: last.id, preview_file: preview.id } })
    await db.commentPreviewLink.create({ data: { comment: first.id, preview_file: older.id } })
    const attachment = await db.attachmentFile.create({ data: { name: 'notes', extension: 'txt', comment_id: last.id } })
    const notification = await db.notification.create({ data: { type: 'comment', person_id: file.manager.id, author_id: file.admin.id, comment_id: last.id, task_id: task.id } })
    const news = await db.news.create({ data: { author_id: file.admin.id, task_id: task.id, comment_id: last.id, preview_file_id: preview.id } })
    const otherNews = await db.news.create({ data: { author_id: file.admin.id, task_id: task.id, comment_id: second.id, preview_file_id: preview.id } })
    const department = await db.department.create({ data: { name: uniq('Dep'), color: '#000000' } })
    await db.commentMentions.create({ data: { comment: last.id, person: file.manager.id } })
    await db.commentDepartmentMentions.create({ data: { comment: last.id, department: department.id } })
    await db.commentAcknoledgments.create({ data: { comment: last.id, person: file.manager.id } })

    const res = await call(file.t.app, 'DELETE', `/data/comments/${last.id}`, file.admin.headers)
    expect(res.status, res.text).toBe(204)
    expect(res.text).toBe('')

    expect(await rowExists(file.t.app, 'comment', last.id)).toBe(false)
    expect(await rowExists(file.t.app, 'attachment_file', attachment.id)).toBe(false)
    expect(await rowExists(file.t.app, 'notification', notification.id)).toBe(false)
    expect(await rowExists(file.t.app, 'news', news.id)).toBe(false)
    expect(await rowExists(file.t.app, 'preview_file', preview.id)).toBe(false)
    for (const table of ['comment_preview_link', 'comment_mentions', 'comment_department_mentions', 'comment_acknoledgments']) {
      const { rowCount } = await file.t.app.pool.query(`SELECT 1 FROM ${table} WHERE comment = $1`, [last.id])
      expect(rowCount, table).toBe(0)
    }
    // What belongs to other comments stays; references to the removed preview are cleared.
    expect(await rowExists(file.t.app, 'preview_file', older.id)).toBe(true)
    expect(await db.commentPreviewLink.count({ where: { comment: first.id } })).toBe(1)
    expect(await db.news.findUnique({ where: { id: otherNews.id } })).toMatchObject({ comment_id: second.id, preview_file_id: null })
    expect((await db.entity.findUnique({ where: { id: task.entity_id! } }))!.preview_file_id).toBeNull()

    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({
      task_status_id: retake.id, retake_count: 1, last_comment_date: second.created_at, last_preview_file_id: older.id,
    })
    expect(await eventsFor(file.t.app, 'comment:delete', 'comment_id', last.id)).toEqual([
      { name: 'comment:delete', data: { comment_id: last.id, project_id: file.prod.project.id }, project_id: file.prod.project.id },
    ])
    expect(await eventsFor(file.t.app, 'task:status-changed', 'task_id', task.id)).toEqual([{
      name: 'task:status-changed',
      data: { task_id: task.id, new_task_status_id: retake.id, previous_task_status_id: done.id, person_id: file.admin.id, project_id: file.prod.project.id },
      project_id: file.prod.project.id,
    }])
  })

  it('falls back to the previous comment status, then to the default status', async () => {
    const db = file.t.app.db
    const task = await newTask()
    const [wip, retake] = [await status('Wip'), await status('Retake', { is_retake: true })]
    const first = await db.comment.create({ data: { object_id: task.id, object_type: 'Task', person_id: file.admin.id, task_status_id: wip.id, created_at: new Date('2024-02-01') } })
    const plain = await db.comment.create({ data: { object_id: task.id, object_type: 'Task', person_id: file.admin.id, created_at: new Date('2024-02-02') } })
    const second = await db.comment.create({ data: { object_id: task.id, object_type: 'Task', person_id: file.admin.id, task_status_id: retake.id, created_at: new Date('2024-02-03') } })
    await db.task.update({ where: { id: task.id }, data: { task_status_id: retake.id, retake_count: 1, last_comment_date: second.created_at } })
    const changes = () => eventsFor(file.t.app, 'task:status-changed', 'task_id', task.id)

    // A manager of the production deletes the retake: back to the first comment's status.
    expect((await call(file.t.app, 'DELETE', `/data/comments/${second.id}`, file.manager.headers)).status).toBe(204)
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ task_status_id: wip.id, retake_count: 0, last_comment_date: plain.created_at })
    expect((await changes()).map((e) => e.data)).toEqual([
      { task_id: task.id, new_task_status_id: wip.id, previous_task_status_id: retake.id, person_id: file.manager.id, project_id: file.prod.project.id },
    ])

    // A comment without status goes: the status stays, and no task:status-changed.
    expect((await call(file.t.app, 'DELETE', `/data/comments/${plain.id}`, file.admin.headers)).status).toBe(204)
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ task_status_id: wip.id, last_comment_date: first.created_at })
    expect(await changes()).toHaveLength(1)
    expect(await eventsFor(file.t.app, 'comment:delete', 'comment_id', plain.id)).toHaveLength(1)

    // The last comment goes: the default status, no last comment date.
    expect((await call(file.t.app, 'DELETE', `/data/comments/${first.id}`, file.admin.headers)).status).toBe(204)
    expect(await db.task.findUnique({ where: { id: task.id } })).toMatchObject({ task_status_id: file.prod.status.id, retake_count: 0, last_comment_date: null })
    expect((await changes()).map((e) => e.data)).toContainEqual(
      { task_id: task.id, new_task_status_id: file.prod.status.id, previous_task_status_id: wip.id, person_id: file.admin.id, project_id: file.prod.project.id },
    )
    expect(await changes()).toHaveLength(2)
  })
})

describe('project-templates', () => {
  const NOT_FOUND = { message: 'Project template not found' }
  const DUPLICATE = { message: 'A project template with this name already exists' }

  it('creates from the template settings only, dropping other keys', async () => {
    const name = uniq('Tpl')
    const res = await call(file.t.app, 'POST', '/data/project-templates', file.admin.headers, {
      name, fps: '24', max_retakes: 2, file_tree: { working: {} }, metadata_descriptors: [{ name: 'd' }],
      foo: 'bar', id: randomUUID(), task_types: [file.prod.taskType.id], revision_padding: 4, is_single_preview_per_revision: true,
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({ name, fps: '24', max_retakes: 2, file_tree: { working: {} }, metadata_descriptors: [{ name: 'd' }], revision_padding: 0, is_single_preview_per_revision: false, type: 'ProjectTemplate' })
    expect(res.body).not.toHaveProperty('task_types')
    expect(res.body).not.toHaveProperty('foo')
    const row = await file.t.app.db.projectTemplate.findUniqueOrThrow({ where: { id: res.body.id } })
    expect(row).toMatchObject({ name, revision_padding: 0, is_single_preview_per_revision: false })
    expect(await file.t.app.db.projectTemplateTaskTypeLink.count({ where: { project_template_id: row.id } })).toBe(0)
    expect(await eventsFor(file.t.app, 'project-template:new', 'project_template_id', row.id)).toHaveLength(1)
  })

  it('refuses a missing or empty name, a duplicate name, and non-admins', async () => {
    const count = () => file.t.app.db.projectTemplate.count()
    const before = await count()
    expect(await call(file.t.app, 'POST', '/data/project-templates', file.admin.headers, { fps: '24' })).toMatchObject({ status: 400, body: { message: 'name is required' } })
    expect(await call(file.t.app, 'POST', '/data/project-templates', file.admin.headers, { name: '' })).toMatchObject({ status: 400, body: { message: 'name is required' } })
    const name = uniq('Tpl')
    expect((await call(file.t.app, 'POST', '/data/project-templates', file.admin.headers, { name })).status).toBe(201)
    const dup = await call(file.t.app, 'POST', '/data/project-templates', file.admin.headers, { name })
    expect(dup).toMatchObject({ status: 400 })
    expect(dup.body).toEqual(DUPLICATE)
    expect(await call(file.t.app, 'POST', '/data/project-templates', file.manager.headers, { name: uniq('Tpl') })).toMatchObject({ status: 403, body: FORBIDDEN })
    expect(await count()).toBe(before + 1)
  })

  it('updates without touching relations; 403 before 404; its own 404 and duplicate bodies', async () => {
    const db = file.t.app.db
    const template = await db.projectTemplate.create({ data: { name: uniq('Tpl') } })
    const other = await db.projectTemplate.create({ data: { name: uniq('Tpl') } })
    const unknown = randomUUID()

    expect(await call(file.t.app, 'PUT', `/data/project-templates/${unknown}`, file.manager.headers, { name: 'x' })).toMatchObject({ status: 403, body: FORBIDDEN })
    expect(await call(file.t.app, 'PUT', `/data/project-templates/${template.id}`, file.manager.headers, { name: 'x' })).toMatchObject({ status: 403, body: FORBIDDEN })
    for (const id of [unknown, 'not-a-uuid']) {
      const res = await call(file.t.app, 'PUT', `/data/project-templates/${id}`, file.admin.headers, { name: 'x' })
      expect(res.status, id).toBe(404)
      expect(res.body, id).toEqual(NOT_FOUND)
    }
    const dup = await call(file.t.app, 'PUT', `/data/project-templates/${template.id}`, file.admin.headers, { name: other.name })
    expect(dup.status).toBe(400)
    expect(dup.body).toEqual(DUPLICATE)

    const name = uniq('Renamed')
    const res = await call(file.t.app, 'PUT', `/data/project-templates/${template.id}`, file.admin.headers, {
      name, description: 'd', id: other.id, type: 'Project', created_at: '2020-01-01T00:00:00',
      task_types: [file.prod.taskType.id], task_statuses: [file.prod.status.id], asset_types: [file.prod.assetType.id],
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ id: template.id, name, description: 'd', type: 'ProjectTemplate' })
    expect(res.body).not.toHaveProperty('task_types')
    expect(await db.projectTemplateTaskTypeLink.count({ where: { project_template_id: template.id } })).toBe(0)
    expect(await db.projectTemplateTaskStatusLink.count({ where: { project_template_id: template.id } })).toBe(0)
    expect(await db.projectTemplateAssetTypeLink.count({ where: { project_template_id: template.id } })).toBe(0)
    expect((await db.projectTemplate.findUniqueOrThrow({ where: { id: other.id } })).name).toBe(other.name)
    // Keeping its own name is no clash.
    expect((await call(file.t.app, 'PUT', `/data/project-templates/${template.id}`, file.admin.headers, { name })).status).toBe(200)
    expect(await eventsFor(file.t.app, 'project-template:update', 'project_template_id', template.id)).toHaveLength(2)
  })

  it('deletes with its link rows; 403 before 404; its own 404 body', async () => {
    const db = file.t.app.db
    const template = await db.projectTemplate.create({ data: { name: uniq('Tpl') } })
    const automation = await db.statusAutomation.create({ data: {} })
    const background = await db.previewBackgroundFile.create({ data: { name: uniq('bg') } })
    await db.projectTemplateTaskTypeLink.create({ data: { project_template_id: template.id, task_type_id: file.prod.taskType.id, priority: 1 } })
    await db.projectTemplateTaskStatusLink.create({ data: { project_template_id: template.id, task_status_id: file.prod.status.id } })
    await db.projectTemplateAssetTypeLink.create({ data: { project_template_id: template.id, asset_type_id: file.prod.assetType.id } })
    await db.projectTemplateStatusAutomationLink.create({ data: { project_template_id: template.id, status_automation_id: automation.id } })
    await db.projectTemplatePreviewBackgroundFileLink.create({ data: { project_template_id: template.id, preview_background_file_id: background.id } })

    expect(await call(file.t.app, 'DELETE', `/data/project-templates/${randomUUID()}`, file.manager.headers)).toMatchObject({ status: 403, body: FORBIDDEN })
    expect(await call(file.t.app, 'DELETE', `/data/project-templates/${template.id}`, file.manager.headers)).toMatchObject({ status: 403, body: FORBIDDEN })
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await call(file.t.app, 'DELETE', `/data/project-templates/${id}`, file.admin.headers)
      expect(res.status, id).toBe(404)
      expect(res.body, id).toEqual(NOT_FOUND)
    }

    const res = await call(file.t.app, 'DELETE', `/data/project-templates/${template.id}`, file.admin.headers)
    expect(res.status, res.text).toBe(204)
    expect(await rowExists(file.t.app, 'project_template', template.id)).toBe(false)
    const where = { where: { project_template_id: template.id } }
    expect([
      await db.projectTemplateTaskTypeLink.count(where), await db.projectTemplateTaskStatusLink.count(where),
      await db.projectTemplateAssetTypeLink.count(where), await db.projectTemplateStatusAutomationLink.count(where),
      await db.projectTemplatePreviewBackgroundFileLink.count(where),
    ]).toEqual([0, 0, 0, 0, 0])
    expect(await rowExists(file.t.app, 'status_automation', automation.id)).toBe(true)
    expect(await eventsFor(file.t.app, 'project-template:delete', 'project_template_id', template.id)).toHaveLength(1)
  })
})

describe('preview-files revision', () => {
  const taken = (n: number) => ({
    error: true,
    message: `Revision ${n} already exists for this task. Choose a different revision number, or omit it to let the revision auto-increment.`,
    data: null,
  })

  async function previews() {
    const task = await newTask()
    const make = (name: string, revision: number, position: number | null) =>
      file.t.app.db.previewFile.create({ data: { name, task_id: task.id, revision, position } })
    return {
      task,
      main: await make('main', 1, 1),
      second: await make('second', 1, 2),
      third: await make('third', 1, 3),
      next: await make('next', 2, 1),
      unpositioned: await make('unpositioned', 3, null),
    }
  }
  const revisions = async (task: { id: string }) => Object.fromEntries(
    (await file.t.app.db.previewFile.findMany({ where: { task_id: task.id }, select: { name: true, revision: true } })).map((p) => [p.name, p.revision]),
  )

  it('refuses a revision another main preview of the task has', async () => {
    const p = await previews()
    const res = await call(file.t.app, 'PUT', `/data/preview-files/${p.main.id}`, file.admin.headers, { revision: 2 })
    expect(res.status).toBe(400)
    expect(res.body).toEqual(taken(2))
    // A null position counts as the main preview, on both sides.
    expect((await call(file.t.app, 'PUT', `/data/preview-files/${p.unpositioned.id}`, file.admin.headers, { revision: 2 })).body).toEqual(taken(2))
    expect((await call(file.t.app, 'PUT', `/data/preview-files/${p.next.id}`, file.admin.headers, { revision: 3 })).body).toEqual(taken(3))
    expect(await revisions(p.task)).toEqual({ main: 1, second: 1, third: 1, next: 2, unpositioned: 3 })
    // Another task's revisions do not count.
    const elsewhere = await previews()
    expect((await call(file.t.app, 'PUT', `/data/preview-files/${elsewhere.main.id}`, file.admin.headers, { revision: 7 })).status).toBe(200)
    expect((await call(file.t.app, 'PUT', `/data/preview-files/${p.main.id}`, file.admin.headers, { revision: 7 })).status).toBe(200)
  })

  it('moves the other positions of the old revision along with the main preview', async () => {
    const p = await previews()
    const res = await call(file.t.app, 'PUT', `/data/preview-files/${p.main.id}`, file.admin.headers, { revision: 5 })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ id: p.main.id, revision: 5 })
    expect(await revisions(p.task)).toEqual({ main: 5, second: 5, third: 5, next: 2, unpositioned: 3 })

    // A null-position preview renumbers the same way.
    expect((await call(file.t.app, 'PUT', `/data/preview-files/${p.unpositioned.id}`, file.admin.headers, { revision: 6 })).status).toBe(200)
    expect(await revisions(p.task)).toEqual({ main: 5, second: 5, third: 5, next: 2, unpositioned: 6 })

    // A preview at another position moves alone, without the check.
    expect((await call(file.t.app, 'PUT', `/data/preview-files/${p.third.id}`, file.admin.headers, { revision: 2 })).status).toBe(200)
    expect(await revisions(p.task)).toEqual({ main: 5, second: 5, third: 2, next: 2, unpositioned: 6 })

    // Same revision, or no revision in the body: nothing moves.
    expect((await call(file.t.app, 'PUT', `/data/preview-files/${p.main.id}`, file.admin.headers, { revision: 5, description: 'd' })).status).toBe(200)
    expect((await call(file.t.app, 'PUT', `/data/preview-files/${p.next.id}`, file.admin.headers, { description: 'd' })).status).toBe(200)
    expect(await revisions(p.task)).toEqual({ main: 5, second: 5, third: 2, next: 2, unpositioned: 6 })
  })
})
