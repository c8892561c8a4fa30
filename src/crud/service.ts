// The generic CRUD service: every /data/<route> call goes through these five functions, which
// run a model's rules and hooks in a fixed order (STYLE §3): access → scope/filters → input
// → write (in a transaction when links or hooks write too) → after-commit events → serialize.
// Reads and single-statement writes are SQL on the pg pool (select.ts explains why); writes
// with link rows or hook work run in a Prisma transaction.
import { AppError, forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from './context.ts'
import type { CrudModel, LinkChanges, Op, PendingEvent } from './model.ts'
import { parseListQuery } from './query.ts'
import { countRows, relationIds, selectById, selectRows, type Sql } from './select.ts'
import { insertRow, updateRowById } from './write-sql.ts'
import { checkRequired, parseWriteBody, requireObjectBody, type WriteInput } from './input.ts'
import type { Target } from './rules.ts'

export interface Paginated {
  data: Row[]
  total: number
  nb_pages: number
  limit: number
  offset: number
  page: number
}

// Prisma delegates are addressed by model name here, which TypeScript cannot type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Delegate = any
const delegate = (db: unknown, model: CrudModel | string): Delegate =>
  (db as Record<string, Delegate>)[typeof model === 'string' ? model[0].toLowerCase() + model.slice(1) : model.meta.delegate]

async function check(ctx: Ctx, m: CrudModel, op: keyof CrudModel['access'], target: Target): Promise<void> {
  if (!(await m.access[op].check(ctx, target))) throw forbidden()
}

export function serialize(ctx: Ctx, m: CrudModel, row: Row, relations: boolean, op: Op = 'get'): Row {
  const out = m.serializer(row)
  if (relations) {
    for (const key of Object.keys(m.relations)) out[key] = relationIds(row, key)
  }
  return m.hooks.serialize ? m.hooks.serialize(ctx, out, row, op) : out
}

function pickFields(rows: Row[], fields: string[] | null): Row[] {
  if (!fields) return rows
  const keep = new Set(['id', 'type', ...fields])
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => keep.has(k))))
}

export async function listRows(ctx: Ctx, m: CrudModel, rawQuery: Record<string, string>): Promise<Row[] | Paginated> {
  const query = { ...rawQuery }
  await check(ctx, m, 'list', { query })
  if (m.hooks.list) return m.hooks.list(ctx, query)
  const extra = m.hooks.listFilters ? await m.hooks.listFilters(ctx, query) : null
  const q = parseListQuery(m, query, m.filterable?.(ctx) ?? null, ctx.config.nbRecordsPerPage)
  const scope = !ctx.isAdmin && m.scope ? await m.scope(ctx) : null
  const where = [...q.where, extra, scope].filter((w): w is Sql => !!w)
  if (q.page === null) {
    const rows = await selectRows(ctx, m, { where, relations: q.relations, limit: m.unpaginatedLimit })
    return pickFields(rows.map((r) => serialize(ctx, m, r, q.relations, 'list')), q.fields)
  }
  const offset = (q.page - 1) * q.limit
  const rows = offset < 0 ? [] : await selectRows(ctx, m, { where, relations: q.relations, page: { limit: q.limit, offset } })
  const total = await countRows(ctx, m, where, (rows[0]?.__v as string | undefined) ?? null)
  return {
    data: pickFields(rows.map((r) => serialize(ctx, m, r, q.relations, 'list')), q.fields),
    total,
    nb_pages: Math.ceil(total / q.limit),
    limit: q.limit,
    offset,
    page: q.page,
  }
}

function requireId(id: string): string {
  if (!isUuid(id)) throw wrongParameter('Malformed ID.')
  return id.toLowerCase()
}

async function findRow(ctx: Ctx, m: CrudModel, id: string, relations: boolean): Promise<Row> {
  const row = await selectById(ctx, m, requireId(id), relations)
  if (!row) throw notFound()
  return row
}

