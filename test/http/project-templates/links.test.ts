// routes.md §25: a template's links (task types, task statuses, asset types, status
// automations, backgrounds), its default background and metadata descriptor snapshot:
// answer shapes, Zou's message-only errors, nothing written on refusal, and the
// project-template:update event of every change.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { call } from '../crud/helpers.ts'
import {
  TEMPLATE_NOT_FOUND, assetType, automation, background, department, taskStatus, taskType, template, templateEvents,
} from './helpers.ts'

const file = useFileApp()
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/
const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => call(file.t.app, method, url, file.admin.headers, payload)
const updates = async (id: string) => (await templateEvents(file.t.app, 'project-template:update', id)).length

describe('task types', () => {
  it('links with a priority, updates it on a second POST, lists by (priority or 0, name)', async () => {
    const { app } = file.t
    const t = await template(app)
    const [b, a, c] = [await taskType(app, `B ${randomUUID()}`), await taskType(app, `A ${randomUUID()}`), await taskType(app, `C ${randomUUID()}`)]
    const url = `/data/project-templates/${t.id}/task-types`
    const res = await send('POST', url, { task_type_id: b.id, priority: 2 })
    expect(res.status).toBe(201)
    expect(Object.keys(res.body).sort()).toEqual(['created_at', 'id', 'priority', 'project_template_id', 'task_type_id', 'type', 'updated_at'])
    expect(res.body).toMatchObject({ project_template_id: t.id, task_type_id: b.id, priority: 2, type: 'ProjectTemplateTaskTypeLink' })
    expect(res.body.created_at).toMatch(DATETIME)
    // Priority-less POST of an existing link keeps it; a new priority replaces it.
    expect((await send('POST', url, { task_type_id: b.id })).body).toMatchObject({ id: res.body.id, priority: 2 })
    expect((await send('POST', url, { task_type_id: b.id.toUpperCase(), priority: '3' })).body).toMatchObject({ id: res.body.id, priority: 3 })
    await send('POST', url, { task_type_id: a.id, priority: 3 })
    await send('POST', url, { task_type_id: c.id })
    expect(await app.db.projectTemplateTaskTypeLink.count({ where: { project_template_id: t.id } })).toBe(3)

    const list = await send('GET', url)
    expect(list.status).toBe(200)
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([c.id, a.id, b.id])
    // The link's priority replaces the task type's own (7).
    expect(list.body[0]).toMatchObject({ id: c.id, type: 'TaskType', priority: null, for_entity: 'Asset', name: c.name })
    expect(list.body[2].priority).toBe(3)
    expect(await updates(t.id)).toBe(5)
  })

  it('refuses bad ids with Zou messages, checking the task type before the template', async () => {
    const { app } = file.t
    const t = await template(app)
    const tt = await taskType(app)
    const url = `/data/project-templates/${t.id}/task-types`
    expect(await send('POST', url, { task_type_id: 'nope' })).toMatchObject({ status: 400, body: { message: 'task_type_id is required and must be a valid UUID' } })
    const ghost = randomUUID()
    expect(await send('POST', url, { task_type_id: ghost })).toMatchObject({ status: 400, body: { message: `Task type ${ghost} does not exist` } })
    expect(await send('POST', `/data/project-templates/${randomUUID()}/task-types`, { task_type_id: ghost })).toMatchObject({ status: 400 })
    expect(await send('POST', '/data/project-templates/nope/task-types', { task_type_id: ghost })).toMatchObject({ status: 400 })
    const unknown = await send('POST', `/data/project-templates/${randomUUID()}/task-types`, { task_type_id: tt.id })
    expect(unknown).toMatchObject({ status: 404 })
    expect(unknown.body).toEqual(TEMPLATE_NOT_FOUND)
    expect(await send('POST', '/data/project-templates/nope/task-types', { task_type_id: tt.id })).toMatchObject({ status: 404, body: TEMPLATE_NOT_FOUND })
    expect(await send('POST', url, {})).toMatchObject({ status: 400, body: { error: true, message: 'Validation error.' } })
    expect(await send('POST', url, { task_type_id: tt.id, priority: 'high' })).toMatchObject({ status: 400, body: { message: 'Validation error.' } })
    expect(await send('POST', url, [tt.id])).toMatchObject({ status: 400 })
    const broken = await app.inject({ method: 'POST', url, headers: { ...file.admin.headers, 'content-type': 'application/json' }, payload: '{"task_type_id"' })
    expect(broken.statusCode).toBe(400)
    expect(await send('GET', `/data/project-templates/${randomUUID()}/task-types`)).toMatchObject({ status: 404, body: TEMPLATE_NOT_FOUND })
    expect(await send('GET', '/data/project-templates/nope/task-types')).toMatchObject({ status: 404, body: TEMPLATE_NOT_FOUND })
    expect(await app.db.projectTemplateTaskTypeLink.count({ where: { project_template_id: t.id } })).toBe(0)
    expect(await updates(t.id)).toBe(0)
  })

  it('unlinks (204 even when absent), 404 for an unknown template, 400 for a malformed id', async () => {
    const { app } = file.t
    const t = await template(app)
    const tt = await taskType(app)
    await app.db.projectTemplateTaskTypeLink.create({ data: { project_template_id: t.id, task_type_id: tt.id } })
    const url = `/data/project-templates/${t.id}/task-types/${tt.id}`
    expect(await send('DELETE', url)).toMatchObject({ status: 204, text: '' })
    expect(await app.db.projectTemplateTaskTypeLink.count({ where: { project_template_id: t.id } })).toBe(0)
    expect((await send('DELETE', url)).status).toBe(204)
    expect(await updates(t.id)).toBe(2)
    expect(await send('DELETE', `/data/project-templates/${randomUUID()}/task-types/${tt.id}`)).toMatchObject({ status: 404, body: TEMPLATE_NOT_FOUND })
    expect(await send('DELETE', `/data/project-templates/${t.id}/task-types/nope`)).toMatchObject({ status: 400, body: { message: 'task_type_id is required and must be a valid UUID' } })
  })

  it('reorders: priorities 1..n, missing links attached, one event; a bad id writes nothing', async () => {
    const { app } = file.t
    const t = await template(app)
    const [a, b, c] = [await taskType(app), await taskType(app), await taskType(app)]
    await app.db.projectTemplateTaskTypeLink.create({ data: { project_template_id: t.id, task_type_id: a.id, priority: 9 } })
    const url = `/actions/project-templates/${t.id}/task-types/reorder`
    const res = await send('POST', url, { task_type_ids: [c.id, a.id, b.id, c.id] })
    expect(res.status).toBe(200)
    // A repeated id keeps its last position.
    expect(res.body.map((l: { task_type_id: string; priority: number }) => [l.task_type_id, l.priority])).toEqual([[a.id, 2], [b.id, 3], [c.id, 4]])
    expect(res.body[0]).toMatchObject({ type: 'ProjectTemplateTaskTypeLink', project_template_id: t.id })
    expect(await updates(t.id)).toBe(1)

    const message = { message: "Request body must be a JSON object with a 'task_type_ids' list." }
    for (const body of [[a.id], { task_type_ids: a.id }, { ids: [a.id] }]) expect(await send('POST', url, body)).toMatchObject({ status: 400, body: message })
    const ghost = randomUUID()
    expect(await send('POST', url, { task_type_ids: [b.id, ghost] })).toMatchObject({ status: 400, body: { message: `Task type ${ghost} does not exist` } })
    expect(await send('POST', url, { task_type_ids: [b.id, 'x'] })).toMatchObject({ status: 400, body: { message: 'task_type_id is required and must be a valid UUID' } })
    expect(await send('POST', `/actions/project-templates/${randomUUID()}/task-types/reorder`, { task_type_ids: [] })).toMatchObject({ status: 404, body: TEMPLATE_NOT_FOUND })
    const links = await app.db.projectTemplateTaskTypeLink.findMany({ where: { project_template_id: t.id }, orderBy: { priority: 'asc' } })
    expect(links.map((l) => l.priority)).toEqual([2, 3, 4])
    expect(await send('POST', url, { task_type_ids: [] })).toMatchObject({ status: 200, body: [] })
    expect(await updates(t.id)).toBe(1)
  })
})

