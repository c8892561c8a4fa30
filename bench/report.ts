// The results table, the targets (informative PASS/FAIL) and bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Measurement } from './measure.ts'
import type { RouteSpec } from './routes.ts'

export interface TargetCheck {
  target: string
  value: string
  pass: boolean | null
}

export interface Report {
  measurements: Array<Measurement & { ceilingRatio: number | null }>
  targets: TargetCheck[]
}

const TARGET_CONNECTIONS = 10
const RSS_LIMIT_MB = 250
const pct = (x: number) => `${(x * 100).toFixed(1)} %`

export function buildReport(results: Measurement[], routes: RouteSpec[], peakRssMb: number): Report {
  const ceilingAt = new Map(results.filter((m) => m.label === 'ceiling').map((m) => [m.connections, m.reqPerSec]))
  const measurements = results.map((m) => {
    const ceiling = ceilingAt.get(m.connections)
    return { ...m, ceilingRatio: ceiling ? m.reqPerSec / ceiling : null }
  })
  const at10 = (label: string) => measurements.find((m) => m.label === label && m.connections === TARGET_CONNECTIONS)
  const targets: TargetCheck[] = []
  // A route that answered errors has no meaningful throughput: its target is n/a, not PASS.
  const failed = (m: Measurement | undefined) => (m && (m.non2xx || m.errors) ? `route failed (${m.non2xx} non-2xx, ${m.errors} errors)` : null)
  const ratioTarget = (label: string, min: number) => {
    const m = at10(label)
    const ratio = m?.ceilingRatio ?? null
    const failure = failed(m)
    targets.push({
      target: `${label} ≥ ${pct(min)} of ceiling at ${TARGET_CONNECTIONS} connections`,
      value: failure ?? (ratio === null ? 'not measured' : pct(ratio)),
      pass: failure || ratio === null ? null : ratio >= min,
    })
  }
  for (const r of routes.filter((r) => r.target === 'single-get')) ratioTarget(r.label, 0.10)
  for (const r of routes.filter((r) => r.target === 'task-page')) ratioTarget(r.label, 0.02)
  for (const r of routes.filter((r) => r.target === 'write')) ratioTarget(r.label, 0.03)

  for (const r of routes.filter((r) => r.target === 'p99-200ms')) {
    const m = at10(r.label)
    const failure = failed(m)
    targets.push({
      target: `${r.label} p99 < 200 ms at ${TARGET_CONNECTIONS} connections`,
      value: failure ?? (m ? `${m.p99} ms` : 'not measured'),
      pass: failure || !m ? null : m.p99 < 200,
    })
  }

  const page1 = at10('tasks-page-1')
  const page400 = at10('tasks-page-400')
  const pageFailure = failed(page1) ?? failed(page400)
  targets.push({
    target: `tasks-page-400 req/s ≥ tasks-page-1 req/s / 3 at ${TARGET_CONNECTIONS} connections`,
    value: pageFailure ?? (page1 && page400
      ? `${page400.reqPerSec.toFixed(1)} vs ${(page1.reqPerSec / 3).toFixed(1)} (page 400 costs ×${(page1.reqPerSec / page400.reqPerSec).toFixed(2)} page 1)`
      : 'not measured'),
    pass: pageFailure || !page1 || !page400 ? null : page400.reqPerSec >= page1.reqPerSec / 3,
  })
  targets.push({ target: `server peak RSS < ${RSS_LIMIT_MB} MB`, value: `${peakRssMb.toFixed(1)} MB`, pass: peakRssMb < RSS_LIMIT_MB })
  return { measurements, targets }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_c, i) => Math.max(...rows.map((r) => r[i].length)))
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')
}

export function printReport(report: Report, extra: { seedSeconds: number; peakRssMb: number; hwmMb: number | null }): void {
  // autocannon records latencies in whole milliseconds.
  const rows = [['route', 'conns', 'req/s', 'p50 ms', 'p99 ms', '% ceiling', 'non-2xx']]
  for (const m of report.measurements) {
    rows.push([
      m.title, String(m.connections), m.reqPerSec.toFixed(1), String(m.p50), String(m.p99),
      m.ceilingRatio === null ? '—' : pct(m.ceilingRatio), String(m.non2xx + m.errors),
    ])
  }
  console.log('\n' + table(rows))
  console.log(`\nseed time: ${extra.seedSeconds.toFixed(1)} s`)
  console.log(`server peak RSS (VmRSS sampled every 200 ms): ${extra.peakRssMb.toFixed(1)} MB; VmHWM: ${extra.hwmMb === null ? 'n/a' : `${extra.hwmMb.toFixed(1)} MB`}`)
  console.log('\ntargets:')
  for (const t of report.targets) {
    const verdict = t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL'
    console.log(`  ${verdict}  ${t.target}: ${t.value}`)
  }
}

export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, JSON.stringify(data, null, 2) + '\n')
}
