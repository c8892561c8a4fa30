// Schemas of the signed download link routes.
export const PreviewParams = {
  type: 'object', properties: { preview_file_id: { type: 'string' } }, required: ['preview_file_id'],
} as const
export interface PreviewParams { preview_file_id: string }

export const AttachmentParams = {
  type: 'object', properties: { attachment_file_id: { type: 'string' } }, required: ['attachment_file_id'],
} as const
export interface AttachmentParams { attachment_file_id: string }

export const TokenParams = { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] } as const
export interface TokenParams { token: string }

/** Checked by the service (Zou-style 400 messages). */
export const LinkQuery = {
  type: 'object', properties: { variant: { type: 'string' }, expires_in: { type: 'string' } },
} as const
export interface LinkQuery { variant?: string; expires_in?: string }

export const SignedLink = {
  type: 'object',
  properties: { url: { type: 'string' }, expires_at: { type: 'string' } },
  required: ['url', 'expires_at'],
} as const
