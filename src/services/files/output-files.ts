// Output files (files-and-previews.md §3, routes.md §8): creation on an entity or on an asset
// instance inside a temporal entity, next revision, path previews. A creation locks the
// entity (or instance) row, so concurrent publishes get consecutive revisions; a real
// duplicate is Zou's 400. Uniqueness is checked NULL-safely (the unique index treats the
// NULL instance columns of entity outputs as distinct).
import { notFound } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import type pg from 'pg'
import { requireEntityAccess, requireProjectAccess } from '../access.ts'
import { runWrite, type Deps } from '../write-scope.ts'
import { defaultFileStatus, findRow, pathData, requireEntityFacts, templateDefaults, type EntityFacts } from './path-data.ts'
import { fileName, folderPath, type PathData } from './render.ts'
import { errorBody, messageBody, pathRouteError, serializeOutputFile, withTreeErrors } from './common.ts'
import type { AppError } from '../../lib/errors.ts'

export interface NewOutputFileInput {
  name?: string
  mode?: string
  output_type_id: string
  task_type_id: string
  person_id?: string | null
  working_file_id?: string | null
  comment?: string
  revision?: number
  extension?: string
  representation?: string
  nb_elements?: number
  sep?: string
  file_status_id?: string | null
}

export interface OutputFilePathInput {
  name?: string
  mode?: string
  output_type_id: string
  task_type_id: string
  revision?: number
  extension?: string
  representation?: string
  separator?: string
}

/** Where output files are counted: an entity, or an instance in a temporal entity. */
interface Scope {
  entityId: string
  instanceId: string | null
  temporalEntityId: string | null
}

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>

/** Highest revision > 0 for (output type, task type, name) in the scope, plus one (Zou ignores representation here). */
async function nextRevision(db: Queryable, scope: Scope, outputTypeId: string, taskTypeId: string, name: string): Promise<number> {
  const { rows } = await db.query(
    `SELECT max(revision) AS max FROM output_file
      WHERE output_type_id = $1 AND task_type_id = $2 AND name = $3 AND revision > 0
        AND CASE WHEN $5::uuid IS NULL THEN entity_id = $4::uuid
                 ELSE asset_instance_id = $5::uuid AND temporal_entity_id IS NOT DISTINCT FROM $6::uuid END`,
    [outputTypeId, taskTypeId, name, scope.entityId, scope.instanceId, scope.temporalEntityId],
  )
  return (rows[0].max ?? 0) + 1
}

/** An asset instance with what its paths need: the asset's facts and the temporal entity's. */
interface InstanceFacts {
  instance: Row
  asset: EntityFacts
  temporal: EntityFacts
}

async function instanceFacts(ctx: Ctx, instanceId: string, temporalEntityId: string, taskTypeId: string | null): Promise<InstanceFacts> {
  if (!isUuid(instanceId)) throw notFound()
  const { rows } = await ctx.pool.query('SELECT * FROM asset_instance WHERE id = $1', [instanceId])
  if (!rows[0]) throw notFound()
  const asset = await requireEntityFacts(ctx.pool, rows[0].asset_id)
  return { instance: rows[0], asset, temporal: await requireEntityFacts(ctx.pool, temporalEntityId, taskTypeId) }
}

/** Path data of an instance output: the temporal entity's context with the instance's asset. */
function instancePathData(f: InstanceFacts, extra: Partial<PathData>): PathData {
  return pathData(f.temporal, {
    kind: f.instance.target_asset_id ? 'instance_asset' : 'instance',
    instance: f.instance,
    asset: f.asset.entity,
    assetType: f.asset.entityType,
    ...extra,
  })
}

async function requireTaskType(ctx: Ctx, id: string): Promise<Row> {
  const row = await findRow(ctx.pool, 'task_type', id)
  if (!row) throw notFound()
  return row
}

async function outputTypeOr404(ctx: Ctx, id: string): Promise<Row> {
  const row = await findRow(ctx.pool, 'output_type', id)
  if (!row) throw notFound()
  return row
}

interface Creation {
  scope: Scope
  projectId: string
  tree: EntityFacts['tree']
  data: (outputType: Row, revision: number) => PathData
  toError: (message: string) => AppError
}

