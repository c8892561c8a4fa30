// Environment → typed configuration, read once at start-up. A bad value stops start-up
// with one line naming the variable (ConfigError), never a stack trace.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export class ConfigError extends Error {}

export interface Config {
  port: number
  host: string
  /** null → an embedded PostgreSQL is started in `dataDir/pg`. */
  databaseUrl: string | null
  dataDir: string
  /** null until resolveSecretKey() fills it from SECRET_KEY or the data dir. */
  secretKey: string | null
  accessTokenTtl: number
  refreshTokenTtl: number
  bcryptRounds: number
  minPasswordLength: number
  userLimit: number
  protectedAccounts: string[]
  corsOrigins: string[]
  defaultTimezone: string
  defaultLocale: string
  nbRecordsPerPage: number
  maxContentLength: number
  fsBackend: 'local' | 's3'
  fsLocalRoot: string
  /** FS_BUCKET_PREFIX: prepended to the pictures / movies / files bucket names. */
  fsBucketPrefix: string
  s3: S3Config
  /** TMP_DIR: uploads and media processing scratch space (default `<dataDir>/tmp`). */
  tmpDir: string
  /** CLIENT_CACHE_MAX_AGE: Cache-Control max-age of served previews, in seconds. */
  clientCacheMaxAge: number
  previews: PreviewConfig
  jobs: JobsConfig
  /** SIGNED_URL_TTL: default lifetime of a signed download URL, in seconds. */
  signedUrlTtl: number
  /** UPLOAD_EXPIRY: seconds without a new byte after which a resumable upload is abandoned. */
  uploadExpiry: number
  /** REMOVE_FILES: delete stored files (avatars…) when their row says they are gone. */
  removeFiles: boolean
  adminEmail: string | null
  adminPassword: string | null
  logLevel: string
  authStrategy: string
  /** DOMAIN_NAME / DOMAIN_PROTOCOL: links in e-mails, SSO URLs, WebAuthn relying party. */
  domainName: string
  domainProtocol: string
  /** ENFORCE_2FA and its exemptions (2FA_EXEMPT_USERS, lower-cased e-mails). */
  enforce2fa: boolean
  twoFactorExempt: string[]
  mail: MailConfig
  /** AUTH_RATE_LIMIT: requests a minute per address and account on unauthenticated auth routes (0: off). */
  authRateLimit: number
  /** REDIS_URL: shared state between instances (rate-limit counts). */
  redisUrl: string | null
  /** ADMIN_TOKEN: enables GET /admin/config/check for operators. */
  adminToken: string | null
  saml: SamlConfig
  oidc: OidcConfig
  ldap: LdapConfig
}

/** FS_BACKEND=s3: one bucket per storage (files-and-previews.md §8). */
export interface S3Config {
  endpoint: string | null
  region: string
  accessKey: string | null
  secretKey: string | null
  /** FS_S3_CREATE_BUCKET: create missing buckets at start-up. */
  createBucket: boolean
  /** FS_S3_FORCE_PATH_STYLE: path-style URLs (MinIO, s3rver, most on-premise servers). */
  forcePathStyle: boolean
}

/** Preview processing (files-and-previews.md §5). */
export interface PreviewConfig {
  /** PREVIEW_SAVE_SOURCE_FILE: keep the uploaded movie as `source-<id>`. */
  saveSourceFile: boolean
  /** SKIP_NORMALIZATION_FULL: store movies as uploaded. */
  skipNormalizationFull: boolean
  /** SKIP_NORMALIZATION_HIGHDEF: only the low-definition encode. */
  skipNormalizationHighdef: boolean
  /** MAX_IMAGE_PIXELS: pictures above this many pixels are refused (decompression bombs). */
  maxImagePixels: number
}

/** The job queue (pg-boss in Slate's own PostgreSQL). */
export interface JobsConfig {
  /** JOB_WORKER: `api` runs jobs inside the API process; `off` leaves them to `slate worker`. */
  worker: 'api' | 'off'
  /** JOB_CONCURRENCY: jobs one process runs at a time. */
  concurrency: number
  /** JOB_QUEUE_TIMEOUT: seconds before a running job is failed. */
  timeout: number
}

