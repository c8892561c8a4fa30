// crud.md §5–§7, §9: for a representative set of models, a minimal create (201, every
// column in Zou's wire format, the row, a `:new` event), an update (200, the change stored,
// `:update`) and a delete (204, empty body, row gone, `:delete`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, createPerson, makeProduction, type TestPerson } from '../../helpers/fixtures.ts'
import { call, eventsFor, rowExists, uniq } from './helpers.ts'

type Row = Record<string, unknown>
type Fx = Awaited<ReturnType<typeof makeFixtures>>

interface Case {
  route: string
  table: string
  /** `type` of the serialized row (default: the model class name from `model`). */
  model: string
  create: (f: Fx) => Row
  update: (f: Fx) => [key: string, value: string | number | boolean]
  /** The project the events are scoped to, when the model has one. */
  project?: (f: Fx) => string
  /** Event prefix and payload key stem, when not the table name. */
  event?: string
}

let t: TestApp
let admin: TestPerson
let fx: Fx

async function makeFixtures(app: TestApp['app']) {
  const db = app.db
  const prod = await makeProduction(app)
  const person = await createPerson(app, 'user')
  const department = await db.department.create({ data: { name: uniq('Dep '), color: '#123456' } })
  const fileStatus = await db.fileStatus.create({ data: { name: uniq('FS '), color: '#123456' } })
  const closed = await db.projectStatus.create({ data: { name: 'Closed', color: '#000000' } })
  const other = await db.entity.create({ data: { name: 'Prop', project_id: prod.project.id, entity_type_id: prod.assetType.id } })
  // time-spents: Zou lets only deletes through whose person is assigned to the task.
  await db.taskPersonLink.create({ data: { task_id: prod.task.id, person_id: person.id } })
  const comment = await db.comment.create({ data: { object_id: prod.task.id, object_type: 'Task', person_id: person.id, text: 'hi' } })
  const chat = await db.chat.create({ data: { object_id: prod.asset.id, object_type: 'Asset' } })
  const budget = await db.budget.create({ data: { name: 'B', project_id: prod.project.id } })
  const version = await db.productionScheduleVersion.create({ data: { name: 'V1', project_id: prod.project.id } })
  return { ...prod, person, department, fileStatus, closed, other, comment, chat, budget, version }
}

