// The two bundled file trees (files-and-previews.md §4.4) and the shape of a project's
// `file_tree`. Trees are bundled as JSON modules, so the server bundle carries them.
import defaultTree from './trees/default.json' with { type: 'json' }
import simpleTree from './trees/simple.json' with { type: 'json' }

/** One section (folder_path / file_name): template per kind plus an optional style. */
export type TreeSection = Record<string, string>

export interface TreeMode {
  mountpoint?: string
  root?: string
  folder_path?: TreeSection
  file_name?: TreeSection
}

export type FileTree = Record<string, TreeMode>

const BUNDLED: Record<string, FileTree> = { default: defaultTree, simple: simpleTree }

/** A bundled tree by name (`[A-Za-z0-9_-]+`), as a fresh copy; null when there is none. */
export function bundledTree(name: string): FileTree | null {
  if (!/^[A-Za-z0-9_-]+$/.test(name) || !Object.hasOwn(BUNDLED, name)) return null
  return structuredClone(BUNDLED[name])
}
