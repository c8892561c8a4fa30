// routes.md §25: a template's asset types, status automations and preview backgrounds —
// plain link rows (no priority) — and its default background.
import type { Ctx } from '../crud/context.ts'
import { badRequest } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, type Row } from '../lib/serialize.ts'
import {
  bodyId, emitTemplateEvent, readTemplate, requireTargetAndTemplate, requireTemplate, templateId, templateNotFound, type Target,
} from './project-templates.ts'

export interface SetLinkKind extends Target {
  linkTable: string
  column: string
  /** How Zou answers a linked row. */
  present: (row: Row) => Row
  orderBy: string
}

export const ASSET_TYPES: SetLinkKind = {
  table: 'entity_type', label: 'Asset type', linkTable: 'project_template_asset_type_link', column: 'asset_type_id',
  present: (r) => ({ id: r.id, name: r.name }),
  orderBy: 'x.name COLLATE "C", x.id',
}
export const STATUS_AUTOMATIONS: SetLinkKind = {
  table: 'status_automation', label: 'Status automation', linkTable: 'project_template_status_automation_link', column: 'status_automation_id',
  present: (r) => modelRowSerializer('StatusAutomation')(r),
  orderBy: 'x.created_at, x.id',
}
export const BACKGROUNDS: SetLinkKind = {
  table: 'preview_background_file', label: 'Preview background file',
  linkTable: 'project_template_preview_background_file_link', column: 'preview_background_file_id',
  present: (r) => ({ id: r.id, name: r.name, is_default: !!r.is_default }),
  orderBy: 'x.name COLLATE "C", x.id',
}

export async function listSetLinks(ctx: Ctx, kind: SetLinkKind, template: string): Promise<Row[]> {
  const { rows } = await ctx.pool.query(
    `SELECT x.* FROM project_template pt
     LEFT JOIN (${kind.linkTable} l JOIN ${kind.table} x ON x.id = l.${kind.column}) ON l.project_template_id = pt.id
     WHERE pt.id = $1::uuid
     ORDER BY ${kind.orderBy}`,
    [templateId(template)],
  )
  if (!rows.length) throw templateNotFound()
  return rows.filter((r) => r.id !== null).map(kind.present)
}

/** Links the row (once); answers the linked row. */
export async function addSetLink(ctx: Ctx, kind: SetLinkKind, template: string, targetId: unknown): Promise<Row> {
  const id = bodyId(kind.column, targetId)
  const tid = await requireTargetAndTemplate(ctx, kind, id, template)
  const { rows } = await ctx.pool.query(
    `WITH ins AS (
       INSERT INTO ${kind.linkTable} (project_template_id, ${kind.column}) VALUES ($1::uuid, $2::uuid) ON CONFLICT DO NOTHING
     )
     SELECT * FROM ${kind.table} WHERE id = $2::uuid`,
    [tid, id],
  )
  await emitTemplateEvent(ctx, tid)
  return kind.present(rows[0])
}

/** Unlinks the row (no error when absent); a removed background is no longer the default. */
export async function removeSetLink(ctx: Ctx, kind: SetLinkKind, template: string, targetId: string): Promise<void> {
  const tid = await requireTemplate(ctx, template)
  const id = bodyId(kind.column, targetId)
  const unlink = `DELETE FROM ${kind.linkTable} WHERE project_template_id = $1::uuid AND ${kind.column} = $2::uuid`
  await ctx.pool.query(
    kind === BACKGROUNDS
      ? `WITH d AS (${unlink})
         UPDATE project_template SET default_preview_background_file_id = NULL, updated_at = (now() AT TIME ZONE 'UTC')
         WHERE id = $1::uuid AND default_preview_background_file_id = $2::uuid`
      : unlink,
    [tid, id],
  )
  await emitTemplateEvent(ctx, tid)
}

/** Sets (or, with null, clears) the template's default background: one of its backgrounds. */
export async function setDefaultBackground(ctx: Ctx, template: string, body: unknown): Promise<Row> {
  if (body !== null && body !== undefined && (typeof body !== 'object' || Array.isArray(body))) {
    throw badRequest('The body must be a JSON object.')
  }
  const value = ((body ?? {}) as Row).default_preview_background_file_id ?? null
  const tid = await requireTemplate(ctx, template)
  const notLinked = () => badRequest('Preview background file is not linked to this template')
  if (value !== null && !isUuid(value)) throw notLinked()
  const id = value === null ? null : value.toLowerCase()
  const { rowCount } = await ctx.pool.query(
    `UPDATE project_template t SET default_preview_background_file_id = $2::uuid, updated_at = (now() AT TIME ZONE 'UTC')
     WHERE t.id = $1::uuid AND ($2::uuid IS NULL OR EXISTS (
       SELECT 1 FROM project_template_preview_background_file_link l WHERE l.project_template_id = t.id AND l.preview_background_file_id = $2::uuid))`,
    [tid, id],
  )
  if (!rowCount) throw notLinked()
  await emitTemplateEvent(ctx, tid)
  return readTemplate(ctx, tid)
}
