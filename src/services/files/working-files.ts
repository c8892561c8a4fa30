// Working files (files-and-previews.md §2, routes.md §8): creation with its revision rule and
// path, the path preview, lists, comment/modified updates. A creation locks its task row, so
// concurrent creations on one task get consecutive revisions instead of a unique violation.
import { forbidden, notFound } from '../../lib/errors.ts'
import { isUuid, type Row } from '../../lib/serialize.ts'
import type { Ctx } from '../../crud/context.ts'
import { requireProjectAccess } from '../access.ts'
import { hasTaskAction, loadTask, requireTaskRead, type TaskFacts } from '../tasks-common.ts'
import { runWrite, type Deps } from '../write-scope.ts'
import { defaultSoftware, findRow, pathData, requireEntityFacts, templateDefaults } from './path-data.ts'
import { fileName, folderPath, joinPath } from './render.ts'
import {
  errorBody, isUniqueViolation, pathRouteError, serializeOutputFile, serializeWorkingFile, textFilter, uuidFilter, withTreeErrors,
  WORKING_FILE_WITH_OUTPUTS, workingFileWithRelations,
} from './common.ts'

export interface NewWorkingFileInput {
  name: string
  description?: string
  mode?: string
  comment?: string
  person_id?: string | null
  software_id?: string | null
  revision?: number
  sep?: string
}

export interface WorkingFilePathInput {
  name?: string
  mode?: string
  software_id?: string | null
  comment?: string
  revision?: number
  sep?: string
}

/** PA on the task's project + EA on its entity (vendors must be assigned on it). */
async function requireTaskEntityAccess(ctx: Ctx, task: TaskFacts): Promise<void> {
  const role = await requireProjectAccess(ctx, task.project_id)
  if (role === 'vendor' && !task.caller_on_entity) throw forbidden()
}

const softwareOr404 = async (ctx: Ctx, id: string) => {
  const row = await findRow(ctx.pool, 'software', id)
  if (!row) throw notFound()
  return row
}

