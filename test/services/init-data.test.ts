// initData against a real database: what each domain creates, that re-running creates
// nothing, and that rows a studio already has (even renamed or re-cased) are respected.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDb, createPool, type Db, type Pool } from '../../src/db/client.ts'
import { DOMAINS, initData, seedIfEmpty, type Domain } from '../../src/services/init-data.ts'
import { createTestDatabase } from '../helpers/db.ts'

let database: Awaited<ReturnType<typeof createTestDatabase>>
let pool: Pool
let db: Db

beforeEach(async () => {
  database = await createTestDatabase()
  pool = createPool(database.url, 4)
  db = createDb(pool)
})

afterEach(async () => {
  await db.$disconnect()
  await pool.end()
  await database.drop()
})

const TEMPORAL = ['Concept', 'ConceptFolder', 'Edit', 'Episode', 'Scene', 'Sequence', 'Shot']

const EXPECTED: Record<Domain, { assetTypes: string[]; departments: number; taskTypes: string[] }> = {
  '2d': {
    assetTypes: ['Background', 'Character', 'FX', 'Prop'],
    departments: 4,
    taskTypes: ['Asset:Concept', 'Concept:Concept', 'Edit:Edit', 'Shot:Animation', 'Shot:Clean-up', 'Shot:Color',
      'Shot:Compositing', 'Shot:Layout', 'Shot:Storyboard'],
  },
  '3d': {
    assetTypes: ['Character', 'Environment', 'FX', 'Prop'],
    departments: 6,
    taskTypes: ['Asset:Concept', 'Asset:Modeling', 'Asset:Rigging', 'Asset:Shading', 'Concept:Concept', 'Edit:Edit',
      'Shot:Animation', 'Shot:Compositing', 'Shot:FX', 'Shot:Layout', 'Shot:Lighting', 'Shot:Rendering', 'Shot:Storyboard'],
  },
  vfx: {
    assetTypes: ['Character', 'Environment', 'FX', 'Prop', 'Vehicle'],
    departments: 8,
    taskTypes: ['Asset:Concept', 'Asset:Modeling', 'Asset:Rigging', 'Asset:Shading', 'Concept:Concept', 'Edit:Edit',
      'Shot:Animation', 'Shot:Compositing', 'Shot:DMP', 'Shot:FX', 'Shot:Layout', 'Shot:Lighting', 'Shot:Matchmove',
      'Shot:Rendering', 'Shot:Rotomation', 'Shot:Storyboard'],
  },
  games: {
    assetTypes: ['Character', 'Environment', 'FX', 'Prop', 'UI'],
    departments: 7,
    taskTypes: ['Asset:Animation', 'Asset:Character Art', 'Asset:Environment Art', 'Asset:Game Design',
      'Asset:Level Design', 'Asset:VFX', 'Concept:Concept', 'Shot:QA'],
  },
}

async function tableCounts() {
  return {
    projectStatuses: await db.projectStatus.count(),
    taskStatuses: await db.taskStatus.count(),
    entityTypes: await db.entityType.count(),
    departments: await db.department.count(),
    taskTypes: await db.taskType.count(),
  }
}

