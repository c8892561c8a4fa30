// File storage: Zou's three logical buckets and `<prefix>-<id>` keys (files-and-previews.md
// §8), behind one small interface. The backend is chosen from config (local now, S3 later).
import type { Readable } from 'node:stream'
import type { Config } from '../config.ts'
import { LocalStorage } from './local.ts'

export type Bucket = 'pictures' | 'movies' | 'files'

export interface ByteRange { start: number; end?: number }
export interface StoredObject { size: number; modifiedAt: Date }

export interface Storage {
  put(bucket: Bucket, key: string, body: Readable | Buffer): Promise<StoredObject>
  get(bucket: Bucket, key: string, range?: ByteRange): Promise<Readable>
  stat(bucket: Bucket, key: string): Promise<StoredObject | null>
  exists(bucket: Bucket, key: string): Promise<boolean>
  delete(bucket: Bucket, key: string): Promise<void>
}

export class StorageKeyError extends Error {}

/** Keys are `<prefix>-<id>`: letters, digits, dots, dashes and underscores, no path parts. */
export function checkKey(key: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*-[A-Za-z0-9._-]+$/.test(key) || key.includes('..')) {
    throw new StorageKeyError(`invalid storage key "${key}"`)
  }
}

export function createStorage(config: Config): Storage {
  return new LocalStorage(config.fsLocalRoot)
}
