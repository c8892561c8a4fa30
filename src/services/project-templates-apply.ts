// routes.md §25 and crud.md §11.2: applying a template to a project (the apply route, and a
// project created through /data/projects with `project_template_id`), and snapshotting a
// project into a new template. Each is all-or-nothing; events go out after the commit.
import type { Ctx } from '../crud/context.ts'
import type { PendingEvent } from '../crud/model.ts'
import { refuseDuplicateTemplateName } from '../crud/hooks/project-templates.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'
import { creatableDescriptors } from './project-templates-descriptors.ts'
import { emitTemplateEvent, projectNotFound, readTemplate, templateNotFound } from './project-templates.ts'

/** Zou's PRODUCTION_SETTING_FIELDS: copied between projects and templates. */
export const SETTING_FIELDS = [
  'fps', 'ratio', 'resolution', 'production_type', 'production_style', 'max_retakes', 'is_clients_isolated',
  'is_preview_download_allowed', 'is_set_preview_automated', 'is_publish_default_for_artists', 'homepage',
  'hd_bitrate_compression', 'ld_bitrate_compression',
] as const
const JSON_FIELDS = ['file_tree', 'data'] as const

/** Runs one statement in the caller's transaction (a Prisma interactive transaction client). */
export type Exec = (text: string, values: unknown[]) => Promise<Row[]>
export const txExec = (tx: unknown): Exec => (text, values) =>
  (tx as { $queryRawUnsafe: (q: string, ...v: unknown[]) => Promise<Row[]> }).$queryRawUnsafe(text, ...values)

export interface ApplyOptions {
  /** Project columns the caller set explicitly: the template does not overwrite them. */
  keep?: ReadonlySet<string>
}

/** Template links → project links, missing ones only (existing links keep their values). */
const COPY_LINKS = [
  `INSERT INTO project_task_type_link (project_id, task_type_id, priority)
   SELECT $1::uuid, l.task_type_id, l.priority FROM project_template_task_type_link l WHERE l.project_template_id = $2::uuid
   ON CONFLICT (project_id, task_type_id) DO NOTHING`,
  `INSERT INTO project_task_status_link (project_id, task_status_id, priority, roles_for_board)
   SELECT $1::uuid, l.task_status_id, l.priority, l.roles_for_board FROM project_template_task_status_link l WHERE l.project_template_id = $2::uuid
   ON CONFLICT (project_id, task_status_id) DO NOTHING`,
  ...[['asset_type_link', 'asset_type_id'], ['status_automation_link', 'status_automation_id'], ['preview_background_file_link', 'preview_background_file_id']]
    .map(([link, column]) => `INSERT INTO project_${link} (project_id, ${column})
   SELECT $1::uuid, l.${column} FROM project_template_${link} l WHERE l.project_template_id = $2::uuid
   ON CONFLICT DO NOTHING`),
]

/** Settings, file tree, data and default background onto the project, and the links: one statement. */
function settingsAndLinksSql(keep: ReadonlySet<string>): string {
  const sets = [
    ...SETTING_FIELDS.filter((f) => !keep.has(f)).map((f) => `${f} = COALESCE(t.${f}, p.${f})`),
    ...JSON_FIELDS.filter((f) => !keep.has(f)).map((f) => `${f} = COALESCE(NULLIF(t.${f}, 'null'::jsonb), p.${f})`),
    ...(keep.has('default_preview_background_file_id') ? []
      : ['default_preview_background_file_id = COALESCE(p.default_preview_background_file_id, t.default_preview_background_file_id)']),
    `updated_at = (now() AT TIME ZONE 'UTC')`,
  ]
  return `WITH settings AS (
      UPDATE project p SET ${sets.join(', ')} FROM project_template t
      WHERE p.id = $1::uuid AND t.id = $2::uuid RETURNING t.metadata_descriptors
    ), ${COPY_LINKS.map((q, i) => `link${i} AS (${q})`).join(', ')}
    SELECT metadata_descriptors FROM settings`
}

/**
 * The template's descriptors the project lacks (no descriptor with the same entity type,
 * name and task type; clashing field names skipped too), with their known departments.
 */
