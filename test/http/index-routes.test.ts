// routes.md §20: every index route, per role (the public ones answer everybody).
import { routeTable, useRoleProduction, ALL_ROLES } from '../helpers/route-table.ts'

const file = useRoleProduction()
const open = (path: string) => ({ method: 'GET' as const, path, roles: ALL_ROLES, call: () => ({ url: path }) })

routeTable('index', file, [
  open('/'), open('/status'), open('/status/influx'), open('/status/resources'), open('/status.txt'),
  open('/status/test-event'), open('/config'),
  { method: 'GET', path: '/stats', roles: ['admin'], call: () => ({ url: '/stats' }) },
])
