// Permission rules on concrete rows (auth.md §12.3, routes.md §1.6): entity access for
// vendors, task action access, comment access, playlist update access… Each needs at most
// one or two indexed queries, whatever the row.
import { isUuid, type Row } from '../lib/serialize.ts'
import type { Ctx } from './context.ts'
import { rule, type Rule } from './rules.ts'

export interface TaskFacts {
  project_id: string
  entity_id: string
  task_type_id: string
  department_id: string | null
  assignees: string[]
  entity_creator: string | null
}

/** The facts permission rules need about a task, in one query. */
export async function taskFacts(ctx: Ctx, taskId: unknown): Promise<TaskFacts | null> {
  if (!isUuid(taskId)) return null
  const { rows } = await ctx.pool.query(
    `SELECT t.project_id, t.entity_id, t.task_type_id, tt.department_id, e.created_by AS entity_creator,
            COALESCE(array_agg(l.person_id) FILTER (WHERE l.person_id IS NOT NULL), '{}') AS assignees
     FROM task t
     JOIN task_type tt ON tt.id = t.task_type_id
     JOIN entity e ON e.id = t.entity_id
     LEFT JOIN task_person_link l ON l.task_id = t.id
     WHERE t.id = $1
     GROUP BY t.id, tt.department_id, e.created_by`,
    [taskId],
  )
  return rows[0] ?? null
}

/** Whether the caller has a task assigned on one of these entities. */
export async function assignedOnEntities(ctx: Ctx, entityIds: unknown[]): Promise<boolean> {
  const ids = entityIds.filter(isUuid)
  if (!ids.length) return false
  const { rowCount } = await ctx.pool.query(
    `SELECT 1 FROM task t JOIN task_person_link l ON l.task_id = t.id
     WHERE t.entity_id = ANY($1::uuid[]) AND l.person_id = $2 LIMIT 1`,
    [ids, ctx.actor.id],
  )
  return !!rowCount
}

async function isVendorIn(ctx: Ctx, projectId: string | null): Promise<boolean> {
  return (projectId ? await ctx.projectRole(projectId) : ctx.actor.role) === 'vendor'
}

/** EA: vendors must have a task assigned on the row's entity; others pass. */
export const vendorEntityRule = (column: string): Rule =>
  rule('EA', async (ctx, t) => {
    const row = t.row ?? {}
    if (!(await isVendorIn(ctx, (row.project_id as string) ?? null))) return true
    return assignedOnEntities(ctx, [row[column]])
  })

/** EA on the entity of the row's task. */
export const vendorTaskEntityRule = (column: string): Rule =>
  rule('EA(task)', async (ctx, t) => {
    const facts = await taskFacts(ctx, (t.row ?? {})[column])
    if (!facts || !(await isVendorIn(ctx, facts.project_id))) return true
    return assignedOnEntities(ctx, [facts.entity_id])
  })

export const assignedToEntityOf = (...columns: string[]): Rule =>
  rule('assigned on entity', (ctx, t) => assignedOnEntities(ctx, columns.map((c) => (t.row ?? {})[c])))

/** Supervisor of a task type: no department, or the task type's department is one of theirs. */
export async function supervisesDepartment(ctx: Ctx, departmentId: string | null): Promise<boolean> {
  const mine = await ctx.departments()
  return mine.length === 0 || (!!departmentId && mine.includes(departmentId))
}

/** TAA: task action access (auth.md §12.3). */
export async function hasTaskActionAccess(ctx: Ctx, facts: TaskFacts | null): Promise<boolean> {
  if (ctx.isAdmin) return true
  if (!facts) return false
  const role = await ctx.projectRole(facts.project_id)
  if (!role) return false
  if (role === 'manager' || role === 'client') return true
  if (facts.assignees.includes(ctx.actor.id)) return true
  if (role === 'supervisor' && (await supervisesDepartment(ctx, facts.department_id))) return true
  return facts.entity_creator === ctx.actor.id
}

export const taskActionAccess = (column: string): Rule =>
  rule('TAA', async (ctx, t) => hasTaskActionAccess(ctx, await taskFacts(ctx, (t.row ?? {})[column])))

/** Preview read: vendors must be assigned to the task; others need PA on its project. */
export const previewRead = rule('preview read', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const facts = await taskFacts(ctx, (t.row ?? {}).task_id)
  if (!facts) return false
  const role = await ctx.projectRole(facts.project_id)
  if (role === 'vendor') return facts.assignees.includes(ctx.actor.id)
  return role !== null
})

/** SUP-TT: team-member supervisor of the row's task type's department (or of none). */
export const supervisorOfTaskType = (column: string): Rule =>
  rule('SUP-TT', async (ctx, t) => {
    const row = t.row ?? {}
    if ((await ctx.projectRole(row.project_id as string)) !== 'supervisor') return false
    if (!isUuid(row[column])) return supervisesDepartment(ctx, null)
    const { rows } = await ctx.pool.query('SELECT department_id FROM task_type WHERE id = $1', [row[column]])
    return supervisesDepartment(ctx, rows[0]?.department_id ?? null)
  })