/** OIDC single sign-on (auth.md §11.2). */
export interface OidcConfig {
  enabled: boolean
  idpName: string
  discoveryUrl: string
  clientId: string
  clientSecret: string
  scopes: string
  emailClaim: string
  givenNameClaim: string
  familyNameClaim: string
  requireEmailVerified: boolean
  /** OIDC_SKIP_2FA: OIDC sessions are never restricted by ENFORCE_2FA (the provider does MFA). */
  skip2fa: boolean
}

/** LDAP log-in (AUTH_STRATEGY=auth_remote_ldap) and the `slate sync-ldap` import (auth.md §11.3). */
export interface LdapConfig {
  host: string
  port: number
  baseDn: string
  domain: string
  group: string
  /** Persons not imported from LDAP log in with their local password (else they are refused). */
  fallback: boolean
  isAd: boolean
  isAdSimple: boolean
  ssl: boolean
  /** Sync only: the account the import binds with (empty: anonymous), its password. */
  user: string
  password: string
  /** Sync only: e-mail domain of entries without `mail`, and logins never imported. */
  emailDomain: string
  excludedAccounts: string[]
}

/** SAML single sign-on (auth.md §11.1). */
export interface SamlConfig {
  /** SAML_ENABLED */
  enabled: boolean
  /** SAML_METADATA_URL: the identity provider's metadata, downloaded at start-up. */
  metadataUrl: string
  /** SAML_IDP_NAME: the provider's name shown on the login page. */
  idpName: string
  /** SAML_SKIP_2FA: SAML log-ins get unrestricted tokens even under ENFORCE_2FA. */
  skip2fa: boolean
}

/** MAIL_SERVER unset → mails are written as files under `<dataDir>/mail/`. */
export interface MailConfig {
  host: string | null
  port: number
  /** MAIL_USE_SSL: TLS from the first byte; MAIL_USE_TLS: STARTTLS required. */
  secure: boolean
  requireTls: boolean
  user: string | null
  password: string | null
  sender: string
}

type Env = Record<string, string | undefined>

function int(env: Env, name: string, def: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return def
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be an integer, got "${raw}"`)
  const n = Number(raw)
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`)
  return n
}

function str(env: Env, name: string, def: string): string {
  const raw = env[name]
  return raw === undefined || raw === '' ? def : raw
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return def
  const v = raw.trim().toLowerCase()
  if (['true', '1', 'yes', 'on'].includes(v)) return true
  if (['false', '0', 'no', 'off'].includes(v)) return false
  throw new ConfigError(`${name} must be true or false, got "${raw}"`)
}

function list(env: Env, name: string, sep: string): string[] {
  return (env[name] ?? '').split(sep).map((s) => s.trim()).filter(Boolean)
}

function samlConfig(env: Env): SamlConfig {
  const enabled = bool(env, 'SAML_ENABLED', false)
  const metadataUrl = str(env, 'SAML_METADATA_URL', '')
  if (enabled) {
    let url: URL | null = null
    try {
      url = new URL(metadataUrl)
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new ConfigError(`SAML_METADATA_URL must be an http(s) URL when SAML_ENABLED is true, got "${metadataUrl}"`)
    }
  }
  return { enabled, metadataUrl, idpName: str(env, 'SAML_IDP_NAME', ''), skip2fa: bool(env, 'SAML_SKIP_2FA', false) }
}

function databaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL
  if (raw === undefined || raw === '') return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`DATABASE_URL is not a valid URL`)
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new ConfigError(`DATABASE_URL must start with postgresql://, got "${url.protocol}//"`)
  }
  return raw
}

const DAY = 24 * 3600

