// Local-disk backend with Zou's exact folder layout, so an existing Zou previews folder can
// be mounted: <root>/<bucket>/<prefix>/<3 chars>/<3 chars>/<rest>, the key split at its first
// dash (`thumbnails-square-<id>` lands in thumbnails/squ/are/, a Zou quirk kept on purpose).
// FS_BUCKET_PREFIX prefixes the bucket folders, as it prefixes the S3 bucket names.
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { checkKey, StorageNotFoundError, type Bucket, type ByteRange, type Storage, type StoredObject } from './index.ts'

export class LocalStorage implements Storage {
  constructor(private root: string, private bucketPrefix = '') {}

  async init(): Promise<void> {}

  path(bucket: Bucket, key: string): string {
    checkKey(key)
    const dash = key.indexOf('-')
    const prefix = key.slice(0, dash)
    const rest = key.slice(dash + 1)
    const base = join(this.root, this.bucketPrefix + bucket, prefix)
    if (prefix === 'dbbackup') return join(base, rest)
    return join(base, rest.slice(0, 3), rest.slice(3, 6), rest)
  }

  async put(bucket: Bucket, key: string, body: Readable | Buffer): Promise<StoredObject> {
    const target = this.path(bucket, key)
    await mkdir(dirname(target), { recursive: true })
    // Write beside the target, then rename: readers never see a half-written file.
    const temp = `${target}.${randomUUID()}.part`
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(temp))
      await rename(temp, target)
    } catch (err) {
      await rm(temp, { force: true })
      throw err
    }
    return (await this.stat(bucket, key))!
  }

  async get(bucket: Bucket, key: string, range?: ByteRange): Promise<Readable> {
    const file = this.path(bucket, key)
    // A missing file fails here, before any byte is sent.
    if (!(await this.stat(bucket, key))) throw new StorageNotFoundError(bucket, key)
    return createReadStream(file, range ? { start: range.start, end: range.end } : undefined)
  }

  async stat(bucket: Bucket, key: string): Promise<StoredObject | null> {
    try {
      const s = await stat(this.path(bucket, key))
      return { size: s.size, modifiedAt: s.mtime }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
  }

  async exists(bucket: Bucket, key: string): Promise<boolean> {
    return (await this.stat(bucket, key)) !== null
  }

  async delete(bucket: Bucket, key: string): Promise<void> {
    await rm(this.path(bucket, key), { force: true })
  }
}