/** The shared creation: defaults, lock, revision, duplicate check, path, insert, event. */
async function createOutputFile(deps: Deps, input: NewOutputFileInput, c: Creation): Promise<Row> {
  const { ctx } = deps
  const outputType = await findRow(ctx.pool, 'output_type', input.output_type_id)
  if (!outputType) throw c.toError('Cannot find given output type.')
  const personId = input.person_id || ctx.actor.id
  if (personId !== ctx.actor.id && !(await findRow(ctx.pool, 'person', personId))) throw c.toError('Cannot find given person.')
  // Zou: an unknown working file id is treated as no source.
  const source = input.working_file_id ? await findRow(ctx.pool, 'working_file', input.working_file_id) : null
  let fileStatusId: string
  if (input.file_status_id) {
    const status = await findRow(ctx.pool, 'file_status', input.file_status_id)
    if (!status) throw c.toError('Cannot find given file status.')
    fileStatusId = status.id as string
  } else {
    fileStatusId = (await defaultFileStatus(ctx.pool)).id as string
  }
  const mode = input.mode ?? 'output'
  const sep = input.sep ?? '/'
  const name = input.name ?? 'main'
  const representation = input.representation ?? ''
  const extension = input.extension ?? ''
  const nbElements = input.nb_elements ?? 1
  const defaults = await withTreeErrors(() => templateDefaults(ctx.pool, c.tree, mode, { software: null, outputType }), c.toError)
  return runWrite(deps, async (w) => {
    const { scope } = c
    if (scope.instanceId) await w.client.query('SELECT id FROM asset_instance WHERE id = $1 FOR UPDATE', [scope.instanceId])
    else await w.client.query('SELECT id FROM entity WHERE id = $1 FOR UPDATE', [scope.entityId])
    let revision = input.revision ?? 0
    if (revision < 1) revision = await nextRevision(w.client, scope, outputType.id as string, input.task_type_id, name)
    const { rowCount } = await w.client.query(
      `SELECT 1 FROM output_file
        WHERE name = $1 AND entity_id = $2 AND asset_instance_id IS NOT DISTINCT FROM $3::uuid AND output_type_id = $4
          AND task_type_id = $5 AND temporal_entity_id IS NOT DISTINCT FROM $6::uuid AND representation = $7 AND revision = $8`,
      [name, scope.entityId, scope.instanceId, outputType.id, input.task_type_id, scope.temporalEntityId, representation, revision],
    )
    if (rowCount) throw c.toError('The given output file already exists.')
    const data = c.data(defaults.outputType ?? outputType, revision)
    const [folder, file] = withTreeErrors(() => {
      const pathValues = { ...data, representation, software: defaults.software }
      let base = fileName(c.tree, mode, { ...pathValues, representation: '' })
      if (nbElements > 1) base += `_[1-${nbElements}]`
      return [folderPath(c.tree, mode, pathValues, sep), base]
    }, c.toError)
    const { rows: [row] } = await w.client.query(
      `INSERT INTO output_file (name, comment, extension, representation, revision, entity_id, asset_instance_id, person_id,
         source_file_id, output_type_id, file_status_id, task_type_id, nb_elements, temporal_entity_id, path)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
      [name, input.comment ?? '', extension, representation, revision, scope.entityId, scope.instanceId, personId,
        source?.id ?? null, outputType.id, fileStatusId, input.task_type_id, nbElements, scope.temporalEntityId,
        `${folder}${sep}${file}${extension}`],
    )
    w.events.push({ name: 'output-file:new', data: { output_file_id: row.id }, projectId: c.projectId })
    return { ...serializeOutputFile(row), folder_path: folder, file_name: file }
  })
}

/** POST /data/entities/:entity_id/output-files/new (errors `{"error": …}`). */
export async function createEntityOutputFile(deps: Deps, entityId: string, input: NewOutputFileInput): Promise<Row> {
  const { ctx } = deps
  const facts = await requireEntityFacts(ctx.pool, entityId, isUuid(input.task_type_id) ? input.task_type_id : null)
  await requireProjectAccess(ctx, facts.project_id)
  if (!facts.taskType) throw notFound()
  return createOutputFile(deps, input, {
    scope: { entityId: facts.id, instanceId: null, temporalEntityId: null },
    projectId: facts.project_id,
    tree: facts.tree,
    data: (outputType, revision) => pathData(facts, { outputType, name: input.name ?? 'main', revision }),
    toError: errorBody,
  })
}

/** POST /data/asset-instances/:id/entities/:temporal_entity_id/output-files/new (errors `{"message": …}`). */
export async function createInstanceOutputFile(deps: Deps, instanceId: string, temporalEntityId: string, input: NewOutputFileInput): Promise<Row> {
  const { ctx } = deps
  const f = await instanceFacts(ctx, instanceId, temporalEntityId, isUuid(input.task_type_id) ? input.task_type_id : null)
  await requireProjectAccess(ctx, f.asset.project_id)
  if (!f.temporal.taskType) throw notFound()
  return createOutputFile(deps, input, {
    scope: { entityId: f.asset.id, instanceId: f.instance.id as string, temporalEntityId: f.temporal.id },
    projectId: f.asset.project_id,
    tree: f.temporal.tree,
    data: (outputType, revision) => instancePathData(f, { outputType, name: input.name ?? 'main', revision }),
    toError: messageBody,
  })
}

/** POST /data/entities/:entity_id/output-files/next-revision. */
export async function entityNextRevision(ctx: Ctx, entityId: string, input: { name?: string; output_type_id: string; task_type_id: string }) {
  const facts = await requireEntityFacts(ctx.pool, entityId)
  const outputType = await outputTypeOr404(ctx, input.output_type_id)
  const taskType = await requireTaskType(ctx, input.task_type_id)
  await requireProjectAccess(ctx, facts.project_id)
  const scope = { entityId: facts.id, instanceId: null, temporalEntityId: null }
  return { next_revision: await nextRevision(ctx.pool, scope, outputType.id as string, taskType.id as string, input.name ?? 'main') }
}

/** POST /data/asset-instances/:id/entities/:temporal_entity_id/output-files/next-revision. */
export async function instanceNextRevision(ctx: Ctx, instanceId: string, temporalEntityId: string, input: { name?: string; output_type_id: string; task_type_id: string }) {
  const f = await instanceFacts(ctx, instanceId, temporalEntityId, null)
  const outputType = await outputTypeOr404(ctx, input.output_type_id)
  const taskType = await requireTaskType(ctx, input.task_type_id)
  await requireProjectAccess(ctx, f.asset.project_id)
  const scope = { entityId: f.asset.id, instanceId: f.instance.id as string, temporalEntityId: f.temporal.id }
  return { next_revision: await nextRevision(ctx.pool, scope, outputType.id as string, taskType.id as string, input.name ?? 'main') }
}

/**
 * POST /data/entities/:entity_id/output-file-path. As in Zou, the folder is rendered with the
 * revision as given (0 when none) and the file name with the resolved one.
 */
export async function entityOutputFilePath(ctx: Ctx, entityId: string, input: OutputFilePathInput, received: unknown) {
  const facts = await requireEntityFacts(ctx.pool, entityId, isUuid(input.task_type_id) ? input.task_type_id : null)
  const role = await requireProjectAccess(ctx, facts.project_id)
  await requireEntityAccess(ctx, role, facts.id)
  const outputType = await outputTypeOr404(ctx, input.output_type_id)
  if (!facts.taskType) throw notFound()
  const name = input.name ?? 'main'
  const given = input.revision ?? 0
  const scope = { entityId: facts.id, instanceId: null, temporalEntityId: null }
  // Zou computes the next revision from the name passed as output type id (always 1): use the real keys.
  const revision = given !== 0 ? given : await nextRevision(ctx.pool, scope, outputType.id as string, facts.taskType.id as string, name)
  return renderOutputPath(ctx, facts.tree, input, received, (rev) => pathData(facts, { outputType, name, revision: rev }), given, revision)
}

/** POST /data/asset-instances/:id/entities/:temporal_entity_id/output-file-path (revision as given). */
export async function instanceOutputFilePath(ctx: Ctx, instanceId: string, temporalEntityId: string, input: OutputFilePathInput, received: unknown) {
  const f = await instanceFacts(ctx, instanceId, temporalEntityId, isUuid(input.task_type_id) ? input.task_type_id : null)
  const role = await requireProjectAccess(ctx, f.asset.project_id)
  await requireEntityAccess(ctx, role, f.asset.id)
  const outputType = await outputTypeOr404(ctx, input.output_type_id)
  if (!f.temporal.taskType) throw notFound()
  const revision = input.revision ?? 0
  const name = input.name ?? 'main'
  return renderOutputPath(ctx, f.temporal.tree, input, received, (rev) => instancePathData(f, { outputType, name, revision: rev }), revision, revision)
}

async function renderOutputPath(
  ctx: Ctx, tree: EntityFacts['tree'], input: OutputFilePathInput, received: unknown,
  data: (revision: number) => PathData, folderRevision: number, fileRevision: number,
) {
  const mode = input.mode ?? 'output'
  const sep = input.separator ?? '/'
  const toError = pathRouteError(received)
  const defaults = await withTreeErrors(() => templateDefaults(ctx.pool, tree, mode, { software: null, outputType: data(0).outputType as Row }), toError)
  const withDefaults = (d: PathData): PathData => ({ ...d, software: d.software ?? defaults.software })
  return withTreeErrors(() => ({
    folder_path: folderPath(tree, mode, { ...withDefaults(data(folderRevision)), representation: input.representation ?? '' }, sep),
    file_name: fileName(tree, mode, withDefaults(data(fileRevision))),
  }), toError)
}
