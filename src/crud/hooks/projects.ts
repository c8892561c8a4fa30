// crud.md §11.2: production style and resolution checks, the Open status by default, a
// template applied on create (project_template_id), a first episode for TV shows,
// project_status_name on the single GET, and deletes that require a closed project
// (force=true removes everything under it).
import { invalid, notFound, wrongParameter } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import type { Ctx } from '../context.ts'
import type { Hooks } from '../model.ts'
import { applyTemplateInTx, templateAppliedEvents, templateForNewProject, txExec } from '../../services/project-templates-apply.ts'

/** Selected with every project read; only the single GET shows it (Zou). */
export const PROJECT_SELECT = { __status_name: '(SELECT s.name FROM project_status s WHERE s.id = t.project_status_id)' }

const RESOLUTION = /^(\d{3,4}x\d{3,4}|x\d{3,4})$/

function checkSettings(data: Row, creating: boolean) {
  if (creating && (data.production_style === null || data.production_style === undefined)) data.production_style = '2d3d'
  if (typeof data.resolution === 'string' && data.resolution !== '' && !RESOLUTION.test(data.resolution)) {
    throw wrongParameter(`Invalid resolution ${data.resolution}. Expected format: '1920x1080' or 'x1080'.`)
  }
}

export async function openStatusId(ctx: Ctx): Promise<string> {
  const open = await ctx.db.projectStatus.findFirst({ where: { name: 'Open' }, select: { id: true } })
  return (open ?? (await ctx.db.projectStatus.create({ data: { name: 'Open', color: '#000000' }, select: { id: true } }))).id
}

/** The first episode of a TV show, created on demand (Zou names it E01). */
async function firstEpisodeId(ctx: Ctx, projectId: string): Promise<string> {
  const type = (await ctx.db.entityType.findFirst({ where: { name: 'Episode' }, select: { id: true } }))
    ?? (await ctx.db.entityType.create({ data: { name: 'Episode' }, select: { id: true } }))
  const existing = await ctx.db.entity.findFirst({ where: { project_id: projectId, entity_type_id: type.id }, orderBy: { name: 'asc' }, select: { id: true } })
  if (existing) return existing.id
  return (await ctx.db.entity.create({ data: { name: 'E01', project_id: projectId, entity_type_id: type.id, created_by: ctx.actor.id }, select: { id: true } })).id
}

const idOf = (i: unknown) => (typeof i === 'object' && i ? (i as Row).id : i) as string

/** Every background given must exist (404, Zou). */
async function checkBackgrounds(ctx: Ctx, body: Row) {
  const ids = body.preview_background_files
  if (!Array.isArray(ids) || !ids.length) return
  const found = await ctx.db.previewBackgroundFile.count({ where: { id: { in: ids.map(idOf) } } })
  if (found !== ids.length) throw notFound()
}

/**
 * Zou bug: Zou validates a non-column key instead of `default_preview_background_file_id`.
 * Slate checks the real column: it must be one of the project's backgrounds (those given in
 * the body, else the stored ones).
 */
async function checkDefaultBackground(ctx: Ctx, data: Row, body: Row, projectId: string | null) {
  const id = data.default_preview_background_file_id
  if (id === undefined || id === null) return
  let allowed: string[]
  if (Array.isArray(body.preview_background_files)) allowed = body.preview_background_files.map(idOf)
  else if (projectId) {
    const links = await ctx.db.projectPreviewBackgroundFileLink.findMany({ where: { project_id: projectId }, select: { preview_background_file_id: true } })
    allowed = links.map((l) => l.preview_background_file_id)
  } else allowed = []
  if (!allowed.includes(id as string)) throw wrongParameter('Invalid default_preview_background_file_id')
}

/** crud.md §11.2: a new project gets the Project-level metadata columns of the open projects. */
const COPY_PROJECT_DESCRIPTORS = `
  INSERT INTO metadata_descriptor (project_id, entity_type, name, field_name, data_type, choices, for_client, position)
  SELECT DISTINCT ON (d.field_name) $1::uuid, d.entity_type, d.name, d.field_name, d.data_type, d.choices, d.for_client, d.position
  FROM metadata_descriptor d
  JOIN project p ON p.id = d.project_id
  JOIN project_status s ON s.id = p.project_status_id
  WHERE d.entity_type = 'Project' AND d.task_type_id IS NULL AND s.name = 'Open' AND d.project_id <> $1::uuid
  ORDER BY d.field_name, d.created_at`