describe('task statuses', () => {
  it('keeps board roles and priorities, lists them, reorders without touching roles', async () => {
    const { app } = file.t
    const t = await template(app)
    const [s1, s2] = [await taskStatus(app), await taskStatus(app)]
    const url = `/data/project-templates/${t.id}/task-statuses`
    const res = await send('POST', url, { task_status_id: s1.id, roles_for_board: ['user', 'client'] })
    expect(res).toMatchObject({ status: 201, body: { type: 'ProjectTemplateTaskStatusLink', task_status_id: s1.id, priority: null, roles_for_board: ['user', 'client'] } })
    // Without roles the stored ones stay; a new link gets the column default.
    expect((await send('POST', url, { task_status_id: s1.id, priority: 4 })).body).toMatchObject({ priority: 4, roles_for_board: ['user', 'client'] })
    expect((await send('POST', url, { task_status_id: s2.id, roles_for_board: [] })).body.roles_for_board).toEqual(['user', 'admin', 'supervisor', 'manager', 'vendor'])
    expect(await send('POST', url, { task_status_id: s2.id, roles_for_board: ['boss'] })).toMatchObject({ status: 400, body: { message: 'Validation error.' } })

    const list = await send('GET', url)
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([s2.id, s1.id])
    expect(list.body[1]).toMatchObject({ type: 'TaskStatus', priority: 4, roles_for_board: ['user', 'client'], short_name: s1.short_name })

    const reordered = await send('POST', `/actions/project-templates/${t.id}/task-statuses/reorder`, { task_status_ids: [s1.id, s2.id] })
    expect(reordered.body.map((l: { task_status_id: string; priority: number; roles_for_board: string[] }) => [l.task_status_id, l.priority, l.roles_for_board[0]]))
      .toEqual([[s1.id, 1, 'user'], [s2.id, 2, 'user']])
    expect(await send('POST', `/actions/project-templates/${t.id}/task-statuses/reorder`, {})).toMatchObject({
      status: 400, body: { message: "Request body must be a JSON object with a 'task_status_ids' list." },
    })
  })
})

