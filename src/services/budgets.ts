// Production budgets (routes.md §7): budgets and their entries, for the project's managers,
// and the admins' time-spent totals per department, person and month. Every read is one
// statement; events go out after the write.
import { AppError, notFound, wrongParameter } from '../lib/errors.ts'
import { formatDate, isUuid, parseDateInput, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { crudByRoute } from '../crud/models.ts'
import { serialize } from '../crud/service.ts'
import { selectList, sql, type Sql } from '../crud/select.ts'
import { POSITION, SENIORITY } from '../crud/enums.ts'
import { requireManagerAccess, requireProjectAccess } from './access.ts'
import { checkUuid } from './schedules.ts'

export interface EntryInput {
  department_id?: string | null
  person_id?: string | null
  start_date?: string | null
  months_duration?: number | null
  daily_salary?: number | null
  position?: string | null
  seniority?: string | null
  exceptions?: Record<string, unknown> | null
}

const budgets = () => crudByRoute.get('budgets')!
const entries = () => crudByRoute.get('budget-entries')!

async function run(ctx: Ctx, q: Sql): Promise<Row[]> {
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows
}

/** A Pydantic-style refusal of one body field. */
const invalidField = (field: string, message: string) =>
  new AppError(400, { error: true, message: 'Validation error.', data: { errors: [{ field, message }] } })

/** MPA on the project, then the well-formed ids of the path. */
async function requireBudgetManager(ctx: Ctx, projectId: string, ...ids: string[]): Promise<void> {
  await requireManagerAccess(ctx, projectId)
  ids.forEach(checkUuid)
}

const emit = (ctx: Ctx, name: string, data: Record<string, unknown>, projectId: string) =>
  ctx.events.emit(name, data, { projectId, userId: ctx.actor.id })

async function readBudget(ctx: Ctx, budgetId: string): Promise<Row> {
  const [row] = await run(ctx, sql`SELECT ${selectList(budgets(), false)} FROM budget t WHERE t.id = ${budgetId}::uuid`)
  return serialize(ctx, budgets(), row, false)
}

async function readEntry(ctx: Ctx, entryId: string): Promise<Row> {
  const [row] = await run(ctx, sql`SELECT ${selectList(entries(), false)} FROM budget_entry t WHERE t.id = ${entryId}::uuid`)
  return serialize(ctx, entries(), row, false)
}

/** Whether the budget is one of the project's (Zou compares only on some routes). */
async function budgetInProject(ctx: Ctx, projectId: string, budgetId: string): Promise<void> {
  const [found] = await run(ctx, sql`SELECT 1 AS ok FROM budget WHERE id = ${budgetId}::uuid AND project_id = ${projectId}::uuid`)
  if (!found) throw notFound()
}

export async function listBudgets(ctx: Ctx, projectId: string): Promise<Row[]> {
  await requireBudgetManager(ctx, projectId)
  return run(ctx, sql`SELECT id, project_id, revision, name, currency FROM budget
    WHERE project_id = ${projectId}::uuid ORDER BY revision, created_at, id`)
}

/** The next revision of the project's budgets, in the insert itself. */
export async function createBudget(ctx: Ctx, projectId: string, name: string, currency: string | null): Promise<Row> {
  await requireBudgetManager(ctx, projectId)
  const [{ id }] = await run(ctx, sql`INSERT INTO budget (project_id, name, currency, revision)
    SELECT ${projectId}::uuid, ${name}, ${currency}, COALESCE(max(revision), 0) + 1 FROM budget WHERE project_id = ${projectId}::uuid
    RETURNING id`)
  await emit(ctx, 'budget:create', { budget_id: id }, projectId)
  return readBudget(ctx, id as string)
}

/** The budget and its entry ids; 404 when it belongs to another project. */
export async function getBudget(ctx: Ctx, projectId: string, budgetId: string): Promise<Row> {
  await requireBudgetManager(ctx, projectId, budgetId)
  const [row] = await run(ctx, sql`SELECT ${selectList(budgets(), false)},
      ARRAY(SELECT e.id::text FROM budget_entry e WHERE e.budget_id = t.id ORDER BY e.created_at, e.id) AS entries
    FROM budget t WHERE t.id = ${budgetId}::uuid AND t.project_id = ${projectId}::uuid`)
  if (!row) throw notFound()
  return { ...serialize(ctx, budgets(), row, false), entries: row.entries }
}

/** Given values replace the stored ones (null keeps them). Zou bug: any project's budget. */
export async function updateBudget(ctx: Ctx, projectId: string, budgetId: string, body: { name?: string | null; currency?: string | null }): Promise<Row> {
  await requireBudgetManager(ctx, projectId, budgetId)
  const [row] = await run(ctx, sql`UPDATE budget SET name = COALESCE(${body.name ?? null}, name),
      currency = COALESCE(${body.currency ?? null}, currency), updated_at = now()
    WHERE id = ${budgetId}::uuid AND project_id = ${projectId}::uuid RETURNING id`)
  if (!row) throw notFound()
  await emit(ctx, 'budget:update', { budget_id: budgetId }, projectId)
  return readBudget(ctx, budgetId)
}

export async function deleteBudget(ctx: Ctx, projectId: string, budgetId: string): Promise<void> {
  await requireBudgetManager(ctx, projectId, budgetId)
  await budgetInProject(ctx, projectId, budgetId)
  await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw(sql`DELETE FROM budget_entry WHERE budget_id = ${budgetId}::uuid`)
    await tx.$executeRaw(sql`DELETE FROM budget WHERE id = ${budgetId}::uuid`)
  })
  await emit(ctx, 'budget:delete', { budget_id: budgetId }, projectId)
}

