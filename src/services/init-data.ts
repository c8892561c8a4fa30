// Zou's minimal data set (`zou init-data`): project statuses, task statuses, entity types,
// departments and task types, per studio domain. Idempotent: rows are matched the way Zou's
// get_or_create_* helpers match them and only the missing ones are created, so re-running
// never duplicates anything nor overwrites what a studio has edited since.
import type { Db } from '../db/client.ts'
import type { Prisma } from '../generated/prisma/client.ts'

type Tx = Prisma.TransactionClient

export const DOMAINS = ['2d', '3d', 'vfx', 'games'] as const
export type Domain = (typeof DOMAINS)[number]

export interface InitDataCounts {
  projectStatuses: number
  taskStatuses: number
  /** Shot, Sequence, Episode… (the types that are not asset types). */
  entityTypes: number
  assetTypes: number
  departments: number
  taskTypes: number
}

// Zou: everything below is copied from zou/app/utils/commands.py (init_data,
// _init_asset_types_for_domain, DOMAIN_TASK_TYPES, whose "default" entry is 3d) and the
// get_or_create_* services it calls. Zou creates no asset-type ↔ task-type links.

// Zou: get_or_create_project_status gives every new status the color #000000.
const PROJECT_STATUSES = ['Open', 'Closed']

// Zou: get_or_create_asset_type first resolves every temporal type (get_temporal_type_ids),
// creating the missing ones, so init-data always leaves all seven behind.
const TEMPORAL_TYPES = ['Shot', 'Scene', 'Sequence', 'Episode', 'Edit', 'Concept', 'ConceptFolder']

const ASSET_TYPES: Record<Domain, string[]> = {
  '2d': ['Character', 'Prop', 'Background', 'FX'],
  '3d': ['Character', 'Prop', 'Environment', 'FX'],
  vfx: ['Character', 'Prop', 'Environment', 'FX', 'Vehicle'],
  games: ['Character', 'Prop', 'Environment', 'FX', 'UI'],
}

interface StatusSeed {
  name: string
  short_name: string
  color: string
  is_default?: boolean
  is_wip?: boolean
  is_feedback_request?: boolean
  is_retake?: boolean
  is_done?: boolean
  for_concept?: boolean
}

const TASK_STATUSES: StatusSeed[] = [
  { name: 'Todo', short_name: 'todo', color: '#f5f5f5', is_default: true },
  { name: 'Work In Progress', short_name: 'wip', color: '#3273dc', is_wip: true },
  { name: 'Waiting For Approval', short_name: 'wfa', color: '#ab26ff', is_feedback_request: true },
  { name: 'Retake', short_name: 'retake', color: '#ff3860', is_retake: true },
  { name: 'Done', short_name: 'done', color: '#22d160', is_done: true },
  { name: 'Ready To Start', short_name: 'ready', color: '#fbc02d' },
  // The concept statuses: Neutral is the default for concepts as Todo is for tasks.
  { name: 'Neutral', short_name: 'neutral', color: '#CCCCCC', is_default: true, for_concept: true },
  { name: 'Approved', short_name: 'approved', color: '#66BB6A', for_concept: true },
  { name: 'Rejected', short_name: 'rejected', color: '#E81123', for_concept: true },
]

type Department = [name: string, color: string]
type TaskType = [department: string, name: string, color: string, priority: number, forEntity: string]

