// The model table: one crud(...) line per /data/<route> (crud.md §1), with the permission
// matrix of §10 as data and the §9.5 visibility scopes. Per-model behaviours of §11 live in
// hooks/<model>.ts. Defaults (model.ts): any authenticated caller reads, admins write.
import { crud, type CrudModel } from './model.ts'
import { admin, any, both, either, managerGlobal, mpa, noVendor, pa, self, spa } from './rules.ts'
import * as scopes from './scopes.ts'
import * as rows from './row-rules.ts'
import * as project from './projects-of.ts'
import { ENUMS } from './enums.ts'
import { personHooks, personFilterable, PERSON_ENUM_MESSAGES, PERSON_EXTRA_SCHEMA } from './hooks/persons.ts'
import { PROJECT_SELECT, projectHooks } from './hooks/projects.ts'
import { ENTITY_SELECT, entityEventPrefix, entityHooks, entityRead, entityUpdate } from './hooks/entities.ts'
import { entityTypeHooks } from './hooks/entity-types.ts'
import { taskHooks, taskRead, taskUpdate } from './hooks/tasks.ts'
import { taskTypeHooks } from './hooks/task-types.ts'
import { defaultFlagHooks } from './hooks/default-flag.ts'
import { organisationHooks, organisationFilterable } from './hooks/organisations.ts'
import { commentHooks } from './hooks/comments.ts'
import { timeSpentHooks, timeSpentDelete } from './hooks/time-spents.ts'
import { dayOffHooks } from './hooks/day-offs.ts'
import { customActionHooks } from './hooks/custom-actions.ts'
import { statusAutomationHooks } from './hooks/status-automations.ts'
import { playlistHooks } from './hooks/playlists.ts'
import { scheduleItemHooks } from './hooks/schedule-items.ts'
import { salaryScaleHooks } from './hooks/salary-scales.ts'
import { metadataDescriptorHooks } from './hooks/metadata-descriptors.ts'
import { scheduleReader, scheduleVersionList, scheduleTaskLinkHooks } from './hooks/schedule-versions.ts'
import { previewFileHooks, previewFileUpdate } from './hooks/preview-files.ts'
import { PROJECT_TEMPLATE_CREATE_KEYS, PROJECT_TEMPLATE_NOT_FOUND, PROJECT_TEMPLATE_UPDATE_IGNORED, projectTemplateHooks } from './hooks/project-templates.ts'

const link = (linkModel: string, selfCol: string, other: string, target: string | null) =>
  ({ link: linkModel, self: selfCol, other, target })

const adminOnly = { read: admin }