describe('initData', () => {
  it.each(DOMAINS)('creates the %s data set', async (domain) => {
    const expected = EXPECTED[domain]
    const counts = await initData(db, domain)
    expect(counts).toEqual({
      projectStatuses: 2,
      taskStatuses: 9,
      entityTypes: 7,
      assetTypes: expected.assetTypes.length,
      departments: expected.departments,
      taskTypes: expected.taskTypes.length,
    })
    const entityTypes = (await db.entityType.findMany()).map((t) => t.name).sort()
    expect(entityTypes).toEqual([...TEMPORAL, ...expected.assetTypes].sort())
    const taskTypes = await db.taskType.findMany()
    expect(taskTypes.map((t) => `${t.for_entity}:${t.name}`).sort()).toEqual(expected.taskTypes)
    // Every task type belongs to one of the departments just created.
    expect(taskTypes.every((t) => t.department_id !== null)).toBe(true)
    expect(await db.taskTypeAssetTypeLink.count()).toBe(0)
  })

  it("uses Zou's project statuses, task statuses and 3d task types", async () => {
    await initData(db)
    expect((await db.projectStatus.findMany({ orderBy: { name: 'asc' } })).map((s) => [s.name, s.color]))
      .toEqual([['Closed', '#000000'], ['Open', '#000000']])

    const statuses = await db.taskStatus.findMany()
    const byShort = Object.fromEntries(statuses.map((s) => [s.short_name, s]))
    expect(Object.keys(byShort).sort())
      .toEqual(['approved', 'done', 'neutral', 'ready', 'rejected', 'retake', 'todo', 'wfa', 'wip'])
    expect(byShort.todo).toMatchObject({ name: 'Todo', color: '#f5f5f5', is_default: true, for_concept: false })
    expect(byShort.wip).toMatchObject({ name: 'Work In Progress', color: '#3273dc', is_wip: true, is_default: false })
    expect(byShort.wfa).toMatchObject({ name: 'Waiting For Approval', color: '#ab26ff', is_feedback_request: true })
    expect(byShort.retake).toMatchObject({ name: 'Retake', color: '#ff3860', is_retake: true })
    expect(byShort.done).toMatchObject({ name: 'Done', color: '#22d160', is_done: true })
    expect(byShort.ready).toMatchObject({ name: 'Ready To Start', color: '#fbc02d', is_done: false, is_wip: false })
    expect(byShort.neutral).toMatchObject({ name: 'Neutral', color: '#CCCCCC', is_default: true, for_concept: true })
    expect(byShort.approved).toMatchObject({ name: 'Approved', color: '#66BB6A', for_concept: true })
    expect(byShort.rejected).toMatchObject({ name: 'Rejected', color: '#E81123', for_concept: true })
    expect(statuses.every((s) => s.is_artist_allowed && s.is_client_allowed && s.priority === 1)).toBe(true)

    const lighting = await db.taskType.findFirst({ where: { name: 'Lighting' }, include: { department_rel: true } })
    expect(lighting).toMatchObject({ color: '#F9A825', priority: 4, for_entity: 'Shot', short_name: '' })
    expect(lighting?.department_rel).toMatchObject({ name: 'Compositing', color: '#F06292' })
  })

  it('creates nothing the second time', async () => {
    await initData(db, '3d')
    const before = await tableCounts()
    expect(await initData(db, '3d')).toEqual({
      projectStatuses: 0, taskStatuses: 0, entityTypes: 0, assetTypes: 0, departments: 0, taskTypes: 0,
    })
    expect(await tableCounts()).toEqual(before)
  })

  it('adds only what another domain lacks', async () => {
    await initData(db, '3d')
    expect(await initData(db, 'vfx')).toEqual({
      projectStatuses: 0, taskStatuses: 0, entityTypes: 0, assetTypes: 1, departments: 2, taskTypes: 3,
    })
  })

  it('respects what the studio already has', async () => {
    // A renamed default status, a re-cased asset type and task type, a recoloured department.
    await db.taskStatus.create({ data: { name: 'To do', short_name: 'td', color: '#ffffff', is_default: true } })
    await db.entityType.create({ data: { name: 'character' } })
    await db.department.create({ data: { name: 'Modeling', color: '#123456' } })
    await db.taskType.create({ data: { name: 'MODELING', for_entity: 'Asset' } })
    const counts = await initData(db, '3d')
    expect(counts).toMatchObject({ taskStatuses: 8, assetTypes: 3, departments: 5, taskTypes: 12 })
    expect(await db.taskStatus.count({ where: { is_default: true, for_concept: false } })).toBe(1)
    expect((await db.department.findFirst({ where: { name: 'Modeling' } }))?.color).toBe('#123456')
  })

  it('serializes concurrent runs', async () => {
    const [a, b] = await Promise.all([initData(db, '3d'), initData(db, '3d')])
    expect(a.taskTypes + b.taskTypes).toBe(13)
    expect(await db.taskStatus.count()).toBe(9)
  })
})

describe('seedIfEmpty', () => {
  it('seeds an empty database once', async () => {
    expect(await seedIfEmpty(db)).toBe(true)
    expect(await db.taskType.count()).toBe(13)
    expect(await seedIfEmpty(db)).toBe(false)
  })

  it('leaves a database that has project statuses alone', async () => {
    await db.projectStatus.create({ data: { name: 'Open', color: '#000000' } })
    expect(await seedIfEmpty(db)).toBe(false)
    expect(await db.taskStatus.count()).toBe(0)
  })
})