/** The entries of one of the project's budgets (Zou bug: it lists any budget's). */
export async function listEntries(ctx: Ctx, projectId: string, budgetId: string): Promise<Row[]> {
  await requireBudgetManager(ctx, projectId, budgetId)
  const rows = await run(ctx, sql`SELECT e.id, b.id AS budget_id, e.department_id, e.person_id, e.start_date, e.months_duration,
      e.daily_salary, e.position, e.seniority, e.exceptions
    FROM budget b LEFT JOIN budget_entry e ON e.budget_id = b.id
    WHERE b.id = ${budgetId}::uuid AND b.project_id = ${projectId}::uuid ORDER BY e.created_at, e.id`)
  if (!rows.length) throw notFound()
  const m = entries()
  return rows.filter((r) => r.id !== null).map((r) => {
    const out = serialize(ctx, m, r, false)
    return Object.fromEntries(Object.keys(r).map((k) => [k, out[k]]))
  })
}

/** A `YYYY-MM-DD` date (datetimes are cut to their day, as Zou's Date column does). */
function checkedDate(field: string, value: string): string {
  const date = parseDateInput(value)
  if (!date) throw invalidField(field, 'Input should be a valid date')
  return formatDate(date)!
}

function checkedChoice(field: string, value: string | null | undefined, allowed: readonly string[]): string | null {
  if (value == null) return null
  if (!allowed.includes(value)) throw wrongParameter(`Invalid ${field}`)
  return value
}

/** Zou casts each exception to an int and drops the non-positive ones; null means none. */
function cleanExceptions(value: Record<string, unknown> | null | undefined): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, raw] of Object.entries(value ?? {})) {
    if (raw === null || raw === undefined) continue
    const n = typeof raw === 'boolean' ? Number(raw)
      : typeof raw === 'number' ? Math.trunc(raw)
      : typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw) ? parseInt(raw, 10) : NaN
    if (!Number.isFinite(n)) throw wrongParameter('Wrong value for exceptions.')
    if (n > 0) out[key] = n
  }
  return out
}

/** The department and person of an entry must exist (a clear 400 rather than a foreign key error). */
async function checkPeople(ctx: Ctx, departmentId: string | null, personId: string | null): Promise<void> {
  if (departmentId !== null && !isUuid(departmentId)) throw wrongParameter('Department not found.')
  if (personId !== null && !isUuid(personId)) throw wrongParameter('Person not found.')
  const [found] = await run(ctx, sql`SELECT
      (${departmentId}::uuid IS NULL OR EXISTS (SELECT 1 FROM department WHERE id = ${departmentId}::uuid)) AS department,
      (${personId}::uuid IS NULL OR EXISTS (SELECT 1 FROM person WHERE id = ${personId}::uuid)) AS person`)
  if (!found.department) throw wrongParameter('Department not found.')
  if (!found.person) throw wrongParameter('Person not found.')
}

export async function createEntry(ctx: Ctx, projectId: string, budgetId: string, body: EntryInput): Promise<Row> {
  await requireBudgetManager(ctx, projectId, budgetId)
  await budgetInProject(ctx, projectId, budgetId)
  // Zou lets these reach the NOT NULL columns and fails with a 500.
  for (const field of ['start_date', 'months_duration', 'daily_salary'] as const) {
    if (body[field] == null) throw invalidField(field, 'Field required')
  }
  const startDate = checkedDate('start_date', body.start_date!)
  const position = checkedChoice('position', body.position, POSITION)
  const seniority = checkedChoice('seniority', body.seniority, SENIORITY)
  await checkPeople(ctx, body.department_id!, body.person_id ?? null)
  const [{ id }] = await run(ctx, sql`INSERT INTO budget_entry
      (budget_id, department_id, person_id, start_date, months_duration, daily_salary, position, seniority, exceptions)
    VALUES (${budgetId}::uuid, ${body.department_id}::uuid, ${body.person_id ?? null}::uuid, ${startDate}::date,
      ${body.months_duration}, ${body.daily_salary}, COALESCE(${position}, 'artist'), COALESCE(${seniority}, 'mid'), '{}'::jsonb)
    RETURNING id`)
  await emit(ctx, 'budget-entry:create', { budget_id: budgetId, budget_entry_id: id }, projectId)
  return readEntry(ctx, id as string)
}

