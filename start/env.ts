/*
|--------------------------------------------------------------------------
| Environment variables service
|--------------------------------------------------------------------------
|
| Validates and casts every environment variable the app reads. Each one is
| documented in ".env.example". On the first development run, a ".env" with
| a freshly generated APP_KEY is written from ".env.example".
|
*/

import { Env } from '@adonisjs/core/env'
import { createDotEnvOnFirstRun } from '#start/first_run'
import { parseTrustedProxies } from '#helpers/trusted_proxies'

const APP_ROOT = new URL('../', import.meta.url)

const firstRun = await createDotEnvOnFirstRun(APP_ROOT)
if (firstRun) {
  console.log(firstRun)
}

export default await Env.create(APP_ROOT, {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  APP_NAME: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const),

  /*
  |----------------------------------------------------------
  | Session
  |----------------------------------------------------------
  */
  SESSION_DRIVER: Env.schema.enum(['database', 'cookie', 'memory'] as const),

  /*
  |----------------------------------------------------------
  | Database: DATABASE_URL, or DB_* parts (DB_HOST a host name,
  | an address or a Unix socket's folder), or neither for the
  | embedded PostgreSQL under EMBEDDED_PG_DIR
  |----------------------------------------------------------
  */
  DATABASE_URL: Env.schema.string.optional({ format: 'url', tld: false, protocol: false }),
  DB_HOST: Env.schema.string.optional(),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  EMBEDDED_PG_DIR: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Rate limits: database (shared by every process) | memory
  |----------------------------------------------------------
  */
  LIMITER_STORE: Env.schema.enum(['database', 'memory'] as const),
  REGISTRATIONS_PER_HOUR: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Who may sign up: open (default), invite (with an invite link only) or closed
  |----------------------------------------------------------
  */
  REGISTRATION: Env.schema.enum.optional(['open', 'invite', 'closed'] as const),

  /*
  |----------------------------------------------------------
  | Reverse proxies whose X-Forwarded-* headers are believed
  | (IPs and CIDRs); none when unset
  |----------------------------------------------------------
  */
  TRUSTED_PROXIES: proxyList,

  /*
  |----------------------------------------------------------
  | Prometheus metrics at /metrics, off unless a token is set
  |----------------------------------------------------------
  */
  METRICS_TOKEN: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Message search: a query running longer is cancelled (ms)
  |----------------------------------------------------------
  */
  SEARCH_STATEMENT_TIMEOUT_MS: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Chat: in this process or a separate chat service
  |----------------------------------------------------------
  */
  CHAT_MODE: Env.schema.enum.optional(['inprocess', 'external'] as const),
  CHAT_PUBLIC_URL: websocketUrl,
  CHAT_ALLOWED_ORIGINS: Env.schema.string.optional(),
  CHAT_BUS: Env.schema.enum.optional(['memory', 'postgres', 'redis'] as const),
  CHAT_HOST: Env.schema.string.optional({ format: 'host' }),
  CHAT_PORT: Env.schema.number.optional(),
  CHAT_MAX_SOCKETS: Env.schema.number.optional(),
  CHAT_MAX_SOCKETS_PER_USER: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Web Push: who push services may contact (mailto: or https:),
  | and the push services' origins subscriptions may point at
  |----------------------------------------------------------
  */
  /*
  |----------------------------------------------------------
  | Webhooks: outgoing ones may target private addresses (off)
  |----------------------------------------------------------
  */
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: Env.schema.boolean.optional(),

  PUSH_CONTACT: Env.schema.string.optional(),
  PUSH_SERVICE_ORIGINS: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Redis (optional): chat bus and Transmit fan-out
  |----------------------------------------------------------
  */
  REDIS_URL: redisUrl,

  /*
  |----------------------------------------------------------
  | Mail: SMTP when SMTP_HOST is set, else files under MAIL_DIR
  | (shown at /dev/mail outside production)
  |----------------------------------------------------------
  */
  MAIL_MAILER: Env.schema.enum.optional(['smtp', 'file'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string.optional({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  MAIL_DIR: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.secret.optional(),

  /*
  |----------------------------------------------------------
  | E-mail on accounts: required at sign-up or optional, and
  | whether addresses are verified (required | optional | off)
  |----------------------------------------------------------
  */
  EMAIL_REQUIRED: Env.schema.boolean.optional(),
  EMAIL_VERIFICATION: Env.schema.enum.optional(['required', 'optional', 'off'] as const),

  /*
  |----------------------------------------------------------
  | Uploaded files: fs (UPLOADS_DIR, default tmp/uploads/<NODE_ENV>)
  | or s3 (any S3-compatible store: AWS, MinIO, Garage)
  |----------------------------------------------------------
  */
  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  UPLOADS_DIR: Env.schema.string.optional(),
  AWS_ACCESS_KEY_ID: Env.schema.string.optional(),
  AWS_SECRET_ACCESS_KEY: Env.schema.string.optional(),
  AWS_REGION: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional({ format: 'url', tld: false }),
  S3_FORCE_PATH_STYLE: Env.schema.boolean.optional(),
  UPLOAD_MAX_FILE_SIZE: Env.schema.string.optional(),
  UPLOAD_QUOTA_PER_USER: Env.schema.string.optional(),
})

/**
 * An optional ws:// or wss:// URL
 */
function websocketUrl(key: string, value?: string) {
  if (!value) {
    return undefined
  }
  if (!/^wss?:\/\/[^/\s]+/.test(value)) {
    throw new Error(`Invalid value for "${key}": expected a ws:// or wss:// URL`)
  }
  return value
}

/**
 * An optional list of proxy IPs and CIDR networks, checked at boot
 */
function proxyList(key: string, value?: string) {
  try {
    parseTrustedProxies(value ?? '')
  } catch (error) {
    throw new Error(`Invalid value for "${key}": ${(error as Error).message}`)
  }
  return value ?? ''
}

/**
 * An optional redis:// or rediss:// URL
 */
function redisUrl(key: string, value?: string) {
  if (!value) {
    return undefined
  }
  if (!/^rediss?:\/\/[^\s]+$/.test(value)) {
    throw new Error(`Invalid value for "${key}": expected a redis:// or rediss:// URL`)
  }
  return value
}
