// POST /data/entities/guess-from-path (files-and-previews.md §4.5): which folder templates of
// the project's tree a path matches, with the records its segments name, resolved left to
// right so each lookup is constrained by the ones before it.
import type { Ctx } from '../../crud/context.ts'
import { requireProjectAccess } from '../access.ts'
import { pathRouteError, withTreeErrors } from './common.ts'
import { applyStyle, rootPath } from './render.ts'
import type { FileTree } from './trees.ts'

export interface GuessInput {
  project_id: string
  file_path: string
  sep?: string
}

type Candidate = Record<string, string>

/** Token values of a path for a template; null when a literal segment differs. */
function extractTokens(elements: string[], templateElements: string[]): Map<string, string> | null {
  const values = new Map<string, string>()
  const count = Math.min(elements.length, templateElements.length)
  for (let i = 0; i < count; i++) {
    const m = /(\w*)<(\w*)>(\w*)/.exec(templateElements[i])
    if (!m) {
      if (templateElements[i] === elements[i]) continue
      return null
    }
    // `v<Version>` against `v003` gives `003`; underscores are read as spaces.
    const value = elements[i].replaceAll('_', ' ')
    const cut = value.slice(m[1].length, value.length - m[3].length)
    if (!values.get(m[2])) values.set(m[2], cut)
  }
  return values
}

const ENTITY_BY_TYPE = `SELECT e.id FROM entity e JOIN entity_type et ON et.id = e.entity_type_id
  WHERE e.name ILIKE $1 AND et.name = $2 AND e.project_id = $3`

/** The id (or value) a token names, given what was resolved before it; null stops the template. */
async function resolveToken(ctx: Ctx, projectId: string, token: string, value: string, found: Candidate): Promise<string | null> {
  const one = async (sql: string, params: unknown[]) => ((await ctx.pool.query(`${sql} LIMIT 1`, params)).rows[0]?.id as string | undefined) ?? null
  switch (token) {
    case 'Project': {
      const id = await one('SELECT id FROM project WHERE name ILIKE $1 ORDER BY id = $2 DESC', [value, projectId])
      // A path naming another production resolves nothing of it (Zou would go on with that project).
      return id === projectId ? id : null
    }
    case 'AssetType': case 'TemporalEntityType': return one('SELECT id FROM entity_type WHERE name ILIKE $1', [value])
    case 'Department': return one('SELECT id FROM department WHERE name ILIKE $1', [value])
    case 'TaskType': return one('SELECT id FROM task_type WHERE name ILIKE $1', [value])
    case 'OutputType': return one('SELECT id FROM output_type WHERE name ILIKE $1', [value])
    case 'Episode': return found.Project ? one(ENTITY_BY_TYPE, [value, 'Episode', found.Project]) : null
    // Zou looks a sequence up only under a resolved episode (so never in a project without
    // episodes): here the episode constrains it when the template names one.
    case 'Sequence':
      if (!found.Project) return null
      return one(`${ENTITY_BY_TYPE} AND ($4::uuid IS NULL OR e.parent_id = $4)`, [value, 'Sequence', found.Project, found.Episode ?? null])
    case 'Shot': case 'Scene':
      if (!found.Project || !found.Sequence) return null
      return one(`${ENTITY_BY_TYPE} AND e.parent_id = $4`, [value, token, found.Project, found.Sequence])
    case 'Asset':
      if (!found.Project || !found.AssetType) return null
      return one('SELECT id FROM entity WHERE name ILIKE $1 AND entity_type_id = $2 AND project_id = $3', [value, found.AssetType, found.Project])
    case 'TemporalEntity':
      if (!found.Project || !found.TemporalEntityType) return null
      return one('SELECT id FROM entity WHERE name ILIKE $1 AND entity_type_id = $2 AND project_id = $3', [value, found.TemporalEntityType, found.Project])
    case 'Task': {
      const entityId = found.Scene ?? found.Asset ?? found.Shot
      if (!found.Project || !found.TaskType || !entityId) return null
      return one('SELECT id FROM task WHERE name ILIKE $1 AND task_type_id = $2 AND project_id = $3 AND entity_id = $4', [value, found.TaskType, found.Project, entityId])
    }
    case 'Instance':
      if (!found.Project) return null
      return one('SELECT ai.id FROM asset_instance ai JOIN entity a ON a.id = ai.asset_id WHERE ai.name ILIKE $1 AND a.project_id = $2', [value, found.Project])
    case 'Name': case 'Representation': return value || null
    case 'Version': {
      if (!/^\s*[+-]?\d+\s*$/.test(value)) return null
      const n = Number.parseInt(value, 10)
      return n ? String(n) : null
    }
    default: return null
  }
}

export async function guessFromPath(ctx: Ctx, input: GuessInput, received: unknown): Promise<Candidate[]> {
  await requireProjectAccess(ctx, input.project_id)
  const projectId = input.project_id.toLowerCase()
  const { rows } = await ctx.pool.query('SELECT file_tree FROM project WHERE id = $1', [projectId])
  const tree = rows[0]?.file_tree as FileTree | null
  const toError = pathRouteError(received)
  if (!tree || typeof tree !== 'object') throw toError('No tree can be found for given project.')
  const sep = input.sep ?? '/'
  const candidates: Candidate[] = []
  const seen = new Set<string>()
  for (const mode of Object.keys(tree)) {
    const folders = tree[mode]?.folder_path
    if (!folders || typeof folders !== 'object') continue
    const style = folders.style ?? ''
    const root = applyStyle(withTreeErrors(() => rootPath(tree, mode, sep), toError), style)
    const styled = applyStyle(input.file_path, style)
    if (!styled.startsWith(root)) continue
    const elements = styled.slice(root.length).split(sep)
    for (const [kind, templatePath] of Object.entries(folders)) {
      if (typeof templatePath !== 'string') continue
      const templateElements = templatePath.split(sep)
      const tokens = extractTokens(elements, templateElements)
      if (!tokens || !tokens.size) continue
      const found: Candidate = { Template: kind }
      for (const element of templateElements) {
        const token = [...tokens.keys()].find((t) => element.includes(`<${t}>`))
        if (!token) continue
        const value = await resolveToken(ctx, projectId, token, tokens.get(token)!, found)
        if (!value) break
        found[token] = value
      }
      const key = JSON.stringify(Object.entries(found).sort(([a], [b]) => a.localeCompare(b)))
      if (!seen.has(key)) {
        seen.add(key)
        candidates.push(found)
      }
    }
  }
  return candidates
}

