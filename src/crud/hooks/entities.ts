// crud.md §11.7: one table holds every kind of entity; the API names the kind in `type` and
// in event names, merges `data` on update, keeps (name, type, parent) unique per project,
// records shot history, and cleans casting up on delete.
import { wrongParameter } from '../../lib/errors.ts'
import type { Row } from '../../lib/serialize.ts'
import type { Ctx } from '../context.ts'
import type { Hooks } from '../model.ts'
import { both, pa, rule } from '../rules.ts'
import { assignedOnEntities } from '../row-rules.ts'

export const TEMPORAL = ['Shot', 'Sequence', 'Edit', 'Episode', 'Scene', 'Concept'] as const

/** Zou's rule: a temporal type name is the kind; every other entity type is an asset type. */
export function entityKind(typeName: unknown): string {
  return TEMPORAL.includes(typeName as never) ? (typeName as string) : 'Asset'
}

/** Every read of an entity selects its type's name (a subquery of the same statement). */
export const ENTITY_SELECT = { __entity_type_name: '(SELECT et.name FROM entity_type et WHERE et.id = t.entity_type_id)' }

const kindOf = (row: Row) => entityKind(row.__entity_type_name)

/** Vendors see an entity only with a task assigned on it. */
const vendorOnEntity = rule('EA', async (ctx, t) => {
  const row = t.row ?? {}
  if ((await ctx.projectRole(row.project_id as string)) !== 'vendor') return true
  return assignedOnEntities(ctx, [row.id])
})

export const entityRead = both(pa(), vendorOnEntity)

/**
 * The "metadata rule": admins; team managers or the entity's creator; team supervisors
 * only for a `data`-only change whose keys are descriptors of one of their departments.
 */
export const entityUpdate = rule('entity update', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const row = t.row ?? {}
  const body = t.body ?? {}
  const role = await ctx.projectRole(row.project_id as string)
  if (!role) return false
  if (role === 'manager' || row.created_by === ctx.actor.id) return true
  if (role !== 'supervisor') return false
  const keys = Object.keys(body)
  if (keys.length !== 1 || keys[0] !== 'data' || !body.data || typeof body.data !== 'object') return false
  const mine = await ctx.departments()
  if (!mine.length) return true
  const fields = Object.keys(body.data as Row)
  const { rows } = await ctx.pool.query(
    `SELECT DISTINCT d.field_name FROM metadata_descriptor d
     JOIN department_metadata_descriptor_link l ON l.metadata_descriptor_id = d.id
     WHERE d.project_id = $1 AND d.entity_type = $2 AND l.department_id = ANY($3::uuid[]) AND d.field_name = ANY($4::text[])`,
    [row.project_id, kindOf(row), mine, fields],
  )
  return rows.length === fields.length
})

async function checkUnique(ctx: Ctx, before: Row, data: Row) {
  const next = { ...before, ...data }
  const parent = next.parent_id === '' || next.parent_id === 'null' ? null : (next.parent_id as string | null)
  const clash = await ctx.db.entity.findFirst({
    where: { project_id: next.project_id as string, name: next.name as string, entity_type_id: next.entity_type_id as string, parent_id: parent, NOT: { id: before.id as string } },
    select: { id: true },
  })
  if (clash) {
    throw wrongParameter(
      `An entity with name '${next.name}', project_id '${next.project_id}', entity_type_id '${next.entity_type_id}', and parent_id '${parent}' already exists. The combination of these fields must be unique.`,
    )
  }
}

const SHOT_HISTORY_MS = 60_000

export const entityHooks: Hooks = {
  beforeCreate(ctx, data) {
    data.created_by = ctx.actor.id
  },
  async beforeUpdate(ctx, before, data, body) {
    if (body.source_id === 'null') data.source_id = null
    if (data.data && typeof data.data === 'object' && !Array.isArray(data.data) && before.data && typeof before.data === 'object') {
      data.data = { ...(before.data as Row), ...(data.data as Row) }
    }
    if (['name', 'entity_type_id', 'parent_id'].some((k) => k in data && data[k] !== before[k])) await checkUnique(ctx, before, data)
  },
  async afterUpdate(ctx, tx, row, before) {
    if (kindOf(before) !== 'Shot') return
    const frameKeys = ['frame_in', 'frame_out', 'fps']
    const oldData = (before.data ?? {}) as Row
    const newData = (row.data ?? {}) as Row
    const changed = row.name !== before.name || row.nb_frames !== before.nb_frames || frameKeys.some((k) => oldData[k] !== newData[k])
    const age = Date.now() - ((before.updated_at as Date | null)?.getTime() ?? 0)
    if (!changed || age <= SHOT_HISTORY_MS) return
    const db = tx as { entityVersion: { create: (a: unknown) => Promise<unknown> } }
    await db.entityVersion.create({ data: { entity_id: before.id, name: before.name, data: before.data ?? undefined, person_id: ctx.actor.id } })
  },
  async beforeDelete(_ctx, tx, row) {
    const db = tx as Record<string, { deleteMany: (a: unknown) => Promise<unknown> }>
    const id = row.id as string
    await db.entityLink.deleteMany({ where: { OR: [{ entity_in_id: id }, { entity_out_id: id }] } })
    await db.entityConceptLink.deleteMany({ where: { OR: [{ entity_in_id: id }, { entity_out_id: id }] } })
    await db.assetInstanceLink.deleteMany({ where: { entity_id: id } })
    if (kindOf(row) === 'Sequence') await db.subscription.deleteMany({ where: { entity_id: id } })
  },
  serialize(_ctx, out, row) {
    out.type = kindOf(row)
    return out
  },
}

export const entityEventPrefix = (row: Row) => kindOf(row).toLowerCase()