/** A create's template: checked before the insert, applied in its transaction, announced after. */
const templates = new WeakMap<Ctx, { templateId: string; keep: ReadonlySet<string>; created: string[] }>()

/** What force=true removes under a project, children first. */
const PROJECT_CHILDREN = [
  `DELETE FROM comment_preview_link WHERE preview_file IN (SELECT p.id FROM preview_file p JOIN task t ON t.id = p.task_id WHERE t.project_id = $1)`,
  `DELETE FROM comment_preview_link WHERE comment IN (SELECT c.id FROM comment c JOIN task t ON t.id = c.object_id WHERE t.project_id = $1)`,
  `DELETE FROM comment_mentions WHERE comment IN (SELECT c.id FROM comment c JOIN task t ON t.id = c.object_id WHERE t.project_id = $1)`,
  `DELETE FROM comment_department_mentions WHERE comment IN (SELECT c.id FROM comment c JOIN task t ON t.id = c.object_id WHERE t.project_id = $1)`,
  `DELETE FROM comment_acknoledgments WHERE comment IN (SELECT c.id FROM comment c JOIN task t ON t.id = c.object_id WHERE t.project_id = $1)`,
  `DELETE FROM notification WHERE task_id IN (SELECT id FROM task WHERE project_id = $1) OR playlist_id IN (SELECT id FROM playlist WHERE project_id = $1)`,
  `DELETE FROM attachment_file WHERE comment_id IN (SELECT c.id FROM comment c JOIN task t ON t.id = c.object_id WHERE t.project_id = $1)`,
  `DELETE FROM news WHERE task_id IN (SELECT id FROM task WHERE project_id = $1)`,
  `DELETE FROM subscription WHERE task_id IN (SELECT id FROM task WHERE project_id = $1) OR entity_id IN (SELECT id FROM entity WHERE project_id = $1)`,
  `UPDATE entity SET preview_file_id = NULL WHERE project_id = $1`,
  `UPDATE task SET last_preview_file_id = NULL WHERE project_id = $1`,
  `DELETE FROM comment WHERE object_id IN (SELECT id FROM task WHERE project_id = $1)`,
  `DELETE FROM time_spent WHERE task_id IN (SELECT id FROM task WHERE project_id = $1)`,
  `DELETE FROM output_file WHERE entity_id IN (SELECT id FROM entity WHERE project_id = $1) OR temporal_entity_id IN (SELECT id FROM entity WHERE project_id = $1)`,
  `DELETE FROM working_file WHERE task_id IN (SELECT id FROM task WHERE project_id = $1)`,
  `DELETE FROM preview_file WHERE task_id IN (SELECT id FROM task WHERE project_id = $1)`,
  `DELETE FROM task_person_link WHERE task_id IN (SELECT id FROM task WHERE project_id = $1)`,
  `DELETE FROM production_schedule_version_task_link WHERE task_id IN (SELECT id FROM task WHERE project_id = $1)`,
  `DELETE FROM task WHERE project_id = $1`,
  `DELETE FROM budget_entry WHERE budget_id IN (SELECT id FROM budget WHERE project_id = $1)`,
  `DELETE FROM budget WHERE project_id = $1`,
  `DELETE FROM entity_link WHERE entity_in_id IN (SELECT id FROM entity WHERE project_id = $1) OR entity_out_id IN (SELECT id FROM entity WHERE project_id = $1)`,
  `DELETE FROM entity_concept_link WHERE entity_in_id IN (SELECT id FROM entity WHERE project_id = $1) OR entity_out_id IN (SELECT id FROM entity WHERE project_id = $1)`,
  `DELETE FROM entity_version WHERE entity_id IN (SELECT id FROM entity WHERE project_id = $1)`,
  `DELETE FROM asset_instance_link WHERE entity_id IN (SELECT id FROM entity WHERE project_id = $1)`,
  `DELETE FROM build_job WHERE playlist_id IN (SELECT id FROM playlist WHERE project_id = $1)`,
  `DELETE FROM playlist_share_link WHERE playlist_id IN (SELECT id FROM playlist WHERE project_id = $1)`,
  `DELETE FROM playlist WHERE project_id = $1`,
  `DELETE FROM api_event WHERE project_id = $1`,
  `UPDATE entity SET parent_id = NULL, source_id = NULL WHERE project_id = $1`,
  `DELETE FROM chat_participant WHERE chat_id IN (SELECT c.id FROM chat c JOIN entity e ON e.id = c.object_id WHERE e.project_id = $1)`,
  `DELETE FROM attachment_file WHERE chat_message_id IN (SELECT m.id FROM chat_message m JOIN chat c ON c.id = m.chat_id JOIN entity e ON e.id = c.object_id WHERE e.project_id = $1)`,
  `DELETE FROM chat_message WHERE chat_id IN (SELECT c.id FROM chat c JOIN entity e ON e.id = c.object_id WHERE e.project_id = $1)`,
  `DELETE FROM chat WHERE object_id IN (SELECT id FROM entity WHERE project_id = $1)`,
  `DELETE FROM entity WHERE project_id = $1`,
  `DELETE FROM department_metadata_descriptor_link WHERE metadata_descriptor_id IN (SELECT id FROM metadata_descriptor WHERE project_id = $1)`,
  `DELETE FROM metadata_descriptor WHERE project_id = $1`,
  `DELETE FROM milestone WHERE project_id = $1`,
  `DELETE FROM schedule_item WHERE project_id = $1`,
  `UPDATE project SET from_schedule_version_id = NULL WHERE id = $1`,
  `DELETE FROM production_schedule_version WHERE project_id = $1`,
  `DELETE FROM search_filter WHERE project_id = $1`,
  `DELETE FROM search_filter_group WHERE project_id = $1`,
  `DELETE FROM project_task_type_link WHERE project_id = $1`,
  `DELETE FROM project_task_status_link WHERE project_id = $1`,
]

