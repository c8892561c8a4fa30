// S3 backend (FS_BACKEND=s3, files-and-previews.md §8): one bucket per storage named
// `<FS_BUCKET_PREFIX>pictures|movies|files`, objects keyed `<prefix>-<id>` flat. Streams go
// up as multipart uploads in fixed parts (any size, bounded memory); reads stream the body,
// with HTTP byte ranges passed through to GetObject.
import { Readable } from 'node:stream'
import {
  CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { S3Config } from '../config.ts'
import {
  BUCKETS, checkKey, StorageInitError, StorageNotFoundError, type Bucket, type ByteRange, type Storage, type StoredObject,
} from './index.ts'

/** 10 MB parts × S3's 10,000-part limit: objects up to ~100 GB; 2 parts in flight per upload. */
const PART_SIZE = 10 * 1024 * 1024
const QUEUE_SIZE = 2
/** Start-up checks give up after this long: an unreachable S3 is an error, not a hang. */
const INIT_TIMEOUT_MS = 15_000

interface S3Error { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } }
const statusOf = (err: unknown) => (err as S3Error)?.$metadata?.httpStatusCode
const isMissing = (err: unknown) => {
  const e = err as S3Error
  return statusOf(err) === 404 || e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.name === 'NoSuchBucket'
}

export class S3Storage implements Storage {
  readonly client: S3Client

  constructor(private config: S3Config, private bucketPrefix = '', private initTimeoutMs = INIT_TIMEOUT_MS) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint ?? undefined,
      forcePathStyle: config.forcePathStyle,
      credentials: config.accessKey && config.secretKey
        ? { accessKeyId: config.accessKey, secretAccessKey: config.secretKey }
        : undefined, // the SDK's default chain (environment, instance role)
      // S3-compatible servers (MinIO, Ceph, s3rver) do not all know the newer default checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // A connect timeout and an idle-socket timeout, no cap on long transfers; downloads hold
      // a socket while the client reads, so allow many more than the SDK's default 50.
      requestHandler: {
        connectionTimeout: 5_000,
        socketTimeout: 60_000,
        httpAgent: { keepAlive: true, maxSockets: 256 },
        httpsAgent: { keepAlive: true, maxSockets: 256 },
      },
    })
  }

  bucketName(bucket: Bucket): string {
    return `${this.bucketPrefix}${bucket}`
  }

  async init(): Promise<void> {
    const where = this.config.endpoint ?? `AWS S3 (${this.config.region})`
    const abortSignal = AbortSignal.timeout(this.initTimeoutMs)
    for (const bucket of BUCKETS) {
      const Bucket = this.bucketName(bucket)
      try {
        await this.client.send(new HeadBucketCommand({ Bucket }), { abortSignal })
        continue
      } catch (err) {
        if (!isMissing(err)) throw initError(where, Bucket, err)
      }
      if (!this.config.createBucket) {
        throw new StorageInitError(`S3 bucket "${Bucket}" does not exist at ${where} and FS_S3_CREATE_BUCKET is off`)
      }
      try {
        await this.client.send(new CreateBucketCommand({ Bucket }), { abortSignal })
      } catch (err) {
        const name = (err as S3Error).name
        if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw initError(where, Bucket, err)
      }
    }
  }

  async close(): Promise<void> {
    this.client.destroy()
  }

  async put(bucket: Bucket, key: string, body: Readable | Buffer): Promise<StoredObject> {
    checkKey(key)
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucketName(bucket), Key: key, Body: body },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false, // a failed multipart upload is aborted, its parts removed
    })
    let sourceError: unknown = null
    if (!Buffer.isBuffer(body)) {
      // A source that fails mid-way aborts the upload (no parts left behind, the previous
      // object untouched) and is the error the caller sees.
      body.once('error', (err) => {
        sourceError = err
        void upload.abort().catch(() => {})
      })
    }
    try {
      await upload.done()
    } catch (err) {
      throw sourceError ?? err
    }
    const stored = await this.stat(bucket, key)
    if (!stored) throw new Error(`S3 object "${key}" missing right after its upload`)
    return stored
  }

  async get(bucket: Bucket, key: string, range?: ByteRange): Promise<Readable> {
    checkKey(key)
    try {
      const res = await this.client.send(new GetObjectCommand({
        Bucket: this.bucketName(bucket),
        Key: key,
        Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
      }))
      return res.Body as Readable
    } catch (err) {
      if (isMissing(err)) throw new StorageNotFoundError(bucket, key)
      throw err
    }
  }

  async stat(bucket: Bucket, key: string): Promise<StoredObject | null> {
    checkKey(key)
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucketName(bucket), Key: key }))
      return { size: res.ContentLength ?? 0, modifiedAt: res.LastModified ?? new Date(0) }
    } catch (err) {
      if (isMissing(err)) return null
      throw err
    }
  }

  async exists(bucket: Bucket, key: string): Promise<boolean> {
    return (await this.stat(bucket, key)) !== null
  }

  /** The object with this exact key (Zou deletes every key starting with it: see the report). */
  async delete(bucket: Bucket, key: string): Promise<void> {
    checkKey(key)
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucketName(bucket), Key: key }))
    } catch (err) {
      if (!isMissing(err)) throw err
    }
  }
}

function initError(where: string, bucket: string, err: unknown): StorageInitError {
  const e = err as Error & S3Error
  const status = statusOf(err)
  const reason = e?.name === 'TimeoutError' || e?.name === 'AbortError'
    ? 'no answer in time'
    : `${e?.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${e?.message || e?.Code || 'unknown error'}`
  return new StorageInitError(`S3 storage unusable: bucket "${bucket}" at ${where}: ${reason}`)
}
