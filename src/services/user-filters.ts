// routes.md §23: saved search filters and filter groups. The caller sees their own and the
// shared ones, in open projects or without project, department-restricted ones only as a
// manager or a member of that department; each listing is one statement, grouped here as
// { list_type: { project_id | "all": [rows] } }. Sharing is a per-project manager privilege:
// a sharing request without it is silently turned off (Zou).
//
// Slate: shared filters of other people are listed only for projects whose team the caller
// is on (admins: all). Zou lists every open project's shared filters to everyone; Kitsu only
// shows a project's filters inside that project, which needs team membership anyway.
import type { Ctx } from '../crud/context.ts'
import { raw, sql } from '../crud/select.ts'
import { AppError, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'
import { openProject, rows } from './user-shared.ts'

const filterRow = modelRowSerializer('SearchFilter')
const groupRow = modelRowSerializer('SearchFilterGroup')

export type Grouped = Record<string, Record<string, Row[]>>

export interface FilterCreate {
  name: string
  query: string
  list_type?: string
  project_id?: string | null
  entity_type?: string | null
  is_shared?: boolean | null
  search_filter_group_id?: string | null
  department_id?: string | null
}

export interface FilterUpdate {
  name?: string | null
  search_query?: string | null
  search_filter_group_id?: string | null
  is_shared?: boolean | null
  project_id?: string | null
  department_id?: string | null
}

export interface GroupCreate {
  name: string
  color?: string | null
  list_type?: string
  project_id?: string | null
  is_shared?: boolean | null
  entity_type?: string | null
  department_id?: string | null
}

export type GroupUpdate = Partial<Record<'name' | 'color' | 'project_id' | 'department_id', string | null>> & { is_shared?: boolean | null }

const SAME_SHARING = 'A search filter should have the same value for is_shared than its search filter group.'

/** A Pydantic-style refusal of a body id that is not a UUID (Zou: a 500 from the database). */
function checkIds(body: object, keys: string[]): void {
  for (const key of keys) {
    const v = (body as Record<string, unknown>)[key]
    if (v !== undefined && v !== null && !isUuid(v)) {
      throw new AppError(400, { error: true, message: 'Validation error.', data: { errors: [{ field: key, message: 'Input should be a valid UUID' }] } })
    }
  }
}

const isManager = (ctx: Ctx) => ctx.isAdmin || ctx.actor.role === 'manager'

/** Visibility of rows of `table` (alias f) for the caller: `__visible` is the department rule. */
async function visibleRows(ctx: Ctx, table: 'search_filter' | 'search_filter_group', order: 'ASC' | 'DESC'): Promise<Row[]> {
  const teams = [...(await ctx.memberships()).keys()]
  return rows(ctx, sql`
    SELECT f.*, (f.department_id IS NULL OR ${isManager(ctx)}::boolean OR f.department_id = ANY(${await ctx.departments()}::uuid[])) AS __visible
    FROM ${raw(table)} f LEFT JOIN project p ON p.id = f.project_id
    WHERE (f.person_id = ${ctx.actor.id}::uuid OR (f.is_shared AND (${ctx.isAdmin}::boolean OR f.project_id = ANY(${teams}::uuid[]))))
      AND (f.project_id IS NULL OR ${openProject('p')})
    ORDER BY f.created_at ${raw(order)}, f.id`)
}

function group(found: Row[], serialize: (r: Row) => Row, keyFirst: boolean): Grouped {
  const out: Grouped = {}
  for (const r of found) {
    const listType = r.list_type as string
    // Zou (groups): the list type key appears before the department rule is applied.
    if (keyFirst) out[listType] ??= {}
    if (!r.__visible) continue
    const byProject = (out[listType] ??= {})
    ;(byProject[(r.project_id as string | null) ?? 'all'] ??= []).push(serialize(r))
  }
  return out
}

export const listFilters = async (ctx: Ctx): Promise<Grouped> => group(await visibleRows(ctx, 'search_filter', 'ASC'), filterRow, false)
export const listFilterGroups = async (ctx: Ctx): Promise<Grouped> => group(await visibleRows(ctx, 'search_filter_group', 'DESC'), groupRow, true)

/** MPA on the project without throwing: a filter without project cannot be shared. */
async function canShare(ctx: Ctx, projectId: string | null | undefined): Promise<boolean> {
  if (!projectId) return false
  return ctx.isAdmin || (await ctx.projectRole(projectId)) === 'manager'
}

/** The referenced rows, read in one statement: 404 for a missing project, group or department. */
async function references(ctx: Ctx, ids: { project?: string | null; group?: string | null; department?: string | null }) {
  const [r] = await rows(ctx, sql`SELECT
      (SELECT g.is_shared FROM search_filter_group g WHERE g.id = ${ids.group ?? null}::uuid) AS group_shared,
      ${!ids.department}::boolean OR EXISTS (SELECT 1 FROM department d WHERE d.id = ${ids.department ?? null}::uuid) AS department_ok,
      ${!ids.project}::boolean OR EXISTS (SELECT 1 FROM project p WHERE p.id = ${ids.project ?? null}::uuid) AS project_ok`)
  if (!r.project_ok || !r.department_ok || (ids.group && r.group_shared === null)) throw notFound()
  return { groupShared: r.group_shared as boolean | null }
}

/** POST /data/user/filters. */
export async function createFilter(ctx: Ctx, body: FilterCreate): Promise<Row> {
  checkIds(body, ['project_id', 'search_filter_group_id', 'department_id'])
  let isShared = body.is_shared ?? false
  if (!(await canShare(ctx, body.project_id))) isShared = false
  const { groupShared } = await references(ctx, { project: body.project_id, group: body.search_filter_group_id, department: body.department_id })
  if (body.search_filter_group_id && isShared !== groupShared) throw wrongParameter(SAME_SHARING)
  const row = await ctx.db.searchFilter.create({
    data: {
      list_type: body.list_type ?? 'todo', name: body.name, search_query: body.query, project_id: body.project_id ?? null,
      person_id: ctx.actor.id, entity_type: body.entity_type ?? null, is_shared: isShared,
      search_filter_group_id: body.search_filter_group_id ?? null, department_id: body.department_id ?? null,
    },
  })
  return filterRow(row)
}

/** The caller's row of that table, or anyone's for an admin; 404 otherwise. */
async function ownRow(ctx: Ctx, table: 'search_filter' | 'search_filter_group', id: string): Promise<Row> {
  if (!isUuid(id)) throw notFound()
  const [row] = await rows(ctx, sql`SELECT * FROM ${raw(table)} WHERE id = ${id}::uuid AND (person_id = ${ctx.actor.id}::uuid OR ${ctx.isAdmin}::boolean)`)
  if (!row) throw notFound()
  return row
}

/** Keys given with a value (Zou's clear_empty_fields), plus the nullable ones given as null. */
function given<T extends object>(body: T, keys: ReadonlyArray<keyof T>, nullable: ReadonlyArray<keyof T> = []): Partial<T> {
  const out: Partial<T> = {}
  for (const key of keys) {
    if (body[key] !== undefined && (body[key] !== null || nullable.includes(key))) out[key] = body[key]
  }
  return out
}

/** Sharing changes without MPA on the (new, else stored) project become `is_shared: false`. */
async function denySharing(ctx: Ctx, data: { is_shared?: boolean | null; project_id?: string | null }, row: Row): Promise<void> {
  if (data.is_shared != null && data.is_shared !== row.is_shared
    && !(await canShare(ctx, data.project_id ?? (row.project_id as string | null)))) data.is_shared = false
}

/** PUT /data/user/filters/:filter_id. */
export async function updateFilter(ctx: Ctx, id: string, body: FilterUpdate): Promise<Row> {
  const row = await ownRow(ctx, 'search_filter', id)
  const data = given(body, ['name', 'search_query', 'search_filter_group_id', 'is_shared', 'project_id', 'department_id'], ['search_filter_group_id'])
  checkIds(data, ['project_id', 'search_filter_group_id', 'department_id'])
  await denySharing(ctx, data, row)
  const groupId = 'search_filter_group_id' in data ? data.search_filter_group_id : (row.search_filter_group_id as string | null)
  const { groupShared } = await references(ctx, { project: data.project_id, group: groupId, department: data.department_id })
  if (groupId && (data.is_shared ?? row.is_shared) !== groupShared) throw wrongParameter(SAME_SHARING)
  const updated = await ctx.db.searchFilter.update({ where: { id }, data: data as Record<string, unknown> })
  return filterRow(updated)
}

/** DELETE /data/user/filters/:filter_id. */
export async function deleteFilter(ctx: Ctx, id: string): Promise<void> {
  await ownRow(ctx, 'search_filter', id)
  await ctx.db.searchFilter.delete({ where: { id } })
}

/** POST /data/user/filter-groups. */
export async function createFilterGroup(ctx: Ctx, body: GroupCreate): Promise<Row> {
  checkIds(body, ['project_id', 'department_id'])
  let isShared = body.is_shared ?? false
  if (!(await canShare(ctx, body.project_id))) isShared = false
  await references(ctx, { project: body.project_id, department: body.department_id })
  const row = await ctx.db.searchFilterGroup.create({
    data: {
      list_type: body.list_type ?? 'todo', name: body.name, color: body.color ?? '', project_id: body.project_id ?? null,
      person_id: ctx.actor.id, entity_type: body.entity_type ?? null, is_shared: isShared, department_id: body.department_id ?? null,
    },
  })
  return groupRow(row)
}

/** GET /data/user/filter-groups/:filter_group_id. */
export async function getFilterGroup(ctx: Ctx, id: string): Promise<Row> {
  return groupRow(await ownRow(ctx, 'search_filter_group', id))
}

/** PUT /data/user/filter-groups/:filter_group_id: the group's filters follow its sharing. */
export async function updateFilterGroup(ctx: Ctx, id: string, body: GroupUpdate): Promise<Row> {
  const row = await ownRow(ctx, 'search_filter_group', id)
  const data = given(body, ['name', 'color', 'is_shared', 'project_id', 'department_id'])
  checkIds(data, ['project_id', 'department_id'])
  await denySharing(ctx, data, row)
  await references(ctx, { project: data.project_id, department: data.department_id })
  const [updated] = await ctx.db.$transaction(async (tx) => {
    const g = await tx.searchFilterGroup.update({ where: { id }, data: data as Record<string, unknown> })
    if (data.is_shared != null) await tx.searchFilter.updateMany({ where: { search_filter_group_id: id }, data: { is_shared: g.is_shared } })
    return [g]
  })
  return groupRow(updated)
}

/** DELETE /data/user/filter-groups/:filter_group_id: its filters go with it. */
export async function deleteFilterGroup(ctx: Ctx, id: string): Promise<void> {
  await ownRow(ctx, 'search_filter_group', id)
  await ctx.db.$transaction([
    ctx.db.searchFilter.deleteMany({ where: { search_filter_group_id: id } }),
    ctx.db.searchFilterGroup.delete({ where: { id } }),
  ])
}
