// The output-file reads of routes.md §8: lists of an entity, a project or an asset instance,
// last revisions per group, and the output types used. Each list is one statement after
// the access check, whatever its length.
import { notFound } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import { requireManagerAccess, requireProjectAccess } from '../access.ts'
import { serializeOutputFile, serializeOutputType, textFilter, uuidFilter } from './common.ts'
import { entityOr404 } from './working-files.ts'

type Query = Record<string, unknown>

/** The args every output list reads (`name` and `representation` compared exactly; empty = no filter). */
function filters(query: Query) {
  return {
    outputTypeId: uuidFilter('output_type_id', query.output_type_id),
    taskTypeId: uuidFilter('task_type_id', query.task_type_id),
    fileStatusId: uuidFilter('file_status_id', query.file_status_id),
    name: textFilter(query.name) || null,
    representation: textFilter(query.representation) || null,
  }
}

/** SQL conditions on `o` for the filters, numbered from `$<first>`. */
function filterSql(first: number): string {
  const n = (i: number) => `$${first + i}`
  return `(${n(0)}::uuid IS NULL OR o.output_type_id = ${n(0)}) AND (${n(1)}::uuid IS NULL OR o.task_type_id = ${n(1)})
      AND (${n(2)}::uuid IS NULL OR o.file_status_id = ${n(2)}) AND (${n(3)}::text IS NULL OR o.name = ${n(3)})
      AND (${n(4)}::text IS NULL OR o.representation = ${n(4)})`
}

const filterValues = (f: ReturnType<typeof filters>) => [f.outputTypeId, f.taskTypeId, f.fileStatusId, f.name, f.representation]

async function readableEntity(ctx: Ctx, entityId: string) {
  const entity = await entityOr404(ctx, entityId)
  await requireProjectAccess(ctx, entity.project_id)
  return entity
}

/** The instance's id and its asset's project; PA on it. */
async function readableInstance(ctx: Ctx, instanceId: string): Promise<string> {
  if (!isUuid(instanceId)) throw notFound()
  const { rows } = await ctx.pool.query(
    'SELECT ai.id, e.project_id FROM asset_instance ai JOIN entity e ON e.id = ai.asset_id WHERE ai.id = $1',
    [instanceId],
  )
  if (!rows[0]) throw notFound()
  await requireProjectAccess(ctx, rows[0].project_id)
  return rows[0].id
}

/** A temporal entity id from the path: malformed → 404 (it reaches SQL as a uuid). */
function temporalId(id: string): string {
  if (!isUuid(id)) throw notFound()
  return id.toLowerCase()
}

/** GET /data/entities/:entity_id/output-files: non-instance files, revision ≥ 0, highest first. */
export async function entityOutputFiles(ctx: Ctx, entityId: string, query: Query): Promise<Row[]> {
  const entity = await readableEntity(ctx, entityId)
  const { rows } = await ctx.pool.query(
    `SELECT o.* FROM output_file o
      WHERE o.entity_id = $1 AND o.asset_instance_id IS NULL AND o.temporal_entity_id IS NULL AND o.revision >= 0 AND ${filterSql(2)}
      ORDER BY o.revision DESC, o.created_at DESC`,
    [entity.id, ...filterValues(filters(query))],
  )
  return rows.map(serializeOutputFile)
}

/** GET /data/projects/:project_id/output-files (MPA): the project's non-instance files, newest first. */
export async function projectOutputFiles(ctx: Ctx, projectId: string, query: Query): Promise<Row[]> {
  if (!isUuid(projectId)) throw notFound()
  await requireManagerAccess(ctx, projectId)
  const { rows } = await ctx.pool.query(
    `SELECT o.* FROM output_file o JOIN entity e ON e.id = o.entity_id
      WHERE e.project_id = $1 AND o.asset_instance_id IS NULL AND o.revision >= 0 AND ${filterSql(2)}
      ORDER BY o.created_at DESC, o.revision DESC`,
    [projectId, ...filterValues(filters(query))],
  )
  return rows.map(serializeOutputFile)
}

/** GET /data/asset-instances/:id/output-files?temporal_entity_id=…: highest revision first. */
export async function instanceOutputFiles(ctx: Ctx, instanceId: string, query: Query): Promise<Row[]> {
  const id = await readableInstance(ctx, instanceId)
  const temporal = uuidFilter('temporal_entity_id', query.temporal_entity_id)
  const { rows } = await ctx.pool.query(
    `SELECT o.* FROM output_file o
      WHERE o.asset_instance_id = $1 AND ($2::uuid IS NULL OR o.temporal_entity_id = $2) AND o.revision >= 0 AND ${filterSql(3)}
      ORDER BY o.revision DESC, o.created_at DESC`,
    [id, temporal, ...filterValues(filters(query))],
  )
  return rows.map(serializeOutputFile)
}

/**
 * Last revision of each (task type, output type, name, representation[, file status when
 * filtered]) group: the rows whose revision is the group's maximum.
 */
