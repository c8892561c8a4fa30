// The measured routes. Each builds the i-th request, so writes can rotate over many rows;
// `target` says which of the report's targets the route counts towards.
import type { Fixture } from './seed.ts'
import { assetRoutes } from './cases/assets.ts'
import { shotCases } from './cases/shots.ts'

/** `p99-200ms`: p99 under 200 ms at 10 connections (issue 7: the user context and to-do list). */
export type Target = 'ceiling' | 'single-get' | 'task-page' | 'write' | 'p99-200ms' | null

export interface BenchRequest {
  method: 'GET' | 'PUT' | 'POST'
  path: string
  body?: string
}

export interface RouteSpec {
  label: string
  /** Who calls it: a manager, except where Zou allows only admins (generic comment create) and
   * for the caller's own lists (an artist with several hundred assigned tasks). */
  as?: 'admin' | 'artist'
  /** Shown in the table: method and path pattern. */
  title: string
  target: Target
  request(i: number): BenchRequest
}

export function benchRoutes(f: Fixture): RouteSpec[] {
  const get = (label: string, title: string, target: Target, path: string): RouteSpec =>
    ({ label, title, target, request: () => ({ method: 'GET', path }) })
  const rotate = (i: number) => f.taskIds[i % f.taskIds.length]
  return [
    get('ceiling', 'GET /bench/ceiling', 'ceiling', '/bench/ceiling'),
    get('projects', 'GET /api/data/projects', null, '/api/data/projects'),
    get('project', 'GET /api/data/projects/:id', 'single-get', `/api/data/projects/${f.projectId}`),
    get('task', 'GET /api/data/tasks/:id', 'single-get', `/api/data/tasks/${f.taskIds[1234]}`),
    get('tasks-page-1', 'GET /api/data/tasks?project_id&page=1', 'task-page', `/api/data/tasks?project_id=${f.projectId}&page=1`),
    get('tasks-page-400', 'GET /api/data/tasks?project_id&page=400', null, `/api/data/tasks?project_id=${f.projectId}&page=400`),
    get('persons', 'GET /api/data/persons', null, '/api/data/persons'),
    get('entity', 'GET /api/data/entities/:id (shot)', 'single-get', `/api/data/entities/${f.shotId}`),
    { ...get('user-tasks', `GET /api/data/user/tasks (artist, ${f.artistOpenTasks} open tasks)`, 'p99-200ms', '/api/data/user/tasks'), as: 'artist' },
    { ...get('user-context', 'GET /api/data/user/context (artist)', 'p99-200ms', '/api/data/user/context'), as: 'artist' },
    {
      label: 'task-update',
      title: 'PUT /api/data/tasks/:id',
      target: 'write',
      request: (i) => ({ method: 'PUT', path: `/api/data/tasks/${rotate(i)}`, body: JSON.stringify({ priority: i % 4 }) }),
    },
    {
      label: 'comment-create',
      // Zou: the generic comment create is admin-only (crud.md §10); managers get 403.
      as: 'admin',
      title: 'POST /api/data/comments (admin)',
      target: 'write',
      request: (i) => ({
        method: 'POST',
        path: '/api/data/comments',
        body: JSON.stringify({
          object_id: rotate(i * 7 + 1), object_type: 'Task', person_id: f.managerId,
          task_status_id: f.todoStatusId, text: 'bench',
        }),
      }),
    },
    ...assetRoutes(f),
    ...shotCases(f),
  ]
}