/** The entry when it is in that budget of that project (Zou bug: it answers any entry). */
async function entryInBudget(ctx: Ctx, projectId: string, budgetId: string, entryId: string): Promise<void> {
  const [found] = await run(ctx, sql`SELECT 1 AS ok FROM budget_entry e JOIN budget b ON b.id = e.budget_id
    WHERE e.id = ${entryId}::uuid AND b.id = ${budgetId}::uuid AND b.project_id = ${projectId}::uuid`)
  if (!found) throw notFound()
}

export async function getEntry(ctx: Ctx, projectId: string, budgetId: string, entryId: string): Promise<Row> {
  await requireBudgetManager(ctx, projectId, budgetId, entryId)
  await entryInBudget(ctx, projectId, budgetId, entryId)
  return readEntry(ctx, entryId)
}

/**
 * Zou writes every schema field: the nullable ones (person, position, seniority, exceptions)
 * take the given value or null/{}; the NOT NULL ones keep their value when not given (Zou
 * would fail on them with a 500).
 */
export async function updateEntry(ctx: Ctx, projectId: string, budgetId: string, entryId: string, body: EntryInput): Promise<Row> {
  await requireBudgetManager(ctx, projectId, budgetId, entryId)
  await entryInBudget(ctx, projectId, budgetId, entryId)
  const startDate = body.start_date != null ? checkedDate('start_date', body.start_date) : null
  const position = checkedChoice('position', body.position, POSITION)
  const seniority = checkedChoice('seniority', body.seniority, SENIORITY)
  const exceptions = cleanExceptions(body.exceptions)
  await checkPeople(ctx, body.department_id ?? null, body.person_id ?? null)
  await run(ctx, sql`UPDATE budget_entry SET
      department_id = COALESCE(${body.department_id ?? null}::uuid, department_id),
      start_date = COALESCE(${startDate}::date, start_date),
      months_duration = COALESCE(${body.months_duration ?? null}::int, months_duration),
      daily_salary = COALESCE(${body.daily_salary ?? null}::float8, daily_salary),
      person_id = ${body.person_id ?? null}::uuid, position = ${position}, seniority = ${seniority},
      exceptions = ${JSON.stringify(exceptions)}::jsonb, updated_at = now()
    WHERE id = ${entryId}::uuid`)
  await emit(ctx, 'budget-entry:update', { budget_id: budgetId, budget_entry_id: entryId }, projectId)
  return readEntry(ctx, entryId)
}

export async function deleteEntry(ctx: Ctx, projectId: string, budgetId: string, entryId: string): Promise<void> {
  await requireBudgetManager(ctx, projectId, budgetId, entryId)
  const [row] = await run(ctx, sql`DELETE FROM budget_entry e USING budget b
    WHERE e.id = ${entryId}::uuid AND e.budget_id = ${budgetId}::uuid AND b.id = e.budget_id AND b.project_id = ${projectId}::uuid
    RETURNING e.id`)
  if (!row) throw notFound()
  await emit(ctx, 'budget-entry:delete', { budget_id: budgetId, budget_entry_id: entryId }, projectId)
}

type MonthTotals = Record<string, number>
type DepartmentTotals = Record<string, number | MonthTotals>

/**
 * ADMIN: minutes per department (of the task type), person and month (`YYYY-MM`), with a
 * `total` at the department and person levels, all summed by one GROUPING SETS query.
 * Zou reads the months in the caller's timezone; `time_spent.date` is a calendar date, so
 * Slate takes its month as stored.
 */
export async function monthTimeSpents(ctx: Ctx, projectId: string): Promise<Record<string, DepartmentTotals>> {
  await requireProjectAccess(ctx, projectId)
  const rows = await run(ctx, sql`
    SELECT tt.department_id::text AS department_id, ts.person_id::text AS person_id, to_char(ts.date, 'YYYY-MM') AS month,
      sum(ts.duration)::float8 AS total, GROUPING(ts.person_id) AS no_person, GROUPING(to_char(ts.date, 'YYYY-MM')) AS no_month
    FROM time_spent ts JOIN task t ON t.id = ts.task_id JOIN task_type tt ON tt.id = t.task_type_id
    WHERE t.project_id = ${projectId}::uuid
    GROUP BY GROUPING SETS ((tt.department_id, ts.person_id, to_char(ts.date, 'YYYY-MM')), (tt.department_id, ts.person_id), (tt.department_id))
    ORDER BY 1, 2, 3`)
  const out: Record<string, DepartmentTotals> = {}
  for (const r of rows) {
    // Python's json writes a None key as "null".
    const department = (out[String(r.department_id)] ??= {})
    if (r.no_person) { department.total = r.total as number; continue }
    const person = (department[String(r.person_id)] ??= {}) as MonthTotals
    if (r.no_month) person.total = r.total as number
    else person[r.month as string] = r.total as number
  }
  return out
}
