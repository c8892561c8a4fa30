// POST /data/search (routes.md §22) on PostgreSQL full-text search: no separate indexer.
// Each index builds Zou's document name in SQL ("<asset type> <name> <name spaced>",
// "[<episode>] [<sequence>] <name> <name spaced>", a person's full name) and matches every
// query word as a prefix. One statement per requested index.
import { rowSerializer, type Row } from '../lib/serialize.ts'
import { modelMetaOf } from '../crud/meta.ts'
import { sql, type Sql } from '../crud/select.ts'
import type { Ctx } from '../crud/context.ts'
import { PERSON_SECRETS, fullName, minimalPerson, serializePerson } from './persons.ts'
import { hasAssignedTask, maskedData } from './entities/vendor-scope.ts'

export interface SearchInput {
  query: string
  project_id?: string
  limit: number
  offset: number
  index_names: string[]
}

const serializeEntity = rowSerializer(modelMetaOf('Entity'), 'Asset')

/** Query words, lower-cased, split on anything that is not a letter or a digit. */
export function queryTerms(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))]
}

/** `word:* & word:*` for to_tsquery('simple', …): every term as a prefix. */
const tsQuery = (terms: string[]) => terms.map((t) => `${t}:*`).join(' & ')

/** The query terms that match (as a prefix) a word of the document name. */
function matchedTerms(terms: string[], name: string): string[] {
  const words = queryTerms(name)
  return terms.filter((t) => words.some((w) => w.startsWith(t)))
}

const matches = (doc: Sql, terms: string[]) => sql`to_tsvector('simple', ${doc}) @@ to_tsquery('simple', ${tsQuery(terms)})`

/** Project ids the caller may search (open projects; admins: every open project). */
async function searchableProjects(ctx: Ctx, projectId: string | undefined): Promise<string[]> {
  let ids: string[]
  if (ctx.isAdmin) {
    const { rows } = await ctx.pool.query(
      `SELECT p.id::text FROM project p JOIN project_status s ON s.id = p.project_status_id WHERE s.name = 'Open'`,
    )
    ids = rows.map((r) => r.id)
  } else {
    ids = [...(await ctx.memberships())].filter(([, m]) => m.open).map(([id]) => id)
  }
  return projectId ? ids.filter((id) => id === projectId) : ids
}

async function vendorDepartments(ctx: Ctx): Promise<string[] | null> {
  return ctx.actor.role === 'vendor' ? ctx.departments() : null
}

async function searchAssets(ctx: Ctx, terms: string[], projects: string[], input: SearchInput): Promise<Row[]> {
  if (!projects.length) return []
  const mask = await vendorDepartments(ctx)
  const doc = sql`et.name || ' ' || e.name || ' ' || translate(e.name, '_-', '  ')`
  const q = sql`SELECT e.*, ${mask ? maskedData(sql`e`, 'Asset', mask) : sql`e.data`} AS data,
      p.name AS project_name, et.name AS asset_type_name, pf.extension AS preview_file_extension, ${doc} AS doc
    FROM entity e
    JOIN entity_type et ON et.id = e.entity_type_id
    JOIN project p ON p.id = e.project_id
    LEFT JOIN preview_file pf ON pf.id = e.preview_file_id
    WHERE e.project_id = ANY(${projects}::uuid[])
      AND et.name NOT IN ('Shot', 'Sequence', 'Episode', 'Edit', 'Scene', 'Concept', 'Camera')
      AND ${matches(doc, terms)}
      ${mask ? sql`AND ${hasAssignedTask(ctx, sql`e.id`)}` : sql``}
    ORDER BY e.name, e.id LIMIT ${input.limit} OFFSET ${input.offset}`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r: Row) => ({
    ...serializeEntity(r),
    project_name: r.project_name,
    asset_type_name: r.asset_type_name,
    preview_file_extension: r.preview_file_extension ?? null,
    matched_terms: matchedTerms(terms, r.doc as string),
  }))
}

async function searchShots(ctx: Ctx, terms: string[], projects: string[], input: SearchInput): Promise<Row[]> {
  if (!projects.length) return []
  const mask = await vendorDepartments(ctx)
  const doc = sql`COALESCE('[' || ep.name || '] ', '') || '[' || sq.name || '] ' || e.name || ' ' || translate(e.name, '_-', '  ')`
  const q = sql`SELECT e.*, ${mask ? maskedData(sql`e`, 'Shot', mask) : sql`e.data`} AS data,
      p.name AS project_name, sq.name AS sequence_name, ep.name AS episode_name, ep.id AS episode_ref,
      pf.extension AS preview_file_extension, ${doc} AS doc
    FROM entity e
    JOIN entity_type et ON et.id = e.entity_type_id AND et.name = 'Shot'
    JOIN entity sq ON sq.id = e.parent_id
    LEFT JOIN entity ep ON ep.id = sq.parent_id
    JOIN project p ON p.id = e.project_id
    LEFT JOIN preview_file pf ON pf.id = e.preview_file_id
    WHERE e.project_id = ANY(${projects}::uuid[]) AND ${matches(doc, terms)}
      ${mask ? sql`AND ${hasAssignedTask(ctx, sql`e.id`)}` : sql``}
    ORDER BY e.name, e.id LIMIT ${input.limit} OFFSET ${input.offset}`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r: Row) => ({
    ...serializeEntity(r),
    type: 'Shot',
    project_name: r.project_name,
    sequence_name: r.sequence_name,
    preview_file_extension: r.preview_file_extension ?? null,
    ...(r.episode_ref ? { episode: r.episode_name, episode_id: r.episode_ref } : {}),
    matched_terms: matchedTerms(terms, r.doc as string),
  }))
}

async function searchPersons(ctx: Ctx, terms: string[], input: SearchInput): Promise<Row[]> {
  const doc = sql`COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')`
  const q = sql`SELECT * FROM person WHERE NOT is_bot AND ${matches(doc, terms)}
    ORDER BY first_name, last_name, id LIMIT ${input.limit} OFFSET ${input.offset}`
  const { rows } = await ctx.pool.query(q.text, q.values)
  return rows.map((r: Row) => {
    const safe = serializePerson(r)
    for (const key of PERSON_SECRETS) delete safe[key]
    return { ...(ctx.isAdmin ? safe : minimalPerson(safe)), matched_terms: matchedTerms(terms, fullName(r)) }
  })
}

export async function search(ctx: Ctx, input: SearchInput): Promise<Record<string, Row[]>> {
  const terms = queryTerms(input.query)
  if (input.query.length < 3 || !terms.length) return {}
  const wanted = new Set(input.index_names)
  const projects = wanted.has('assets') || wanted.has('shots') ? await searchableProjects(ctx, input.project_id) : []
  const out: Record<string, Row[]> = {}
  if (wanted.has('persons')) out.persons = await searchPersons(ctx, terms, input)
  if (wanted.has('assets')) out.assets = await searchAssets(ctx, terms, projects, input)
  if (wanted.has('shots')) out.shots = await searchShots(ctx, terms, projects, input)
  return out
}