/** The row an update or delete targets; a model's own 404 body covers malformed ids too. */
async function findWriteTarget(ctx: Ctx, m: CrudModel, id: string): Promise<Row> {
  if (!m.writeNotFound) return findRow(ctx, m, id, false)
  const row = isUuid(id) ? await selectById(ctx, m, id.toLowerCase(), false) : null
  if (!row) throw new AppError(404, m.writeNotFound)
  return row
}

/** Zou loads these rows through a service whose lookup answers 404 for any bad id (crud.md §4). */
const GET_MALFORMED_ID_404 = new Set(['output-files', 'output-types', 'softwares', 'working-files', 'comments'])

export async function getRow(ctx: Ctx, m: CrudModel, id: string, query: Record<string, string>): Promise<Row> {
  if (!isUuid(id) && GET_MALFORMED_ID_404.has(m.route)) throw notFound()
  const relations = m.responses.get === 'query' ? (query.relations ?? 'true').toLowerCase() === 'true' : m.responses.get === 'relations'
  const row = await findRow(ctx, m, id, relations)
  await check(ctx, m, 'read', { row, query })
  const out = serialize(ctx, m, row, relations)
  return m.hooks.respond ? m.hooks.respond(ctx, 'get', out, query) : out
}

/** Drops ids that match no row of the relation's target (Zou ignores them silently). */
async function existingIds(tx: unknown, target: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return []
  const found: Row[] = await delegate(tx, target).findMany({ where: { id: { in: ids } }, select: { id: true } })
  const known = new Set(found.map((r) => r.id))
  return ids.filter((id) => known.has(id))
}

/** Makes each relation hold exactly the given ids; returns what was added and removed. */
async function writeLinks(tx: unknown, m: CrudModel, id: string, links: WriteInput['links']): Promise<LinkChanges> {
  const changes: LinkChanges = {}
  for (const [key, ids] of Object.entries(links)) {
    const r = m.relations[key]
    const link = delegate(tx, r.link)
    const [current, valid]: [Row[], string[]] = await Promise.all([
      link.findMany({ where: { [r.self]: id }, select: { [r.other]: true } }),
      existingIds(tx, r.target!, ids),
    ])
    const had = current.map((l) => l[r.other] as string)
    const added = valid.filter((other) => !had.includes(other))
    const removed = had.filter((other) => !valid.includes(other))
    if (removed.length) await link.deleteMany({ where: { [r.self]: id, [r.other]: { in: removed } } })
    if (added.length) await link.createMany({ data: added.map((other) => ({ [r.self]: id, [r.other]: other })), skipDuplicates: true })
    changes[key] = { added, removed }
  }
  return changes
}

/** A write is one SQL statement unless it has link rows or hook work to commit with it. */
function needsTransaction(m: CrudModel, input: WriteInput, op: 'create' | 'update'): boolean {
  return Object.keys(input.links).length > 0 || !!(op === 'create' ? m.hooks.afterCreate : m.hooks.afterUpdate)
}

async function emit(ctx: Ctx, m: CrudModel, op: 'new' | 'update' | 'delete', row: Row, before: Row | null = null, links: LinkChanges = {}) {
  const prefix = m.eventPrefix(row)
  const projectId = m.projectOf ? await m.projectOf(ctx, row) : null
  const data = { [`${prefix.replace(/-/g, '_')}_id`]: row.id, ...m.hooks.eventPayload?.(op, row) }
  const events: PendingEvent[] = [
    { name: `${prefix}:${op}`, data, projectId },
    ...(m.hooks.events?.(ctx, op, row, { before, links }) ?? []).map((e) => ({ ...e, projectId: e.projectId ?? projectId })),
  ]
  await ctx.events.emitMany(events.map((e) => ({ ...e, projectId: e.projectId ?? null, userId: ctx.actor.id })))
}

