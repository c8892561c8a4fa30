// The permission matrix of crud.md §10 as data: for every /data route, who may list (and
// who then sees the row), create, read, update and delete. Team personas are on the
// production's team with their global role; `out-*` personas have the same global role but
// are not on the team (only project-scoped routes run them). permissions.test.ts runs it.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { as, makeProduction } from '../../helpers/fixtures.ts'
import { asBot, uniq } from './helpers.ts'

export const BASE = ['admin', 'manager', 'supervisor', 'user', 'client', 'vendor', 'bot'] as const
export const OUT = ['out-manager', 'out-supervisor', 'out-user', 'out-client', 'out-vendor'] as const
export type Persona = (typeof BASE)[number] | (typeof OUT)[number]
type Row = Record<string, unknown>

const ALL: Persona[] = [...BASE, ...OUT]
const A: Persona[] = ['admin']
const but = (...no: Persona[]): Persona[] => ALL.filter((p) => !no.includes(p))
/** Global role checks: manager-global, no vendor. */
const MANAGER_GLOBAL: Persona[] = ['admin', 'manager', 'out-manager']
const NO_VENDOR = but('vendor', 'out-vendor')
/** Project checks: PA without the vendor (no task of theirs on the row), MPA, SPA. */
const TEAM_NO_VENDOR: Persona[] = ['admin', 'manager', 'supervisor', 'user', 'client', 'bot']
const TEAM: Persona[] = [...TEAM_NO_VENDOR, 'vendor']
const MPA: Persona[] = ['admin', 'manager']
const SPA: Persona[] = ['admin', 'manager', 'supervisor']
/** Production schedules: PA, and never vendors or clients. */
const SCHEDULE: Persona[] = ['admin', 'manager', 'supervisor', 'user', 'bot']

export interface Spec {
  route: string
  /** Project-scoped: outsiders are run too. */
  scoped?: boolean
  list: Persona[]
  /** Who finds the row in the list (default: whoever may list). */
  see?: Persona[]
  create: Persona[]
  get: Persona[]
  update: Persona[]
  delete: Persona[]
  listQuery?: (f: Fx) => string
  /** The row listed, read and updated (default: one made by `make`). */
  shared?: (f: Fx) => string
  /** Status of an allowed create when it is not 201 (salary scales are never created). */
  createStatus?: number
  make: (f: Fx) => Promise<string>
  body: (f: Fx) => Promise<Row> | Row
  patch: Row
}

export type Fx = Awaited<ReturnType<typeof makeFixtures>>

export async function makeFixtures(app: FastifyInstance) {
  const who: Record<string, { id: string; headers: { authorization: string } }> = {}
  who.admin = await as(app, 'admin')
  for (const role of ['manager', 'supervisor', 'user', 'client', 'vendor'] as const) {
    who[role] = await as(app, role)
    who[`out-${role}`] = await as(app, role)
  }
  who.bot = await asBot(app, 'user')
  const prod = await makeProduction(app, ['manager', 'supervisor', 'user', 'client', 'vendor', 'bot'].map((r) => ({ id: who[r].id })))
  const db = app.db
  const closed = await db.projectStatus.create({ data: { name: 'Closed', color: '#000000' } })
  // A second task, assigned to the artist, for time spents.
  const asset2 = await db.entity.create({ data: { name: 'Prop', project_id: prod.project.id, entity_type_id: prod.assetType.id } })
  const task2 = await db.task.create({ data: { name: 'main', project_id: prod.project.id, entity_id: asset2.id, task_type_id: prod.taskType.id, task_status_id: prod.status.id } })
  await db.taskPersonLink.create({ data: { task_id: task2.id, person_id: who.user.id } })
  const comment = await db.comment.create({ data: { object_id: prod.task.id, object_type: 'Task', person_id: who.admin.id, text: 'c' } })
  const department = await db.department.create({ data: { name: 'Dep', color: '#000000' } })
  const fileStatus = await db.fileStatus.create({ data: { name: 'FS', color: '#000000' } })
  const budget = await db.budget.create({ data: { name: 'B', project_id: prod.project.id } })
  const chat = await db.chat.create({ data: { object_id: prod.asset.id, object_type: 'Asset' } })
  return { app, db, who: who as Record<Persona, { id: string; headers: { authorization: string } }>, ...prod, closed, task2, comment, department, fileStatus, budget, chat }
}

