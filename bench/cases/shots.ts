// The shots blueprint's measured routes on the seeded TV show (8,000 shots in 200 sequences,
// 4 episodes of 2,000 shots, 40,000 shot tasks). Informative targets, p50 at one connection:
// with-tasks for the project < 1.5 s, for one episode < 400 ms, the project's shots < 150 ms.
import { createHash } from 'node:crypto'
import type { RouteSpec } from '../routes.ts'
import type { Fixture } from '../seed.ts'

/** The seed's deterministic ids: md5('bench:<kind>:<n>') read as a uuid. */
export function benchId(kind: string, n: number): string {
  const h = createHash('md5').update(`bench:${kind}:${n}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export function shotCases(f: Fixture): RouteSpec[] {
  const get = (label: string, title: string, path: string): RouteSpec =>
    ({ label, title, target: null, request: () => ({ method: 'GET', path }) })
  return [
    get('shots-with-tasks', 'GET /api/data/shots/with-tasks?project_id (8k shots, 40k tasks)', `/api/data/shots/with-tasks?project_id=${f.projectId}`),
    get('shots-with-tasks-ep', 'GET /api/data/shots/with-tasks?project_id&episode_id (2k shots)',
      `/api/data/shots/with-tasks?project_id=${f.projectId}&episode_id=${benchId('episode', 2)}`),
    get('project-shots', 'GET /api/data/projects/:id/shots (8k shots)', `/api/data/projects/${f.projectId}/shots`),
  ]
}
