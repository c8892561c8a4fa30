// routes.md §23: what the caller works on, entity by entity: their tasks and task types on an
// entity, and the asset types, assets, sequences, episodes, shots and scenes holding a task
// assigned to them in open projects. Each list is one statement.
//
// Zou's queries select one full ORM entity over joins, which its (legacy) Query object
// de-duplicates by primary key: a sequence with several assigned shots is listed once. The
// lists below are DISTINCT for the same answer.
import type { Ctx } from '../crud/context.ts'
import { TEMPORAL } from '../crud/hooks/entities.ts'
import { empty, raw, sql, type Sql } from '../crud/select.ts'
import { notFound } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'
import { loadEntity, type EntityKind } from './entities/load.ts'
import { assignedToCaller, openProject, requireProject, rows } from './user-shared.ts'

const taskRow = modelRowSerializer('Task')
const taskTypeRow = modelRowSerializer('TaskType')
const entityRow = modelRowSerializer('Entity')
const entityTypeRow = modelRowSerializer('EntityType')

const typed = (row: Row, type: string): Row => ({ ...entityRow(row), type })

/** Tasks (plain) on the entity, assigned to the caller, in open projects. */
export async function tasksOnEntity(ctx: Ctx, entityId: string, kind: EntityKind): Promise<Row[]> {
  await loadEntity(ctx, entityId, kind)
  const found = await rows(ctx, sql`
    SELECT t.* FROM task t JOIN project p ON p.id = t.project_id
    WHERE t.entity_id = ${entityId}::uuid AND ${assignedToCaller(ctx, 't')} AND ${openProject('p')}
    ORDER BY t.created_at, t.id`)
  return found.map(taskRow)
}

/** Task types of those tasks. */
export async function taskTypesOnEntity(ctx: Ctx, entityId: string, kind: EntityKind): Promise<Row[]> {
  await loadEntity(ctx, entityId, kind)
  const found = await rows(ctx, sql`
    SELECT DISTINCT tt.* FROM task_type tt
    JOIN task t ON t.task_type_id = tt.id JOIN project p ON p.id = t.project_id
    WHERE t.entity_id = ${entityId}::uuid AND ${assignedToCaller(ctx, 't')} AND ${openProject('p')}
    ORDER BY tt.name, tt.id`)
  return found.map(taskTypeRow)
}

/** Rows of `entity e` (type et, project p) having a caller-assigned task on `taskEntity`. */
async function entitiesWithAssignedTask(ctx: Ctx, joins: Sql, where: Sql, taskEntity = 'e'): Promise<Row[]> {
  return rows(ctx, sql`
    SELECT e.* FROM entity e
    JOIN entity_type et ON et.id = e.entity_type_id JOIN project p ON p.id = e.project_id ${joins}
    WHERE ${where} AND ${openProject('p')}
      AND EXISTS (SELECT 1 FROM task t WHERE t.entity_id = ${raw(taskEntity)}.id AND ${assignedToCaller(ctx, 't')})
    GROUP BY e.id ORDER BY e.name, e.id`)
}

const notTemporal = (alias: string) => sql`${raw(alias)}.name <> ALL(${[...TEMPORAL]}::text[])`

/** Asset types (`type: "AssetType"`) of the project's assets with a caller-assigned task. */
export async function assetTypesOfProject(ctx: Ctx, projectId: string): Promise<Row[]> {
  await requireProject(ctx, projectId)
  const found = await rows(ctx, sql`
    SELECT et.* FROM entity_type et
    WHERE ${notTemporal('et')} AND EXISTS (
      SELECT 1 FROM entity e JOIN project p ON p.id = e.project_id JOIN task t ON t.entity_id = e.id
      WHERE e.entity_type_id = et.id AND e.project_id = ${projectId}::uuid AND ${openProject('p')}
        AND ${assignedToCaller(ctx, 't')})
    ORDER BY et.name, et.id`)
  return found.map((r) => ({ ...entityTypeRow(r), type: 'AssetType' }))
}

/** Assets of that type in the project with a caller-assigned task. */
export async function assetsOfType(ctx: Ctx, projectId: string, assetTypeId: string): Promise<Row[]> {
  await requireProject(ctx, projectId)
  if (!isUuid(assetTypeId)) throw notFound()
  const [assetType] = await rows(ctx, sql`SELECT 1 AS ok FROM entity_type et WHERE et.id = ${assetTypeId}::uuid AND ${notTemporal('et')}`)
  if (!assetType) throw notFound()
  const found = await entitiesWithAssignedTask(ctx, empty,
    sql`e.project_id = ${projectId}::uuid AND e.entity_type_id = ${assetTypeId}::uuid`)
  return found.map((r) => typed(r, 'Asset'))
}

/** Sequences of the project whose shots hold a caller-assigned task. */
export async function sequencesOfProject(ctx: Ctx, projectId: string): Promise<Row[]> {
  await requireProject(ctx, projectId)
  const found = await entitiesWithAssignedTask(ctx,
    raw(`JOIN entity shot ON shot.parent_id = e.id JOIN entity_type sht ON sht.id = shot.entity_type_id AND sht.name = 'Shot'`),
    sql`e.project_id = ${projectId}::uuid AND et.name = 'Sequence'`, 'shot')
  return found.map((r) => typed(r, 'Sequence'))
}

/** Episodes of the project whose sequences' shots hold a caller-assigned task. */
export async function episodesOfProject(ctx: Ctx, projectId: string): Promise<Row[]> {
  await requireProject(ctx, projectId)
  const found = await entitiesWithAssignedTask(ctx,
    raw(`JOIN entity sq ON sq.parent_id = e.id JOIN entity_type sqt ON sqt.id = sq.entity_type_id AND sqt.name = 'Sequence'
         JOIN entity shot ON shot.parent_id = sq.id JOIN entity_type sht ON sht.id = shot.entity_type_id AND sht.name = 'Shot'`),
    sql`e.project_id = ${projectId}::uuid AND et.name = 'Episode'`, 'shot')
  return found.map((r) => typed(r, 'Episode'))
}

/** Shots (or scenes) of the sequence with a caller-assigned task. */
export async function childrenOfSequence(ctx: Ctx, sequenceId: string, kind: 'Shot' | 'Scene'): Promise<Row[]> {
  await loadEntity(ctx, sequenceId, 'Sequence')
  const found = await entitiesWithAssignedTask(ctx, empty, sql`e.parent_id = ${sequenceId}::uuid AND et.name = ${kind}`)
  return found.map((r) => typed(r, kind))
}
