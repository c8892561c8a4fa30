// The server under test, run as a child process of run.ts so its memory is measured apart
// from the load generator. Reports its port over IPC (and on stdout); stops on a "stop" message.
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { ceiling } from './ceiling.ts'

const databaseUrl = process.env.BENCH_DATABASE_URL
if (!databaseUrl) throw new Error('bench/server.ts needs BENCH_DATABASE_URL')

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', SLATE_DATA_DIR: '.slate-bench' })
config.secretKey = 'slate-bench-fixed-secret-key-not-for-production'

const app = await buildApp({ config, databaseUrl, logger: false, extra: [ceiling] })
await app.listen({ port: 0, host: '127.0.0.1' })
const { port } = app.server.address() as { port: number }
process.stdout.write(`bench server listening on port ${port}\n`)
process.send?.({ port })

const stop = async () => {
  await app.close().catch(() => {})
  process.exit(0)
}
process.on('message', (msg) => { if (msg === 'stop') void stop() })
process.once('SIGTERM', () => void stop())
process.once('disconnect', () => void stop())