let counter = 0
/** A day no other row of these tests uses, `base` years after 2030. */
const day = (base: number) => new Date(Date.UTC(2030 + base, 0, 1) + ++counter * 5 * 86_400_000).toISOString().slice(0, 10)
const dayOffBody = (f: Fx) => {
  const date = day(5)
  return { date, end_date: date, person_id: f.who.user.id }
}
const id = (p: Promise<{ id: string }>) => p.then((r) => r.id)
const P = (f: Fx) => f.project.id
const entity = (f: Fx) => f.db.entity.create({ data: { name: uniq('E'), project_id: P(f), entity_type_id: f.assetType.id } })
const version = (f: Fx) => f.db.productionScheduleVersion.create({ data: { name: uniq('V'), project_id: P(f) } })
/** Global reference tables: anyone reads, admins write. */
const REFERENCE = { list: ALL, create: A, get: ALL, update: A, delete: A }
const ADMIN_ONLY = { list: A, create: A, get: A, update: A, delete: A }
const named = (route: string, model: keyof Fx['db'] & string, extra: Row = {}, len = 8): Spec => ({
  route, ...REFERENCE,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  make: (f) => id((f.db as any)[model].create({ data: { name: uniq('n', len), ...extra } })),
  body: () => ({ name: uniq('n', len), ...extra }),
  patch: { name: uniq('r', len) },
})

