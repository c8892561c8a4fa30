// What a preview upload is, from the extension of its file name (files-and-previews.md §5.3),
// and the client file name reduced to a safe base name (no directory parts ever reach a row).
import { safeFileName } from '../../lib/receive-file.ts'

export type PreviewKind = 'picture' | 'movie' | 'file'

export const PICTURE_EXTENSIONS: ReadonlySet<string> = new Set(['jpe', 'jpeg', 'jpg', 'png'])
export const MOVIE_EXTENSIONS: ReadonlySet<string> = new Set(['avi', 'm4v', 'mkv', 'mov', 'mp4', 'webm', 'wmv'])
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'ae', 'ai', 'blend', 'clip', 'comp', 'diff', 'exr', 'fbx', 'fla', 'flv', 'gif', 'glb', 'gltf', 'hip', 'kra', 'ma',
  'mb', 'md', 'mp3', 'obj', 'pdf', 'psd', 'psb', 'rar', 'rev', 'riv', 'sai', 'sai2', 'sbbkp', 'svg', 'swf', 'tvpp',
  'wav', 'zip',
])
export const MODEL_EXTENSIONS: ReadonlySet<string> = new Set(['glb', 'gltf'])

export function kindOf(extension: string): PreviewKind | null {
  if (PICTURE_EXTENSIONS.has(extension)) return 'picture'
  if (MOVIE_EXTENSIONS.has(extension)) return 'movie'
  if (FILE_EXTENSIONS.has(extension)) return 'file'
  return null
}

/** Zou: extension = text after the last dot (lower-cased), name = what precedes it. */
export function splitName(filename: string): { name: string; extension: string } {
  const base = safeFileName(filename)
  const dot = base.lastIndexOf('.')
  if (dot < 0) return { name: base, extension: '' }
  return { name: base.slice(0, dot), extension: base.slice(dot + 1).toLowerCase() }
}