export const crudModels: CrudModel[] = [
  crud('persons', 'Person', {
    relations: { departments: link('DepartmentLink', 'person_id', 'department_id', 'Department') },
    access: { update: either(admin, self('id')), delete: admin },
    hidden: ['password', 'totp_secret', 'email_otp_secret', 'otp_recovery_codes', 'fido_credentials', 'jti', 'login_failed_attemps', 'last_login_failed'],
    writeOnly: ['password'],
    enums: ENUMS.person,
    enumMessages: PERSON_ENUM_MESSAGES,
    filterable: personFilterable,
    extraSchema: PERSON_EXTRA_SCHEMA,
    hooks: personHooks,
  }),
  crud('projects', 'Project', {
    relations: {
      team: link('ProjectPersonLink', 'project_id', 'person_id', 'Person'),
      asset_types: link('ProjectAssetTypeLink', 'project_id', 'asset_type_id', 'EntityType'),
      task_statuses: link('ProjectTaskStatusLink', 'project_id', 'task_status_id', 'TaskStatus'),
      task_types: link('ProjectTaskTypeLink', 'project_id', 'task_type_id', 'TaskType'),
      status_automations: link('ProjectStatusAutomationLink', 'project_id', 'status_automation_id', 'StatusAutomation'),
      preview_background_files: link('ProjectPreviewBackgroundFileLink', 'project_id', 'preview_background_file_id', 'PreviewBackgroundFile'),
    },
    // Zou: CRUD events are scoped by the row's project_id column, which projects lack. Scoping
    // them to the project itself made api_event rows reference it, so a plain delete hit the
    // foreign key and the project:delete event could not be stored.
    projectOf: null,
    access: { list: any, read: pa((_c, row) => row.id as string), update: mpa((_c, row) => row.id as string), delete: admin },
    protectedOnUpdate: ['team'],
    // Not a column: the template applied on create (hooks/projects.ts).
    writeOnly: ['project_template_id'],
    enums: ENUMS.project,
    scope: scopes.openProjectsOfCaller,
    extraSelect: PROJECT_SELECT,
    extraSchema: { project_status_name: { type: 'string' }, first_episode_id: { type: 'string' } },
    hooks: projectHooks,
  }),
  crud('project-status', 'ProjectStatus'),
  crud('project-templates', 'ProjectTemplate', {
    relations: {
      task_types: link('ProjectTemplateTaskTypeLink', 'project_template_id', 'task_type_id', 'TaskType'),
      task_statuses: link('ProjectTemplateTaskStatusLink', 'project_template_id', 'task_status_id', 'TaskStatus'),
      asset_types: link('ProjectTemplateAssetTypeLink', 'project_template_id', 'asset_type_id', 'EntityType'),
      status_automations: link('ProjectTemplateStatusAutomationLink', 'project_template_id', 'status_automation_id', 'StatusAutomation'),
      preview_background_files: link('ProjectTemplatePreviewBackgroundFileLink', 'project_template_id', 'preview_background_file_id', 'PreviewBackgroundFile'),
    },
    read: managerGlobal,
    enums: ENUMS.project,
    createKeys: PROJECT_TEMPLATE_CREATE_KEYS,
    protectedOnUpdate: PROJECT_TEMPLATE_UPDATE_IGNORED,
    checkBeforeFind: true,
    writeNotFound: PROJECT_TEMPLATE_NOT_FOUND,
    responses: { create: 'plain', update: 'plain', get: 'query' },
    hooks: projectTemplateHooks,
  }),
  crud('entity-types', 'EntityType', {
    relations: { task_types: link('TaskTypeAssetTypeLink', 'asset_type_id', 'task_type_id', 'TaskType') },
    eventPrefix: () => 'asset-type',
    responses: { create: 'relations', update: 'relations', get: 'query' },
    hooks: entityTypeHooks,
  }),
  crud('entities', 'Entity', {
    relations: {
      entities_out: link('EntityLink', 'entity_in_id', 'entity_out_id', 'Entity'),
      entities_in: link('EntityLink', 'entity_out_id', 'entity_in_id', null),
      entity_concept_links: link('EntityConceptLink', 'entity_in_id', 'entity_out_id', 'Entity'),
      instance_casting: link('AssetInstanceLink', 'entity_id', 'asset_instance_id', 'AssetInstance'),
    },
    access: {
      list: any,
      read: entityRead,
      create: mpa(),
      update: entityUpdate,
      delete: either(self('created_by'), mpa()),
    },
    protectedOnUpdate: ['instance_casting', 'entities_in', 'type', 'shotgun_id', 'created_by'],
    enums: ENUMS.entity,
    extraSelect: ENTITY_SELECT,
    eventPrefix: entityEventPrefix,
    scope: scopes.entitiesOfCaller,
    responses: { create: 'relations', update: 'relations', get: 'query' },
    hooks: entityHooks,
  }),
  crud('task-types', 'TaskType', { enums: ENUMS.taskType, hooks: taskTypeHooks }),
  crud('task-status', 'TaskStatus', { hooks: defaultFlagHooks('TaskStatus', 'is_default') }),
  crud('tasks', 'Task', {
    relations: { assignees: link('TaskPersonLink', 'task_id', 'person_id', 'Person') },
    access: { list: any, read: taskRead, create: mpa(project.ofTaskBody), update: taskUpdate, delete: mpa() },
    scope: scopes.tasksOfCaller,
    hooks: taskHooks,
  }),
  crud('departments', 'Department'),
  crud('organisations', 'Organisation', { filterable: organisationFilterable, hooks: organisationHooks }),
  crud('file-status', 'FileStatus'),
  crud('softwares', 'Software', { responses: { create: 'relations', update: 'plain', get: 'plain' } }),
  crud('hardware-items', 'HardwareItem', adminOnly),
  crud('output-files', 'OutputFile', {
    projectOf: project.ofEntityColumn('entity_id'),
    access: {
      list: noVendor,
      read: both(pa(project.ofEntityColumn('entity_id')), rows.vendorEntityRule('entity_id')),
      update: either(mpa(project.ofEntityColumn('entity_id')), rows.assignedToEntityOf('temporal_entity_id', 'entity_id')),
    },
    scope: scopes.outputFilesOfCaller,
    responses: { create: 'relations', update: 'plain', get: 'plain' },
  }),
  crud('output-types', 'OutputType', { responses: { create: 'relations', update: 'plain', get: 'plain' } }),
  crud('preview-files', 'PreviewFile', {
    relations: { comments: link('CommentPreviewLink', 'preview_file', 'comment', null) },
    projectOf: project.ofTaskColumn('task_id'),
    access: {
      list: any,
      read: rows.previewRead,
      update: previewFileUpdate,
      delete: mpa(project.ofTaskColumn('task_id')),
    },
    enums: ENUMS.previewFile,
    scope: scopes.previewFilesOfCaller,
    hooks: previewFileHooks,
  }),
  crud('working-files', 'WorkingFile', {
    relations: { outputs: link('OutputFile', 'source_file_id', 'id', null) },
    projectOf: project.ofTaskColumn('task_id'),
    access: {
      list: noVendor,
      read: both(pa(project.ofTaskColumn('task_id')), rows.vendorTaskEntityRule('task_id')),
      update: rows.taskActionAccess('task_id'),
    },
    scope: scopes.workingFilesOfCaller,
    responses: { create: 'relations', update: 'plain', get: 'relations' },
  }),
  crud('attachment-files', 'AttachmentFile', {
    access: { list: admin, read: rows.attachmentRead },
  }),
  crud('comments', 'Comment', {
    relations: {
      previews: link('CommentPreviewLink', 'comment', 'preview_file', 'PreviewFile'),
      mentions: link('CommentMentions', 'comment', 'person', 'Person'),
      department_mentions: link('CommentDepartmentMentions', 'comment', 'department', 'Department'),
      acknowledgements: link('CommentAcknoledgments', 'comment', 'person', 'Person'),
      attachment_files: link('AttachmentFile', 'comment_id', 'id', null),
    },
    projectOf: project.ofTaskColumn('object_id'),
    access: { list: admin, read: rows.commentRead, update: rows.commentUpdate, delete: rows.commentDelete },
    protectedOnUpdate: ['mentions', 'department_mentions'],
    // The single GET expands these ids into objects (crud.md §11.14).
    extraSchema: { person: { type: ['object', 'null'], additionalProperties: true }, attachment_files: { type: 'array', items: {} }, previews: { type: 'array', items: {} } },
    hooks: commentHooks,
  }),
  crud('time-spents', 'TimeSpent', {
    projectOf: project.ofTaskColumn('task_id'),
    access: { list: admin, read: admin, delete: timeSpentDelete },
    hooks: timeSpentHooks,
  }),
  crud('day-offs', 'DayOff', {
    access: { list: admin, read: either(admin, self()), create: either(admin, self()), update: either(admin, self()), delete: either(admin, self()) },
    hooks: dayOffHooks,
  }),
  crud('custom-actions', 'CustomAction', { access: { list: noVendor, read: admin }, hooks: customActionHooks }),
  crud('status-automations', 'StatusAutomation', { access: { list: noVendor, read: admin }, enums: ENUMS.statusAutomation, hooks: statusAutomationHooks }),
  crud('asset-instances', 'AssetInstance', {
    relations: { shots: link('AssetInstanceLink', 'asset_instance_id', 'entity_id', null) },
    projectOf: project.ofEntityColumn('asset_id'),
    access: {
      list: admin,
      read: either(admin, both(pa(project.ofEntityColumn('asset_id')), rows.vendorEntityRule('asset_id'))),
      update: either(admin, both(pa(project.ofEntityColumn('asset_id')), rows.vendorEntityRule('asset_id'))),
    },
    protectedOnUpdate: ['number'],
  }),
  crud('playlists', 'Playlist', {
    relations: { build_jobs: link('BuildJob', 'playlist_id', 'id', null) },
    access: {
      list: noVendor,
      create: spa(),
      read: both(pa(), noVendor),
      update: rows.playlistUpdate,
      delete: rows.playlistUpdate,
    },
    scope: scopes.playlistsOfCaller,
    hooks: playlistHooks,
  }),
  // seq: Slate's stream order, not part of Zou's row.
  crud('events', 'ApiEvent', { ...adminOnly, unpaginatedLimit: 1000, hidden: ['seq'] }),
  crud('notifications', 'Notification', { ...adminOnly, enums: ENUMS.notification }),
  crud('search-filters', 'SearchFilter', adminOnly),
  crud('search-filter-groups', 'SearchFilterGroup', adminOnly),
  crud('schedule-items', 'ScheduleItem', {
    access: { list: admin, read: admin, update: either(admin, mpa(), rows.supervisorOfTaskType('task_type_id')) },
    hooks: scheduleItemHooks,
  }),
  crud('news', 'News', adminOnly),
  crud('milestones', 'Milestone', {
    access: { list: admin, create: mpa(), read: both(pa(), noVendor), update: mpa(), delete: mpa() },
  }),
  crud('metadata-descriptors', 'MetadataDescriptor', {
    relations: { departments: link('DepartmentMetadataDescriptorLink', 'metadata_descriptor_id', 'department_id', 'Department') },
    // Zou bug: the list means to block vendors but does not; Slate blocks them.
    access: { list: noVendor, read: admin },
    enums: ENUMS.metadataDescriptor,
    scope: scopes.openProjectsColumn,
    hooks: metadataDescriptorHooks,
  }),
  crud('subscriptions', 'Subscription', adminOnly),
  crud('entity-links', 'EntityLink', { ...adminOnly, projectOf: project.ofEntityColumn('entity_in_id') }),
  crud('chats', 'Chat', { ...adminOnly, relations: { participants: link('ChatParticipant', 'chat_id', 'person_id', 'Person') } }),
  crud('chat-messages', 'ChatMessage', { ...adminOnly, relations: { attachment_files: link('AttachmentFile', 'chat_message_id', 'id', null) } }),
  crud('preview-background-files', 'PreviewBackgroundFile', { hooks: defaultFlagHooks('PreviewBackgroundFile', 'is_default', 'A preview background file with similar name already exists') }),
  crud('studios', 'Studio'),
  crud('salary-scales', 'SalaryScale', { ...adminOnly, enums: ENUMS.salaryScale, protectedOnUpdate: ['department_id'], hooks: salaryScaleHooks }),
  crud('budgets', 'Budget', { ...adminOnly, protectedOnUpdate: ['revision'] }),
  crud('budget-entries', 'BudgetEntry', { ...adminOnly, enums: ENUMS.budgetEntry, protectedOnUpdate: ['budget_id'] }),
  crud('plugins', 'Plugin', adminOnly),
  crud('production-schedule-versions', 'ProductionScheduleVersion', {
    access: { list: scheduleVersionList, create: mpa(), read: both(pa(), scheduleReader), update: mpa(), delete: admin },
  }),
  crud('production-schedule-version-task-links', 'ProductionScheduleVersionTaskLink', {
    relations: { assignees: link('ProductionScheduleVersionTaskLinkPersonLink', 'production_schedule_version_task_link_id', 'person_id', 'Person') },
    projectOf: project.ofTaskColumn('task_id'),
    access: {
      list: scheduleVersionList,
      create: mpa(project.ofScheduleVersionBody),
      read: both(pa(project.ofTaskColumn('task_id')), scheduleReader),
      update: mpa(project.ofTaskColumn('task_id')),
      delete: mpa(project.ofTaskColumn('task_id')),
    },
    protectedOnUpdate: ['task_id', 'production_schedule_version_id'],
    hooks: scheduleTaskLinkHooks,
  }),
]

export const crudByRoute = new Map(crudModels.map((m) => [m.route, m]))
