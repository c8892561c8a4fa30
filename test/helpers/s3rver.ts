// A real S3-compatible server (s3rver) on a loopback port with a throw-away directory, for
// the S3 storage backend's tests. Its fixed credentials are S3RVER / S3RVER.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'

export interface TestS3 {
  endpoint: string
  /** FS_* settings that point the app at this server. */
  env: Record<string, string>
  stop: () => Promise<void>
}

export async function startS3(): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'slate-s3rver-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  return {
    endpoint,
    env: {
      FS_BACKEND: 's3', FS_S3_ENDPOINT: endpoint, FS_S3_REGION: 'us-east-1',
      FS_S3_ACCESS_KEY: 'S3RVER', FS_S3_SECRET_KEY: 'S3RVER', FS_S3_FORCE_PATH_STYLE: 'true',
    },
    stop: async () => {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
