// Per-model rules of crud.md §11: assignation notifications on task updates (§11.9), the
// Project-level metadata columns a new project inherits and the default background check (§11.2).
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileApp } from '../../helpers/file-app.ts'
import { as, makeProduction } from '../../helpers/fixtures.ts'
import { call } from './helpers.ts'

const file = useFileApp()

describe('tasks', () => {
  it('notify each newly assigned person once, and emit task:assign / task:unassign', async () => {
    const manager = await as(file.t.app, 'manager')
    const [a, b] = [await as(file.t.app, 'user'), await as(file.t.app, 'user')]
    const prod = await makeProduction(file.t.app, [{ id: manager.id }, { id: a.id }, { id: b.id }])
    const put = (assignees: string[]) => call(file.t.app, 'PUT', `/data/tasks/${prod.task.id}`, manager.headers, { assignees })

    expect((await put([a.id])).status).toBe(200)
    expect((await put([a.id, b.id])).status).toBe(200)
    expect((await put([b.id])).status).toBe(200)

    const notes = await file.t.app.db.notification.findMany({ where: { task_id: prod.task.id }, orderBy: { created_at: 'asc' } })
    expect(notes.map((n) => [n.person_id, n.type, n.author_id])).toEqual([
      [a.id, 'assignation', manager.id],
      [b.id, 'assignation', manager.id],
    ])
    const events = await file.t.app.db.apiEvent.findMany({ where: { name: { in: ['task:assign', 'task:unassign'] } }, orderBy: { created_at: 'asc' } })
    expect(events.map((e) => [e.name, (e.data as { person_id: string }).person_id])).toEqual([
      ['task:assign', a.id], ['task:assign', b.id], ['task:unassign', a.id],
    ])
  })
})

describe('projects', () => {
  it('a new project inherits the Project-level metadata columns of open projects, once per field', async () => {
    const source = await makeProduction(file.t.app)
    const other = await makeProduction(file.t.app)
    for (const p of [source.project, other.project]) {
      await file.t.app.db.metadataDescriptor.create({ data: { project_id: p.id, entity_type: 'Project', name: 'Budget code', field_name: 'budget_code', data_type: 'string' } })
    }
    await file.t.app.db.metadataDescriptor.create({ data: { project_id: source.project.id, entity_type: 'Shot', name: 'Lens', field_name: 'lens', data_type: 'string' } })
    const res = await call(file.t.app, 'POST', '/data/projects', file.admin.headers, { name: `New ${randomUUID().slice(0, 6)}` })
    expect(res.status).toBe(201)
    const copied = await file.t.app.db.metadataDescriptor.findMany({ where: { project_id: res.body.id } })
    expect(copied.map((d) => [d.entity_type, d.field_name])).toEqual([['Project', 'budget_code']])
  })

  it('checks default_preview_background_file_id against the project backgrounds', async () => {
    const [bg1, bg2] = await Promise.all(['one', 'two'].map((n) =>
      file.t.app.db.previewBackgroundFile.create({ data: { name: `bg ${n} ${randomUUID().slice(0, 6)}` } })))
    const name = `Bg ${randomUUID().slice(0, 6)}`
    const refused = await call(file.t.app, 'POST', '/data/projects', file.admin.headers, { name, default_preview_background_file_id: bg1.id })
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({ error: true, message: 'Invalid default_preview_background_file_id', data: null })
    expect(await file.t.app.db.project.count({ where: { name } })).toBe(0)

    const created = await call(file.t.app, 'POST', '/data/projects', file.admin.headers, {
      name, preview_background_files: [bg1.id], default_preview_background_file_id: bg1.id,
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    expect((await call(file.t.app, 'PUT', `/data/projects/${id}`, file.admin.headers, { default_preview_background_file_id: bg2.id })).status).toBe(400)
    const ok = await call(file.t.app, 'PUT', `/data/projects/${id}`, file.admin.headers, { preview_background_files: [bg1.id, bg2.id], default_preview_background_file_id: bg2.id })
    expect(ok.status).toBe(200)
    expect(ok.body.default_preview_background_file_id).toBe(bg2.id)
  })
})
