// The OIDC routes in the route table: registered at the root and under /api, public (every
// role, logged in or not, gets the same answer: here OIDC is off, so 400 with `error`).
import { ALL_ROLES, routeTable, useRoleProduction } from '../../helpers/route-table.ts'

const file = useRoleProduction()

routeTable('OIDC single sign-on', file, [
  { method: 'GET', path: '/auth/oidc/login', roles: ALL_ROLES, ok: 400, call: () => ({ url: '/api/auth/oidc/login' }) },
  { method: 'GET', path: '/auth/oidc/callback', roles: ALL_ROLES, ok: 400, call: () => ({ url: '/auth/oidc/callback?code=c&state=s' }) },
])
