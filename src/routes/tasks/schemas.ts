// Schemas of the tasks blueprint (routes.md §4): params, Zou's Pydantic bodies (unknown keys
// ignored), and response shapes ($ref'd model schemas where rows are plain models).
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import { PersonTaskRow } from '../../services/person-task-rows.ts'

export const tags = ['tasks']

const id = Type.String()
export const TaskParams = Type.Object({ task_id: id })
export type TaskParams = Static<typeof TaskParams>
export const TaskCommentParams = Type.Object({ task_id: id, comment_id: id })
export type TaskCommentParams = Static<typeof TaskCommentParams>
export const TaskCommentPreviewParams = Type.Object({ task_id: id, comment_id: id, preview_file_id: id })
export type TaskCommentPreviewParams = Static<typeof TaskCommentPreviewParams>
export const TaskDateParams = Type.Object({ task_id: id, date: id })
export type TaskDateParams = Static<typeof TaskDateParams>
export const TaskDatePersonParams = Type.Object({ task_id: id, date: id, person_id: id })
export type TaskDatePersonParams = Static<typeof TaskDatePersonParams>
export const PersonParams = Type.Object({ person_id: id })
export type PersonParams = Static<typeof PersonParams>
export const PersonTaskTypeParams = Type.Object({ person_id: id, task_type_id: id })
export type PersonTaskTypeParams = Static<typeof PersonTaskTypeParams>
export const EntityTaskTypeParams = Type.Object({ entity_id: id, task_type_id: id })
export type EntityTaskTypeParams = Static<typeof EntityTaskTypeParams>
export const ProjectParams = Type.Object({ project_id: id })
export type ProjectParams = Static<typeof ProjectParams>
export const ProjectTaskTypeParams = Type.Object({ project_id: id, task_type_id: id })
export type ProjectTaskTypeParams = Static<typeof ProjectTaskTypeParams>
export const ProjectTaskTypeEntityParams = Type.Object({ project_id: id, task_type_id: id, entity_type: id })
export type ProjectTaskTypeEntityParams = Static<typeof ProjectTaskTypeEntityParams>

/** Query strings are read by the services (Zou's args, criterions). */
export const AnyQuery = Type.Object({}, { additionalProperties: true })
export type AnyQuery = Record<string, string>

/** Bodies whose fields are all optional may be absent: validate `{}` then. */
export async function emptyBodyIsObject(req: FastifyRequest) {
  req.body ??= {}
}

const TaskIds = Type.Array(Type.String(), { minItems: 1 })

export const AssignBody = Type.Object({ person_id: Type.String({ minLength: 1 }) })
export type AssignBody = Static<typeof AssignBody>
export const TaskIdsBody = Type.Object({ task_ids: TaskIds })
export type TaskIdsBody = Static<typeof TaskIdsBody>
export const UnassignBody = Type.Object({
  task_ids: TaskIds,
  person_id: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
})
export type UnassignBody = Static<typeof UnassignBody>
export const PriorityBody = Type.Object({ task_ids: TaskIds, priority: Type.Integer({ minimum: 0 }) })
export type PriorityBody = Static<typeof PriorityBody>
export const TimeSpentBody = Type.Object({ duration: Type.Number({ exclusiveMinimum: 0 }) })
export type TimeSpentBody = Static<typeof TimeSpentBody>
export const PreviewBody = Type.Object({ revision: Type.Optional(Type.Integer({ minimum: 0 })) })
export type PreviewBody = Static<typeof PreviewBody>
export const ToReviewBody = Type.Object({
  person_id: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  comment: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  name: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  revision: Type.Optional(Type.Integer({ minimum: 0 })),
  change_status: Type.Optional(Type.Unsafe<boolean | null>({ type: ['boolean', 'null'] })),
})
export type ToReviewBody = Static<typeof ToReviewBody>

// ---- responses ----

export const Open = { type: 'object', additionalProperties: true }
export const OpenList = { type: 'array', items: Open }
export const IdList = { type: 'array', items: { type: 'string' } }
export const ref = (model: string) => ({ $ref: `${model}#` })
export const listOf = (model: string) => ({ type: 'array', items: ref(model) })
/** Zou's get_paginated_results: an array, or a page envelope when `page` ≥ 1. */
export const arrayOrPage = (model: string) => ({
  anyOf: [
    listOf(model),
    {
      type: 'object',
      properties: {
        data: listOf(model), total: { type: 'integer' }, nb_pages: { type: 'integer' },
        limit: { type: 'integer' }, offset: { type: 'integer' }, page: { type: 'integer' },
      },
    },
  ],
})

export const PersonTaskList = { type: 'array', items: PersonTaskRow }
export const OpenTasks = {
  type: 'object',
  properties: {
    data: PersonTaskList,
    stats: Open,
    limit: { type: 'integer' },
    is_more: { type: 'boolean' },
    page: { type: 'integer' },
  },
}
const TaskRowSchema = { type: 'object', additionalProperties: true, properties: {} }
export const CreatedTasks = { type: 'array', items: TaskRowSchema }
export const PreviewWithComments = {
  type: 'object',
  additionalProperties: true,
}
