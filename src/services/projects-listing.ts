// routes.md §7: GET /data/projects/open (projects with extra data) and GET /data/projects/all.
// One SQL statement per list: relation ids, metadata descriptors, task type priorities, task
// status links and the first episode are subqueries of the project query.
import type { Ctx } from '../crud/context.ts'
import { serialize } from '../crud/service.ts'
import { selectList } from '../crud/select.ts'
import { notFound } from '../lib/errors.ts'
import type { Row } from '../lib/serialize.ts'
import { PROJECT_MODEL } from './projects-shared.ts'

/** One descriptor as Zou's project listings show it (departments as ids). */
const DESCRIPTOR_JSON = `json_build_object(
  'id', d.id, 'name', d.name, 'field_name', d.field_name, 'data_type', d.data_type, 'choices', d.choices,
  'for_client', coalesce(d.for_client, false), 'entity_type', d.entity_type, 'task_type_id', d.task_type_id,
  'position', d.position,
  'departments', ARRAY(SELECT dl.department_id FROM department_metadata_descriptor_link dl WHERE dl.metadata_descriptor_id = d.id)
) ORDER BY d.position, d.name, d.id`

const descriptorsOf = (where: string) =>
  `(SELECT coalesce(json_agg(${DESCRIPTOR_JSON}), '[]'::json) FROM metadata_descriptor d WHERE d.project_id = t.id AND ${where})`

/**
 * Descriptors a caller may see on a project (routes.md §7): clients only `for_client` ones,
 * vendors those with no department or one of theirs. $2: projects where the caller is a
 * client, $3: where a vendor, $4: the caller's departments.
 */
const VISIBLE_DESCRIPTOR = `(d.for_client IS TRUE OR NOT (t.id = ANY($2::uuid[])))
  AND (NOT (t.id = ANY($3::uuid[]))
       OR NOT EXISTS (SELECT 1 FROM department_metadata_descriptor_link dl WHERE dl.metadata_descriptor_id = d.id)
       OR EXISTS (SELECT 1 FROM department_metadata_descriptor_link dl
                  WHERE dl.metadata_descriptor_id = d.id AND dl.department_id = ANY($4::uuid[])))`

const EXTRA_DATA = `
  ${descriptorsOf(VISIBLE_DESCRIPTOR)} AS __descriptors,
  (SELECT coalesce(json_object_agg(l.task_type_id, l.priority), '{}'::json)
     FROM project_task_type_link l WHERE l.project_id = t.id) AS __task_types_priority,
  (SELECT coalesce(json_object_agg(l.task_status_id,
            json_build_object('priority', l.priority, 'roles_for_board', coalesce(l.roles_for_board, '{}'))), '{}'::json)
     FROM project_task_status_link l WHERE l.project_id = t.id) AS __task_statuses_link,
  CASE WHEN t.production_type = 'tvshow' THEN
    (SELECT e.id FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
      WHERE e.project_id = t.id AND et.name = 'Episode'
      ORDER BY (e.status = 'running') DESC, e.name, e.id LIMIT 1)
  END AS __first_episode_id`

/** Zou: admins see every project whose status is one of these; others the "Open" ones of their teams. */
const ADMIN_OPEN_STATUSES = ['Active', 'open', 'Open']

/** Per-project effective roles of the caller that narrow descriptors (clients, vendors). */
async function narrowedProjects(ctx: Ctx): Promise<{ clients: string[]; vendors: string[] }> {
  const clients: string[] = []
  const vendors: string[] = []
  if (ctx.isAdmin) return { clients, vendors }
  for (const id of (await ctx.memberships()).keys()) {
    const role = await ctx.projectRole(id)
    if (role === 'client') clients.push(id)
    else if (role === 'vendor') vendors.push(id)
  }
  return { clients, vendors }
}

/** GET /data/projects/open: open projects (with relations and extra data), by name. */
export async function listOpenProjects(ctx: Ctx, name: string | undefined): Promise<Row[]> {
  const { clients, vendors } = await narrowedProjects(ctx)
  const scope = ctx.isAdmin
    ? `s.name = ANY($1::text[])`
    : `s.name = 'Open' AND t.id = ANY($1::uuid[])`
  const first = ctx.isAdmin ? ADMIN_OPEN_STATUSES : [...(await ctx.memberships()).keys()]
  const params: unknown[] = [first, clients, vendors, await ctx.departments()]
  const byName = name !== undefined ? `AND t.name = $${params.push(name)}` : ''
  const { rows } = await ctx.pool.query(
    `SELECT ${selectList(PROJECT_MODEL, true).text}, ${EXTRA_DATA}
     FROM project t JOIN project_status s ON s.id = t.project_status_id
     WHERE ${scope} ${byName}
     ORDER BY t.name, t.id`,
    params,
  )
  return rows.map((row) => {
    const out = serialize(ctx, PROJECT_MODEL, row, true, 'list')
    out.descriptors = row.__descriptors
    out.task_types_priority = row.__task_types_priority
    out.task_statuses_link = row.__task_statuses_link
    if (row.__first_episode_id) out.first_episode_id = row.__first_episode_id
    return out
  })
}

/**
 * GET /data/projects/all. Admins: every project with its status name and Project-level
 * descriptors, or the one matching `name` (case-insensitive). Others: the projects of their
 * teams, any status, plain. Zou bug: a non-admin `name` lookup crashes in Zou (500); Slate
 * answers like the admin one, within the caller's projects.
 */
export async function listAllProjects(ctx: Ctx, name: string | undefined): Promise<Row[]> {
  const params: unknown[] = []
  const where: string[] = []
  if (!ctx.isAdmin) where.push(`t.id = ANY($${params.push([...(await ctx.memberships()).keys()])}::uuid[])`)
  if (name !== undefined) where.push(`t.name ILIKE $${params.push(name)}`)
  const withExtra = ctx.isAdmin && name === undefined
  const { rows } = await ctx.pool.query(
    `SELECT ${selectList(PROJECT_MODEL, false).text}, s.name AS __project_status_name
       ${withExtra ? `, ${descriptorsOf(`d.entity_type = 'Project'`)} AS __descriptors` : ''}
     FROM project t JOIN project_status s ON s.id = t.project_status_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY t.name, t.id ${name !== undefined ? 'LIMIT 1' : ''}`,
    params,
  )
  if (name !== undefined && !rows.length) throw notFound()
  return rows.map((row) => {
    const out = PROJECT_MODEL.serializer(row)
    if (withExtra) {
      out.project_status_name = row.__project_status_name
      out.descriptors = row.__descriptors
    }
    return out
  })
}