export const projectHooks: Hooks = {
  async beforeCreate(ctx, data, body) {
    checkSettings(data, true)
    await checkBackgrounds(ctx, body)
    await checkDefaultBackground(ctx, data, body, null)
    data.project_status_id ??= await openStatusId(ctx)
    const template = await templateForNewProject(ctx, body)
    if (template) templates.set(ctx, { ...template, created: [] })
  },
  async afterCreate(ctx, tx, row) {
    await (tx as { $executeRawUnsafe: (q: string, ...v: unknown[]) => Promise<number> }).$executeRawUnsafe(COPY_PROJECT_DESCRIPTORS, row.id)
    const template = templates.get(ctx)
    if (template) template.created = await applyTemplateInTx(txExec(tx), row.id as string, template.templateId, { keep: template.keep })
  },
  events(ctx, op, row) {
    const template = op === 'new' ? templates.get(ctx) : undefined
    if (!template) return []
    templates.delete(ctx)
    return templateAppliedEvents(row.id as string, template.created)
  },
  async beforeUpdate(ctx, row, data, body) {
    checkSettings(data, false)
    await checkBackgrounds(ctx, body)
    await checkDefaultBackground(ctx, data, body, row.id as string)
  },
  async beforeDelete(_ctx, tx, row, query) {
    const db = tx as { $executeRawUnsafe: (q: string, ...v: unknown[]) => Promise<number> }
    if ((query.force ?? '').toLowerCase() !== 'true') return
    for (const sql of PROJECT_CHILDREN) await db.$executeRawUnsafe(sql, row.id)
  },
  serialize(_ctx, out, row, op) {
    if (op === 'get') out.project_status_name = row.__status_name ?? null
    return out
  },
  async respond(ctx, op, out) {
    if (op !== 'get' && out.production_type === 'tvshow') out.first_episode_id = await firstEpisodeId(ctx, out.id as string)
    return out
  },
  // Zou: only closed projects can be deleted, checked before any permission check.
  async guardDelete(ctx, row) {
    const status = row.project_status_id
      ? await ctx.db.projectStatus.findUnique({ where: { id: row.project_status_id as string }, select: { name: true } })
      : null
    if (status?.name === 'Open') throw invalid('Only closed projects can be deleted')
  },
}
