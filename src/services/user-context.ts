// GET /data/user/context (routes.md §23): everything Kitsu and the desktop tools load first.
// A fixed number of statements whatever the studio's size: one "catalog" statement builds
// every studio-wide list as JSON in PostgreSQL (wire formats included), then the caller's
// open projects (with extra data), filters and filter groups. The caller's per-project roles
// come with the caller (ctx.memberships): no query.
import type { Ctx } from '../crud/context.ts'
import { TEMPORAL } from '../crud/hooks/entities.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { wireColumnsSql } from '../crud/wire-sql.ts'
import { raw, sql, type Sql } from '../crud/select.ts'
import type { Row } from '../lib/serialize.ts'
import { prepared } from '../db/client.ts'
import { MINIMAL_PERSON_FIELDS, PERSON_SECRETS } from './persons.ts'
import { listOpenProjects } from './projects-listing.ts'
import { listFilterGroups, listFilters } from './user-filters.ts'
import { UNREAD_COUNT } from './user-notifications.ts'

interface JsonList {
  model: string
  /** The serialized `type` (default: the model name). */
  type?: string
  where?: string
  /** ORDER BY over the output columns (alias x). */
  order: string
  hidden?: ReadonlySet<string>
  /** Only these output keys, in this order (computed ones included). */
  only?: readonly string[]
  /** Computed output columns: key → SQL expression over the row (alias t). */
  computed?: Record<string, string>
}

/** A JSON array of a table's rows in wire format, as one SQL expression. */
function jsonList(spec: JsonList): string {
  const meta = modelMetaOf(spec.model)
  const columns = new Map(wireColumnsSql(spec.model, 't', spec.hidden))
  columns.set('type', `'${spec.type ?? spec.model}'::text`)
  for (const [key, expr] of Object.entries(spec.computed ?? {})) columns.set(key, expr)
  const keys = spec.only ?? [...columns.keys()]
  const select = keys.map((k) => `${columns.get(k)} AS "${k}"`).join(', ')
  return `(SELECT coalesce(json_agg(x ORDER BY ${spec.order}), '[]'::json)
    FROM (SELECT ${select} FROM "${meta.table}" t ${spec.where ? `WHERE ${spec.where}` : ''}) x)`
}

const idsOf = (table: string, self: string, other: string) =>
  `ARRAY(SELECT l.${other} FROM ${table} l WHERE l.${self} = t.id ORDER BY l.${other})`

const PERSON_COMPUTED = {
  full_name: `concat_ws(' ', nullif(t.first_name, ''), nullif(t.last_name, ''))`,
  departments: idsOf('department_link', 'person_id', 'department_id'),
}

/** The studio-wide lists (persons in the shape the caller may see) and the unread count. */
function catalog(ctx: Ctx, managerView: boolean): Sql {
  const byName = 'x.name, x.id'
  const lists: Record<string, string> = {
    asset_types: jsonList({
      model: 'EntityType', type: 'AssetType', order: byName,
      where: `t.name <> ALL(ARRAY[${TEMPORAL.map((n) => `'${n}'`).join(', ')}])`,
      computed: { task_types: idsOf('task_type_asset_type_link', 'asset_type_id', 'task_type_id') },
    }),
    custom_actions: jsonList({ model: 'CustomAction', order: byName }),
    status_automations: jsonList({ model: 'StatusAutomation', order: 'x.created_at, x.id' }),
    departments: jsonList({ model: 'Department', order: byName }),
    studios: jsonList({ model: 'Studio', order: byName }),
    persons: jsonList({
      model: 'Person', where: 't.is_guest IS NOT TRUE', order: 'x.first_name, x.last_name, x.id',
      hidden: PERSON_SECRETS, computed: PERSON_COMPUTED, only: managerView ? undefined : MINIMAL_PERSON_FIELDS,
    }),
    project_status: jsonList({ model: 'ProjectStatus', order: byName }),
    task_types: jsonList({ model: 'TaskType', order: 'x.priority, x.name, x.id' }),
    task_status: jsonList({ model: 'TaskStatus', order: 'x.priority, x.name, x.id' }),
    preview_background_files: jsonList({ model: 'PreviewBackgroundFile', order: byName }),
    plugins: jsonList({ model: 'Plugin', order: byName }),
  }
  const columns = Object.entries(lists).map(([key, expr]) => `${expr} AS "${key}"`).join(',\n')
  return sql`SELECT ${UNREAD_COUNT(ctx)} AS notification_count, ${raw(columns)}`
}

/** Project id → the per-project role set on the caller's team links (Zou: only where set). */
function projectRoles(ctx: Ctx): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [projectId, role] of ctx.actor.teams) if (role) out[projectId] = role
  return out
}

export async function userContext(ctx: Ctx): Promise<Row> {
  const managerView = ctx.isAdmin || ctx.actor.role === 'manager'
  const q = catalog(ctx, managerView)
  const [lists] = (await ctx.pool.query(prepared(q.text, q.values))).rows
  const projects = await listOpenProjects(ctx, undefined)
  const searchFilters = await listFilters(ctx)
  const searchFilterGroups = await listFilterGroups(ctx)
  const context: Row = {
    asset_types: lists.asset_types,
    custom_actions: lists.custom_actions,
    status_automations: lists.status_automations,
    departments: lists.departments,
    studios: lists.studios,
    notification_count: lists.notification_count,
    persons: lists.persons,
    project_status: lists.project_status,
    project_roles: projectRoles(ctx),
    projects,
    task_types: lists.task_types,
    task_status: lists.task_status,
    search_filters: searchFilters,
    search_filter_groups: searchFilterGroups,
    preview_background_files: lists.preview_background_files,
    plugins: lists.plugins,
  }
  if (ctx.isAdmin) context.user_limit = ctx.config.userLimit
  return context
}