const PIPELINES: Record<Domain, { departments: Department[]; taskTypes: TaskType[] }> = {
  '2d': {
    departments: [['Concept', '#8D6E63'], ['Layout', '#7CB342'], ['Animation', '#009688'], ['Compositing', '#F06292']],
    taskTypes: [
      ['Concept', 'Concept', '#8D6E63', 1, 'Asset'],
      ['Concept', 'Storyboard', '#43A047', 1, 'Shot'],
      ['Layout', 'Layout', '#7CB342', 2, 'Shot'],
      ['Animation', 'Animation', '#009688', 3, 'Shot'],
      ['Animation', 'Clean-up', '#4DB6AC', 4, 'Shot'],
      ['Compositing', 'Color', '#F9A825', 5, 'Shot'],
      ['Compositing', 'Compositing', '#ff5252', 6, 'Shot'],
      ['Compositing', 'Edit', '#9b298c', 7, 'Edit'],
      ['Concept', 'Concept', '#8D6E63', 1, 'Concept'],
    ],
  },
  '3d': {
    departments: [
      ['Modeling', '#78909C'], ['Animation', '#009688'], ['FX', '#26C6DA'],
      ['Compositing', '#F06292'], ['Concept', '#8D6E63'], ['Layout', '#7CB342'],
    ],
    taskTypes: [
      ['Concept', 'Concept', '#8D6E63', 1, 'Asset'],
      ['Modeling', 'Modeling', '#78909C', 2, 'Asset'],
      ['Modeling', 'Shading', '#64B5F6', 3, 'Asset'],
      ['Animation', 'Rigging', '#9CCC65', 4, 'Asset'],
      ['Concept', 'Storyboard', '#43A047', 1, 'Shot'],
      ['Layout', 'Layout', '#7CB342', 2, 'Shot'],
      ['Animation', 'Animation', '#009688', 3, 'Shot'],
      ['Compositing', 'Lighting', '#F9A825', 4, 'Shot'],
      ['FX', 'FX', '#26C6DA', 5, 'Shot'],
      ['Compositing', 'Rendering', '#F06292', 6, 'Shot'],
      ['Compositing', 'Compositing', '#ff5252', 7, 'Shot'],
      ['Compositing', 'Edit', '#9b298c', 8, 'Edit'],
      ['Concept', 'Concept', '#8D6E63', 1, 'Concept'],
    ],
  },
  vfx: {
    departments: [
      ['Modeling', '#78909C'], ['Animation', '#009688'], ['FX', '#26C6DA'], ['Compositing', '#F06292'],
      ['Concept', '#8D6E63'], ['Layout', '#7CB342'], ['Matchmove', '#5C6BC0'], ['DMP', '#8D6E63'],
    ],
    taskTypes: [
      ['Concept', 'Concept', '#8D6E63', 1, 'Asset'],
      ['Modeling', 'Modeling', '#78909C', 2, 'Asset'],
      ['Modeling', 'Shading', '#64B5F6', 3, 'Asset'],
      ['Animation', 'Rigging', '#9CCC65', 4, 'Asset'],
      ['Matchmove', 'Matchmove', '#5C6BC0', 1, 'Shot'],
      ['Matchmove', 'Rotomation', '#7986CB', 2, 'Shot'],
      ['Concept', 'Storyboard', '#43A047', 1, 'Shot'],
      ['Layout', 'Layout', '#7CB342', 2, 'Shot'],
      ['Animation', 'Animation', '#009688', 3, 'Shot'],
      ['Compositing', 'Lighting', '#F9A825', 4, 'Shot'],
      ['FX', 'FX', '#26C6DA', 5, 'Shot'],
      ['Compositing', 'Rendering', '#F06292', 6, 'Shot'],
      ['Compositing', 'Compositing', '#ff5252', 7, 'Shot'],
      ['DMP', 'DMP', '#A1887F', 8, 'Shot'],
      ['Compositing', 'Edit', '#9b298c', 9, 'Edit'],
      ['Concept', 'Concept', '#8D6E63', 1, 'Concept'],
    ],
  },
  games: {
    departments: [
      ['Game Design', '#7B1FA2'], ['Level Design', '#00897B'], ['Character Art', '#78909C'],
      ['Environment Art', '#43A047'], ['Animation', '#009688'], ['VFX', '#26C6DA'], ['QA', '#E53935'],
    ],
    taskTypes: [
      ['Game Design', 'Game Design', '#7B1FA2', 1, 'Asset'],
      ['Level Design', 'Level Design', '#00897B', 2, 'Asset'],
      ['Character Art', 'Character Art', '#78909C', 3, 'Asset'],
      ['Environment Art', 'Environment Art', '#43A047', 4, 'Asset'],
      ['Animation', 'Animation', '#009688', 5, 'Asset'],
      ['VFX', 'VFX', '#26C6DA', 6, 'Asset'],
      ['Character Art', 'Concept', '#8D6E63', 1, 'Concept'],
      ['QA', 'QA', '#E53935', 1, 'Shot'],
    ],
  },
}

export function isDomain(value: string): value is Domain {
  return (DOMAINS as readonly string[]).includes(value)
}

/**
 * Creates what is missing of the domain's data set and returns how many rows of each kind
 * were created. Unlike Zou, no `*:new` events are emitted: seeding runs before any client
 * is connected to hear them, and they would only clutter the event log.
 */