const P = (f: Fx) => f.project.id
const CASES: Case[] = [
  { route: 'departments', table: 'department', model: 'Department', create: () => ({ name: uniq('D '), color: '#ffffff' }), update: () => ['name', uniq('D2 ')] },
  { route: 'studios', table: 'studio', model: 'Studio', create: () => ({ name: uniq('S '), color: '#ffffff' }), update: () => ['name', uniq('S2 ')] },
  { route: 'project-status', table: 'project_status', model: 'ProjectStatus', create: () => ({ name: uniq('PS '), color: '#ffffff' }), update: () => ['name', uniq('PS2 ')] },
  { route: 'task-status', table: 'task_status', model: 'TaskStatus', create: () => ({ name: uniq('TS '), short_name: uniq('t'), color: '#ffffff' }), update: () => ['name', uniq('TS2 ')] },
  { route: 'task-types', table: 'task_type', model: 'TaskType', create: () => ({ name: uniq('TT ') }), update: () => ['name', uniq('TT2 ')] },
  { route: 'entity-types', table: 'entity_type', model: 'EntityType', event: 'asset-type', create: () => ({ name: uniq('ET ') }), update: () => ['name', uniq('ET2 ')] },
  { route: 'file-status', table: 'file_status', model: 'FileStatus', create: () => ({ name: uniq('F '), color: '#ffffff' }), update: () => ['name', uniq('F2 ')] },
  { route: 'softwares', table: 'software', model: 'Software', create: () => ({ name: uniq('Blender '), short_name: 'bl', file_extension: 'blend' }), update: () => ['name', uniq('Maya ')] },
  { route: 'output-types', table: 'output_type', model: 'OutputType', create: () => ({ name: uniq('Cache '), short_name: 'ca' }), update: () => ['name', uniq('Geo ')] },
  { route: 'custom-actions', table: 'custom_action', model: 'CustomAction', create: () => ({ name: 'Open', url: 'https://example.com' }), update: () => ['name', 'Close'] },
  { route: 'status-automations', table: 'status_automation', model: 'StatusAutomation', create: () => ({ entity_type: 'asset', out_field_type: 'status' }), update: () => ['entity_type', 'shot'] },
  { route: 'hardware-items', table: 'hardware_item', model: 'HardwareItem', create: () => ({ name: uniq('GPU '), short_name: 'gpu' }), update: () => ['name', uniq('CPU ')] },
  { route: 'organisations', table: 'organisation', model: 'Organisation', create: () => ({ name: uniq('Org ') }), update: () => ['name', uniq('Org2 ')] },
  { route: 'search-filters', table: 'search_filter', model: 'SearchFilter', create: (f) => ({ list_type: 'asset', name: 'mine', person_id: f.person.id }), update: () => ['name', 'theirs'] },
  { route: 'search-filter-groups', table: 'search_filter_group', model: 'SearchFilterGroup', create: (f) => ({ list_type: 'asset', name: 'g', person_id: f.person.id }), update: () => ['name', 'h'] },
  { route: 'budgets', table: 'budget', model: 'Budget', project: P, create: (f) => ({ name: 'Budget', project_id: f.project.id }), update: () => ['name', 'Budget 2'] },
  { route: 'milestones', table: 'milestone', model: 'Milestone', project: P, create: (f) => ({ name: 'M1', project_id: f.project.id, date: '2024-05-01' }), update: () => ['name', 'M2'] },
  { route: 'day-offs', table: 'day_off', model: 'DayOff', create: (f) => ({ date: '2024-02-01', end_date: '2024-02-03', person_id: f.person.id }), update: () => ['description', 'holidays'] },
  { route: 'plugins', table: 'plugin', model: 'Plugin', create: () => ({ plugin_id: uniq('p'), name: 'Plug', version: '1.0', maintainer_name: 'Me', license: 'MIT' }), update: () => ['name', 'Plug 2'] },
  { route: 'metadata-descriptors', table: 'metadata_descriptor', model: 'MetadataDescriptor', project: P, create: (f) => ({ project_id: f.project.id, entity_type: 'Asset', name: 'Size', field_name: 'size', data_type: 'string' }), update: () => ['name', 'Length'] },
  { route: 'playlists', table: 'playlist', model: 'Playlist', project: P, create: (f) => ({ name: 'Daily', project_id: f.project.id, for_entity: 'shot' }), update: () => ['name', 'Weekly'] },
  { route: 'schedule-items', table: 'schedule_item', model: 'ScheduleItem', project: P, create: (f) => ({ project_id: f.project.id, task_type_id: f.taskType.id, start_date: '2024-01-01' }), update: () => ['man_days', 3] },
  { route: 'preview-background-files', table: 'preview_background_file', model: 'PreviewBackgroundFile', create: () => ({ name: uniq('bg ') }), update: () => ['name', uniq('bg2 ')] },
  { route: 'time-spents', table: 'time_spent', model: 'TimeSpent', project: P, create: (f) => ({ duration: 60, date: '2024-03-04', task_id: f.task.id, person_id: f.person.id }), update: () => ['duration', 120] },
  { route: 'tasks', table: 'task', model: 'Task', project: P, create: (f) => ({ name: uniq('lay'), project_id: f.project.id, task_type_id: f.taskType.id, entity_id: f.asset.id, task_status_id: f.status.id }), update: () => ['description', 'do it'] },
  { route: 'entities', table: 'entity', model: 'Asset', event: 'asset', project: P, create: (f) => ({ name: uniq('Tree '), project_id: f.project.id, entity_type_id: f.assetType.id }), update: () => ['description', 'a tree'] },
  { route: 'projects', table: 'project', model: 'Project', create: (f) => ({ name: uniq('Film '), project_status_id: f.closed.id }), update: () => ['description', 'a film'] },
  { route: 'persons', table: 'person', model: 'Person', create: () => ({ first_name: 'Ada', last_name: 'Lovelace', email: `${uniq('ada')}@example.com` }), update: () => ['first_name', 'Augusta'] },
  { route: 'comments', table: 'comment', model: 'Comment', project: P, create: (f) => ({ object_id: f.task.id, object_type: 'Task', person_id: f.person.id, text: 'hello' }), update: () => ['text', 'bye'] },
  { route: 'notifications', table: 'notification', model: 'Notification', create: (f) => ({ type: 'comment', person_id: f.person.id, author_id: f.person.id, task_id: f.task.id }), update: () => ['read', true] },
  { route: 'news', table: 'news', model: 'News', create: (f) => ({ author_id: f.person.id, task_id: f.task.id }), update: () => ['change', true] },
  { route: 'subscriptions', table: 'subscription', model: 'Subscription', create: (f) => ({ person_id: f.person.id, task_id: f.task.id }), update: (f) => ['entity_id', f.asset.id] },
  { route: 'entity-links', table: 'entity_link', model: 'EntityLink', project: P, create: (f) => ({ entity_in_id: f.asset.id, entity_out_id: f.other.id }), update: () => ['label', 'fixed'] },
  { route: 'asset-instances', table: 'asset_instance', model: 'AssetInstance', project: P, create: (f) => ({ asset_id: f.asset.id, name: 'inst' }), update: () => ['name', 'inst2'] },
  { route: 'chats', table: 'chat', model: 'Chat', create: (f) => ({ object_id: f.other.id, object_type: 'Asset' }), update: () => ['object_type', 'Shot'] },
  { route: 'chat-messages', table: 'chat_message', model: 'ChatMessage', create: (f) => ({ chat_id: f.chat.id, person_id: f.person.id, text: 'yo' }), update: () => ['text', 'hey'] },
  { route: 'working-files', table: 'working_file', model: 'WorkingFile', project: P, create: (f) => ({ name: 'scene', task_id: f.task.id, entity_id: f.asset.id, revision: 1 }), update: () => ['name', 'scene2'] },
  { route: 'output-files', table: 'output_file', model: 'OutputFile', project: P, create: (f) => ({ name: 'cache', revision: 1, file_status_id: f.fileStatus.id, entity_id: f.asset.id }), update: () => ['name', 'cache2'] },
  { route: 'preview-files', table: 'preview_file', model: 'PreviewFile', project: P, create: (f) => ({ name: 'v1', task_id: f.task.id, revision: 1 }), update: () => ['name', 'v2'] },
  { route: 'attachment-files', table: 'attachment_file', model: 'AttachmentFile', create: (f) => ({ name: 'ref.png', comment_id: f.comment.id, extension: 'png' }), update: () => ['name', 'ref2.png'] },
  { route: 'events', table: 'api_event', model: 'ApiEvent', create: () => ({ name: 'custom:thing', data: { a: 1 } }), update: () => ['name', 'custom:other'] },
  { route: 'budget-entries', table: 'budget_entry', model: 'BudgetEntry', create: (f) => ({ budget_id: f.budget.id, department_id: f.department.id, start_date: '2024-01-01', months_duration: 2, daily_salary: 300 }), update: () => ['months_duration', 4] },
  { route: 'production-schedule-versions', table: 'production_schedule_version', model: 'ProductionScheduleVersion', project: P, create: (f) => ({ name: uniq('V '), project_id: f.project.id }), update: () => ['name', uniq('W ')] },
  { route: 'production-schedule-version-task-links', table: 'production_schedule_version_task_link', model: 'ProductionScheduleVersionTaskLink', project: P, create: (f) => ({ production_schedule_version_id: f.version.id, task_id: f.task.id }), update: () => ['estimation', 3] },
]

