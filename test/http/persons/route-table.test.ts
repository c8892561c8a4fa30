// Every route of routes.md §6 built here (the account actions live in routes/accounts):
// registered at the root and under /api, allowed for the roles the reference gives, 403 for
// the others. Person routes target the team's artist, so "self" is the `user` row.
import { beforeAll } from 'vitest'
import { ALL_ROLES, routeTable, useRoleProduction, type RouteRow, type TableRole } from '../../helpers/route-table.ts'
import { dayOff, logTime, makeDepartment } from './fixtures.ts'

const file = useRoleProduction()
let departmentId: string
beforeAll(async () => {
  const { t, people, prod } = file
  departmentId = (await makeDepartment(t.app)).id
  await logTime(t.app, prod.task.id, people.user.id, '2024-03-04', 60)
  await dayOff(t.app, people.user.id, '2024-03-11', '2024-03-12')
})

const SELF_OR_ADMIN: readonly TableRole[] = ['admin', 'user']
/** PERSON-READ: admin, self, and global managers and supervisors (within their projects). */
const PERSON_READ: readonly TableRole[] = ['admin', 'manager', 'supervisor', 'user']
const me = () => `/data/persons/${file.people.user.id}`
const quota = () => `?project_id=${file.prod.project.id}&task_type_id=${file.prod.taskType.id}`

async function departmentMember(): Promise<string> {
  const person = await file.t.app.db.person.create({ data: { first_name: 'Dept', last_name: 'Member', email: `d-${Math.random()}@example.com` } })
  await file.t.app.db.departmentLink.create({ data: { person_id: person.id, department_id: departmentId } })
  return person.id
}

const rows: RouteRow[] = [
  { method: 'GET', path: '/data/persons/:person_id/desktop-login-logs', roles: ['admin', 'manager', 'user'], call: () => ({ url: `${me()}/desktop-login-logs` }) },
  { method: 'POST', path: '/data/persons/:person_id/desktop-login-logs', roles: SELF_OR_ADMIN, call: () => ({ url: `${me()}/desktop-login-logs`, payload: { date: '2024-03-04T09:00:00' } }) },
  { method: 'GET', path: '/data/persons/presence-logs/:month_date', roles: ['admin'], call: () => ({ url: '/data/persons/presence-logs/2024-03' }) },
  { method: 'GET', path: '/data/persons/:person_id/time-spents', roles: ['admin'], call: () => ({ url: `${me()}/time-spents?start_date=2024-01-01&end_date=2024-12-31` }) },
  { method: 'GET', path: '/data/persons/:person_id/time-spents/:date', roles: PERSON_READ, call: () => ({ url: `${me()}/time-spents/2024-03-04` }) },
  { method: 'GET', path: '/data/persons/:person_id/day-offs/:date', roles: SELF_OR_ADMIN, call: () => ({ url: `${me()}/day-offs/2024-03-11` }) },
  { method: 'GET', path: '/data/persons/:person_id/time-spents/year/:year', roles: PERSON_READ, call: () => ({ url: `${me()}/time-spents/year/2024` }) },
  { method: 'GET', path: '/data/persons/:person_id/time-spents/month/:year/:month', roles: PERSON_READ, call: () => ({ url: `${me()}/time-spents/month/2024/3` }) },
  { method: 'GET', path: '/data/persons/:person_id/time-spents/week/:year/:week', roles: PERSON_READ, call: () => ({ url: `${me()}/time-spents/week/2024/10` }) },
  { method: 'GET', path: '/data/persons/:person_id/time-spents/day/:year/:month/:day', roles: PERSON_READ, call: () => ({ url: `${me()}/time-spents/day/2024/3/4` }) },
  { method: 'GET', path: '/data/persons/:person_id/time-spents/month/all/:year/:month', roles: SELF_OR_ADMIN, call: () => ({ url: `${me()}/time-spents/month/all/2024/3` }) },
  // A manager of the project (or an admin) reads anyone's quotas; others their own.
  { method: 'GET', path: '/data/persons/:person_id/quota-shots/month/:year/:month', roles: ['admin', 'manager', 'user'], call: () => ({ url: `${me()}/quota-shots/month/2024/3${quota()}` }) },
  { method: 'GET', path: '/data/persons/:person_id/quota-shots/week/:year/:week', roles: ['admin', 'manager', 'user'], call: () => ({ url: `${me()}/quota-shots/week/2024/10${quota()}` }) },
  { method: 'GET', path: '/data/persons/:person_id/quota-shots/day/:year/:month/:day', roles: ['admin', 'manager', 'user'], call: () => ({ url: `${me()}/quota-shots/day/2024/3/4${quota()}` }) },
  // The tables answer everyone: artists get their own minutes.
  { method: 'GET', path: '/data/persons/time-spents/year-table', roles: ALL_ROLES, call: () => ({ url: '/data/persons/time-spents/year-table' }) },
  { method: 'GET', path: '/data/persons/time-spents/month-table/:year', roles: ALL_ROLES, call: () => ({ url: '/data/persons/time-spents/month-table/2024' }) },
  { method: 'GET', path: '/data/persons/time-spents/week-table/:year', roles: ALL_ROLES, call: () => ({ url: '/data/persons/time-spents/week-table/2024' }) },
  { method: 'GET', path: '/data/persons/time-spents/day-table/:year/:month', roles: ALL_ROLES, call: () => ({ url: '/data/persons/time-spents/day-table/2024/3' }) },
  { method: 'GET', path: '/data/persons/day-offs/:year/:month', roles: ALL_ROLES, call: () => ({ url: '/data/persons/day-offs/2024/3' }) },
  { method: 'GET', path: '/data/persons/:person_id/day-offs/week/:year/:week', roles: SELF_OR_ADMIN, call: () => ({ url: `${me()}/day-offs/week/2024/11` }) },
  { method: 'GET', path: '/data/persons/:person_id/day-offs/month/:year/:month', roles: SELF_OR_ADMIN, call: () => ({ url: `${me()}/day-offs/month/2024/3` }) },
  { method: 'GET', path: '/data/persons/:person_id/day-offs/year/:year', roles: SELF_OR_ADMIN, call: () => ({ url: `${me()}/day-offs/year/2024` }) },
  { method: 'GET', path: '/data/persons/:person_id/day-offs', roles: SELF_OR_ADMIN, call: () => ({ url: `${me()}/day-offs` }) },
  { method: 'POST', path: '/actions/persons/:person_id/departments/add', roles: ['admin'], call: () => ({ url: `/actions/persons/${file.people.user.id}/departments/add`, payload: { department_id: departmentId } }) },
  { method: 'DELETE', path: '/actions/persons/:person_id/departments/:department_id', roles: ['admin'], call: async () => ({ url: `/actions/persons/${await departmentMember()}/departments/${departmentId}` }) },
  { method: 'DELETE', path: '/actions/persons/:person_id/clear-avatar', roles: ['admin'], call: () => ({ url: `/actions/persons/${file.people.user.id}/clear-avatar` }) },
]

routeTable('persons (routes.md §6)', file, rows)
