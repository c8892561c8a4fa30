// routes.md §6: the persons blueprint, one sub-plugin per concern. The account actions
// (invite, reset-password-link, change-password, 2FA) live in routes/accounts.
import type { FastifyInstance } from 'fastify'
import timeSheetRoutes from './time-sheets.ts'
import timeTableRoutes from './time-tables.ts'
import dayOffRoutes from './day-offs.ts'
import quotaRoutes from './quotas.ts'
import presenceRoutes from './presence.ts'
import personActionRoutes from './actions.ts'

export default async function personsRoutes(app: FastifyInstance) {
  await app.register(timeSheetRoutes)
  await app.register(timeTableRoutes)
  await app.register(dayOffRoutes)
  await app.register(quotaRoutes)
  await app.register(presenceRoutes)
  await app.register(personActionRoutes)
}
