// Schemas of the entities blueprint (routes.md §16).
import { Type, type Static } from '@sinclair/typebox'

export const EntityParams = Type.Object({ entity_id: Type.String() })
export const ProjectParams = Type.Object({ project_id: Type.String() })
export const ForceQuery = Type.Object({ force: Type.Optional(Type.String()) })
export type ForceQuery = Static<typeof ForceQuery>

const Str = { type: 'string' }
const NStr = { type: ['string', 'null'] }
const NInt = { type: ['integer', 'null'] }

export const IdList = { type: 'array', items: Str }

const NewsRow = {
  type: 'object',
  properties: {
    id: Str, type: Str, author_id: NStr, comment_id: NStr, task_id: NStr, task_type_id: NStr, task_status_id: NStr,
    task_entity_id: NStr, preview_file_id: NStr, preview_file_extension: NStr, preview_file_revision: NInt,
    project_id: NStr, project_name: NStr, created_at: NStr, change: { type: ['boolean', 'null'] },
    full_entity_name: NStr, episode_id: NStr, entity_preview_file_id: NStr,
    person: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          properties: { id: Str, first_name: NStr, last_name: NStr, full_name: NStr, has_avatar: { type: ['boolean', 'null'] }, role: NStr },
        },
      ],
    },
  },
}

export const NewsPage = {
  type: 'object',
  properties: {
    data: { type: 'array', items: NewsRow },
    total: { type: 'integer' }, nb_pages: { type: 'integer' }, limit: { type: 'integer' },
    offset: { type: 'integer' }, page: { type: 'integer' },
  },
}

export const PreviewFileList = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: Str, name: NStr, original_name: NStr, extension: NStr, revision: NInt, position: NInt,
      file_size: { type: ['number', 'null'] }, status: Str, validation_status: Str, task_id: NStr, person_id: NStr,
      created_at: NStr, token_in: NInt, token_out: NInt,
    },
  },
}

export const TimeSpentList = { type: 'array', items: { $ref: 'TimeSpent#' } }

const LinkedTask = {
  type: 'object',
  properties: {
    id: Str, duration: { type: ['number', 'null'] }, due_date: NStr, end_date: NStr, entity_id: Str,
    estimation: { type: ['number', 'null'] }, last_comment_date: NStr, nb_assets_ready: NInt, priority: NInt,
    real_start_date: NStr, retake_count: NInt, start_date: NStr, task_status_id: NStr, task_type_id: NStr,
    assigner_id: NStr, assignees: { type: 'array', items: Str },
  },
}

export const LinkedEntityList = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      canceled: { type: ['boolean', 'null'] }, data: {}, description: NStr, entity_type_id: Str, fps: {}, frame_in: {},
      frame_out: {}, id: Str, name: Str, nb_frames: NInt, parent_id: NStr, preview_file_id: NStr, project_id: Str,
      project_name: Str, source_id: NStr, nb_entities_out: NInt, is_casting_standby: { type: ['boolean', 'null'] },
      tasks: { type: 'array', items: LinkedTask }, entity_concept_links: { type: 'array', items: Str }, type: Str,
      updated_at: NStr, created_at: NStr, created_by: NStr,
    },
  },
}