const CREATE_DESCRIPTORS = `
  WITH src AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS s(name text, field_name text, entity_type text, task_type_id uuid,
      data_type text, choices jsonb, for_client boolean, departments jsonb, position int)
  ), ins AS (
    INSERT INTO metadata_descriptor (project_id, entity_type, task_type_id, name, data_type, field_name, choices, for_client, position)
    SELECT $1::uuid, s.entity_type, s.task_type_id, s.name, s.data_type, s.field_name, s.choices, s.for_client, s.position
    FROM src s
    WHERE (s.task_type_id IS NULL OR EXISTS (SELECT 1 FROM task_type tt WHERE tt.id = s.task_type_id))
      AND NOT EXISTS (SELECT 1 FROM metadata_descriptor d WHERE d.project_id = $1::uuid AND d.entity_type = s.entity_type
                      AND d.name = s.name AND d.task_type_id IS NOT DISTINCT FROM s.task_type_id)
    ON CONFLICT DO NOTHING
    RETURNING id, entity_type, name, task_type_id
  ), deps AS (
    INSERT INTO department_metadata_descriptor_link (metadata_descriptor_id, department_id)
    SELECT DISTINCT i.id, dep.id FROM ins i
    JOIN src s ON s.entity_type = i.entity_type AND s.name = i.name AND s.task_type_id IS NOT DISTINCT FROM i.task_type_id
    CROSS JOIN LATERAL jsonb_array_elements_text(s.departments) AS e(department_id)
    JOIN department dep ON dep.id = e.department_id::uuid
    ON CONFLICT DO NOTHING
  )
  SELECT id FROM ins`

/** Applies the template in the caller's transaction; returns the ids of the descriptors it created. */
export async function applyTemplateInTx(exec: Exec, projectId: string, templateId: string, opts: ApplyOptions = {}): Promise<string[]> {
  const [settings] = await exec(settingsAndLinksSql(opts.keep ?? new Set()), [projectId, templateId])
  if (!settings) throw templateNotFound()
  const raw = settings.metadata_descriptors
  const descriptors = creatableDescriptors(typeof raw === 'string' ? JSON.parse(raw) : raw)
  if (!descriptors.length) return []
  const created = await exec(CREATE_DESCRIPTORS, [projectId, JSON.stringify(descriptors)])
  return created.map((r) => r.id as string)
}

/** What applying a template emits (events.md §3): each new descriptor, then the project update. */
export function templateAppliedEvents(projectId: string, descriptorIds: string[]): PendingEvent[] {
  return [
    ...descriptorIds.map((id) => ({ name: 'metadata-descriptor:new', data: { metadata_descriptor_id: id }, projectId })),
    { name: 'project:update', data: {}, projectId },
  ]
}

/** 404s in Zou's order (project, then template), one query. */
async function requireProjectAndTemplate(ctx: Ctx, projectId: string, templateId: string): Promise<void> {
  const { rows } = await ctx.pool.query(
    `SELECT EXISTS (SELECT 1 FROM project WHERE id = $1::uuid) AS project, EXISTS (SELECT 1 FROM project_template WHERE id = $2::uuid) AS template`,
    [isUuid(projectId) ? projectId : null, isUuid(templateId) ? templateId : null],
  )
  if (!rows[0].project) throw projectNotFound()
  if (!rows[0].template) throw templateNotFound()
}

/** POST /data/projects/:project_id/apply-template/:project_template_id: answers the project. */
export async function applyTemplate(ctx: Ctx, project: string, template: string): Promise<Row> {
  await requireProjectAndTemplate(ctx, project, template)
  const [projectId, templateId] = [project.toLowerCase(), template.toLowerCase()]
  const created = await ctx.db.$transaction((tx) => applyTemplateInTx(txExec(tx), projectId, templateId))
  await ctx.events.emitMany(templateAppliedEvents(projectId, created).map((e) => ({ ...e, userId: ctx.actor.id })))
  const { rows } = await ctx.pool.query('SELECT * FROM project WHERE id = $1::uuid', [projectId])
  return modelRowSerializer('Project')(rows[0])
}

