// loadConfig (environment → typed config, ConfigError naming the variable) and
// resolveSecretKey (SECRET_KEY, else a key generated once and kept in the data dir).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, resolveSecretKey } from '../../src/config.ts'

const tempDirs: string[] = []
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'slate-config-'))
  tempDirs.push(dir)
  return dir
}
afterAll(() => { for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true }) })

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return err as ConfigError
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`)
}

describe('loadConfig defaults', () => {
  it('fills every default from an empty environment', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      port: 5000, host: '127.0.0.1', databaseUrl: null, secretKey: null,
      accessTokenTtl: 7 * 24 * 3600, refreshTokenTtl: 15 * 24 * 3600,
      bcryptRounds: 12, minPasswordLength: 8, userLimit: 100, protectedAccounts: [], corsOrigins: [],
      defaultTimezone: 'Europe/Paris', defaultLocale: 'en_US', nbRecordsPerPage: 100,
      maxContentLength: 10 * 1024 ** 3, fsBackend: 'local', adminEmail: null, adminPassword: null,
      logLevel: 'info', authStrategy: 'auth_local_classic',
    })
    expect(c.dataDir).toBe(resolve('./.slate'))
    expect(c.fsLocalRoot).toBe(join(resolve('./.slate'), 'previews'))
  })

  it('treats empty strings as unset', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', SECRET_KEY: '', BCRYPT_LOG_ROUNDS: '' })
    expect(c).toMatchObject({ port: 5000, databaseUrl: null, secretKey: null, bcryptRounds: 12 })
  })
})

describe('loadConfig values', () => {
  it('reads and converts the variables it knows', () => {
    const c = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgresql://u:p@db:5432/zou', SLATE_DATA_DIR: 'some/dir',
      SECRET_KEY: 'k', BCRYPT_LOG_ROUNDS: '4', PROTECTED_ACCOUNTS: 'Admin@Studio.com; boss@studio.com',
      CORS_ALLOWED_ORIGINS: 'http://a.local;http://b.local', MAX_CONTENT_LENGTH: '1000', LOG_LEVEL: 'silent',
    })
    expect(c).toMatchObject({
      port: 8080, host: '0.0.0.0', databaseUrl: 'postgresql://u:p@db:5432/zou', secretKey: 'k', bcryptRounds: 4,
      protectedAccounts: ['admin@studio.com', 'boss@studio.com'], corsOrigins: ['http://a.local', 'http://b.local'],
      maxContentLength: 1000, logLevel: 'silent',
    })
    expect(c.dataDir).toBe(resolve('some/dir'))
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).databaseUrl).toBe('postgres://x@h/db')
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ BCRYPT_LOG_ROUNDS: '2' }, 'BCRYPT_LOG_ROUNDS'],
    [{ BCRYPT_LOG_ROUNDS: '32' }, 'BCRYPT_LOG_ROUNDS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ FS_BACKEND: 's3-ish' }, 'FS_BACKEND'],
    [{ MAX_CONTENT_LENGTH: 'lots' }, 'MAX_CONTENT_LENGTH'],
  ])('refuses %o naming %s', (env, name) => {
    const err = configError(env as Record<string, string>)
    expect(err.message).toContain(name)
    expect(err.message).not.toMatch(/\n/)
  })

  it('does not echo a DATABASE_URL that may hold a password', () => {
    const err = configError({ DATABASE_URL: 'not a url with secret-password' })
    expect(err.message).not.toContain('secret-password')
  })
})

describe('SAML settings', () => {
  it('are off by default and need an http(s) metadata URL when on', () => {
    expect(loadConfig({}).saml).toEqual({ enabled: false, metadataUrl: '', idpName: '', skip2fa: false })
    expect(loadConfig({ SAML_ENABLED: 'true', SAML_METADATA_URL: 'https://idp.test/metadata', SAML_IDP_NAME: 'Okta', SAML_SKIP_2FA: '1' }).saml)
      .toEqual({ enabled: true, metadataUrl: 'https://idp.test/metadata', idpName: 'Okta', skip2fa: true })
    expect(configError({ SAML_ENABLED: 'true' }).message).toMatch(/^SAML_METADATA_URL must be an http\(s\) URL/)
    expect(configError({ SAML_ENABLED: 'true', SAML_METADATA_URL: 'file:///etc/passwd' }).message).toMatch(/^SAML_METADATA_URL/)
  })
})

describe('resolveSecretKey', () => {
  it('generates a key once in the data dir and returns it again with a fresh config', () => {
    const dir = join(tempDir(), 'nested', 'data')
    const first = loadConfig({ SLATE_DATA_DIR: dir })
    const key = resolveSecretKey(first)
    expect(key.length).toBeGreaterThanOrEqual(32)
    expect(first.secretKey).toBe(key)
    const file = join(dir, 'secret_key')
    expect(readFileSync(file, 'utf8').trim()).toBe(key)
    expect(statSync(file).mode & 0o077).toBe(0)

    const second = loadConfig({ SLATE_DATA_DIR: dir })
    expect(second.secretKey).toBeNull()
    expect(resolveSecretKey(second)).toBe(key)
  })

  it('makes a different key for another data dir', () => {
    const a = resolveSecretKey(loadConfig({ SLATE_DATA_DIR: tempDir() }))
    const b = resolveSecretKey(loadConfig({ SLATE_DATA_DIR: tempDir() }))
    expect(a).not.toBe(b)
  })

  it('prefers SECRET_KEY and writes nothing', () => {
    const dir = tempDir()
    const c = loadConfig({ SLATE_DATA_DIR: dir, SECRET_KEY: 'from-the-environment' })
    expect(resolveSecretKey(c)).toBe('from-the-environment')
    expect(existsSync(join(dir, 'secret_key'))).toBe(false)
  })
})
