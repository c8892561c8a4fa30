// Zou's code lists (models.md §1.5). Zou stores them as varchar and does not check them on
// write (a bad code then breaks every read); Slate validates every enum column → 400.
export const ROLE = ['user', 'admin', 'supervisor', 'manager', 'client', 'vendor'] as const
export const CONTRACT = ['open-ended', 'fixed-term', 'short-term', 'freelance', 'apprentice', 'internship'] as const
export const POSITION = ['supervisor', 'lead', 'artist'] as const
export const SENIORITY = ['senior', 'mid', 'junior'] as const
export const TWO_FACTOR = ['totp', 'email_otp', 'fido'] as const
export const PROJECT_STYLE = [
  '2d', '2dpaper', '3d', '2d3d', 'ar', 'vfx', 'stop-motion', 'motion-design', 'archviz', 'commercial',
  'catalog', 'immersive', 'nft', 'video-game', 'vr',
] as const
export const ENTITY_STATUS = ['standby', 'running', 'complete', 'canceled'] as const
export const PREVIEW_STATUS = ['processing', 'ready', 'broken', 'missing'] as const
export const VALIDATION_STATUS = ['validated', 'rejected', 'neutral'] as const
export const NOTIFICATION_TYPE = ['comment', 'mention', 'assignation', 'reply', 'reply-mention', 'playlist-ready'] as const
export const STATUS_AUTOMATION_CHANGE = ['status', 'ready_for'] as const
export const METADATA_DATA_TYPE = ['string', 'number', 'list', 'taglist', 'boolean', 'checklist', 'date', 'url', 'textarea', 'person'] as const
export const DISPLAY_DATE_FORMAT = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const
export const PLAYLIST_FOR_ENTITY = ['shot', 'asset', 'sequence', 'edit', 'episode'] as const
export const ENTITY_KINDS = ['Asset', 'Shot', 'Sequence', 'Episode', 'Edit', 'Concept', 'Scene'] as const

/** Enum columns per model (column → allowed codes). */
export const ENUMS = {
  person: { role: ROLE, contract_type: CONTRACT, position: POSITION, seniority: SENIORITY, preferred_two_factor_authentication: TWO_FACTOR, display_date_format: DISPLAY_DATE_FORMAT },
  project: { production_style: PROJECT_STYLE },
  entity: { status: ENTITY_STATUS },
  taskType: { for_entity: ENTITY_KINDS },
  previewFile: { status: PREVIEW_STATUS, validation_status: VALIDATION_STATUS },
  notification: { type: NOTIFICATION_TYPE },
  statusAutomation: { out_field_type: STATUS_AUTOMATION_CHANGE },
  metadataDescriptor: { data_type: METADATA_DATA_TYPE },
  salaryScale: { position: POSITION, seniority: SENIORITY },
  budgetEntry: { position: POSITION, seniority: SENIORITY },
} satisfies Record<string, Record<string, readonly string[]>>
