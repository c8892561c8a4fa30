// The periods of the time-sheet, day-off and quota routes (Zou's date_helpers): a year, a
// month, an ISO week or a day given as path strings, read like Python's int() and bounded
// like Python's dates (years 1–9999, the day after the period included), so what Zou refuses
// is a 400 here, never a 500. Days are counted from 1970-01-01 (no JS Date: years < 100).

/** Days as `YYYY-MM-DD`: the first and last included. */
export interface DayRange {
  start: string
  last: string
}

/** A period; `end` (the day after the last) is excluded. */
export interface Period extends DayRange {
  end: string
}

/** Python's int() on a string of ASCII digits: surrounding blanks, a sign and `_` separators. */
export function pyInt(value: string): number | null {
  const m = /^\s*([+-]?\d+(?:_\d+)*)\s*$/.exec(value)
  return m ? Number(m[1].replace(/_/g, '')) : null
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The date of a day number as `YYYY-MM-DD`. */
export function dayString(n: number): string {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** ISO weekday of a day number: Monday 1 … Sunday 7 (1970-01-01 was a Thursday). */
export const isoWeekday = (n: number): number => ((((n + 3) % 7) + 7) % 7) + 1

const FIRST_DAY = dayNumber(1, 1, 1)
const LAST_DAY = dayNumber(9999, 12, 31)

function daysInMonth(y: number, m: number): number {
  return dayNumber(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dayNumber(y, m, 1)
}

function validDate(y: number | null, m: number | null, d: number | null): boolean {
  return y !== null && m !== null && d !== null && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

/** The period of day numbers [from, to), when both ends are dates Python can hold. */
function period(from: number, to: number): Period | null {
  if (from < FIRST_DAY || to > LAST_DAY) return null
  return { start: dayString(from), last: dayString(to - 1), end: dayString(to) }
}

export function yearPeriod(year: string): Period | null {
  const y = pyInt(year)
  if (!validDate(y, 1, 1)) return null
  return period(dayNumber(y!, 1, 1), dayNumber(y! + 1, 1, 1))
}

export function monthPeriod(year: string, month: string): Period | null {
  const [y, m] = [pyInt(year), pyInt(month)]
  if (!validDate(y, m, 1)) return null
  return period(dayNumber(y!, m!, 1), dayNumber(y!, m!, 1) + daysInMonth(y!, m!))
}

export function dayPeriod(year: string, month: string, day: string): Period | null {
  const [y, m, d] = [pyInt(year), pyInt(month), pyInt(day)]
  if (!validDate(y, m, d)) return null
  const n = dayNumber(y!, m!, d!)
  return period(n, n + 1)
}

/** Monday of ISO week 1: the week holding January 4th. */
function isoYearStart(y: number): number {
  const jan4 = dayNumber(y, 1, 4)
  return jan4 - (isoWeekday(jan4) - 1)
}

/** ISO week `week` of `year` (Python's date.fromisocalendar): weeks 1 to 52 or 53. */
export function isoWeekPeriod(year: string, week: string): Period | null {
  const [y, w] = [pyInt(year), pyInt(week)]
  if (y === null || w === null || y < 1 || y > 9999) return null
  const first = isoYearStart(y)
  const weeks = (isoYearStart(y + 1) - first) / 7
  if (w < 1 || w > weeks) return null
  const monday = first + (w - 1) * 7
  return period(monday, monday + 7)
}

/** January 1st to December 31st (the yearly tables: the year 9999 is fine there). */
export function yearDays(year: string): DayRange | null {
  const y = pyInt(year)
  if (!validDate(y, 1, 1)) return null
  return { start: dayString(dayNumber(y!, 1, 1)), last: dayString(dayNumber(y!, 12, 31)) }
}
