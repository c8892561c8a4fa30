// POST /actions/tasks/:task_id/comment and POST /actions/projects/:project_id/tasks/comment-many
// (routes.md §5): the permission rules on the locked task context (one query), then the
// comment pipeline of comments-post.ts, all in one write scope.
import { forbidden, notFound, wrongParameter } from '../lib/errors.ts'
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from '../crud/context.ts'
import type { Role } from '../plugins/auth.ts'
import type { Upload } from '../lib/multipart.ts'
import { hasTaskActionAccess, supervisesDepartment } from '../crud/row-rules.ts'
import { loadStatuses, loadTaskContext, loadTaskContexts, type StatusRow, type TaskContext } from './comments-context.ts'
import { createComment, jsonArray, parseCommentDate, type PostRun } from './comments-post.ts'
import { pgQuery, type Query } from './comments-task-state.ts'
import { runWrite, type Deps, type WriteScope } from './write-scope.ts'

export const MALFORMED_ID = 'One of the ID sent in parameter is not properly formatted.'

export function requireUuid(id: unknown): string {
  if (!isUuid(id)) throw wrongParameter(MALFORMED_ID)
  return id
}

/** Task-status access: artists need is_artist_allowed, clients is_client_allowed. */
export function requireStatusAllowed(role: Role | null, status: StatusRow): void {
  if (role === 'user' && status.is_artist_allowed === false) throw forbidden()
  if (role === 'client' && status.is_client_allowed === false) throw forbidden()
}

/** TAA, else TMA: team member, not a vendor, mentioned on the task. */
export async function hasCommentAccess(ctx: Ctx, task: TaskContext): Promise<'action' | 'mention' | null> {
  if (await hasTaskActionAccess(ctx, task)) return 'action'
  const role = await ctx.projectRole(task.project_id)
  if (role && role !== 'vendor' && task.mentioned) return 'mention'
  return null
}

export interface CommentBody {
  task_status_id: string
  comment?: string
  person_id?: string
  created_at?: string
  checklist?: unknown
  links?: unknown
  for_client?: unknown
}

/** Pydantic's bool: true, 1, yes, on, y, t (any case) or a JSON true. */
const truthy = (v: unknown) => v === true || v === 1 || (typeof v === 'string' && ['true', '1', 'yes', 'on', 'y', 't'].includes(v.trim().toLowerCase()))

async function loadPerson(q: Query, id: string): Promise<Row> {
  const [person] = await q('SELECT * FROM person WHERE id = $1', [id])
  if (!person) throw notFound()
  return person
}

const newRun = (deps: Deps, w: WriteScope): PostRun => ({ w, q: pgQuery(w.client), config: deps.ctx.config, visited: new Set() })

export async function postComment(deps: Deps, taskId: string, body: CommentBody, files: Upload[]): Promise<Row> {
  const { ctx } = deps
  requireUuid(taskId)
  const statusId = body.task_status_id
  const checklist = jsonArray(body.checklist, 'checklist')
  const links = jsonArray(body.links, 'links').map(String)
  return runWrite(deps, async (w) => {
    const run = newRun(deps, w)
    const task = await loadTaskContext(run.q, taskId, {
      statusId: isUuid(statusId) ? statusId : undefined,
      mentionOf: { personId: ctx.actor.id, departments: await ctx.departments() },
    })
    if (!task) throw notFound()
    const access = await hasCommentAccess(ctx, task)
    if (!access) throw forbidden()
    if (!isUuid(statusId) || !task.status) throw notFound()
    const status = task.status
    if (access === 'mention' && status.id !== task.task_status_id) throw forbidden()
    const role = await ctx.projectRole(task.project_id)
    requireStatusAllowed(role, status)
    // Non-managers post as themselves, now, not for clients.
    const manager = role === 'admin' || role === 'manager'
    const authorId = manager && body.person_id ? requireUuid(body.person_id) : ctx.actor.id
    return createComment(run, {
      task,
      status,
      author: await loadPerson(run.q, authorId),
      text: body.comment ?? '',
      checklist,
      links,
      forClient: manager ? truthy(body.for_client) : false,
      createdAt: manager ? parseCommentDate(body.created_at) : null,
      files,
      hashtags: true,
    })
  })
}

export interface ManyEntry {
  object_id?: unknown
  task_status_id?: unknown
  comment?: unknown
  links?: unknown
}

/**
 * Comments on many tasks at once, in one transaction. Without MPA on the project, only the
 * entries whose task the caller is assigned to, or supervises, are kept (Zou's filter); an
 * entry on another project's task is kept under the same rule, judged on that task's project.
 */
export async function postManyComments(deps: Deps, projectId: string, body: unknown): Promise<Row[]> {
  const { ctx } = deps
  if (!Array.isArray(body)) throw wrongParameter('Request body must be a JSON array.')
  requireUuid(projectId)
  const entries = (body as ManyEntry[]).filter((e) => e && typeof e === 'object'
    && e.object_id !== undefined && e.task_status_id !== undefined && e.comment !== undefined)
  for (const e of entries) {
    requireUuid(e.object_id)
    requireUuid(e.task_status_id)
  }
  return runWrite(deps, async (w) => {
    const q = pgQuery(w.client)
    const ids = [...new Set(entries.map((e) => e.object_id as string))]
    const tasks = await loadTaskContexts(q, ids)
    const statuses = await loadStatuses(q, [...new Set(entries.map((e) => e.task_status_id as string))])
    const author = await loadPerson(q, ctx.actor.id)
    const out: Row[] = []
    // Once a comment is posted, tasks may have moved (its own, automations' targets): the
    // later entries read their task again.
    let dirty = false
    for (const entry of entries) {
      let task = tasks.get(entry.object_id as string)
      if (!task) throw notFound()
      if (dirty) task = (await loadTaskContext(q, task.id))!
      const role = await ctx.projectRole(task.project_id)
      const allowed = role === 'admin' || role === 'manager' || task.assignees.includes(ctx.actor.id)
        || (role === 'supervisor' && (await supervisesDepartment(ctx, task.department_id)))
      if (!allowed) continue
      const status = statuses.get(entry.task_status_id as string)
      if (!status) throw notFound()
      requireStatusAllowed(role, status)
      dirty = true
      out.push(await createComment(newRun(deps, w), {
        task,
        status,
        author,
        text: typeof entry.comment === 'string' ? entry.comment : String(entry.comment ?? ''),
        checklist: [],
        links: jsonArray(entry.links, 'links').map(String),
        forClient: false,
        createdAt: null,
        files: [],
        hashtags: true,
      }))
    }
    return out
  })
}
