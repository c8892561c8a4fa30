// The studio-wide settings row: a single organisation, created on demand as "Kitsu" (Zou).
import type { Db } from '../db/client.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { rowSerializer, type Row } from '../lib/serialize.ts'

export const ORGANISATION_SECRETS: ReadonlySet<string> = new Set(['chat_token_slack', 'chat_webhook_mattermost', 'chat_token_discord'])

const full = rowSerializer(modelMetaOf('Organisation'), 'Organisation')
const masked = rowSerializer(modelMetaOf('Organisation'), 'Organisation', ORGANISATION_SECRETS)

export async function getOrCreateOrganisation(db: Db) {
  const existing = await db.organisation.findFirst({ orderBy: { created_at: 'asc' } })
  return existing ?? db.organisation.create({ data: { name: 'Kitsu' } })
}

/** Chat tokens are shown to admins only. */
export function serializeOrganisation(row: Row, isAdmin: boolean): Row {
  return isAdmin ? full(row) : masked(row)
}
