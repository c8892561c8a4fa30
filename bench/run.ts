// `npm run bench`: a fresh slate_bench database, a seeded TV-show production, the real server
// in a child process, and autocannon runs at 1 and 10 connections per route, compared to a
// no-database ceiling route. Knobs: BENCH_DURATION (s per run, default 8), BENCH_ONLY
// (comma-separated labels; the ceiling is always measured since every ratio needs it).
// Exits non-zero when a route answered anything but 2xx, never because a target was missed.
import { resolve } from 'node:path'
import { openBenchDatabase, type BenchDatabase } from './database.ts'
import { measure, probe, type Measurement, type Session } from './measure.ts'
import { buildReport, printReport, writeJson } from './report.ts'
import { benchRoutes, type RouteSpec } from './routes.ts'
import { BENCH_PASSWORD, seed, type Fixture } from './seed.ts'
import { startServer, type ServerProcess } from './server-process.ts'
import { printUploadBench, runUploadBench, UPLOAD_LABEL } from './uploads.ts'
import { runFanout, type FanoutResult } from './fanout.ts'

const CONNECTIONS = [1, 10]
const RESULTS = resolve('bench/results/latest.json')

function positiveNumber(name: string, def: number): number {
  const raw = process.env[name]
  if (!raw) return def
  const n = Number(raw)
  if (!(n > 0)) throw new Error(`${name} must be a positive number of seconds, got "${raw}"`)
  return n
}

function selectRoutes(all: RouteSpec[], only: string | undefined): RouteSpec[] {
  if (!only) return all
  const wanted = new Set(only.split(',').map((s) => s.trim()).filter(Boolean))
  const unknown = [...wanted].filter((l) => !all.some((r) => r.label === l))
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown label(s) ${unknown.join(', ')}; known: ${all.map((r) => r.label).join(', ')}`)
  return all.filter((r) => r.label === 'ceiling' || wanted.has(r.label))
}

async function logIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  })
  const body = await res.text()
  if (res.status !== 200) throw new Error(`log-in as ${email} failed: ${res.status} ${body}`)
  return (JSON.parse(body) as { access_token: string }).access_token
}

async function main(): Promise<number> {
  const duration = positiveNumber('BENCH_DURATION', 8)
  const warmup = Math.min(2, Math.max(1, Math.round(duration / 4)))
  const errors: Array<{ label: string; connections: number | null; message: string }> = []
  let db: BenchDatabase | null = null
  let server: ServerProcess | null = null
  try {
    const started = Date.now()
    db = await openBenchDatabase(process.env.DATABASE_URL)
    console.log(`database: ${db.embedded ? 'embedded PostgreSQL in .slate-bench/pg' : 'DATABASE_URL server'}, slate_bench migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`)

    const seedStart = Date.now()
    const fixture: Fixture = await seed(db.url)
    const seedSeconds = (Date.now() - seedStart) / 1000
    console.log(`seeded in ${seedSeconds.toFixed(1)} s: ${Object.entries(fixture.counts).map(([t, n]) => `${n} ${t}`).join(', ')}`)

    server = await startServer(db.url)
    const baseUrl = `http://127.0.0.1:${server.port}`
    const session: Session = {
      baseUrl,
      token: await logIn(baseUrl, fixture.managerEmail),
      adminToken: await logIn(baseUrl, fixture.adminEmail),
      artistToken: await logIn(baseUrl, fixture.artistEmail),
    }
    console.log(`server pid ${server.pid} on port ${server.port}; logged in as ${fixture.managerEmail}`)

    // upload-2g (bench/uploads.ts) writes 4 GB of disk: it runs only when BENCH_ONLY names it.
    // `fanout` (bench/fanout.ts) is not a route: measured after the routes, with its own servers.
    const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim())
    const wantFanout = !only || only.includes('fanout')
    const routeOnly = only?.filter((l) => l !== UPLOAD_LABEL && l !== 'fanout').join(',')
    const routes = selectRoutes(benchRoutes(fixture), only ? routeOnly || 'ceiling' : undefined)
    console.log(`measuring ${routes.length} routes × ${CONNECTIONS.join('/')} connections, ${duration} s each after a ${warmup} s warm-up\n`)
    const results: Measurement[] = []
    for (const route of routes) {
      const p = await probe(session, route)
      if (p.status < 200 || p.status >= 300) {
        errors.push({ label: route.label, connections: null, message: `probe answered ${p.status}: ${p.body}` })
      }
      for (const connections of CONNECTIONS) {
        const m = await measure(session, route, connections, duration, warmup)
        results.push(m)
        console.log(`  ${route.label.padEnd(15)} c=${String(connections).padEnd(2)} ${m.reqPerSec.toFixed(1).padStart(8)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  codes ${JSON.stringify(m.statusCodes)}`)
        if (m.non2xx || m.errors || m.timeouts) {
          errors.push({
            label: route.label, connections,
            message: `${m.non2xx} non-2xx responses ${JSON.stringify(m.statusCodes)}, ${m.errors} connection errors, ${m.timeouts} timeouts`,
          })
        }
      }
    }

    if (only?.includes(UPLOAD_LABEL)) {
      const upload = await runUploadBench(baseUrl, session.adminToken, server.pid, db.url, fixture.shotId)
      printUploadBench(upload)
      if (!upload.checksumOk) errors.push({ label: UPLOAD_LABEL, connections: null, message: 'checksum mismatch' })
    }

    const hwmMb = server.hwmMb()
    await server.stop()
    const peakRssMb = server.peakRssMb()
    server = null

    let fanout: FanoutResult[] | null = null
    if (wantFanout) {
      try {
        fanout = await runFanout(db.url, fixture)
      } catch (err) {
        errors.push({ label: 'fanout', connections: null, message: err instanceof Error ? err.message : String(err) })
      }
    }

    const report = buildReport(results, routes, peakRssMb)
    printReport(report, { seedSeconds, peakRssMb, hwmMb })
    writeJson(RESULTS, {
      date: new Date().toISOString(),
      node: process.version,
      database: db.embedded ? 'embedded' : 'DATABASE_URL',
      durationSeconds: duration,
      warmupSeconds: warmup,
      seedSeconds,
      counts: fixture.counts,
      peakRssMb,
      hwmMb,
      measurements: report.measurements,
      targets: report.targets,
      errors,
      fanout,
    })
    console.log(`\nfigures written to ${RESULTS}`)
  } finally {
    await server?.stop().catch(() => {})
    await db?.stop().catch(() => {})
  }
  for (const e of errors) {
    console.error(`ERROR ${e.label}${e.connections === null ? '' : ` (c=${e.connections})`}: ${e.message}`)
  }
  return errors.length ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err))
    process.exit(1)
  },
)
