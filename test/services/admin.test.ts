// createAdmin and ensureAdmin against a real database, with the real bcrypt hashes.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkPassword } from '../../src/auth/password.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { createDb, createPool, type Db, type Pool } from '../../src/db/client.ts'
import { AdminError, createAdmin, ensureAdmin } from '../../src/services/admin.ts'
import { createTestDatabase } from '../helpers/db.ts'

let database: Awaited<ReturnType<typeof createTestDatabase>>
let pool: Pool
let db: Db

// Nothing here touches the data dir; it only has to be a valid path.
function config(env: Record<string, string> = {}): Config {
  return loadConfig({ SLATE_DATA_DIR: join(tmpdir(), 'slate-admin-test'), BCRYPT_LOG_ROUNDS: '4', LOG_LEVEL: 'silent', ...env })
}

beforeAll(async () => {
  database = await createTestDatabase()
  pool = createPool(database.url, 4)
  db = createDb(pool)
})

afterAll(async () => {
  await db.$disconnect()
  await pool.end()
  await database.drop()
})

// One database for the file: each test starts without any person.
beforeEach(async () => {
  await db.person.deleteMany()
})

describe('createAdmin', () => {
  it('creates an active admin with a lower-cased e-mail', async () => {
    const result = await createAdmin(db, config(), '  Jane.Doe@Studio.COM ', 'correct horse')
    expect(result).toMatchObject({ email: 'jane.doe@studio.com', created: true })
    const person = await db.person.findUniqueOrThrow({ where: { id: result.id } })
    expect(person).toMatchObject({
      email: 'jane.doe@studio.com', first_name: 'jane.doe', last_name: '', role: 'admin', active: true, is_bot: false,
    })
    expect(await checkPassword('correct horse', person.password, 4)).toBe(true)
  })

  it('promotes the existing person with that e-mail and sets the password', async () => {
    const existing = await db.person.create({
      data: { first_name: 'Sam', last_name: 'Lee', email: 'Sam@Studio.com', role: 'user', active: false, login_failed_attemps: 5 },
    })
    const result = await createAdmin(db, config(), 'sam@studio.com', 'new password')
    expect(result).toEqual({ id: existing.id, email: 'sam@studio.com', created: false })
    const person = await db.person.findUniqueOrThrow({ where: { id: existing.id } })
    expect(person).toMatchObject({ first_name: 'Sam', role: 'admin', active: true, login_failed_attemps: 0 })
    expect(await checkPassword('new password', person.password, 4)).toBe(true)
    expect(await db.person.count()).toBe(1)
  })

  it('ignores bots that share the e-mail', async () => {
    const bot = await db.person.create({ data: { first_name: 'Bot', last_name: '', email: 'ops@studio.com', is_bot: true } })
    const result = await createAdmin(db, config(), 'ops@studio.com', 'password1')
    expect(result.created).toBe(true)
    expect(result.id).not.toBe(bot.id)
    expect((await db.person.findUniqueOrThrow({ where: { id: bot.id } })).role).toBe('user')
  })

  it('refuses a password shorter than MIN_PASSWORD_LENGTH', async () => {
    await expect(createAdmin(db, config(), 'a@studio.com', 'short')).rejects
      .toThrow(new AdminError('Password is too short (minimum 8 characters).'))
    await expect(createAdmin(db, config({ MIN_PASSWORD_LENGTH: '12' }), 'a@studio.com', 'elevenchars')).rejects
      .toThrow('Password is too short (minimum 12 characters).')
    expect(await db.person.count()).toBe(0)
  })

  it('refuses a malformed e-mail', async () => {
    for (const email of ['admin', 'admin@', '@studio.com', 'a b@studio.com', 'admin@localhost']) {
      await expect(createAdmin(db, config(), email, 'password1')).rejects.toBeInstanceOf(AdminError)
    }
  })
})

describe('ensureAdmin', () => {
  it('creates admin@example.com with a random password when there is no admin', async () => {
    const created = await ensureAdmin(db, config())
    expect(created?.email).toBe('admin@example.com')
    expect(created?.password).toMatch(/^[A-Za-z0-9]{16}$/)
    const person = await db.person.findFirstOrThrow({ where: { email: 'admin@example.com' } })
    expect(person).toMatchObject({ role: 'admin', active: true })
    expect(await checkPassword(created!.password, person.password, 4)).toBe(true)
    // Now there is one: nothing more to do.
    expect(await ensureAdmin(db, config())).toBeNull()
    expect(await db.person.count()).toBe(1)
  })

  it('uses SLATE_ADMIN_EMAIL and SLATE_ADMIN_PASSWORD when both are set', async () => {
    const cfg = config({ SLATE_ADMIN_EMAIL: 'boss@studio.com', SLATE_ADMIN_PASSWORD: 'configured pw' })
    expect(await ensureAdmin(db, cfg)).toBeNull()
    const person = await db.person.findFirstOrThrow({ where: { email: 'boss@studio.com' } })
    expect(person.role).toBe('admin')
    expect(await checkPassword('configured pw', person.password, 4)).toBe(true)
  })

  it('does nothing when an active admin exists, but does not count inactive ones or bots', async () => {
    await db.person.create({ data: { first_name: 'Old', last_name: '', email: 'old@studio.com', role: 'admin', active: false } })
    await db.person.create({ data: { first_name: 'Bot', last_name: '', email: 'bot@studio.com', role: 'admin', is_bot: true } })
    expect(await ensureAdmin(db, config())).not.toBeNull()
    expect(await ensureAdmin(db, config())).toBeNull()
    expect(await db.person.count()).toBe(3)
  })

  it('surfaces a configured password that is too short', async () => {
    const cfg = config({ SLATE_ADMIN_EMAIL: 'boss@studio.com', SLATE_ADMIN_PASSWORD: 'short' })
    await expect(ensureAdmin(db, cfg)).rejects.toBeInstanceOf(AdminError)
  })
})