export const MATRIX: Spec[] = [
  { route: 'persons', list: ALL, create: A, get: ALL, update: A, delete: A, make: (f) => id(f.db.person.create({ data: { first_name: 'A', last_name: uniq('B') } })), body: () => ({ first_name: 'A', last_name: 'B', email: `${uniq('e')}@example.com` }), patch: { first_name: 'Z' } },
  {
    route: 'projects', scoped: true, list: ALL, see: TEAM, create: A, get: TEAM, update: MPA, delete: A,
    // The open production is listed, read and updated. Only closed projects can be deleted
    // (crud.md §11.2): the rows made for deletes are closed, with the whole team.
    shared: P,
    make: async (f) => {
      const p = await f.db.project.create({ data: { name: uniq('P'), project_status_id: f.closed.id } })
      await f.db.projectPersonLink.createMany({ data: ['manager', 'supervisor', 'user', 'client', 'vendor', 'bot'].map((r) => ({ project_id: p.id, person_id: f.who[r as Persona].id })) })
      return p.id
    },
    body: () => ({ name: uniq('P') }), patch: { description: 'd' },
  },
  named('project-status', 'projectStatus', { color: '#000000' }),
  { ...named('project-templates', 'projectTemplate'), list: MANAGER_GLOBAL, get: MANAGER_GLOBAL },
  named('entity-types', 'entityType'),
  {
    route: 'entities', scoped: true, list: ALL, see: TEAM_NO_VENDOR, create: MPA, get: TEAM_NO_VENDOR, update: MPA, delete: MPA,
    make: (f) => id(entity(f)), body: (f) => ({ name: uniq('E'), project_id: P(f), entity_type_id: f.assetType.id }), patch: { description: 'd' },
  },
  named('task-types', 'taskType'),
  { ...named('task-status', 'taskStatus', { color: '#000000' }), make: (f) => id(f.db.taskStatus.create({ data: { name: uniq('s'), short_name: uniq('s'), color: '#000000' } })), body: () => ({ name: uniq('s'), short_name: uniq('s'), color: '#000000' }) },
  {
    // Zou runs no check on task creation (crud.md §11.9); Slate requires MPA as it advises.
    route: 'tasks', scoped: true, list: ALL, see: TEAM_NO_VENDOR, create: MPA, get: TEAM_NO_VENDOR, update: SPA, delete: MPA,
    make: (f) => id(f.db.task.create({ data: { name: uniq('t'), project_id: P(f), entity_id: f.asset.id, task_type_id: f.taskType.id, task_status_id: f.status.id } })),
    body: (f) => ({ name: uniq('t'), project_id: P(f), entity_id: f.asset.id, task_type_id: f.taskType.id, task_status_id: f.status.id }), patch: { priority: 2 },
  },
  named('departments', 'department', { color: '#000000' }),
  named('organisations', 'organisation'),
  named('file-status', 'fileStatus', { color: '#000000' }),
  named('softwares', 'software', { short_name: 'sw', file_extension: 'sw' }),
  { ...named('hardware-items', 'hardwareItem', { short_name: 'hw' }), ...ADMIN_ONLY },
  {
    route: 'output-files', scoped: true, list: NO_VENDOR, see: TEAM_NO_VENDOR, create: A, get: TEAM_NO_VENDOR, update: MPA, delete: A,
    make: (f) => id(f.db.outputFile.create({ data: { name: uniq('o'), revision: 1, file_status_id: f.fileStatus.id, entity_id: f.asset.id } })),
    body: (f) => ({ name: uniq('o'), revision: 1, file_status_id: f.fileStatus.id, entity_id: f.asset.id }), patch: { comment: 'c' },
  },
  { ...named('output-types', 'outputType', { short_name: 'ot' }) },
  {
    route: 'preview-files', scoped: true, list: ALL, see: TEAM_NO_VENDOR, create: A, get: TEAM_NO_VENDOR, update: MPA, delete: MPA,
    make: (f) => id(f.db.previewFile.create({ data: { name: uniq('v'), task_id: f.task.id, revision: 1 } })),
    body: (f) => ({ name: uniq('v'), task_id: f.task.id, revision: 1 }), patch: { description: 'd' },
  },
  {
    // Task action access: managers and clients of the project, supervisors without department.
    route: 'working-files', scoped: true, list: NO_VENDOR, see: TEAM_NO_VENDOR, create: A, get: TEAM_NO_VENDOR, update: ['admin', 'manager', 'supervisor', 'client'], delete: A,
    make: (f) => id(f.db.workingFile.create({ data: { name: uniq('w'), task_id: f.task.id, entity_id: f.asset.id, revision: 1 } })),
    body: (f) => ({ name: uniq('w'), task_id: f.task.id, entity_id: f.asset.id, revision: 1 }), patch: { comment: 'c' },
  },
  {
    route: 'attachment-files', scoped: true, list: A, create: A, get: TEAM_NO_VENDOR, update: A, delete: A,
    make: (f) => id(f.db.attachmentFile.create({ data: { name: uniq('a'), comment_id: f.comment.id } })),
    body: (f) => ({ name: uniq('a'), comment_id: f.comment.id }), patch: { name: 'b.png' },
  },
  {
    // Comment access: clients only read client comments; non-authors cannot change the text.
    route: 'comments', scoped: true, list: A, create: A, get: ['admin', 'manager', 'supervisor', 'user', 'bot'], update: MPA, delete: MPA,
    make: (f) => id(f.db.comment.create({ data: { object_id: f.task.id, object_type: 'Task', person_id: f.who.admin.id, text: 'x' } })),
    body: (f) => ({ object_id: f.task.id, object_type: 'Task', person_id: f.who.admin.id, text: 'x' }), patch: { text: 'y' },
  },
  {
    // Delete: the row's person (the artist) is assigned to the task, and the caller is them, admin or MPA.
    route: 'time-spents', scoped: true, list: A, create: A, get: A, update: A, delete: ['admin', 'manager', 'user'],
    make: (f) => id(f.db.timeSpent.create({ data: { duration: 1, date: new Date(day(1)), task_id: f.task2.id, person_id: f.who.user.id } })),
    body: (f) => ({ duration: 1, date: day(1), task_id: f.task2.id, person_id: f.who.user.id }), patch: { duration: 2 },
  },
  {
    // Rows and bodies belong to the artist.
    route: 'day-offs', list: A, create: ['admin', 'user'], get: ['admin', 'user'], update: ['admin', 'user'], delete: ['admin', 'user'],
    make: (f) => { const b = dayOffBody(f); return id(f.db.dayOff.create({ data: { ...b, date: new Date(b.date), end_date: new Date(b.end_date) } })) },
    body: dayOffBody, patch: { description: 'off' },
  },
  { ...named('custom-actions', 'customAction'), ...ADMIN_ONLY, list: NO_VENDOR },
  { route: 'status-automations', ...ADMIN_ONLY, list: NO_VENDOR, make: (f) => id(f.db.statusAutomation.create({ data: { entity_type: 'asset' } })), body: () => ({ entity_type: 'asset' }), patch: { entity_type: 'shot' } },
  {
    route: 'asset-instances', scoped: true, list: A, create: A, get: TEAM_NO_VENDOR, update: TEAM_NO_VENDOR, delete: A,
    make: (f) => id(f.db.assetInstance.create({ data: { asset_id: f.asset.id, name: uniq('i') } })),
    body: (f) => ({ asset_id: f.asset.id, name: uniq('i') }), patch: { description: 'd' },
  },
  {
    // The row is not for clients, so clients do not list it; it has no creator, so team supervisors may edit it.
    route: 'playlists', scoped: true, list: NO_VENDOR, see: ['admin', 'manager', 'supervisor', 'user', 'bot'], create: SPA, get: TEAM_NO_VENDOR, update: SPA, delete: SPA,
    make: (f) => id(f.db.playlist.create({ data: { name: uniq('pl'), project_id: P(f) } })),
    body: (f) => ({ name: uniq('pl'), project_id: P(f) }), patch: { for_client: false },
  },
  { route: 'events', ...ADMIN_ONLY, make: (f) => id(f.db.apiEvent.create({ data: { name: 'x:y' } })), body: () => ({ name: 'x:y' }), patch: { name: 'x:z' } },
  {
    route: 'notifications', ...ADMIN_ONLY,
    make: (f) => id(f.db.notification.create({ data: { type: 'comment', person_id: f.who.user.id, author_id: f.who.admin.id } })),
    body: (f) => ({ type: 'mention', person_id: f.who.user.id, author_id: f.who.admin.id }), patch: { read: true },
  },
  { route: 'search-filters', ...ADMIN_ONLY, make: (f) => id(f.db.searchFilter.create({ data: { list_type: 'asset', person_id: f.who.user.id } })), body: (f) => ({ list_type: 'asset', person_id: f.who.user.id }), patch: { name: 'n' } },
  { route: 'search-filter-groups', ...ADMIN_ONLY, make: (f) => id(f.db.searchFilterGroup.create({ data: { list_type: 'asset', person_id: f.who.user.id } })), body: (f) => ({ list_type: 'asset', person_id: f.who.user.id }), patch: { name: 'n' } },
  {
    // Update: admin, MPA, or a team supervisor of the task type's department (the type has none).
    route: 'schedule-items', scoped: true, ...ADMIN_ONLY, update: SPA,
    make: (f) => id(f.db.scheduleItem.create({ data: { project_id: P(f), task_type_id: f.taskType.id, object_id: randomUUID() } })),
    body: (f) => ({ project_id: P(f), task_type_id: f.taskType.id, object_id: randomUUID() }), patch: { man_days: 2 },
  },
  { route: 'news', ...ADMIN_ONLY, make: (f) => id(f.db.news.create({ data: { author_id: f.who.admin.id, task_id: f.task.id } })), body: (f) => ({ author_id: f.who.admin.id, task_id: f.task.id }), patch: { change: true } },
  {
    route: 'milestones', scoped: true, list: A, create: MPA, get: TEAM_NO_VENDOR, update: MPA, delete: MPA,
    make: (f) => id(f.db.milestone.create({ data: { name: uniq('m'), project_id: P(f) } })), body: (f) => ({ name: uniq('m'), project_id: P(f) }), patch: { name: 'm2' },
  },
  {
    // Zou means to refuse vendors the list but does not; Slate refuses them (crud.md §10 notes).
    route: 'metadata-descriptors', scoped: true, ...ADMIN_ONLY, list: NO_VENDOR, see: TEAM_NO_VENDOR,
    make: (f) => id(f.db.metadataDescriptor.create({ data: { project_id: P(f), entity_type: 'Asset', name: uniq('md'), field_name: uniq('md') } })),
    body: (f) => ({ project_id: P(f), entity_type: 'Asset', name: uniq('md'), field_name: uniq('md'), data_type: 'string' }), patch: { name: 'md2' },
  },
  { route: 'subscriptions', ...ADMIN_ONLY, make: (f) => id(f.db.subscription.create({ data: { person_id: f.who.user.id, entity_id: f.asset.id } })), body: (f) => ({ person_id: f.who.user.id, entity_id: f.asset.id }), patch: { task_type_id: null } },
  {
    route: 'entity-links', ...ADMIN_ONLY,
    make: async (f) => id(f.db.entityLink.create({ data: { entity_in_id: (await entity(f)).id, entity_out_id: (await entity(f)).id } })),
    body: async (f) => ({ entity_in_id: (await entity(f)).id, entity_out_id: (await entity(f)).id }), patch: { label: 'l' },
  },
  { route: 'chats', ...ADMIN_ONLY, make: (f) => id(f.db.chat.create({ data: { object_id: f.asset.id } })), body: (f) => ({ object_id: f.asset.id }), patch: { object_type: 'Asset' } },
  { route: 'chat-messages', ...ADMIN_ONLY, make: (f) => id(f.db.chatMessage.create({ data: { chat_id: f.chat.id, person_id: f.who.admin.id } })), body: (f) => ({ chat_id: f.chat.id, person_id: f.who.admin.id, text: 't' }), patch: { text: 'u' } },
  named('preview-background-files', 'previewBackgroundFile'),
  named('studios', 'studio', { color: '#000000' }),
  {
    // Salary scales are never created by hand: admins get a 400, others the 403 first.
    route: 'salary-scales', ...ADMIN_ONLY, createStatus: 400,
    make: (f) => id(f.db.salaryScale.create({ data: { department_id: f.department.id } })), body: (f) => ({ department_id: f.department.id }), patch: { salary: 10 },
  },
  { route: 'budgets', ...ADMIN_ONLY, make: (f) => id(f.db.budget.create({ data: { name: uniq('b'), project_id: P(f) } })), body: (f) => ({ name: uniq('b'), project_id: P(f) }), patch: { name: 'b2' } },
  {
    route: 'budget-entries', ...ADMIN_ONLY,
    make: (f) => id(f.db.budgetEntry.create({ data: { budget_id: f.budget.id, department_id: f.department.id, start_date: new Date('2024-01-01'), months_duration: 1, daily_salary: 1 } })),
    body: (f) => ({ budget_id: f.budget.id, department_id: f.department.id, start_date: '2024-01-01', months_duration: 1, daily_salary: 1 }), patch: { months_duration: 2 },
  },
  { route: 'plugins', ...ADMIN_ONLY, make: (f) => id(f.db.plugin.create({ data: { plugin_id: uniq('p'), name: 'p', version: '1', maintainer_name: 'm', license: 'MIT' } })), body: () => ({ plugin_id: uniq('p'), name: 'p', version: '1', maintainer_name: 'm', license: 'MIT' }), patch: { name: 'q' } },
  {
    route: 'production-schedule-versions', scoped: true, list: SCHEDULE, create: MPA, get: SCHEDULE, update: MPA, delete: A,
    listQuery: (f) => `?project_id=${P(f)}`,
    make: (f) => id(version(f)), body: (f) => ({ name: uniq('V'), project_id: P(f) }), patch: { locked: true },
  },
  {
    route: 'production-schedule-version-task-links', scoped: true, list: SCHEDULE, create: MPA, get: SCHEDULE, update: MPA, delete: MPA,
    listQuery: (f) => `?project_id=${P(f)}`,
    make: async (f) => id(f.db.productionScheduleVersionTaskLink.create({ data: { production_schedule_version_id: (await version(f)).id, task_id: f.task.id } })),
    body: async (f) => ({ production_schedule_version_id: (await version(f)).id, task_id: f.task.id }), patch: { estimation: 2 },
  },
]
