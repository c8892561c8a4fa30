// routes.md §14: software licences and hardware items per department (the routes are
// admin-only). Malformed ids are 400 `Wrong UUID format.`, unknown ones 404; links are
// get-or-create. Zou emits no event for these links.
import type { Ctx } from '../crud/context.ts'
import { notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'

export interface DepartmentItemKind {
  /** The item table and model (software, hardware item). */
  table: string
  model: string
  /** The department link table and model, and its item column. */
  linkTable: string
  linkModel: string
  column: string
}

export const SOFTWARE: DepartmentItemKind = {
  table: 'software', model: 'Software', linkTable: 'software_department_link', linkModel: 'SoftwareDepartmentLink', column: 'software_id',
}
export const HARDWARE_ITEMS: DepartmentItemKind = {
  table: 'hardware_item', model: 'HardwareItem', linkTable: 'hardware_item_department_link', linkModel: 'HardwareItemDepartmentLink', column: 'hardware_item_id',
}

function uuid(value: string): string {
  if (!isUuid(value)) throw wrongParameter('Wrong UUID format.')
  return value.toLowerCase()
}

/** 404 unless the department (and the item, when given) exist: one query. */
async function requireRows(ctx: Ctx, kind: DepartmentItemKind, departmentId: string, itemId: string | null): Promise<void> {
  const { rows } = await ctx.pool.query(
    `SELECT EXISTS (SELECT 1 FROM department WHERE id = $1::uuid) AS department,
            $2::uuid IS NULL OR EXISTS (SELECT 1 FROM ${kind.table} WHERE id = $2::uuid) AS item`,
    [departmentId, itemId],
  )
  if (!rows[0].department || !rows[0].item) throw notFound()
}

/** Every linked item, grouped by department id. */
export async function listItemsByDepartment(ctx: Ctx, kind: DepartmentItemKind): Promise<Record<string, Row[]>> {
  const { rows } = await ctx.pool.query(
    `SELECT l.department_id AS __department_id, i.* FROM ${kind.table} i
     JOIN ${kind.linkTable} l ON l.${kind.column} = i.id
     ORDER BY i.name COLLATE "C", i.id`,
  )
  const serialize = modelRowSerializer(kind.model)
  const out: Record<string, Row[]> = {}
  for (const row of rows) (out[row.__department_id] ??= []).push(serialize(row))
  return out
}

/**
 * The items of one department. Zou bug: its handler for this route has the wrong signature
 * and always answers 500; Slate answers what its documentation describes (the department's
 * items), after checking both ids.
 */
export async function listDepartmentItems(ctx: Ctx, kind: DepartmentItemKind, departmentId: string, itemId: string): Promise<Row[]> {
  const dep = uuid(departmentId)
  await requireRows(ctx, kind, dep, uuid(itemId))
  const { rows } = await ctx.pool.query(
    `SELECT i.* FROM ${kind.table} i JOIN ${kind.linkTable} l ON l.${kind.column} = i.id
     WHERE l.department_id = $1::uuid ORDER BY i.name COLLATE "C", i.id`,
    [dep],
  )
  return rows.map(modelRowSerializer(kind.model))
}

/** Links the item to the department unless already linked; returns the link row. */
export async function addItemToDepartment(ctx: Ctx, kind: DepartmentItemKind, departmentId: string, itemId: string): Promise<Row> {
  const dep = uuid(departmentId)
  const item = itemId.toLowerCase()
  await requireRows(ctx, kind, dep, item)
  // The second SELECT does not see the row the CTE inserts: one of the two answers.
  const { rows } = await ctx.pool.query(
    `WITH ins AS (
       INSERT INTO ${kind.linkTable} (department_id, ${kind.column}) VALUES ($1::uuid, $2::uuid)
       ON CONFLICT (department_id, ${kind.column}) DO NOTHING RETURNING *
     )
     SELECT * FROM ins
     UNION ALL SELECT * FROM ${kind.linkTable} WHERE department_id = $1::uuid AND ${kind.column} = $2::uuid
     LIMIT 1`,
    [dep, item],
  )
  return modelRowSerializer(kind.linkModel)(rows[0])
}

/** Unlinks the item (no error when it was not linked). */
export async function removeItemFromDepartment(ctx: Ctx, kind: DepartmentItemKind, departmentId: string, itemId: string): Promise<void> {
  const dep = uuid(departmentId)
  const item = uuid(itemId)
  await requireRows(ctx, kind, dep, item)
  await ctx.pool.query(`DELETE FROM ${kind.linkTable} WHERE department_id = $1::uuid AND ${kind.column} = $2::uuid`, [dep, item])
}