describe('asset types, status automations, backgrounds', () => {
  it('asset types answer {id, name} and link once', async () => {
    const { app } = file.t
    const t = await template(app)
    const at = await assetType(app)
    const url = `/data/project-templates/${t.id}/asset-types`
    expect(await send('POST', url, { asset_type_id: at.id })).toMatchObject({ status: 201 })
    const again = await send('POST', url, { asset_type_id: at.id })
    expect(again.body).toEqual({ id: at.id, name: at.name })
    expect(await app.db.projectTemplateAssetTypeLink.count({ where: { project_template_id: t.id } })).toBe(1)
    expect((await send('GET', url)).body).toEqual([{ id: at.id, name: at.name }])
    const ghost = randomUUID()
    expect(await send('POST', url, { asset_type_id: ghost })).toMatchObject({ status: 400, body: { message: `Asset type ${ghost} does not exist` } })
    expect((await send('DELETE', `${url}/${at.id}`)).status).toBe(204)
    expect((await send('GET', url)).body).toEqual([])
    expect(await updates(t.id)).toBe(3)
  })

  it('status automations answer the serialized automation', async () => {
    const { app } = file.t
    const t = await template(app)
    const sa = await automation(app)
    const url = `/data/project-templates/${t.id}/status-automations`
    const res = await send('POST', url, { status_automation_id: sa.id })
    expect(res).toMatchObject({ status: 201, body: { id: sa.id, type: 'StatusAutomation', entity_type: 'asset', out_field_type: 'status', in_task_type_id: sa.in_task_type_id } })
    expect(res.body.created_at).toMatch(DATETIME)
    expect((await send('GET', url)).body).toEqual([res.body])
    expect(await send('POST', url, { status_automation_id: 'x' })).toMatchObject({ status: 400, body: { message: 'status_automation_id is required and must be a valid UUID' } })
    expect((await send('DELETE', `${url}/${sa.id}`)).status).toBe(204)
    expect(await app.db.projectTemplateStatusAutomationLink.count({ where: { project_template_id: t.id } })).toBe(0)
  })

  it('backgrounds: {id, name, is_default}; the default must be linked; unlinking the default clears it', async () => {
    const { app } = file.t
    const t = await template(app)
    const [bg, other] = [await background(app), await background(app)]
    const url = `/data/project-templates/${t.id}/preview-background-files`
    expect((await send('POST', url, { preview_background_file_id: bg.id })).body).toEqual({ id: bg.id, name: bg.name, is_default: false })
    expect((await send('GET', url)).body).toEqual([{ id: bg.id, name: bg.name, is_default: false }])

    const put = (payload: unknown) => send('PUT', `/data/project-templates/${t.id}/default-preview-background-file`, payload)
    const notLinked = { status: 400, body: { message: 'Preview background file is not linked to this template' } }
    expect(await put({ default_preview_background_file_id: other.id })).toMatchObject(notLinked)
    expect(await put({ default_preview_background_file_id: 'x' })).toMatchObject(notLinked)
    expect(await put([bg.id])).toMatchObject({ status: 400 })
    const set = await put({ default_preview_background_file_id: bg.id })
    expect(set).toMatchObject({ status: 200, body: { id: t.id, type: 'ProjectTemplate', default_preview_background_file_id: bg.id, name: t.name } })
    expect(set.body).not.toHaveProperty('task_types')
    expect(await send('PUT', `/data/project-templates/${randomUUID()}/default-preview-background-file`, {})).toMatchObject({ status: 404, body: TEMPLATE_NOT_FOUND })

    // Unlinking another background leaves the default; unlinking the default clears it.
    await send('DELETE', `${url}/${other.id}`)
    expect((await app.db.projectTemplate.findUnique({ where: { id: t.id } }))!.default_preview_background_file_id).toBe(bg.id)
    await send('DELETE', `${url}/${bg.id}`)
    expect((await app.db.projectTemplate.findUnique({ where: { id: t.id } }))!.default_preview_background_file_id).toBeNull()
    expect(await app.db.projectTemplatePreviewBackgroundFileLink.count({ where: { project_template_id: t.id } })).toBe(0)

    await send('POST', url, { preview_background_file_id: bg.id })
    await put({ default_preview_background_file_id: bg.id })
    expect((await put({ default_preview_background_file_id: null })).body.default_preview_background_file_id).toBeNull()
    expect(await updates(t.id)).toBe(7)
  })
})

