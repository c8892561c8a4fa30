// routes.md §23: the caller's to-do, done and to-check lists, as person task rows (§4). The
// caller's open projects come with the caller (ctx.memberships), so each list is exactly one
// statement whatever its length: assignees, last comments and casting episodes included. The
// lists are answered as is, so PostgreSQL writes their JSON (personTaskRowsJson).
import type { Ctx } from '../crud/context.ts'
import { join, raw, sql, type Sql } from '../crud/select.ts'
import { personTaskRowsJson } from './person-task-rows.ts'
import { openProject } from './user-shared.ts'

/** Zou's related_projects(): open projects whose team the caller is on (admins included). */
async function openTeamProjects(ctx: Ctx): Promise<string[]> {
  return [...(await ctx.memberships())].filter(([, m]) => m.open).map(([id]) => id)
}

/** As an id array, so PostgreSQL starts from the caller's few hundred tasks (an IN semi-join
 * was planned as a hash join over every task of the projects). */
const assignedToMe = (ctx: Ctx) =>
  sql`t.id = ANY(ARRAY(SELECT l.task_id FROM task_person_link l WHERE l.person_id = ${ctx.actor.id}::uuid))`

async function myTasks(ctx: Ctx, done: boolean, orderBy?: Sql): Promise<string> {
  const projects = await openTeamProjects(ctx)
  if (!projects.length) return '[]'
  return personTaskRowsJson(ctx, {
    where: sql`${assignedToMe(ctx)} AND t.project_id = ANY(${projects}::uuid[]) AND ts.is_done = ${done}`,
    orderBy,
    columns: 'task',
    lastComment: true,
    castEpisodes: true,
  })
}

/** GET /data/user/tasks: not-done tasks assigned to the caller. */
export const todoTasks = (ctx: Ctx) => myTasks(ctx, false)

/** GET /data/user/done-tasks: done ones, newest end date first. */
export const doneTasks = (ctx: Ctx) => myTasks(ctx, true, raw('t.end_date DESC, tt.name, e.name'))

/**
 * GET /data/user/tasks-to-check: feedback-request tasks. Admins: every open project;
 * managers: their open projects; supervisors: theirs, narrowed to the task types of their
 * departments (none: all); anyone else: nothing.
 */
export async function tasksToCheck(ctx: Ctx): Promise<string> {
  const role = ctx.actor.role
  if (!ctx.isAdmin && role !== 'manager' && role !== 'supervisor') return '[]'
  const where: Sql[] = [raw('ts.is_feedback_request = true')]
  if (ctx.isAdmin) {
    where.push(openProject('p'))
  } else {
    const projects = await openTeamProjects(ctx)
    if (!projects.length) return '[]'
    where.push(sql`t.project_id = ANY(${projects}::uuid[])`)
    const departments = role === 'supervisor' ? await ctx.departments() : []
    if (departments.length) where.push(sql`tt.department_id = ANY(${departments}::uuid[])`)
  }
  return personTaskRowsJson(ctx, {
    where: join(where, ' AND '),
    columns: 'task',
    lastComment: true,
  })
}
