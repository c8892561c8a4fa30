// Counts the SQL statements a piece of work runs: every query goes through a pg Client
// (Prisma's adapter included), so patching Client.prototype.query sees them all. The job
// queue's workers poll in the same process (schema pgboss): not the work's, left out.
import pg from 'pg'

export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const original = pg.Client.prototype.query
  const sql: string[] = []
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text?: string }
    const text = typeof q === 'string' ? q : (q?.text ?? '?')
    if (!text.includes('pgboss.')) sql.push(text)
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof original
  try {
    return { result: await work(), sql }
  } finally {
    pg.Client.prototype.query = original
  }
}
