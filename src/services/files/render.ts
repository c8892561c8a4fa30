// Template rendering of file trees (files-and-previews.md §4.2-4.3), as pure functions of
// the values a path needs (loaded beforehand by path-data.ts): root path, folder path and
// file name for an entity, a task or an asset instance.
import { slugify } from '../../lib/slug.ts'
import type { FileTree, TreeMode, TreeSection } from './trees.ts'

/** Zou's MalformedFileTreeException: the routes turn it into their own 400 body. */
export class MalformedTree extends Error {}

/** A record a token reads a field of (`name`, `short_name`, `number`, `id`). */
export type TokenRecord = Record<string, unknown> | null

/** Everything a template may name, already resolved. */
export interface PathData {
  project: TokenRecord
  /** The entity the path is for (the temporal entity for instance paths). */
  entity: TokenRecord
  /** Kind of `entity`: shot, sequence, scene, episode or asset (any other entity). */
  kind: string
  /** Entity type of `entity` (TemporalEntityType; AssetType when no instance asset). */
  entityType: TokenRecord
  sequence: TokenRecord
  episode: TokenRecord
  task: TokenRecord
  taskType: TokenRecord
  department: TokenRecord
  software: TokenRecord
  outputType: TokenRecord
  /** Instance paths: the instance, its asset and that asset's type. */
  instance?: TokenRecord
  asset?: TokenRecord
  assetType?: TokenRecord
  name: string
  representation: string
  revision: number
}

const ALLOWED_FIELDS = new Set(['short_name', 'name', 'number', 'id'])
const UUID_PATTERN = /[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89aAbB][a-f0-9]{3}-[a-f0-9]{12}/g

export function applyStyle(text: string, style: string | undefined): string {
  if (style === 'uppercase') return text.toUpperCase()
  if (style === 'lowercase') return text.toLowerCase()
  return text
}

const slug = (text: string) => slugify(text, '_')
const field = (record: TokenRecord, name: string): unknown => (record ? record[name] : null)
const pad = (value: unknown, width: number) => String(value ?? 0).padStart(width, '0')

function sequenceValue(data: PathData, name: string): unknown {
  const value = field(data.sequence, name)
  // Zou's short sequence names: `Seq2` → `S002`.
  const m = typeof value === 'string' ? /^Seq(\d+)$/.exec(value) : null
  return m ? `S${m[1].padStart(3, '0')}` : value
}

function instanceValue(instance: TokenRecord, name: string): unknown {
  if (!instance) return ''
  const number = pad(instance.number, 4)
  return name === 'name' ? (instance.name ?? number) : number
}

/** The raw value of one token (before slugify); null leaves the token as written. */
function tokenValue(token: string, name: string, data: PathData): unknown {
  switch (token) {
    case 'Project': return field(data.project, name)
    case 'Task': return field(data.task, name) ?? ''
    case 'TaskType': return field(data.taskType, name) ?? ''
    case 'Department': return field(data.department, name) ?? ''
    case 'Shot': case 'Scene': case 'TemporalEntity': return field(data.entity, name)
    case 'TemporalEntityType': {
      const value = field(data.entityType, name)
      return typeof value === 'string' ? value.toLowerCase() : value
    }
    case 'AssetType': return field(data.assetType ?? data.entityType, name)
    case 'Asset': return field(data.asset ?? data.entity, name)
    case 'Sequence': return sequenceValue(data, name)
    case 'Episode': return field(data.episode, name) ?? 'e001'
    case 'Software': return field(data.software, name)
    case 'OutputType': {
      const value = field(data.outputType, name)
      return typeof value === 'string' ? value.toLowerCase() : value
    }
    case 'Instance': return instanceValue(data.instance ?? null, name)
    case 'Representation': return data.representation
    case 'Name': case 'OutputFile': case 'WorkingFile': return data.name
    case 'Version': case 'Revision': return pad(data.revision, 3)
    default: throw new MalformedTree(`Unknown data type: ${token}.`)
  }
}

/** Replaces every `<Token>` / `<Token.field>` of the template with its slugified value. */
function renderTemplate(template: string, data: PathData, style: string | undefined): string {
  let render = template
  for (const [, variable] of template.matchAll(/<([\w.]*)>/g)) {
    const [token, given] = variable.split('.')
    const name = given !== undefined && ALLOWED_FIELDS.has(given) ? given : 'name'
    const value = tokenValue(token, name, data)
    if (value === null || value === undefined) continue
    const text = name === 'id' ? String(value) : applyStyle(slug(String(value)), style)
    render = render.replaceAll(`<${variable}>`, text)
  }
  return render
}

export function modeOf(tree: FileTree | null | undefined, mode: string): TreeMode {
  if (!tree || typeof tree !== 'object') throw new MalformedTree('No tree can be found for given project.')
  const found = Object.hasOwn(tree, mode) ? tree[mode] : undefined
  if (!found || typeof found !== 'object') throw new MalformedTree(`Mode ${mode} cannot be found on given tree.`)
  return found
}

export function rootPath(tree: FileTree | null | undefined, mode: string, sep: string): string {
  const m = modeOf(tree, mode)
  if (typeof m.mountpoint !== 'string' || typeof m.root !== 'string') {
    throw new MalformedTree(`Can't find given mode (${mode}) in given tree.`)
  }
  return m.root ? `${m.mountpoint}${sep}${m.root}${sep}` : `${m.mountpoint}${sep}`
}

function section(tree: FileTree | null | undefined, mode: string, which: 'folder_path' | 'file_name'): TreeSection {
  const s = modeOf(tree, mode)[which]
  if (!s || typeof s !== 'object') throw new MalformedTree(`The ${which} section of mode ${mode} is missing in given tree.`)
  return s
}

function template(s: TreeSection, kind: string, mode: string): string {
  const t = Object.hasOwn(s, kind) ? s[kind] : undefined
  // Zou raises a bare MalformedFileTreeException here (empty message): say which template is missing.
  if (typeof t !== 'string') throw new MalformedTree(`No ${kind} template found in mode ${mode} of given tree.`)
  return t
}

/** Root path + rendered folder template, `/` replaced by `sep` (no trailing separator). */
export function folderPath(tree: FileTree | null | undefined, mode: string, data: PathData, sep: string): string {
  const root = rootPath(tree, mode, sep)
  const s = section(tree, mode, 'folder_path')
  const folder = renderTemplate(template(s, data.kind, mode), data, s.style).replaceAll('/', sep)
  return joinPath(root, folder, '')
}

/** Rendered file-name template, slugified again as a whole (UUIDs kept verbatim), no extension. */
export function fileName(tree: FileTree | null | undefined, mode: string, data: PathData): string {
  const s = section(tree, mode, 'file_name')
  const rendered = renderTemplate(template(s, data.kind, mode), data, 'lowercase')
  const uuids = rendered.match(UUID_PATTERN) ?? []
  let name = applyStyle(slug(rendered), s.style)
  for (const uuid of uuids) name = name.replaceAll(applyStyle(slug(uuid), s.style), uuid)
  return name
}

export function joinPath(left: string, right: string, sep: string): string {
  if (left === '') return right
  if (right === '') return left
  return `${left}${sep}${right}`
}
