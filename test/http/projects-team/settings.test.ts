// routes.md §7: /data/projects/:id/settings/* and GET /data/projects/:id/task-types — lists,
// idempotent links, unknown and malformed ids (400/404, never 500, nothing written), the
// batch, and the project:update event of every write.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useFileAppWithProduction } from '../../helpers/file-app.ts'
import { as, MALFORMED_ID, projectUpdates, withEvents, wrong } from './helpers.ts'

const f = useFileAppWithProduction()
const settings = (kind: string) => `/data/projects/${f.prod.project.id}/settings/${kind}`
const mgr = () => as(f.t.app, f.manager)
const pid = () => f.prod.project.id

const newTaskType = async (priority = 1) =>
  (await f.t.app.db.taskType.create({ data: { name: `TT ${randomUUID().slice(0, 8)}`, priority } })).id
const newStatus = async () => {
  const short = randomUUID().slice(0, 8)
  return (await f.t.app.db.taskStatus.create({ data: { name: `S ${short}`, short_name: short, color: '#000000' } })).id
}
const newAssetType = async () => (await f.t.app.db.entityType.create({ data: { name: `AT ${randomUUID().slice(0, 8)}` } })).id

const taskTypeLinks = () => f.t.app.db.projectTaskTypeLink.findMany({ where: { project_id: pid() } })
const assetTypeLinks = () => f.t.app.db.projectAssetTypeLink.findMany({ where: { project_id: pid() } })
const statusLinks = () => f.t.app.db.projectTaskStatusLink.findMany({ where: { project_id: pid() } })

describe('settings/asset-types', () => {
  it('links once (idempotent), answers the plain project and emits project:update each time', async () => {
    const at = await newAssetType()
    for (let i = 0; i < 2; i++) {
      const { result, events } = await withEvents(f.t.app, () => mgr().post(settings('asset-types'), { asset_type_id: at }))
      expect(result.status).toBe(201)
      expect(result.body).toMatchObject({ id: pid(), type: 'Project' })
      expect(result.body).not.toHaveProperty('asset_types')
      expect(events).toEqual(projectUpdates(pid(), f.manager.id))
    }
    expect((await assetTypeLinks()).filter((l) => l.asset_type_id === at)).toHaveLength(1)
    const project = await mgr().get(`/data/projects/${pid()}`)
    expect(project.body.asset_types).toContain(at)
  })

  it('refuses unknown and malformed ids with Zou’s 400, and a missing key with a validation error', async () => {
    const unknown = randomUUID()
    const before = await assetTypeLinks()
    const { result, events } = await withEvents(f.t.app, () => mgr().post(settings('asset-types'), { asset_type_id: unknown }))
    expect(result).toMatchObject({ status: 400, body: wrong(`EntityType with id ${unknown} not found`) })
    expect(events).toEqual([])
    expect((await mgr().post(settings('asset-types'), { asset_type_id: 'x1' })).body).toEqual(wrong('EntityType with id x1 not found'))
    expect((await mgr().post(settings('asset-types'), {})).body).toMatchObject({ message: 'Validation error.' })
    expect((await mgr().post(settings('asset-types'), { asset_type_id: '' })).status).toBe(400)
    expect(await assetTypeLinks()).toEqual(before)
  })

  it('unlinks (204, event), is fine when absent, and refuses a malformed id', async () => {
    const at = await newAssetType()
    await mgr().post(settings('asset-types'), { asset_type_id: at })
    const { result, events } = await withEvents(f.t.app, () => mgr().del(`${settings('asset-types')}/${at}`))
    expect(result.status).toBe(204)
    expect(events).toEqual(projectUpdates(pid(), f.manager.id))
    expect((await assetTypeLinks()).map((l) => l.asset_type_id)).not.toContain(at)
    expect((await mgr().del(`${settings('asset-types')}/${at}`)).status).toBe(204)
    expect((await mgr().del(`${settings('asset-types')}/nope`)).body).toEqual(wrong(MALFORMED_ID))
  })

  it('answers 404 for an unknown project, 400 for a malformed one', async () => {
    const at = await newAssetType()
    expect((await as(f.t.app, f.admin).post(`/data/projects/${randomUUID()}/settings/asset-types`, { asset_type_id: at })).status).toBe(404)
    expect((await as(f.t.app, f.admin).post('/data/projects/p1/settings/asset-types', { asset_type_id: at })).body).toEqual(wrong(MALFORMED_ID))
  })
})