function oidcConfig(env: Env): OidcConfig {
  const oidc: OidcConfig = {
    enabled: bool(env, 'OIDC_ENABLED', false),
    idpName: str(env, 'OIDC_IDP_NAME', ''),
    discoveryUrl: str(env, 'OIDC_DISCOVERY_URL', ''),
    clientId: str(env, 'OIDC_CLIENT_ID', ''),
    clientSecret: str(env, 'OIDC_CLIENT_SECRET', ''),
    scopes: str(env, 'OIDC_SCOPES', 'openid email profile'),
    emailClaim: str(env, 'OIDC_EMAIL_CLAIM', 'email'),
    givenNameClaim: str(env, 'OIDC_GIVEN_NAME_CLAIM', 'given_name'),
    familyNameClaim: str(env, 'OIDC_FAMILY_NAME_CLAIM', 'family_name'),
    requireEmailVerified: bool(env, 'OIDC_REQUIRE_EMAIL_VERIFIED', true),
    skip2fa: bool(env, 'OIDC_SKIP_2FA', false),
  }
  if (oidc.enabled) {
    if (!oidc.clientId) throw new ConfigError('OIDC_ENABLED needs OIDC_CLIENT_ID')
    if (!URL.canParse(oidc.discoveryUrl) || !/^https?:$/.test(new URL(oidc.discoveryUrl).protocol)) {
      throw new ConfigError(`OIDC_DISCOVERY_URL must be an http(s) URL, got "${oidc.discoveryUrl}"`)
    }
  }
  return oidc
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(str(env, 'SLATE_DATA_DIR', './.slate'))
  const fsBackend = str(env, 'FS_BACKEND', 'local')
  if (fsBackend !== 'local' && fsBackend !== 's3') throw new ConfigError(`FS_BACKEND must be "local" or "s3", got "${fsBackend}"`)
  const jobWorker = str(env, 'JOB_WORKER', 'api')
  if (jobWorker !== 'api' && jobWorker !== 'off') throw new ConfigError(`JOB_WORKER must be "api" or "off", got "${jobWorker}"`)
  const logLevel = str(env, 'LOG_LEVEL', 'info')
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`)
  }
  return {
    port: int(env, 'PORT', 5000, 0, 65535),
    host: str(env, 'HOST', '127.0.0.1'),
    databaseUrl: databaseUrl(env),
    dataDir,
    secretKey: env.SECRET_KEY || null,
    accessTokenTtl: int(env, 'JWT_ACCESS_TOKEN_EXPIRES', 7 * DAY, 1),
    refreshTokenTtl: int(env, 'JWT_REFRESH_TOKEN_EXPIRES', 15 * DAY, 1),
    bcryptRounds: int(env, 'BCRYPT_LOG_ROUNDS', 12, 4, 31),
    minPasswordLength: int(env, 'MIN_PASSWORD_LENGTH', 8, 1, 72),
    userLimit: int(env, 'USER_LIMIT', 100, 0),
    protectedAccounts: list(env, 'PROTECTED_ACCOUNTS', ';').map((e) => e.toLowerCase()),
    corsOrigins: list(env, 'CORS_ALLOWED_ORIGINS', ';'),
    defaultTimezone: str(env, 'DEFAULT_TIMEZONE', 'Europe/Paris'),
    defaultLocale: str(env, 'DEFAULT_LOCALE', 'en_US'),
    nbRecordsPerPage: int(env, 'NB_RECORDS_PER_PAGE', 100, 1, 100000),
    maxContentLength: int(env, 'MAX_CONTENT_LENGTH', 10 * 1024 ** 3, 0),
    fsBackend,
    fsLocalRoot: resolve(str(env, 'FS_LOCAL_ROOT', str(env, 'PREVIEW_FOLDER', join(dataDir, 'previews')))),
    fsBucketPrefix: str(env, 'FS_BUCKET_PREFIX', ''),
    s3: {
      endpoint: env.FS_S3_ENDPOINT || null,
      region: str(env, 'FS_S3_REGION', 'us-east-1'),
      accessKey: env.FS_S3_ACCESS_KEY || null,
      secretKey: env.FS_S3_SECRET_KEY || null,
      createBucket: bool(env, 'FS_S3_CREATE_BUCKET', true),
      forcePathStyle: bool(env, 'FS_S3_FORCE_PATH_STYLE', true),
    },
    tmpDir: resolve(str(env, 'TMP_DIR', join(dataDir, 'tmp'))),
    clientCacheMaxAge: int(env, 'CLIENT_CACHE_MAX_AGE', 604800, 0),
    previews: {
      saveSourceFile: bool(env, 'PREVIEW_SAVE_SOURCE_FILE', false),
      skipNormalizationFull: bool(env, 'SKIP_NORMALIZATION_FULL', false),
      skipNormalizationHighdef: bool(env, 'SKIP_NORMALIZATION_HIGHDEF', false),
      maxImagePixels: int(env, 'MAX_IMAGE_PIXELS', 400_000_000, 1),
    },
    jobs: {
      worker: jobWorker,
      concurrency: int(env, 'JOB_CONCURRENCY', 1, 1, 64),
      timeout: int(env, 'JOB_QUEUE_TIMEOUT', 3600, 1),
    },
    signedUrlTtl: int(env, 'SIGNED_URL_TTL', 3600, 1),
    uploadExpiry: int(env, 'UPLOAD_EXPIRY', 7 * DAY, 60),
    removeFiles: bool(env, 'REMOVE_FILES', false),
    adminEmail: env.SLATE_ADMIN_EMAIL || null,
    adminPassword: env.SLATE_ADMIN_PASSWORD || null,
    logLevel,
    authStrategy: str(env, 'AUTH_STRATEGY', 'auth_local_classic'),
    domainName: str(env, 'DOMAIN_NAME', 'localhost:8080'),
    domainProtocol: str(env, 'DOMAIN_PROTOCOL', 'https'),
    enforce2fa: bool(env, 'ENFORCE_2FA', false),
    twoFactorExempt: list(env, '2FA_EXEMPT_USERS', ',').map((e) => e.toLowerCase()),
    authRateLimit: int(env, 'AUTH_RATE_LIMIT', 30, 0),
    redisUrl: env.REDIS_URL || null,
    adminToken: env.ADMIN_TOKEN || null,
    saml: samlConfig(env),
    oidc: oidcConfig(env),
    ldap: {
      host: str(env, 'LDAP_HOST', '127.0.0.1'),
      port: int(env, 'LDAP_PORT', 389, 1, 65535),
      baseDn: str(env, 'LDAP_BASE_DN', 'cn=Users,dc=zou,dc=local'),
      domain: str(env, 'LDAP_DOMAIN', 'zou.local'),
      group: str(env, 'LDAP_GROUP', ''),
      fallback: bool(env, 'LDAP_FALLBACK', false),
      isAd: bool(env, 'LDAP_IS_AD', false),
      isAdSimple: bool(env, 'LDAP_IS_AD_SIMPLE', false),
      ssl: bool(env, 'LDAP_SSL', false),
      user: str(env, 'LDAP_USER', ''),
      password: str(env, 'LDAP_PASSWORD', ''),
      emailDomain: str(env, 'EMAIL_DOMAIN', 'studio.local'),
      excludedAccounts: list(env, 'LDAP_EXCLUDED_ACCOUNTS', ','),
    },
    mail: {
      host: env.MAIL_SERVER || null,
      port: int(env, 'MAIL_PORT', bool(env, 'MAIL_USE_SSL', false) ? 465 : 25, 1, 65535),
      secure: bool(env, 'MAIL_USE_SSL', false),
      requireTls: bool(env, 'MAIL_USE_TLS', false),
      user: env.MAIL_USERNAME || null,
      password: env.MAIL_PASSWORD || null,
      sender: str(env, 'MAIL_DEFAULT_SENDER', 'no-reply@slate.local'),
    },
  }
}

/** SECRET_KEY, or a key generated once and kept in the data dir so tokens survive restarts. */
export function resolveSecretKey(config: Config): string {
  if (config.secretKey) return config.secretKey
  const file = join(config.dataDir, 'secret_key')
  if (existsSync(file)) {
    config.secretKey = readFileSync(file, 'utf8').trim()
  } else {
    mkdirSync(config.dataDir, { recursive: true })
    config.secretKey = randomBytes(48).toString('base64url')
    writeFileSync(file, config.secretKey + '\n', { mode: 0o600 })
  }
  return config.secretKey
}
