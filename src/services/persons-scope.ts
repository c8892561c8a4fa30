// Who may read a person's time sheets and day offs (routes.md §6), and the reads that check
// the target person in the same statement as the data: Zou's order is the target (404
// unknown, 403 bot), then the caller's access, then the input; on the success path that is
// one SQL statement, the target check only runs alone when an earlier check refused.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { empty, raw, sql, type Sql } from '../crud/select.ts'

export const BAD_ID = 'One of the ID sent in parameter is not properly formatted.'

/** A query-string id: absent or empty → null; malformed → 400. */
export function idArg(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null
  if (!isUuid(value)) throw wrongParameter(BAD_ID)
  return value.toLowerCase()
}

export const isSelf = (ctx: Ctx, personId: string) => ctx.actor.id === personId.toLowerCase()

/** SELF-OR-ADMIN. */
export function requireSelfOrAdmin(ctx: Ctx, personId: string): void {
  if (!ctx.isAdmin && !isSelf(ctx, personId)) throw forbidden()
}

export interface ReadScope {
  /** null: every project. */
  projectIds: string[] | null
  /** null or empty: every department (Zou filters only on a non-empty list). */
  departmentIds: string[] | null
}

/**
 * PERSON-READ (the global role: no project is resolved first): admins and the person
 * themself read everything; global managers and supervisors read the projects they belong
 * to (any status), supervisors only their departments' task types; others are refused.
 */
export async function personReadScope(ctx: Ctx, personId: string): Promise<ReadScope> {
  if (ctx.isAdmin || isSelf(ctx, personId)) return { projectIds: null, departmentIds: null }
  const role = ctx.actor.role
  if (role !== 'manager' && role !== 'supervisor') throw forbidden()
  return {
    projectIds: [...(await ctx.memberships()).keys()],
    departmentIds: role === 'supervisor' ? await ctx.departments() : null,
  }
}

/** 404 for an unknown person, 403 for a bot (Zou's check_person_is_not_bot). */
export async function requireTargetPerson(ctx: Ctx, personId: string, allowBots = false): Promise<void> {
  const { rows } = await ctx.pool.query('SELECT is_bot FROM person WHERE id = $1', [personId])
  if (!rows.length) throw notFound()
  if (rows[0].is_bot && !allowBots) throw forbidden()
}

/** The data statement of a person read (its columns are free). */
export interface PersonStatement {
  query: Sql
  /** ORDER BY of the outer statement, on the inner columns as `x.<column>`. */
  orderBy?: string
  /** The 400 message when PostgreSQL refuses a date given by the caller. */
  dateError?: string
}

const isDataError = (err: unknown) => typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('22')

/**
 * Runs `prepare` (the caller's access and input checks; it gets the person id in lower
 * case) then its statement joined to the target person row: one statement. A refusal from
 * `prepare` or a date PostgreSQL cannot read is answered after the target check, as Zou
 * orders them.
 */
export async function readForPerson(
  ctx: Ctx,
  personId: string,
  prepare: (id: string) => PersonStatement | Promise<PersonStatement>,
  opts: { allowBots?: boolean } = {},
): Promise<Row[]> {
  if (!isUuid(personId)) throw notFound()
  const id = personId.toLowerCase()
  let statement: PersonStatement
  try {
    statement = await prepare(id)
  } catch (err) {
    await requireTargetPerson(ctx, id, opts.allowBots)
    throw err
  }
  const q = sql`SELECT p.is_bot AS target_is_bot, x.* FROM person p
    LEFT JOIN LATERAL (SELECT true AS found_row, q.* FROM (${statement.query}) q) x ON true
    WHERE p.id = ${id}::uuid ${statement.orderBy ? raw(`ORDER BY ${statement.orderBy}`) : empty}`
  let rows: Row[]
  try {
    rows = (await ctx.pool.query(q.text, q.values)).rows
  } catch (err) {
    if (!statement.dateError || !isDataError(err)) throw err
    await requireTargetPerson(ctx, id, opts.allowBots)
    throw wrongParameter(statement.dateError)
  }
  if (!rows.length) throw notFound()
  if (rows[0].target_is_bot && !opts.allowBots) throw forbidden()
  return rows.filter((r) => r.found_row).map(({ target_is_bot: _b, found_row: _f, ...row }) => row)
}