describe('settings/task-types and GET task-types', () => {
  it('links with a priority, keeps the first priority on a repeat, lists the task types', async () => {
    const tt = await newTaskType()
    expect((await mgr().post(settings('task-types'), { task_type_id: tt, priority: 4 })).status).toBe(201)
    expect((await mgr().post(settings('task-types'), { task_type_id: tt, priority: 9 })).status).toBe(201)
    expect((await taskTypeLinks()).filter((l) => l.task_type_id === tt).map((l) => l.priority)).toEqual([4])
    const list = await mgr().get(`/data/projects/${pid()}/task-types`)
    expect(list.status).toBe(200)
    const row = list.body.find((t: { id: string }) => t.id === tt)
    expect(row).toMatchObject({ type: 'TaskType', for_entity: 'Asset', priority: 1 })
    expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
  })

  it('refuses a malformed id with Zou’s message and an unknown one as not found', async () => {
    const { result, events } = await withEvents(f.t.app, () => mgr().post(settings('task-types'), { task_type_id: 'abc' }))
    expect(result.body).toEqual(wrong('task_type_id is required and must be a valid UUID'))
    expect(events).toEqual([])
    const unknown = randomUUID()
    expect((await mgr().post(settings('task-types'), { task_type_id: unknown })).body).toEqual(wrong(`TaskType with id ${unknown} not found`))
    expect((await mgr().post(settings('task-types'), { task_type_id: await newTaskType(), priority: 'high' })).status).toBe(400)
  })

  it('unlinks', async () => {
    const tt = await newTaskType()
    await mgr().post(settings('task-types'), { task_type_id: tt })
    expect((await mgr().del(`${settings('task-types')}/${tt}`)).status).toBe(204)
    expect((await taskTypeLinks()).map((l) => l.task_type_id)).not.toContain(tt)
  })
})

describe('settings/task-status, status-automations, preview-background-files', () => {
  it('links, lists and unlinks task statuses (new links get the default board roles)', async () => {
    const st = await newStatus()
    expect((await mgr().post(settings('task-status'), { task_status_id: st })).status).toBe(201)
    expect((await mgr().post(settings('task-status'), { task_status_id: st })).status).toBe(201)
    const links = (await statusLinks()).filter((l) => l.task_status_id === st)
    expect(links).toHaveLength(1)
    expect(links[0]).toMatchObject({ priority: null, roles_for_board: ['user', 'admin', 'supervisor', 'manager', 'vendor'] })
    const list = await mgr().get(settings('task-status'))
    expect(list.body.find((s: { id: string }) => s.id === st)).toMatchObject({ type: 'TaskStatus', color: '#000000' })
    expect((await mgr().post(settings('task-status'), { task_status_id: randomUUID() })).body.message).toMatch(/^TaskStatus with id .* not found$/)
    expect((await mgr().del(`${settings('task-status')}/${st}`)).status).toBe(204)
    expect((await mgr().get(settings('task-status'))).body.map((s: { id: string }) => s.id)).not.toContain(st)
  })

  it('links, lists and unlinks status automations and preview backgrounds', async () => {
    const sa = (await f.t.app.db.statusAutomation.create({ data: { entity_type: 'shot' } })).id
    const bg = (await f.t.app.db.previewBackgroundFile.create({ data: { name: 'HDR', file_size: 1234n } })).id
    expect((await mgr().post(settings('status-automations'), { status_automation_id: sa })).status).toBe(201)
    expect((await mgr().post(settings('preview-background-files'), { preview_background_file_id: bg })).status).toBe(201)
    expect((await mgr().get(settings('status-automations'))).body).toEqual([
      expect.objectContaining({ id: sa, type: 'StatusAutomation', entity_type: 'shot', out_field_type: 'status' }),
    ])
    expect((await mgr().get(settings('preview-background-files'))).body).toEqual([
      expect.objectContaining({ id: bg, type: 'PreviewBackgroundFile', name: 'HDR', file_size: 1234 }),
    ])
    expect((await mgr().post(settings('status-automations'), { status_automation_id: randomUUID() })).body.message).toMatch(/^StatusAutomation with id/)
    expect((await mgr().post(settings('preview-background-files'), { preview_background_file_id: 'x' })).body).toEqual(wrong('PreviewBackgroundFile with id x not found'))
    expect((await mgr().del(`${settings('status-automations')}/${sa}`)).status).toBe(204)
    expect((await mgr().del(`${settings('preview-background-files')}/${bg}`)).status).toBe(204)
    expect((await mgr().get(settings('status-automations'))).body).toEqual([])
    expect((await mgr().get(settings('preview-background-files'))).body).toEqual([])
  })
})

