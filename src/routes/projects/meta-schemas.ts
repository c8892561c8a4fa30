// Schemas of the metadata-descriptor, schedule and budget routes of routes.md §7. Bodies
// mirror Zou's Pydantic models (defaults applied, unknown keys ignored); responses $ref the
// generated model schemas where Zou serializes whole rows, and list the keys of its
// `present()` shapes otherwise.
import { Type, type Static, type TSchema } from '@sinclair/typebox'

/** `T | null` as one JSON-schema type list, so Ajv coerces it like the plain type. */
const Nullable = <T extends TSchema>(t: T) => Type.Unsafe<Static<T> | null>({ ...t, type: [t.type as string, 'null'] })
const Str = Type.String()
const NullStr = Nullable(Type.String())
const StrList = Type.Optional(Type.Array(Type.String(), { default: [] }))

export const ProjectParams = Type.Object({ project_id: Str })
export const DescriptorParams = Type.Object({ project_id: Str, metadata_descriptor_id: Str })
export const FieldNameParams = Type.Object({ field_name: Str })
export const TaskTypeParams = Type.Object({ project_id: Str, task_type_id: Str })
export const BudgetParams = Type.Object({ project_id: Str, budget_id: Str })
export const EntryParams = Type.Object({ project_id: Str, budget_id: Str, entry_id: Str })
export const VersionParams = Type.Object({ production_schedule_version_id: Str })

export const DescriptorCreateBody = Type.Object({
  entity_type: Type.Optional(Type.String({ default: 'Asset' })),
  task_type_id: Type.Optional(NullStr),
  name: Type.String({ minLength: 1 }),
  data_type: Type.Optional(Type.String({ minLength: 1, default: 'string' })),
  for_client: Type.Optional(Nullable(Type.Boolean({ default: false }))),
  choices: StrList,
  departments: StrList,
})
export type DescriptorCreateBody = Static<typeof DescriptorCreateBody>

const descriptorChanges = {
  name: Type.Optional(NullStr),
  for_client: Type.Optional(Nullable(Type.Boolean({ default: false }))),
  data_type: Type.Optional(Type.String({ minLength: 1, default: 'string' })),
  choices: StrList,
  departments: StrList,
}
export const DescriptorUpdateBody = Type.Object(descriptorChanges)
export type DescriptorUpdateBody = Static<typeof DescriptorUpdateBody>

export const AllProjectsUpdateBody = Type.Object({ entity_type: Type.String({ minLength: 1 }), ...descriptorChanges })
export type AllProjectsUpdateBody = Static<typeof AllProjectsUpdateBody>

export const ReorderBody = Type.Object({
  entity_type: Type.String({ minLength: 1 }),
  descriptor_ids: Type.Array(Type.String(), { minItems: 1 }),
})
export type ReorderBody = Static<typeof ReorderBody>

export const AllProjectsReorderBody = Type.Object({
  entity_type: Type.String({ minLength: 1 }),
  field_order: Type.Array(Type.String(), { minItems: 1 }),
})
export type AllProjectsReorderBody = Static<typeof AllProjectsReorderBody>

export const EntityTypeQuery = Type.Object({ entity_type: Type.Optional(Str) })
export const EpisodeQuery = Type.Object({ episode_id: Type.Optional(Str) })
export const TaskLinksQuery = Type.Object({ task_type_id: Type.Optional(Str), relations: Type.Optional(Str) })

export const BudgetBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  currency: Type.Optional(Nullable(Type.String({ maxLength: 3, default: 'USD' }))),
})
export type BudgetBody = Static<typeof BudgetBody>

export const BudgetUpdateBody = Type.Object({
  name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 255 }))),
  currency: Type.Optional(Nullable(Type.String({ maxLength: 3 }))),
})
export type BudgetUpdateBody = Static<typeof BudgetUpdateBody>

const entryFields = {
  person_id: Type.Optional(NullStr),
  start_date: Type.Optional(NullStr),
  months_duration: Type.Optional(Nullable(Type.Integer())),
  daily_salary: Type.Optional(Nullable(Type.Number())),
  position: Type.Optional(NullStr),
  seniority: Type.Optional(NullStr),
}
export const EntryBody = Type.Object({ department_id: Type.String({ minLength: 1 }), ...entryFields })
export type EntryBody = Static<typeof EntryBody>

export const EntryUpdateBody = Type.Object({
  department_id: Type.Optional(NullStr),
  ...entryFields,
  exceptions: Type.Optional(Nullable(Type.Object({}, { additionalProperties: true }))),
})
export type EntryUpdateBody = Static<typeof EntryUpdateBody>

export const VersionCopyBody = Type.Object({ production_schedule_version_id: Type.String({ minLength: 1 }) })
export type VersionCopyBody = Static<typeof VersionCopyBody>

// Responses.
const ref = (model: string) => ({ $ref: `${model}#` })
const arrayOf = (items: unknown) => ({ type: 'array', items })
const nullable = (type: string) => ({ type: [type, 'null'] })

export const Descriptor = ref('MetadataDescriptor')
export const Descriptors = arrayOf(Descriptor)
export const Ids = arrayOf({ type: 'string' })
export const ScheduleItems = arrayOf(ref('ScheduleItem'))
export const TimeSpents = arrayOf(ref('TimeSpent'))
export const TaskLinks = arrayOf(ref('ProductionScheduleVersionTaskLink'))
export const OpenObject = { type: 'object', additionalProperties: true }

export const Milestones = arrayOf({
  type: 'object',
  properties: { id: { type: 'string' }, date: nullable('string'), name: { type: 'string' }, project_id: nullable('string'), task_type_id: nullable('string') },
})

const scheduleItemPresent = {
  id: { type: 'string' }, start_date: nullable('string'), end_date: nullable('string'), man_days: nullable('integer'),
  project_id: nullable('string'), task_type_id: nullable('string'), object_id: nullable('string'),
}
export const ScheduleItemsPresent = arrayOf({ type: 'object', properties: scheduleItemPresent })
export const NamedScheduleItems = arrayOf({ type: 'object', properties: { ...scheduleItemPresent, name: { type: 'string' } } })

export const Budget = ref('Budget')
export const BudgetWithEntries = { type: 'object', properties: { entries: Ids }, additionalProperties: true }
export const BudgetsPresent = arrayOf({
  type: 'object',
  properties: { id: { type: 'string' }, project_id: nullable('string'), revision: { type: 'integer' }, name: { type: 'string' }, currency: nullable('string') },
})
export const Entry = ref('BudgetEntry')
export const EntriesPresent = arrayOf({
  type: 'object',
  properties: {
    id: { type: 'string' }, budget_id: { type: 'string' }, department_id: { type: 'string' }, person_id: nullable('string'),
    start_date: nullable('string'), months_duration: nullable('integer'), daily_salary: nullable('number'),
    position: nullable('string'), seniority: nullable('string'), exceptions: {},
  },
})

export const TaskLinkCount = { type: 'object', properties: { success: { type: 'boolean' }, task_link_count: { type: 'integer' } } }
export const TaskCount = { type: 'object', properties: { success: { type: 'boolean' }, task_count: { type: 'integer' } } }
export const NoContent = { type: 'null' }