/** POST /data/tasks/:task_id/working-files/new. */
export async function createWorkingFile(deps: Deps, taskId: string, input: NewWorkingFileInput): Promise<Row> {
  const { ctx } = deps
  const task = await loadTask(ctx, taskId)
  await requireTaskEntityAccess(ctx, task)
  const software = input.software_id ? await softwareOr404(ctx, input.software_id) : await defaultSoftware(ctx.pool, 'Blender', 'blender', '.blend')
  const personId = input.person_id || ctx.actor.id
  if (personId !== ctx.actor.id && !(await findRow(ctx.pool, 'person', personId))) throw errorBody('Cannot find given person.')
  const mode = input.mode ?? 'working'
  const sep = input.sep ?? '/'
  const name = input.name
  const facts = await requireEntityFacts(ctx.pool, task.entity_id, task.task_type_id)
  // Zou answers 500 when the project has no (or a malformed) tree: a 400 says what is wrong.
  const defaults = await withTreeErrors(() => templateDefaults(ctx.pool, facts.tree, mode, { software, outputType: null }), errorBody)
  return runWrite(deps, async (w) => {
    await w.client.query('SELECT id FROM task WHERE id = $1 FOR UPDATE', [task.id])
    const assigned = await w.client.query(
      'INSERT INTO task_person_link (task_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING task_id',
      [task.id, ctx.actor.id],
    )
    if (assigned.rowCount) {
      await w.client.query('UPDATE task SET updated_at = now() WHERE id = $1', [task.id])
      w.events.push({ name: 'task:assign', data: { task_id: task.id, person_id: ctx.actor.id }, projectId: task.project_id })
      w.events.push({ name: 'task:update', data: { task_id: task.id }, projectId: task.project_id })
    }
    let revision = input.revision ?? 0
    if (revision === 0) {
      const { rows } = await w.client.query('SELECT max(revision) AS max FROM working_file WHERE task_id = $1 AND name = $2', [task.id, name])
      revision = (rows[0].max ?? 0) + 1
    }
    const data = pathData(facts, { task, software: defaults.software, outputType: defaults.outputType, name, revision })
    const path = withTreeErrors(() => joinPath(folderPath(facts.tree, mode, data, sep), fileName(facts.tree, mode, data), sep), errorBody)
    let row: Row
    try {
      ;({ rows: [row] } = await w.client.query(
        `INSERT INTO working_file (comment, name, revision, path, task_id, software_id, entity_id, person_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [input.comment ?? '', name, revision, path, task.id, software.id, task.entity_id, personId],
      ))
    } catch (err) {
      if (isUniqueViolation(err)) throw errorBody('The given working file already exists.')
      throw err
    }
    w.events.push({ name: 'working-file:new', data: { working_file_id: row.id }, projectId: task.project_id })
    return serializeWorkingFile(row)
  })
}

/** POST /data/tasks/:task_id/working-file-path: `{path: <folder>, name: <file name>}`. */
export async function workingFilePath(ctx: Ctx, taskId: string, input: WorkingFilePathInput, received: unknown) {
  const task = await loadTask(ctx, taskId)
  await requireTaskEntityAccess(ctx, task)
  const software = input.software_id ? await softwareOr404(ctx, input.software_id) : await defaultSoftware(ctx.pool, '3ds Max', 'max', '.max')
  const name = input.name ?? 'main'
  const mode = input.mode ?? 'working'
  const sep = input.sep ?? '/'
  let revision = input.revision ?? 0
  if (revision === 0) revision = await nextWorkingRevision(ctx, task.id, name)
  const facts = await requireEntityFacts(ctx.pool, task.entity_id, task.task_type_id)
  const toError = pathRouteError(received)
  const defaults = await withTreeErrors(() => templateDefaults(ctx.pool, facts.tree, mode, { software, outputType: null }), toError)
  const data = pathData(facts, { task, software: defaults.software, outputType: defaults.outputType, name, revision })
  return withTreeErrors(() => ({ path: folderPath(facts.tree, mode, data, sep), name: fileName(facts.tree, mode, data) }), toError)
}

async function nextWorkingRevision(ctx: Ctx, taskId: string, name: string): Promise<number> {
  const { rows } = await ctx.pool.query('SELECT max(revision) AS max FROM working_file WHERE task_id = $1 AND name = $2', [taskId, name])
  return (rows[0].max ?? 0) + 1
}

async function readableTask(ctx: Ctx, taskId: string): Promise<TaskFacts> {
  const task = await loadTask(ctx, taskId)
  await requireTaskRead(ctx, task)
  return task
}

/** GET /data/tasks/:task_id/working-files: revisions ≥ 0, highest first. */
export async function taskWorkingFiles(ctx: Ctx, taskId: string): Promise<Row[]> {
  const task = await readableTask(ctx, taskId)
  const { rows } = await ctx.pool.query(
    'SELECT * FROM working_file WHERE task_id = $1 AND revision >= 0 ORDER BY revision DESC, created_at DESC',
    [task.id],
  )
  return rows.map(serializeWorkingFile)
}

/** GET /data/tasks/:task_id/working-files/last-revisions: `{name: last revision}`. */
export async function lastWorkingFiles(ctx: Ctx, taskId: string): Promise<Record<string, Row>> {
  const task = await readableTask(ctx, taskId)
  const { rows } = await ctx.pool.query(
    'SELECT DISTINCT ON (name) * FROM working_file WHERE task_id = $1 AND revision IS NOT NULL ORDER BY name, revision DESC',
    [task.id],
  )
  return Object.fromEntries(rows.map((r) => [String(r.name), serializeWorkingFile(r)]))
}

/** GET /data/entities/:entity_id/working-files?task_id=&name=&relations=. */
export async function entityWorkingFiles(ctx: Ctx, entityId: string, query: Record<string, unknown>, relations: boolean): Promise<Row[]> {
  const entity = await entityOr404(ctx, entityId)
  await requireProjectAccess(ctx, entity.project_id)
  const taskId = uuidFilter('task_id', query.task_id)
  const name = textFilter(query.name) || null
  const { rows } = await ctx.pool.query(
    `SELECT ${relations ? WORKING_FILE_WITH_OUTPUTS : 'w.*'} FROM working_file w
      WHERE w.entity_id = $1 AND w.revision >= 0 AND ($2::uuid IS NULL OR w.task_id = $2) AND ($3::text IS NULL OR w.name = $3)
      ORDER BY w.revision DESC, w.created_at DESC`,
    [entity.id, taskId, name],
  )
  return rows.map(relations ? workingFileWithRelations : serializeWorkingFile)
}

export async function entityOr404(ctx: Ctx, entityId: string): Promise<{ id: string; project_id: string }> {
  if (!isUuid(entityId)) throw notFound()
  const { rows } = await ctx.pool.query('SELECT id, project_id FROM entity WHERE id = $1', [entityId])
  if (!rows[0]) throw notFound()
  return rows[0]
}

/** A working file (with relations) and its task's facts; 404 when either is missing. */
async function workingFileAndTask(ctx: Ctx, id: string): Promise<{ file: Row; task: TaskFacts }> {
  if (!isUuid(id)) throw notFound()
  const { rows } = await ctx.pool.query(`SELECT ${WORKING_FILE_WITH_OUTPUTS} FROM working_file w WHERE w.id = $1`, [id])
  if (!rows[0]) throw notFound()
  return { file: rows[0], task: await loadTask(ctx, rows[0].task_id) }
}

/** TA on the working file's task. */
export async function readableWorkingFile(ctx: Ctx, id: string): Promise<Row> {
  const { file, task } = await workingFileAndTask(ctx, id)
  await requireTaskRead(ctx, task)
  return file
}

/** TAA on the working file's task, then the update. */
async function updateWorkingFile(ctx: Ctx, id: string, set: string, values: unknown[]): Promise<Row> {
  const { file, task } = await workingFileAndTask(ctx, id)
  if (!(await hasTaskAction(ctx, task))) throw forbidden()
  const { rows } = await ctx.pool.query(`UPDATE working_file SET ${set} WHERE id = $1 RETURNING *`, [file.id, ...values])
  return serializeWorkingFile(rows[0])
}

/** PUT /actions/working-files/:id/comment. */
export const setWorkingFileComment = (ctx: Ctx, id: string, comment: string) =>
  updateWorkingFile(ctx, id, 'comment = $2, updated_at = now()', [comment])

/** PUT /actions/working-files/:id/modified: `updated_at` = now. */
export const touchWorkingFile = (ctx: Ctx, id: string) => updateWorkingFile(ctx, id, 'updated_at = now()', [])

/** GET /data/files/:file_id: a working file (with relations), else an output file; PA on its project. */
export async function getFile(ctx: Ctx, id: string): Promise<Row> {
  if (!isUuid(id)) throw notFound()
  const { rows } = await ctx.pool.query(
    `SELECT ${WORKING_FILE_WITH_OUTPUTS}, t.project_id AS project_of_file FROM working_file w LEFT JOIN task t ON t.id = w.task_id WHERE w.id = $1`,
    [id],
  )
  if (rows[0]) {
    await requireProjectAccess(ctx, rows[0].project_of_file)
    return workingFileWithRelations(rows[0])
  }
  const { rows: outputs } = await ctx.pool.query(
    'SELECT o.*, e.project_id AS project_of_file FROM output_file o LEFT JOIN entity e ON e.id = o.entity_id WHERE o.id = $1',
    [id],
  )
  if (!outputs[0]) throw notFound()
  await requireProjectAccess(ctx, outputs[0].project_of_file)
  return serializeOutputFile(outputs[0])
}