/** PLU: MPA, or team supervisor who created the playlist (or it has no creator). */
export const playlistUpdate = rule('PLU', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const row = t.row ?? {}
  const role = await ctx.projectRole(row.project_id as string)
  if (role === 'manager') return true
  return role === 'supervisor' && (row.created_by === null || row.created_by === ctx.actor.id)
})

async function commentAuthorRole(ctx: Ctx, comment: Row, projectId: string): Promise<string | null> {
  const { rows } = await ctx.pool.query(
    `SELECT COALESCE(NULLIF(l.role, 'admin'), p.role) AS role FROM person p
     LEFT JOIN project_person_link l ON l.person_id = p.id AND l.project_id = $2
     WHERE p.id = $1`,
    [comment.person_id, projectId],
  )
  return rows[0]?.role ?? null
}

/** CA: comment access (routes.md §1.6, crud.md §11.14). */
export const commentRead = rule('CA', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const comment = t.row ?? {}
  const facts = await taskFacts(ctx, comment.object_id)
  if (!facts) return false
  const role = await ctx.projectRole(facts.project_id)
  if (!role) return false
  if (role === 'vendor' && !(await assignedOnEntities(ctx, [facts.entity_id]))) return false
  if (role === 'manager' || role === 'supervisor') return true
  const authorRole = await commentAuthorRole(ctx, comment, facts.project_id)
  if (role === 'client') {
    if (comment.for_client || authorRole === 'client') {
      const { rows } = await ctx.pool.query('SELECT is_clients_isolated FROM project WHERE id = $1', [facts.project_id])
      return !rows[0]?.is_clients_isolated || !!comment.for_client || comment.person_id === ctx.actor.id
    }
    return false
  }
  return authorRole !== 'client'
})

/**
 * Comment update (crud.md §11.14): team members only; managers change anything; others may
 * not change for_client, only authors change more than pinned/checklist, person_id only to
 * themselves, object_id never; pinning needs department supervision; a status change needs
 * task action access and a status the role may set.
 */
export const commentUpdate = rule('comment update', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const comment = t.row ?? {}
  const body = t.body ?? {}
  const facts = await taskFacts(ctx, comment.object_id)
  if (!facts) return false
  const role = await ctx.projectRole(facts.project_id)
  if (!role) return false
  if (role === 'manager') return true
  const changed = (k: string) => k in body && JSON.stringify(body[k]) !== JSON.stringify(comment[k] ?? null)
  if (changed('for_client') || changed('object_id')) return false
  if ('person_id' in body && body.person_id !== ctx.actor.id) return false
  const isAuthor = comment.person_id === ctx.actor.id
  const touched = Object.keys(body).filter(changed)
  if (!isAuthor && touched.some((k) => k !== 'pinned' && k !== 'checklist')) return false
  const supervises = role === 'supervisor' && (await supervisesDepartment(ctx, facts.department_id))
  if (changed('pinned') && !supervises) return false
  if (!isAuthor && changed('checklist') && !facts.assignees.includes(ctx.actor.id) && !supervises) return false
  if (changed('task_status_id')) {
    if (!(await hasTaskActionAccess(ctx, facts))) return false
    const { rows } = await ctx.pool.query('SELECT is_artist_allowed, is_client_allowed FROM task_status WHERE id = $1', [body.task_status_id])
    const status = rows[0]
    if (!status) return false
    if (role === 'user' && !status.is_artist_allowed) return false
    if (role === 'client' && !status.is_client_allowed) return false
  }
  return true
})

/** Comment delete: a manager with PA on the task's project, or the author. */
export const commentDelete = rule('comment delete', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const comment = t.row ?? {}
  if (comment.person_id === ctx.actor.id) return true
  const facts = await taskFacts(ctx, comment.object_id)
  return !!facts && (await ctx.projectRole(facts.project_id)) === 'manager'
})

/** Attachment read: through its comment (PA + EA on the task) or its chat message (EA). */
export const attachmentRead = rule('attachment read', async (ctx, t) => {
  if (ctx.isAdmin) return true
  const row = t.row ?? {}
  if (isUuid(row.comment_id)) {
    const { rows } = await ctx.pool.query('SELECT object_id FROM comment WHERE id = $1', [row.comment_id])
    const facts = await taskFacts(ctx, rows[0]?.object_id)
    if (!facts) return false
    const role = await ctx.projectRole(facts.project_id)
    if (!role) return false
    return role !== 'vendor' || assignedOnEntities(ctx, [facts.entity_id])
  }
  if (isUuid(row.chat_message_id)) {
    const { rows } = await ctx.pool.query(
      'SELECT c.object_id, e.project_id FROM chat_message m JOIN chat c ON c.id = m.chat_id LEFT JOIN entity e ON e.id = c.object_id WHERE m.id = $1',
      [row.chat_message_id],
    )
    if (!rows[0]) return false
    // Zou checks only the vendor entity rule here; Slate also requires project access.
    const role = await ctx.projectRole(rows[0].project_id)
    if (!role) return false
    return role !== 'vendor' || assignedOnEntities(ctx, [rows[0].object_id])
  }
  return false
})
