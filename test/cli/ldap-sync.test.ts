// `slate sync-ldap` (auth.md §11.3) run as the real CLI against a real LDAP server on a
// loopback port: a first import creates, adopts and disables persons; the directory then
// changes (a rename, LDAP_GROUP) and the next run follows it; USER_LIMIT holds; an
// unreachable server or a refused bind is one line on stderr. (Needs `npm run build`.)
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../helpers/db.ts'
import { ADMIN_DN, ADMIN_PASSWORD, BASE_DN, person, startLdap, type LdapEntry, type TestLdap } from '../helpers/ldap-server.ts'

const BIN = resolve('bin/slate.js')
const dataDir = mkdtempSync(join(tmpdir(), 'slate-ldap-'))

let dir: TestLdap
let database: { url: string; drop: () => Promise<void> }
let client: pg.Client

function slate(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '', SLATE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: database.url,
        LDAP_HOST: '127.0.0.1', LDAP_PORT: String(dir.port), LDAP_BASE_DN: BASE_DN, LDAP_USER: ADMIN_DN, LDAP_PASSWORD: ADMIN_PASSWORD,
        EMAIL_DOMAIN: 'studio.test', LDAP_EXCLUDED_ACCOUNTS: 'svc-render,svc-backup', ...env,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('error', rej)
    child.on('close', (code) => res({ code, stdout, stderr }))
  })
}

const active = { organizationalStatus: 'active' }
const jane = (uid = 'jane', sn = 'Doe') => person(uid, { cn: 'Jane Doe', givenName: 'Jane', sn, mail: ['Jane.Doe@Studio.test'], uniqueIdentifier: 'u-1001', ...active })
const carl = person('carl', { cn: 'Carl Lopez', givenName: 'Carl', sn: 'Lopez', mail: ['carl@elsewhere.org', 'carl@studio.test'], uniqueIdentifier: 'u-1002', ...active })
const dan = person('dan', { cn: 'Dan', sn: 'Brown', uniqueIdentifier: 'u-1003' })
const ann = person('ann', { cn: 'Ann', sn: 'Gone', mail: 'ann@studio.test', uniqueIdentifier: 'u-1004', organizationalStatus: 'inactive' })
const svc = person('svc-render', { cn: 'Render service', sn: 'Svc', uniqueIdentifier: 'u-9000' })
const group = (...members: LdapEntry[]): LdapEntry => ({
  // Zou looks for the group under LDAP_BASE_DN too.
  dn: `cn=kitsu,${BASE_DN}`,
  attributes: { objectClass: ['groupOfUniqueNames'], cn: 'kitsu', uniqueMember: members.map((m) => m.dn) },
})

const row = async (where: string, values: unknown[]) =>
  (await client.query(`SELECT email, first_name, last_name, desktop_login, ldap_uid, active, is_generated_from_ldap, encode(password, 'escape') AS password FROM person WHERE ${where}`, values)).rows[0]

beforeAll(async () => {
  dir = await startLdap()
  database = await createTestDatabase()
  client = new pg.Client({ connectionString: database.url })
  await client.connect()
})
afterAll(async () => {
  await client?.end()
  await database?.drop()
  await dir?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('slate sync-ldap', () => {
  it('creates, adopts and disables persons, then follows the directory', async () => {
    // A local person the directory knows by e-mail, and an LDAP person the directory lost.
    await client.query(`INSERT INTO person (first_name, last_name, email, role) VALUES ('Carlos', 'L', 'carl@studio.test', 'supervisor')`)
    await client.query(`INSERT INTO person (first_name, last_name, email, desktop_login, is_generated_from_ldap) VALUES ('Old', 'Timer', 'old@studio.test', 'old', true)`)
    dir.entries = [jane(), carl, dan, ann, svc]

    let run = await slate(['sync-ldap'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'LDAP sync: 2 created, 1 updated, 1 disabled.',
      'User carl updated.',
      'User dan created.',
      'User jane created.',
      'User old disabled (not found in LDAP).',
    ])
    expect(await row('desktop_login = $1', ['jane'])).toEqual({
      email: 'jane.doe@studio.test', first_name: 'Jane', last_name: 'Doe', desktop_login: 'jane', ldap_uid: 'u-1001',
      active: true, is_generated_from_ldap: true, password: 'default',
    })
    // No mail: login@EMAIL_DOMAIN; no organizationalStatus: active.
    expect(await row('desktop_login = $1', ['dan'])).toMatchObject({ email: 'dan@studio.test', first_name: 'Dan', active: true })
    // Adopted by e-mail (the address of EMAIL_DOMAIN first): now an LDAP person, role kept.
    expect(await row(`email = 'carl@studio.test'`, [])).toMatchObject({ first_name: 'Carl', desktop_login: 'carl', ldap_uid: 'u-1002', is_generated_from_ldap: true })
    expect((await client.query(`SELECT role FROM person WHERE email = 'carl@studio.test'`)).rows[0].role).toBe('supervisor')
    expect(await row('desktop_login = $1', ['old'])).toMatchObject({ active: false })
    expect(await row('desktop_login = ANY($1)', [['ann', 'svc-render']])).toBeUndefined()
    const events = await client.query(`SELECT name, count(*)::int AS n FROM api_event WHERE name LIKE 'person:%' GROUP BY name ORDER BY name`)
    expect(events.rows).toEqual([{ name: 'person:new', n: 2 }, { name: 'person:update', n: 2 }])

    // Nothing changed in the directory: nothing to do.
    run = await slate(['sync-with-ldap-server'])
    expect(run.stdout).toBe('LDAP sync: 0 created, 0 updated, 0 disabled.\n')

    // Jane's login and name change (same uniqueIdentifier); only the group's members count now.
    dir.entries = [jane('jdoe', 'Smith'), carl, dan, ann, group(jane('jdoe'), carl)]
    run = await slate(['sync-ldap'], { LDAP_GROUP: 'kitsu' })
    expect(run.stderr).toBe('')
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'LDAP sync: 0 created, 1 updated, 1 disabled.',
      'User dan disabled (not found in LDAP).',
      'User jdoe updated.',
    ])
    expect(await row(`ldap_uid = 'u-1001'`, [])).toMatchObject({ desktop_login: 'jdoe', last_name: 'Smith', active: true })
  }, 60_000)

  it('respects USER_LIMIT, and reports an unreachable server or a refused bind in one line', async () => {
    dir.entries = [jane('jdoe', 'Smith'), carl, person('eve', { cn: 'Eve', sn: 'New', mail: 'eve@studio.test', uniqueIdentifier: 'u-1005' })]
    let run = await slate(['sync-ldap'], { USER_LIMIT: '2' })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('User eve creation failed (limit reached, limit 2).')
    expect(run.stdout).toContain('LDAP sync: 0 created, 0 updated, 0 disabled, 1 failed.')
    expect(await row(`desktop_login = 'eve'`, [])).toBeUndefined()

    run = await slate(['sync-ldap'], { LDAP_PASSWORD: 'not-the-admin-password' })
    expect(run).toEqual({ code: 1, stdout: '', stderr: `slate: the LDAP server refused the bind as ${ADMIN_DN} (invalid credentials)\n` })
    expect(run.stderr).not.toContain('not-the-admin-password')

    run = await slate(['sync-ldap'], { LDAP_PORT: '9' })
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'slate: cannot reach the LDAP server at ldap://127.0.0.1:9 (ECONNREFUSED)\n' })
  }, 60_000)
})
