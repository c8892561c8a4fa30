// Desktop presence (auth.md §7.4, routes.md §6): desktop login logs, the person's
// last_presence they refresh, and the monthly presence sheet (CSV) built from them.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, modelRowSerializer, parseDateTimeInput, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import { sql } from '../crud/select.ts'
import { requireAdmin } from './access.ts'
import { isSelf, readForPerson } from './persons-scope.ts'
import { fullName } from './persons.ts'
import { monthPeriod } from './time-sheets-periods.ts'
import { INVALID_MONTH } from './time-sheets.ts'

const serializeLog = modelRowSerializer('DesktopLoginLog')

/** GET …/desktop-login-logs: the person themself or a global manager; newest first. */
export async function listDesktopLoginLogs(ctx: Ctx, personId: string): Promise<Row[]> {
  if (!ctx.isAdmin && ctx.actor.role !== 'manager' && !(isUuid(personId) && isSelf(ctx, personId))) throw forbidden()
  const rows = await readForPerson(ctx, personId, (id) => ({
    query: sql`SELECT l.* FROM desktop_login_log l WHERE l.person_id = ${id}::uuid`,
    orderBy: 'x.date DESC, x.id',
  }), { allowBots: true })
  return rows.map(serializeLog)
}

const validation = (message: string) => wrongParameter('Validation error.', { errors: [{ field: 'date', message }] })

/**
 * The `date` of a desktop login body, as Pydantic reads a datetime: an ISO date or datetime
 * (an offset is dropped: the column holds the wall-clock time given), or Unix seconds
 * (milliseconds past 2e10); absent or null → now.
 */
export function loginDate(value: unknown): Date {
  if (value === undefined || value === null) return new Date()
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(Math.abs(value) > 2e10 ? value : value * 1000)
  }
  if (typeof value === 'string') {
    const date = /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? loginDate(Number(value)) : parseDateTimeInput(value)
    if (date && !Number.isNaN(date.getTime())) return date
  }
  throw validation('Input should be a valid datetime')
}

/**
 * POST …/desktop-login-logs: the body first, then the person themself or an admin. The log
 * and the person's last_presence (latest of desktop logins and time spents) in one statement.
 */
export async function createDesktopLoginLog(ctx: Ctx, personId: string, body: unknown): Promise<Row> {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
    throw wrongParameter('Validation error.', { errors: [{ field: 'body', message: 'Input should be a valid dictionary' }] })
  }
  const date = loginDate((body as Record<string, unknown> | null | undefined)?.date)
  if (!isUuid(personId)) throw notFound()
  if (!ctx.isAdmin && !isSelf(ctx, personId)) throw forbidden()
  const id = personId.toLowerCase()
  // Zou bug: Zou keeps the login date only when the person also has a time spent (else
  // last_presence becomes null); the latest of both is what the column means.
  const { rows } = await ctx.pool.query(
    `WITH log AS (
       INSERT INTO desktop_login_log (person_id, date) SELECT id, $2::timestamp FROM person WHERE id = $1 RETURNING *
     ), presence AS (
       UPDATE person SET updated_at = now(), last_presence = GREATEST(
         (SELECT max(date)::date FROM desktop_login_log WHERE person_id = $1),
         (SELECT date::date FROM log),
         (SELECT max(date) FROM time_spent WHERE person_id = $1))
       WHERE id IN (SELECT person_id FROM log)
     )
     SELECT * FROM log`,
    [id, date],
  )
  if (!rows.length) throw notFound()
  await ctx.events.emit('person:update', { person_id: id }, { userId: ctx.actor.id })
  return serializeLog(rows[0])
}

/** Python's csv writer with `;`: quotes a field holding `;`, `"` or a line break. */
function csvLine(fields: string[]): string {
  return fields.map((f) => (/[;"\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(';') + '\r\n'
}

/** GET /data/persons/presence-logs/:month_date — admins; `YYYY-MM` as Python's strptime reads it. */
export async function presenceSheet(ctx: Ctx, monthDate: string): Promise<string> {
  requireAdmin(ctx)
  const m = /^(\d{4})-(1[0-2]|0[1-9]|[1-9])$/.exec(monthDate)
  const period = m ? monthPeriod(m[1], m[2]) : null
  if (!period) throw wrongParameter(INVALID_MONTH)
  const days = Number(period.last.slice(8, 10))
  // Zou bug: Zou reads logs up to a month after today, marking later months' days in this
  // month's columns; only the month's logs count here.
  const { rows } = await ctx.pool.query(
    `SELECT p.first_name, p.last_name,
       ARRAY(SELECT DISTINCT EXTRACT(DAY FROM l.date)::int FROM desktop_login_log l
             WHERE l.person_id = p.id AND l.date >= $1::date AND l.date < $2::date) AS days
     FROM person p WHERE p.active ORDER BY p.first_name, p.last_name`,
    [period.start, period.end],
  )
  const header = [String(Number(m![1])), ...Array.from({ length: days }, (_, i) => String(i + 1))]
  let csv = csvLine(header)
  for (const row of rows) {
    const marks = new Set<number>(row.days)
    csv += csvLine([fullName(row), ...Array.from({ length: days }, (_, i) => (marks.has(i + 1) ? 'X' : ''))])
  }
  return csv
}
