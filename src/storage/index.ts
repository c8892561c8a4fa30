// File storage: Zou's three logical buckets and `<prefix>-<id>` keys (files-and-previews.md
// §8), behind one small interface. The backend is chosen from config: local disk (Zou's
// folder layout) or S3 (one bucket per storage, flat keys).
import { createWriteStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Config } from '../config.ts'
import { LocalStorage } from './local.ts'

export type Bucket = 'pictures' | 'movies' | 'files'
export const BUCKETS: readonly Bucket[] = ['pictures', 'movies', 'files']

/** Inclusive byte range, like HTTP's `bytes=start-end`; no end: to the last byte. */
export interface ByteRange { start: number; end?: number }
export interface StoredObject { size: number; modifiedAt: Date }

export interface Storage {
  /** Start-up checks (S3: reach the server, create missing buckets); a no-op for local. */
  init(): Promise<void>
  /** Releases connections (S3 client); optional. */
  close?(): Promise<void>
  /** Stores the bytes; a stream is streamed through, never held whole in memory. */
  put(bucket: Bucket, key: string, body: Readable | Buffer): Promise<StoredObject>
  /** The object's bytes (or one range of them); StorageNotFoundError when missing. */
  get(bucket: Bucket, key: string, range?: ByteRange): Promise<Readable>
  /** Size and modification time, or null when missing. */
  stat(bucket: Bucket, key: string): Promise<StoredObject | null>
  exists(bucket: Bucket, key: string): Promise<boolean>
  /** Idempotent: deleting a missing object is fine. */
  delete(bucket: Bucket, key: string): Promise<void>
}

export class StorageKeyError extends Error {}

export class StorageNotFoundError extends Error {
  constructor(bucket: Bucket, key: string) {
    super(`no object "${key}" in storage "${bucket}"`)
  }
}

/** Start-up failures (unreachable S3, missing bucket): the server refuses to boot with this. */
export class StorageInitError extends Error {}

/**
 * Keys are `<prefix>-<rest>`: the prefix letters, digits and underscores, the rest starting
 * with a letter or digit then letters, digits, dots, dashes, underscores; no `..`, no path
 * separators, at most 250 characters (one file name on disk, one S3 key).
 */
export function checkKey(key: string): void {
  if (key.length > 250 || !/^[A-Za-z0-9_]+-[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key) || key.includes('..')) {
    throw new StorageKeyError(`invalid storage key "${key.slice(0, 100)}"`)
  }
}

/** The S3 backend (and the AWS SDK) is loaded only when chosen: most processes never need it. */
export async function createStorage(config: Config): Promise<Storage> {
  if (config.fsBackend === 's3') {
    const { S3Storage } = await import('./s3.ts')
    return new S3Storage(config.s3, config.fsBucketPrefix)
  }
  return new LocalStorage(config.fsLocalRoot, config.fsBucketPrefix)
}

/**
 * A local file with an object's bytes, for tools that read files (ffmpeg): on the local
 * backend the stored file itself (read it, never write it), elsewhere a copy written to
 * `copyTo` (the caller removes it). A missing object throws StorageNotFoundError.
 */
export async function localFile(storage: Storage, bucket: Bucket, key: string, copyTo: string): Promise<string> {
  if (storage instanceof LocalStorage) {
    if (!(await storage.exists(bucket, key))) throw new StorageNotFoundError(bucket, key)
    return storage.path(bucket, key)
  }
  await pipeline(await storage.get(bucket, key), createWriteStream(copyTo))
  return copyTo
}