export async function createRow(ctx: Ctx, m: CrudModel, rawBody: unknown): Promise<Row> {
  const body = requireObjectBody(rawBody)
  await check(ctx, m, 'create', { body })
  const input = parseWriteBody(m, body, 'create')
  await m.hooks.beforeCreate?.(ctx, input.data, body)
  checkRequired(m, input.data)
  const write = async (tx: unknown) => {
    const created: Row = await delegate(tx, m).create({ data: input.data, select: { id: true } })
    const links = await writeLinks(tx, m, created.id as string, input.links)
    if (Object.keys(links).length) await m.hooks.afterLinks?.(ctx, tx, { ...input.data, id: created.id }, links)
    await m.hooks.afterCreate?.(ctx, tx, { ...input.data, id: created.id })
    return { id: created.id as string, links }
  }
  const relations = m.responses.create === 'relations'
  let row: Row
  let links: LinkChanges = {}
  if (needsTransaction(m, input, 'create')) {
    const written = await ctx.db.$transaction(write)
    links = written.links
    row = await findRow(ctx, m, written.id, relations)
  } else {
    row = await insertRow(ctx, m, input.data, relations)
  }
  await emit(ctx, m, 'new', row, null, links)
  const out = serialize(ctx, m, row, relations, 'new')
  return m.hooks.respond ? m.hooks.respond(ctx, 'new', out, {}) : out
}

export async function updateRow(ctx: Ctx, m: CrudModel, id: string, rawBody: unknown): Promise<Row> {
  const body = requireObjectBody(rawBody)
  if (m.checkBeforeFind) await check(ctx, m, 'update', { body })
  const before = await findWriteTarget(ctx, m, id)
  if (!m.checkBeforeFind) await check(ctx, m, 'update', { row: before, body })
  const input = parseWriteBody(m, body, 'update')
  await m.hooks.beforeUpdate?.(ctx, before, input.data, body)
  const write = async (tx: unknown) => {
    const data = Object.keys(input.data).length || !m.meta.byName.has('updated_at') ? input.data : { updated_at: new Date() }
    await delegate(tx, m).update({ where: { id: before.id }, data, select: { id: true } })
    const links = await writeLinks(tx, m, before.id as string, input.links)
    if (Object.keys(links).length) await m.hooks.afterLinks?.(ctx, tx, { ...before, ...input.data }, links)
    await m.hooks.afterUpdate?.(ctx, tx, { ...before, ...input.data }, before)
    return links
  }
  const relations = m.responses.update === 'relations'
  let row: Row
  let links: LinkChanges = {}
  if (needsTransaction(m, input, 'update')) {
    links = await ctx.db.$transaction(write)
    row = await findRow(ctx, m, before.id as string, relations)
  } else {
    row = await updateRowById(ctx, m, before.id as string, input.data, relations)
  }
  await emit(ctx, m, 'update', row, before, links)
  const out = serialize(ctx, m, row, relations, 'update')
  return m.hooks.respond ? m.hooks.respond(ctx, 'update', out, {}) : out
}

export async function deleteRow(ctx: Ctx, m: CrudModel, id: string, query: Record<string, string>): Promise<void> {
  if (m.checkBeforeFind) await check(ctx, m, 'delete', { query })
  const row = await findWriteTarget(ctx, m, id)
  await m.hooks.guardDelete?.(ctx, row)
  if (!m.checkBeforeFind) await check(ctx, m, 'delete', { row, query })
  await ctx.db.$transaction(async (tx) => {
    await m.hooks.beforeDelete?.(ctx, tx, row, query)
    for (const r of Object.values(m.relations)) {
      if (r.target) await delegate(tx, r.link).deleteMany({ where: { [r.self]: row.id } })
    }
    await delegate(tx, m).delete({ where: { id: row.id } })
    await m.hooks.afterDelete?.(ctx, tx, row)
  })
  await emit(ctx, m, 'delete', row)
}