/** Columns a row must carry: every column of the table but bytea and never-serialized secrets. */
const SECRETS: Record<string, string[]> = {
  person: ['totp_secret', 'email_otp_secret', 'otp_recovery_codes', 'fido_credentials', 'jti', 'login_failed_attemps', 'last_login_failed'],
  // Slate's stream sequence number, not a Zou column.
  api_event: ['seq'],
}
let columns: Map<string, Array<{ name: string; type: string }>>

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

function checkShape(c: Case, body: Row) {
  expect(body.type).toBe(c.model)
  for (const col of columns.get(c.table)!) {
    if (col.type === 'bytea' || SECRETS[c.table]?.includes(col.name)) {
      expect(body, `${col.name} must not be serialized`).not.toHaveProperty(col.name)
      continue
    }
    const key = col.name === 'type' ? `${c.table}_type` : col.name
    expect(body, `missing column ${key}`).toHaveProperty(key)
    const v = body[key]
    if (v !== null && col.type.startsWith('timestamp')) expect(v, key).toMatch(DATETIME)
    if (v !== null && col.type === 'date') expect(v, key).toMatch(DATE)
  }
}

const same = (stored: unknown, value: unknown) =>
  typeof value === 'number' ? Number(stored) === value : typeof value === 'boolean' ? stored === value : String(stored) === value

