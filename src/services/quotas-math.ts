// Zou's quota arithmetic in JS: Python's rounding (half to even, on the exact value), its
// business-day count, and the day/week/month/year buckets of one person's quota.

/** Python's round(x): the nearest integer, ties to even. */
export function pyRound(x: number): number {
  const f = Math.floor(x)
  const d = x - f
  if (d > 0.5) return f + 1
  if (d < 0.5) return f
  return f % 2 === 0 ? f : f + 1
}

const EXTRA = 25
const SCALE = 10n ** BigInt(EXTRA)

/** Python's round(x, n): decided on the exact decimal value of the double, ties to even. */
export function pyRoundTo(x: number, n: number): number {
  if (!Number.isFinite(x) || x === 0) return x
  const digits = BigInt(Math.abs(x).toFixed(n + EXTRA).replace('.', ''))
  let q = digits / SCALE
  const r = digits % SCALE
  const half = SCALE / 2n
  if (r > half || (r === half && q % 2n === 1n)) q += 1n
  const out = Number(q) / 10 ** n
  return x < 0 ? -out : out
}

const DAY_MS = 86_400_000
/** Python's timedelta.days of (end - start): whole days, floored. */
export const daysBetween = (start: Date, end: Date) => Math.floor((end.getTime() - start.getTime()) / DAY_MS)
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS)
/** Python's weekday() < 5 on a naive UTC datetime. */
export const isWeekday = (d: Date) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5

/** Zou's get_business_days: weekdays among the days after start, up to (end - start).days. */
export function businessDays(start: Date, end: Date): number {
  let n = 0
  for (let x = 1; x <= daysBetween(start, end); x++) if (isWeekday(addDays(start, x))) n++
  return n
}

/** ISO 8601 week of a YYYY-MM-DD day, as Zou's key "<iso year>-<week>". */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  const weekday = d.getUTCDay() || 7
  const thursday = addDays(d, 4 - weekday)
  const year = thursday.getUTCFullYear()
  const week = Math.floor(daysBetween(new Date(Date.UTC(year, 0, 1)), thursday) / 7) + 1
  return `${year}-${week}`
}

type Bucket = Record<string, number>
interface Period { frames: Bucket; seconds: Bucket; count: Bucket; entries?: Bucket; drawings: Bucket }
export interface Quota { day: Period; week: Period; month: Period; year: Period }
export type Quotas = Record<string, Quota>

const period = (entries: boolean): Period =>
  entries ? { frames: {}, seconds: {}, count: {}, entries: {}, drawings: {} } : { frames: {}, seconds: {}, count: {}, drawings: {} }

function add(p: Period, key: string, frames: number, seconds: number, drawings: number, count: number, entryKey: string | null) {
  if (!(key in p.frames)) {
    p.frames[key] = 0
    p.seconds[key] = 0
    p.count[key] = 0
    p.drawings[key] = 0
    if (p.entries && entryKey !== null) p.entries[entryKey] = (p.entries[entryKey] ?? 0) + 1
  }
  p.frames[key] += frames
  p.seconds[key] += seconds
  p.drawings[key] += drawings
  p.count[key] += count
}

/** Zou's _add_quota_entry: one shot (or a share of it) counted on its day, week, month, year. */
export function addQuotaEntry(quotas: Quotas, entry: string, day: string, frames: number, drawings: number, fps: number, count = 1) {
  const q = (quotas[entry] ??= { day: period(true), week: period(true), month: period(true), year: period(false) })
  const seconds = frames / fps
  const week = isoWeek(day)
  const month = day.slice(0, 7)
  const year = day.slice(0, 4)
  add(q.day, day, frames, seconds, drawings, count, month)
  add(q.week, week, frames, seconds, drawings, count, week.slice(0, 4))
  add(q.month, month, frames, seconds, drawings, count, year)
  add(q.year, year, frames, seconds, drawings, count, null)
}

/** Weighted counts are shares: rounded once, at the end (Zou's _round_counts). */
export function roundCounts(quotas: Quotas): Quotas {
  for (const q of Object.values(quotas)) {
    for (const p of Object.values(q) as Period[]) {
      for (const k of Object.keys(p.count)) p.count[k] = pyRoundTo(p.count[k], 2)
    }
  }
  return quotas
}

/** YYYY-MM-DD of an instant in a time zone (Zou formats end/done dates in the caller's zone). */
export function dayFormatter(timeZone: string, fallback: string): (d: Date) => string {
  let fmt: Intl.DateTimeFormat
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  } catch {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: fallback, year: 'numeric', month: '2-digit', day: '2-digit' })
  }
  return (d) => {
    const parts: Record<string, string> = {}
    for (const p of fmt.formatToParts(d)) parts[p.type] = p.value
    return `${parts.year}-${parts.month}-${parts.day}`
  }
}