/**
 * A project about to be created through /data/projects with `project_template_id`: checks the
 * template (404 before anything is written) and lists what the body sets explicitly, which
 * the template must not overwrite (crud.md §11.2: non-null body values take precedence).
 */
export async function templateForNewProject(ctx: Ctx, body: Row): Promise<{ templateId: string; keep: Set<string> } | null> {
  const id = body.project_template_id
  if (id === undefined || id === null) return null
  if (!isUuid(id)) throw templateNotFound()
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM project_template WHERE id = $1::uuid', [id])
  if (!rowCount) throw templateNotFound()
  const keep = new Set<string>(SETTING_FIELDS.filter((f) => body[f] !== undefined && body[f] !== null))
  // Zou: the JSON columns and the default background follow their own rules.
  for (const f of JSON_FIELDS) if (body[f]) keep.add(f)
  if ('default_preview_background_file_id' in body) keep.add('default_preview_background_file_id')
  return { templateId: id.toLowerCase(), keep }
}

/** The project's descriptors as the template's JSON snapshot. */
const DESCRIPTOR_SNAPSHOT = `(
  SELECT COALESCE(jsonb_agg(jsonb_build_object(
    'name', d.name, 'field_name', d.field_name, 'entity_type', d.entity_type, 'task_type_id', d.task_type_id,
    'data_type', d.data_type, 'choices', COALESCE(d.choices, '[]'::jsonb), 'for_client', COALESCE(d.for_client, false),
    'departments', COALESCE((SELECT jsonb_agg(dl.department_id ORDER BY dl.department_id)
                             FROM department_metadata_descriptor_link dl WHERE dl.metadata_descriptor_id = d.id), '[]'::jsonb),
    'position', d.position
  ) ORDER BY d.entity_type, d.position NULLS LAST, d.name), '[]'::jsonb)
  FROM metadata_descriptor d WHERE d.project_id = p.id)`

/** Project links → template links, in the same statement as the template row. */
const SNAPSHOT_LINKS = [
  ['task_type_link', 'task_type_id, priority'],
  ['task_status_link', 'task_status_id, priority, roles_for_board'],
  ['asset_type_link', 'asset_type_id'],
  ['status_automation_link', 'status_automation_id'],
  ['preview_background_file_link', 'preview_background_file_id'],
].map(([link, columns], i) => `link${i} AS (
    INSERT INTO project_template_${link} (project_template_id, ${columns})
    SELECT t.id, ${columns.split(', ').map((c) => `l.${c}`).join(', ')} FROM t JOIN project_${link} l ON l.project_id = $1::uuid)`)

const CREATE_FROM_PROJECT = `
  WITH t AS (
    INSERT INTO project_template (name, description, ${SETTING_FIELDS.join(', ')}, file_tree, data, metadata_descriptors,
                                  default_preview_background_file_id)
    SELECT $2::text, $3::text, ${SETTING_FIELDS.map((f) => `p.${f}`).join(', ')},
           NULLIF(NULLIF(p.file_tree, '{}'::jsonb), 'null'::jsonb), NULLIF(NULLIF(p.data, '{}'::jsonb), 'null'::jsonb),
           ${DESCRIPTOR_SNAPSHOT}, p.default_preview_background_file_id
    FROM project p WHERE p.id = $1::uuid
    RETURNING id
  ), ${SNAPSHOT_LINKS.join(', ')}
  SELECT id FROM t`

/** POST /data/project-templates/from-project/:project_id: one statement, so all or nothing. */
export async function createTemplateFromProject(ctx: Ctx, project: string, body: { name: string; description?: string | null }): Promise<Row> {
  const projectId = isUuid(project) ? project.toLowerCase() : null
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM project WHERE id = $1::uuid', [projectId])
  if (!rowCount) throw projectNotFound()
  await refuseDuplicateTemplateName(ctx, body.name, null)
  const { rows } = await ctx.pool.query(CREATE_FROM_PROJECT, [projectId, body.name, body.description ?? null])
  const id = rows[0].id as string
  await emitTemplateEvent(ctx, id, 'new')
  return readTemplate(ctx, id)
}