beforeAll(async () => {
  t = await buildTestApp()
  admin = await as(t.app, 'admin')
  fx = await makeFixtures(t.app)
  const { rows } = await t.app.pool.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'`,
  )
  columns = new Map()
  for (const r of rows) {
    if (!columns.has(r.table_name)) columns.set(r.table_name, [])
    columns.get(r.table_name)!.push({ name: r.column_name, type: r.data_type })
  }
})
afterAll(async () => { await t.close() })

describe.each(CASES)('/data/$route', (c) => {
  it('creates, updates and deletes with events', async () => {
    const prefix = c.event ?? c.table.replace(/_/g, '-')
    const key = `${prefix.replace(/-/g, '_')}_id`
    const scope = c.project ? { project_id: c.project(fx) } : {}

    const created = await call(t.app, 'POST', `/data/${c.route}`, admin.headers, c.create(fx))
    expect(created.status, created.text).toBe(201)
    const id = created.body.id as string
    checkShape(c, created.body)
    expect(await rowExists(t.app, c.table, id)).toBe(true)
    const newEvents = await eventsFor(t.app, `${prefix}:new`, key, id)
    // Zou scopes CRUD events by the row's project_id column: a project's own events are not
    // scoped (their payload's project_id is the row id).
    expect(newEvents.map((e) => e.data)).toEqual([{ [key]: id, ...scope }])
    expect(newEvents[0].project_id).toBe(c.project ? c.project(fx) : null)

    const [field, value] = c.update(fx)
    const updated = await call(t.app, 'PUT', `/data/${c.route}/${id}`, admin.headers, { [field]: value })
    expect(updated.status, updated.text).toBe(200)
    checkShape(c, updated.body)
    expect(same(updated.body[field], value), `${field} in response`).toBe(true)
    const { rows } = await t.app.pool.query(`SELECT "${field}" AS v FROM "${c.table}" WHERE id = $1`, [id])
    expect(same(rows[0].v, value), `${field} stored`).toBe(true)
    const updateEvents = await eventsFor(t.app, `${prefix}:update`, key, id)
    // comments add a second comment:update with task_id (crud.md §11.14).
    expect(updateEvents.map((e) => e.data)).toContainEqual(newEvents[0].data)

    const deleted = await t.app.inject({ method: 'DELETE', url: `/data/${c.route}/${id}`, headers: admin.headers })
    expect(deleted.statusCode, deleted.body).toBe(204)
    expect(deleted.body).toBe('')
    expect(await rowExists(t.app, c.table, id)).toBe(false)
    const deleteEvents = await eventsFor(t.app, `${prefix}:delete`, key, id)
    expect(deleteEvents).toHaveLength(1)
    expect(deleteEvents[0].data).toMatchObject(newEvents[0].data)
    expect(deleteEvents[0].project_id).toBe(newEvents[0].project_id)
  })
})