describe('metadata descriptors snapshot', () => {
  it('normalises each entry, from a bare array or an object, and replaces the snapshot', async () => {
    const { app } = file.t
    const t = await template(app)
    const dep = await department(app)
    const tt = await taskType(app)
    const url = `/data/project-templates/${t.id}/metadata-descriptors`
    const res = await send('PUT', url, [
      { name: 'Due Date!', entity_type: 'Shot', data_type: 'date', extra: 1, departments: [dep.id, null] },
      { name: 'Épisode note', field_name: 'custom', entity_type: 'Task', task_type_id: tt.id, choices: ['a'], for_client: 1, position: 2 },
    ])
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: t.id, type: 'ProjectTemplate' })
    expect(res.body.metadata_descriptors).toEqual([
      { name: 'Due Date!', field_name: 'due_date', entity_type: 'Shot', task_type_id: null, data_type: 'date', choices: [], for_client: false, departments: [dep.id], position: null },
      { name: 'Épisode note', field_name: 'custom', entity_type: 'Task', task_type_id: tt.id, data_type: null, choices: ['a'], for_client: true, departments: [], position: 2 },
    ])
    const replaced = await send('PUT', url, { metadata_descriptors: [{ name: 'Notes' }] })
    expect(replaced.body.metadata_descriptors).toEqual([
      { name: 'Notes', field_name: 'notes', entity_type: null, task_type_id: null, data_type: null, choices: [], for_client: false, departments: [], position: null },
    ])
    expect((await send('PUT', url, {})).body.metadata_descriptors).toEqual([])
    expect(await updates(t.id)).toBe(3)
  })

  it('refuses entries that are not objects and lists that are not lists, writing nothing', async () => {
    const { app } = file.t
    const t = await template(app, { metadata_descriptors: [{ name: 'Kept' }] })
    const url = `/data/project-templates/${t.id}/metadata-descriptors`
    expect(await send('PUT', url, [{ name: 'A' }, 'B'])).toMatchObject({ status: 400, body: { message: 'Each metadata descriptor must be an object' } })
    expect(await send('PUT', url, { metadata_descriptors: 'A' })).toMatchObject({ status: 400, body: { message: 'metadata_descriptors must be a list' } })
    expect(await send('PUT', url, [{ name: 42 }])).toMatchObject({ status: 400 })
    expect(await send('PUT', `/data/project-templates/${randomUUID()}/metadata-descriptors`, [])).toMatchObject({ status: 404, body: TEMPLATE_NOT_FOUND })
    expect((await app.db.projectTemplate.findUnique({ where: { id: t.id } }))!.metadata_descriptors).toEqual([{ name: 'Kept' }])
    expect(await updates(t.id)).toBe(0)
  })
})
