// Schemas of the persons blueprint routes (routes.md §6). Path parts stay strings: the
// services read them like Zou (Python's int(), PostgreSQL's date input) and answer its 400s.
import { Type, type Static } from '@sinclair/typebox'

export const tags = ['persons']

export const PersonParams = Type.Object({ person_id: Type.String() })
export const PersonDateParams = Type.Object({ person_id: Type.String(), date: Type.String() })
export const PersonYearParams = Type.Object({ person_id: Type.String(), year: Type.String() })
export const PersonMonthParams = Type.Object({ person_id: Type.String(), year: Type.String(), month: Type.String() })
export const PersonWeekParams = Type.Object({ person_id: Type.String(), year: Type.String(), week: Type.String() })
export const PersonDayParams = Type.Object({ person_id: Type.String(), year: Type.String(), month: Type.String(), day: Type.String() })
export const YearParams = Type.Object({ year: Type.String() })
export const MonthParams = Type.Object({ year: Type.String(), month: Type.String() })
export const MonthDateParams = Type.Object({ month_date: Type.String() })
export const PersonDepartmentParams = Type.Object({ person_id: Type.String(), department_id: Type.String() })
export type PersonParams = Static<typeof PersonParams>
export type PersonDateParams = Static<typeof PersonDateParams>
export type PersonYearParams = Static<typeof PersonYearParams>
export type PersonMonthParams = Static<typeof PersonMonthParams>
export type PersonWeekParams = Static<typeof PersonWeekParams>
export type PersonDayParams = Static<typeof PersonDayParams>
export type YearParams = Static<typeof YearParams>
export type MonthParams = Static<typeof MonthParams>
export type MonthDateParams = Static<typeof MonthDateParams>
export type PersonDepartmentParams = Static<typeof PersonDepartmentParams>

/** Query strings are open (Zou ignores unknown keys); the services read the ones they use. */
const opt = Type.Optional(Type.String())
export const ProjectQuery = Type.Object({ project_id: opt })
export const RangeQuery = Type.Object({ start_date: opt, end_date: opt })
export const TableQuery = Type.Object({ project_id: opt, department_id: opt, studio_id: opt })
export const QuotaQuery = Type.Object({ project_id: opt, task_type_id: opt, count_mode: opt })
export type ProjectQuery = Static<typeof ProjectQuery>
export type RangeQuery = Static<typeof RangeQuery>
export type TableQuery = Static<typeof TableQuery>
export type QuotaQuery = Static<typeof QuotaQuery>

// Zou validates this body with a Pydantic model whose id is a UUID.
export const AddDepartmentBody = Type.Object({ department_id: Type.String({ format: 'uuid' }) })
export type AddDepartmentBody = Static<typeof AddDepartmentBody>

const rows = (model: string) => ({ type: 'array', items: { $ref: `${model}#` } })
export const TimeSpentRows = rows('TimeSpent')
export const DayOffRows = rows('DayOff')
export const DesktopLoginLogRows = rows('DesktopLoginLog')
/** A day off, or `{}` when none covers the date. */
export const DayOffOrEmpty = { type: 'object', additionalProperties: true }
export const NoContent = { type: 'null', description: 'No content' }
export const Csv = { type: 'string', description: 'text/csv, `;`-separated' }

const nullableString = { type: ['string', 'null'] }
export const IntervalRows = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      task_id: { type: 'string' }, task_type_id: nullableString, project_id: { type: 'string' }, project_name: { type: 'string' },
      entity_name: { type: 'string' }, entity_type_name: { type: 'string' }, sequence_name: nullableString,
      episode_name: nullableString, duration: { type: 'number' },
    },
  },
}

/** `{ <unit>: { <person id>: <minutes> } }`. */
export const TimeTable = { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'number' } } }

/** Shots (plain serialization, `type: "Entity"`) + full_name + weight. */
export const QuotaShots = {
  type: 'array',
  items: { allOf: [{ $ref: 'Entity#' }, { type: 'object', properties: { full_name: { type: 'string' }, weight: { type: 'number' } } }] },
}