describe('settings/batch', () => {
  it('creates links, updates given priorities, skips unknown ids, links statuses and asset types', async () => {
    const [a, b, c] = [await newTaskType(), await newTaskType(), await newTaskType()]
    await mgr().post(settings('task-types'), { task_type_id: a, priority: 1 })
    const [st, at] = [await newStatus(), await newAssetType()]
    const body = {
      task_types: [{ task_type_id: a, priority: 7 }, { task_type_id: b, priority: 2 }, { task_type_id: c }, { task_type_id: randomUUID(), priority: 1 }],
      task_status_ids: [st, st, randomUUID()],
      asset_type_ids: [at, randomUUID()],
    }
    const { result, events } = await withEvents(f.t.app, () => mgr().post(settings('batch'), body))
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ id: pid(), type: 'Project' })
    expect(events).toEqual(projectUpdates(pid(), f.manager.id))
    const priorities = Object.fromEntries((await taskTypeLinks()).map((l) => [l.task_type_id, l.priority]))
    expect([priorities[a], priorities[b], priorities[c]]).toEqual([7, 2, null])
    expect((await statusLinks()).filter((l) => l.task_status_id === st)).toHaveLength(1)
    expect((await assetTypeLinks()).filter((l) => l.asset_type_id === at)).toHaveLength(1)
    // A repeat is a no-op; a priority-less entry keeps the stored priority.
    await mgr().post(settings('batch'), { ...body, task_types: [{ task_type_id: a }] })
    expect((await taskTypeLinks()).find((l) => l.task_type_id === a)?.priority).toBe(7)
    expect((await statusLinks()).filter((l) => l.task_status_id === st)).toHaveLength(1)
  })

  it('with replace_task_types, unlinks the task types not listed', async () => {
    const [a, b] = [await newTaskType(), await newTaskType()]
    await mgr().post(settings('batch'), { task_types: [{ task_type_id: a }, { task_type_id: b }] })
    await mgr().post(settings('batch'), { task_types: [{ task_type_id: b, priority: 3 }], replace_task_types: true })
    expect((await taskTypeLinks()).map((l) => [l.task_type_id, l.priority])).toEqual([[b, 3]])
  })

  it('refuses malformed ids and bodies as a whole: nothing written', async () => {
    const tt = await newTaskType()
    const before = await taskTypeLinks()
    const { result, events } = await withEvents(f.t.app, () =>
      mgr().post(settings('batch'), { task_types: [{ task_type_id: tt }], task_status_ids: ['oops'] }))
    expect(result.body).toEqual(wrong(MALFORMED_ID))
    expect(events).toEqual([])
    expect((await mgr().post(settings('batch'), { task_types: [{ priority: 1 }] })).body).toMatchObject({ message: 'Validation error.' })
    expect((await mgr().post(settings('batch'), { task_types: 'all' })).status).toBe(400)
    expect(await taskTypeLinks()).toEqual(before)
  })
})
