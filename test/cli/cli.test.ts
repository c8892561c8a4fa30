// The real `slate` CLI in a child process (each spawn costs about a second, so few cases):
// results on stdout, and failures as one line on stderr with exit code 1, never a stack.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { localMigrationNames } from '../../src/db/migrate.ts'
import { checkPassword } from '../../src/auth/password.ts'
import { withDb } from '../helpers/global-setup.ts'

const BIN = resolve('bin/slate.js')
const dataDir = mkdtempSync(join(tmpdir(), 'slate-cli-'))

interface Run { code: number | null; stdout: string; stderr: string }

function slate(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      // A clean environment: only what the command needs, so the developer's own settings
      // (DATABASE_URL, PORT…) never leak in.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SLATE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', BCRYPT_LOG_ROUNDS: '4', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('error', rej)
    child.on('close', (code) => res({ code, stdout, stderr }))
  })
}

// An empty database (not the migrated template) so `migrate` has something to apply.
const server = inject('serverUrl')
const dbName = `slate_cli_${randomBytes(5).toString('hex')}`
const DATABASE_URL = withDb(server, dbName)

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: withDb(server, 'postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

beforeAll(() => admin(`CREATE DATABASE ${dbName}`))
afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('slate CLI', () => {
  it('migrates, seeds and creates an admin, idempotently', async () => {
    const env = { DATABASE_URL }
    const migrations = localMigrationNames()

    let run = await slate(['migrate'], env)
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toBe(`Applied ${migrations.length} migration${migrations.length > 1 ? 's' : ''}: ${migrations.join(', ')}\n`)
    run = await slate(['migrate'], env)
    expect(run).toEqual({ code: 0, stdout: 'Database is up to date.\n', stderr: '' })

    run = await slate(['init-data'], env)
    expect(run).toEqual({
      code: 0,
      stdout: 'Created 2 project statuses, 9 task statuses, 7 entity types, 4 asset types, 6 departments and 13 task types (3d).\n',
      stderr: '',
    })
    run = await slate(['init-data', '3d'], env)
    expect(run).toEqual({ code: 0, stdout: 'Nothing to create: the 3d data set is already there.\n', stderr: '' })

    run = await slate(['create-admin', 'Admin@Studio.com', '--password', 'long enough'], env)
    expect(run).toEqual({ code: 0, stdout: 'Admin admin@studio.com created.\n', stderr: '' })
    run = await slate(['create-admin', 'admin@studio.com', '--password', 'short'], env)
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'slate: Password is too short (minimum 8 characters).\n' })
  }, 60_000)

  it('changes a password and wipes 2FA for a locked-out person', async () => {
    const env = { DATABASE_URL }
    await slate(['create-admin', 'lead@studio.com', '--password', 'first password'], env)
    const client = new pg.Client({ connectionString: DATABASE_URL })
    await client.connect()
    try {
      await client.query(`UPDATE person SET totp_enabled = true, totp_secret = 'ABC', preferred_two_factor_authentication = 'totp' WHERE email = 'lead@studio.com'`)
      let run = await slate(['disable-2fa', 'LEAD@studio.com'], env)
      expect(run).toEqual({ code: 0, stdout: 'Two-factor authentication of lead@studio.com disabled.\n', stderr: '' })
      const { rows } = await client.query(`SELECT totp_enabled, totp_secret, preferred_two_factor_authentication, password FROM person WHERE email = 'lead@studio.com'`)
      expect(rows[0]).toMatchObject({ totp_enabled: false, totp_secret: null, preferred_two_factor_authentication: null })
      run = await slate(['disable-2fa', 'lead@studio.com'], env)
      expect(run).toEqual({ code: 1, stdout: '', stderr: 'slate: Two factor authentication not enabled for this user.\n' })

      run = await slate(['change-password', 'lead@studio.com', '--password', 'second password'], env)
      expect(run).toEqual({ code: 0, stdout: 'Password of lead@studio.com changed.\n', stderr: '' })
      const after = await client.query(`SELECT password FROM person WHERE email = 'lead@studio.com'`)
      expect(await checkPassword('second password', after.rows[0].password, 4)).toBe(true)
      run = await slate(['change-password', 'ghost@studio.com', '--password', 'second password'], env)
      expect(run).toEqual({ code: 1, stdout: '', stderr: 'slate: No person with the e-mail ghost@studio.com.\n' })
    } finally {
      await client.end()
    }
  }, 60_000)

  it('reports a bad configuration value in one line', async () => {
    const run = await slate(['migrate'], { PORT: 'abc' })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('slate: PORT must be an integer, got "abc"\n')
  })

  it('rejects an unknown domain and documents the commands', async () => {
    const bad = await slate(['init-data', 'opera'], { DATABASE_URL })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('Allowed choices are 2d, 3d, vfx, games')

    const help = await slate(['--help'])
    expect(help.code).toBe(0)
    for (const command of ['serve', 'migrate', 'init-data [domain]', 'create-admin [options] <email>', 'change-password [options] <email>', 'disable-2fa <email>']) {
      expect(help.stdout).toContain(command)
    }
  })
})
