// One measurement: a probe request (kept for the error report), a short warm-up, then an
// autocannon run whose requests come from the route's builder (a shared counter rotates rows).
import autocannon from 'autocannon'
import type { RouteSpec } from './routes.ts'

export interface Measurement {
  label: string
  title: string
  connections: number
  duration: number
  requests: number
  reqPerSec: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  timeouts: number
  statusCodes: Record<string, number>
}

export interface Probe {
  status: number
  body: string
}

export interface Session {
  baseUrl: string
  token: string
  adminToken: string
  artistToken: string
}

/** Counters live per route, so every run (warm-up included) moves on to fresh rows. */
const counters = new Map<string, number>()
const next = (label: string) => {
  const i = counters.get(label) ?? 0
  counters.set(label, i + 1)
  return i
}

function headersFor(session: Session, route: RouteSpec, hasBody: boolean): Record<string, string> {
  const token = route.as === 'admin' ? session.adminToken : route.as === 'artist' ? session.artistToken : session.token
  return { authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}) }
}

/** One request through fetch, to show the status and body when a route fails. */
export async function probe(session: Session, route: RouteSpec): Promise<Probe> {
  const req = route.request(next(route.label))
  const res = await fetch(session.baseUrl + req.path, {
    method: req.method,
    headers: headersFor(session, route, req.body !== undefined),
    body: req.body,
  })
  return { status: res.status, body: (await res.text()).slice(0, 2000) }
}

async function run(session: Session, route: RouteSpec, connections: number, duration: number) {
  const first = route.request(0)
  return autocannon({
    url: session.baseUrl,
    connections,
    duration,
    headers: headersFor(session, route, first.body !== undefined),
    requests: [{ setupRequest: (req) => ({ ...req, ...route.request(next(route.label)) }) }],
  })
}

export async function measure(session: Session, route: RouteSpec, connections: number, duration: number, warmup: number): Promise<Measurement> {
  if (warmup > 0) await run(session, route, connections, warmup)
  const r = await run(session, route, connections, duration)
  const statusCodes: Record<string, number> = {}
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat?.count ?? 0
  return {
    label: route.label,
    title: route.title,
    connections,
    duration: r.duration,
    requests: r.requests.total,
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  }
}