function lastRevisionsSql(scopeSql: string, first: number, byStatus: boolean): string {
  const keys = ['task_type_id', 'output_type_id', 'name', 'representation', ...(byStatus ? ['file_status_id'] : [])]
  return `SELECT o.* FROM output_file o
    JOIN (SELECT ${keys.map((k) => `o.${k}`).join(', ')}, max(o.revision) AS max_revision FROM output_file o
           WHERE ${scopeSql} AND ${filterSql(first)} GROUP BY ${keys.map((k) => `o.${k}`).join(', ')}) m
      ON ${['task_type_id', 'output_type_id', 'name', 'representation'].map((k) => `o.${k} = m.${k}`).join(' AND ')}
         AND o.revision = m.max_revision
   WHERE ${scopeSql}
   ORDER BY o.name, o.representation, o.revision DESC, o.created_at`
}

/** GET /data/entities/:entity_id/output-files/last-revisions (instance files excluded). */
export async function entityLastOutputFiles(ctx: Ctx, entityId: string, query: Query): Promise<Row[]> {
  const entity = await readableEntity(ctx, entityId)
  const f = filters(query)
  const { rows } = await ctx.pool.query(
    lastRevisionsSql('o.entity_id = $1 AND o.asset_instance_id IS NULL', 2, !!f.fileStatusId),
    [entity.id, ...filterValues(f)],
  )
  return rows.map(serializeOutputFile)
}

/** GET /data/asset-instances/:id/entities/:temporal_entity_id/output-files/last-revisions. */
export async function instanceLastOutputFiles(ctx: Ctx, instanceId: string, temporalEntityId: string, query: Query): Promise<Row[]> {
  const id = await readableInstance(ctx, instanceId)
  const f = filters(query)
  const { rows } = await ctx.pool.query(
    lastRevisionsSql('o.asset_instance_id = $1 AND o.temporal_entity_id = $2', 3, !!f.fileStatusId),
    [id, temporalId(temporalEntityId), ...filterValues(f)],
  )
  return rows.map(serializeOutputFile)
}

/** GET /data/entities/:entity_id/output-types: one per output file of the entity, by name (as Zou's join). */
export async function entityOutputTypes(ctx: Ctx, entityId: string): Promise<Row[]> {
  const entity = await readableEntity(ctx, entityId)
  const { rows } = await ctx.pool.query(
    'SELECT t.* FROM output_type t JOIN output_file o ON o.output_type_id = t.id WHERE o.entity_id = $1 ORDER BY t.name, o.created_at',
    [entity.id],
  )
  return rows.map(serializeOutputType)
}

/** GET /data/asset-instances/:id/entities/:temporal_entity_id/output-types. */
export async function instanceOutputTypes(ctx: Ctx, instanceId: string, temporalEntityId: string): Promise<Row[]> {
  const id = await readableInstance(ctx, instanceId)
  const { rows } = await ctx.pool.query(
    `SELECT t.* FROM output_type t JOIN output_file o ON o.output_type_id = t.id
      WHERE o.asset_instance_id = $1 AND o.temporal_entity_id = $2 ORDER BY t.name, o.created_at`,
    [id, temporalId(temporalEntityId)],
  )
  return rows.map(serializeOutputType)
}

/** 404 for an unknown output type (checked in the list statement's own query). */
async function outputTypeExists(ctx: Ctx, id: string): Promise<string> {
  if (!isUuid(id)) throw notFound()
  const { rows } = await ctx.pool.query('SELECT id FROM output_type WHERE id = $1', [id])
  if (!rows[0]) throw notFound()
  return rows[0].id
}

/** `representation` filters only when the parameter is present (an empty value matches ""). */
const representationArg = (query: Query): string | null => textFilter(query.representation)

/** GET /data/entities/:entity_id/output-types/:output_type_id/output-files. */
export async function entityOutputTypeFiles(ctx: Ctx, entityId: string, outputTypeId: string, query: Query): Promise<Row[]> {
  const entity = await readableEntity(ctx, entityId)
  const typeId = await outputTypeExists(ctx, outputTypeId)
  const { rows } = await ctx.pool.query(
    `SELECT o.* FROM output_file o
      WHERE o.entity_id = $1 AND o.asset_instance_id IS NULL AND o.output_type_id = $2 AND ($3::text IS NULL OR o.representation = $3)
      ORDER BY o.revision DESC, o.created_at DESC`,
    [entity.id, typeId, representationArg(query)],
  )
  return rows.map(serializeOutputFile)
}

/** GET /data/asset-instances/:id/entities/:temporal_entity_id/output-types/:output_type_id/output-files. */
export async function instanceOutputTypeFiles(ctx: Ctx, instanceId: string, temporalEntityId: string, outputTypeId: string, query: Query): Promise<Row[]> {
  const id = await readableInstance(ctx, instanceId)
  const typeId = await outputTypeExists(ctx, outputTypeId)
  const { rows } = await ctx.pool.query(
    `SELECT o.* FROM output_file o
      WHERE o.asset_instance_id = $1 AND o.temporal_entity_id = $2 AND o.output_type_id = $3 AND ($4::text IS NULL OR o.representation = $4)
      ORDER BY o.revision DESC, o.created_at DESC`,
    [id, temporalId(temporalEntityId), typeId, representationArg(query)],
  )
  return rows.map(serializeOutputFile)
}