export async function initData(db: Db, domain: Domain = '3d'): Promise<InitDataCounts> {
  return db.$transaction(async (tx) => {
    // Serializes concurrent runs (say `slate serve` seeding while `slate init-data` runs),
    // so the second one sees the first one's rows instead of hitting unique constraints.
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('slate:init-data'))`
    const projectStatuses = await seedProjectStatuses(tx)
    const { entityTypes, assetTypes } = await seedEntityTypes(tx, domain)
    const departments = await seedDepartments(tx, domain)
    const taskTypes = await seedTaskTypes(tx, domain)
    const taskStatuses = await seedTaskStatuses(tx)
    return { projectStatuses, taskStatuses, entityTypes, assetTypes, departments, taskTypes }
  }, { maxWait: 60_000, timeout: 60_000 })
}

/** First start on an empty database: the 3d data set, once. Returns whether it seeded. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  if ((await db.projectStatus.count()) > 0) return false
  await initData(db, '3d')
  return true
}

async function seedProjectStatuses(tx: Tx): Promise<number> {
  const existing = new Set((await tx.projectStatus.findMany({ select: { name: true } })).map((r) => r.name))
  const data = PROJECT_STATUSES.filter((name) => !existing.has(name)).map((name) => ({ name, color: '#000000' }))
  return (await tx.projectStatus.createMany({ data })).count
}

async function seedEntityTypes(tx: Tx, domain: Domain): Promise<{ entityTypes: number; assetTypes: number }> {
  const names = (await tx.entityType.findMany({ select: { name: true } })).map((r) => r.name)
  const exact = new Set(names)
  const folded = new Set(names.map((n) => n.toLowerCase()))
  // Zou: temporal types are looked up by exact name, asset types regardless of case.
  const temporal = TEMPORAL_TYPES.filter((n) => !exact.has(n))
  const assets = ASSET_TYPES[domain].filter((n) => !folded.has(n.toLowerCase()))
  await tx.entityType.createMany({ data: [...temporal, ...assets].map((name) => ({ name })) })
  return { entityTypes: temporal.length, assetTypes: assets.length }
}

async function seedDepartments(tx: Tx, domain: Domain): Promise<number> {
  const existing = new Set((await tx.department.findMany({ select: { name: true } })).map((r) => r.name))
  const data = PIPELINES[domain].departments
    .filter(([name]) => !existing.has(name))
    .map(([name, color]) => ({ name, color }))
  return (await tx.department.createMany({ data })).count
}

async function seedTaskTypes(tx: Tx, domain: Domain): Promise<number> {
  const { departments, taskTypes } = PIPELINES[domain]
  const departmentIds = new Map(
    (await tx.department.findMany({ where: { name: { in: departments.map(([n]) => n) } }, select: { id: true, name: true } }))
      .map((d) => [d.name, d.id]),
  )
  // Zou: get_or_create_task_type matches on the name regardless of case, plus for_entity.
  const key = (name: string, forEntity: string | null) => `${name.toLowerCase()}\u0000${forEntity}`
  const existing = new Set(
    (await tx.taskType.findMany({ select: { name: true, for_entity: true } })).map((t) => key(t.name, t.for_entity)),
  )
  const data = taskTypes
    .filter(([, name, , , forEntity]) => !existing.has(key(name, forEntity)))
    .map(([department, name, color, priority, forEntity]) => ({
      name,
      short_name: '', // Zou: created with an empty short name
      color,
      priority,
      for_entity: forEntity,
      department_id: departmentIds.get(department),
    }))
  return (await tx.taskType.createMany({ data })).count
}

type StatusRow = { name: string; short_name: string; is_default: boolean | null; for_concept: boolean | null }

/**
 * Zou: get_or_create_task_status finds a default status by (is_default, for_concept), others by
 * (name, for_concept), then by short name. Zou's short-name lookup also filters on for_concept,
 * but short_name is unique, so we match it alone rather than fail on the insert.
 */
function statusExists(rows: StatusRow[], seed: StatusSeed): boolean {
  const forConcept = seed.for_concept ?? false
  return rows.some((row) =>
    row.short_name === seed.short_name
    || (row.for_concept === forConcept && (seed.is_default ? row.is_default === true : row.name === seed.name)))
}

async function seedTaskStatuses(tx: Tx): Promise<number> {
  const rows = await tx.taskStatus.findMany({ select: { name: true, short_name: true, is_default: true, for_concept: true } })
  const data = TASK_STATUSES.filter((seed) => !statusExists(rows, seed)).map((seed) => ({
    is_default: false,
    is_wip: false,
    is_feedback_request: false,
    is_retake: false,
    is_done: false,
    for_concept: false,
    is_artist_allowed: true,
    is_client_allowed: true,
    ...seed,
  }))
  return (await tx.taskStatus.createMany({ data })).count
}
