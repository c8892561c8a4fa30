// Assets bench cases: the seed's 2 000 assets × 5 tasks (routes.md §2, with-tasks); target
// p50 < 400 ms at one connection (informative, printed in the table like the others).
import type { Fixture } from '../seed.ts'
import type { RouteSpec } from '../routes.ts'

export function assetRoutes(f: Fixture): RouteSpec[] {
  const path = `/api/data/assets/with-tasks?project_id=${f.projectId}`
  return [
    { label: 'assets-with-tasks', title: 'GET /api/data/assets/with-tasks?project_id', target: null, request: () => ({ method: 'GET', path }) },
    {
      label: 'assets-with-tasks-compact', title: 'GET /api/data/assets/with-tasks?project_id&compact=true', target: null,
      request: () => ({ method: 'GET', path: `${path}&compact=true` }),
    },
  ]
}
