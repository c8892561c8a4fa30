// BENCH_ONLY=upload-2g: a 2 GiB file (generated as it is sent, never held in memory) goes
// through the tus protocol as one PATCH, is stored by the server (SHA-256 on the way), then
// is downloaded back through GET /data/output-files/:id/file. Reports MB/s for each leg and
// the server process's memory while it happens (VmRSS sampled every 100 ms, then VmHWM).
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import http from 'node:http'
import { Readable } from 'node:stream'
import pg from 'pg'

export const UPLOAD_LABEL = 'upload-2g'

const SIZE = Number(process.env.BENCH_UPLOAD_BYTES || 2 * 1024 ** 3)
const BLOCK = 1024 * 1024

export interface UploadBenchResult {
  bytes: number
  uploadMBs: number
  processingSeconds: number
  downloadMBs: number
  peakRssMb: number
  hwmMb: number | null
  checksumOk: boolean
}

function statusMb(pid: number, key: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

/** SIZE bytes of a random block repeated with a counter, hashed as they are produced. */
function generated(hash: ReturnType<typeof createHash>): Readable {
  const block = randomBytes(BLOCK)
  let sent = 0
  return new Readable({
    read() {
      if (sent >= SIZE) return void this.push(null)
      const n = Math.min(BLOCK, SIZE - sent)
      const chunk = Buffer.from(block.subarray(0, n))
      chunk.writeUInt32BE((sent / BLOCK) >>> 0, 0)
      hash.update(chunk)
      sent += n
      this.push(chunk)
    },
  })
}

function request(url: string, opts: http.RequestOptions, body?: Readable): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent: false, ...opts }, resolve)
    req.on('error', reject)
    if (body) body.pipe(req)
    else req.end()
  })
}

async function drain(res: http.IncomingMessage, hash?: ReturnType<typeof createHash>): Promise<number> {
  let n = 0
  for await (const chunk of res) {
    n += (chunk as Buffer).length
    hash?.update(chunk as Buffer)
  }
  return n
}

/** An output file on the bench production to upload to (PA is all the route asks). */
async function makeOutputFile(databaseUrl: string, entityId: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const status = await client.query(`INSERT INTO file_status (id, name, color) VALUES (gen_random_uuid(), 'Bench ' || left(gen_random_uuid()::text, 8), '#FFFFFF') RETURNING id`)
    const output = await client.query(
      `INSERT INTO output_file (id, name, revision, file_status_id, entity_id, extension) VALUES (gen_random_uuid(), 'bench', 1, $1, $2, '.bin') RETURNING id`,
      [status.rows[0].id, entityId],
    )
    return output.rows[0].id
  } finally {
    await client.end()
  }
}

export async function runUploadBench(baseUrl: string, token: string, serverPid: number, databaseUrl: string, entityId: string): Promise<UploadBenchResult> {
  const auth = { authorization: `Bearer ${token}` }
  const outputId = await makeOutputFile(databaseUrl, entityId)
  let peakRss = 0
  const timer = setInterval(() => { peakRss = Math.max(peakRss, statusMb(serverPid, 'VmRSS') ?? 0) }, 100)
  try {
    const meta = [['target', 'output-file'], ['id', outputId], ['filename', 'bench.bin']]
      .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',')
    const created = await request(`${baseUrl}/api/uploads`, {
      method: 'POST', headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-length': String(SIZE), 'upload-metadata': meta },
    })
    await drain(created)
    if (created.statusCode !== 201) throw new Error(`tus creation answered ${created.statusCode}`)
    const location = new URL(created.headers.location!, baseUrl).toString()
    const id = location.split('/').pop()!

    const sourceHash = createHash('sha256')
    const t0 = Date.now()
    const patched = await request(location, {
      method: 'PATCH',
      headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(SIZE) },
    }, generated(sourceHash))
    await drain(patched)
    const uploadSeconds = (Date.now() - t0) / 1000
    if (patched.statusCode !== 204) throw new Error(`tus PATCH answered ${patched.statusCode}`)

    const t1 = Date.now()
    let record: { status: string; sha256: string | null; error: string | null } = { status: 'processing', sha256: null, error: null }
    while (record.status === 'processing' || record.status === 'uploading') {
      await new Promise((r) => setTimeout(r, 200))
      record = await (await fetch(`${baseUrl}/api/data/uploads/${id}`, { headers: auth })).json() as typeof record
    }
    const processingSeconds = (Date.now() - t1) / 1000
    if (record.status !== 'active') throw new Error(`upload ended ${record.status}: ${record.error}`)

    const downloadHash = createHash('sha256')
    const t2 = Date.now()
    const download = await request(`${baseUrl}/api/data/output-files/${outputId}/file`, { method: 'GET', headers: auth })
    const received = await drain(download, downloadHash)
    const downloadSeconds = (Date.now() - t2) / 1000
    const expected = sourceHash.digest('hex')
    const mb = SIZE / 1024 ** 2
    return {
      bytes: SIZE,
      uploadMBs: mb / uploadSeconds,
      processingSeconds,
      downloadMBs: mb / downloadSeconds,
      peakRssMb: peakRss,
      hwmMb: statusMb(serverPid, 'VmHWM'),
      checksumOk: received === SIZE && record.sha256 === expected && downloadHash.digest('hex') === expected,
    }
  } finally {
    clearInterval(timer)
    // The stored copy (bench server: SLATE_DATA_DIR=.slate-bench, local storage).
    await rm(resolve('.slate-bench/previews/files/outputs'), { recursive: true, force: true })
  }
}

export function printUploadBench(r: UploadBenchResult): void {
  console.log(`\n${UPLOAD_LABEL}: ${(r.bytes / 1024 ** 3).toFixed(2)} GiB through tus (one PATCH)`)
  console.log(`  upload    ${r.uploadMBs.toFixed(1)} MB/s`)
  console.log(`  stored    ${r.processingSeconds.toFixed(1)} s after the last byte (copy to storage + SHA-256)`)
  console.log(`  download  ${r.downloadMBs.toFixed(1)} MB/s (GET /data/output-files/:id/file)`)
  console.log(`  server    peak VmRSS ${r.peakRssMb.toFixed(0)} MB during the upload, VmHWM ${r.hwmMb?.toFixed(0) ?? '?'} MB (target < 300 MB)`)
  console.log(`  checksum  ${r.checksumOk ? 'source = stored = downloaded' : 'MISMATCH'}`)
}
