import { randomBytes } from 'node:crypto'
import { projectPath } from '../lib/paths.js'
import { imageNodeOptions } from './image_node_options.js'

/**
 * Folder of the bench's own embedded PostgreSQL (never the development data)
 */
export const BENCH_PG_DIR = projectPath('tmp', 'postgres', 'bench')

/**
 * Environment shared by the web app and the standalone chat processes of one
 * run: production mode and Node flags (NODE_OPTIONS) as in the Dockerfile, a
 * fresh APP_KEY (tickets minted by the app must verify on every chat node),
 * the bench's embedded database. Database and
 * Redis variables a developer's .env might set are blanked so the bench never
 * touches other data. The socket caps are raised out of the way.
 */
export function serverEnv(appPort: number): Record<string, string> {
  return {
    NODE_OPTIONS: imageNodeOptions(),
    NODE_ENV: 'production',
    TZ: 'UTC',
    HOST: '127.0.0.1',
    PORT: String(appPort),
    APP_URL: `http://127.0.0.1:${appPort}`,
    APP_NAME: 'roomchat-bench',
    APP_KEY: SHARED_APP_KEY,
    LOG_LEVEL: 'warn',
    SESSION_DRIVER: 'database',
    LIMITER_STORE: 'database',
    DATABASE_URL: '',
    DB_HOST: '',
    REDIS_URL: '',
    EMBEDDED_PG_DIR: BENCH_PG_DIR,
    CHAT_MODE: 'inprocess',
    // The bench measures capacity: 10,000 sockets of 100 users stay under these caps
    CHAT_MAX_SOCKETS: '50000',
    CHAT_MAX_SOCKETS_PER_USER: '1000',
  }
}

const SHARED_APP_KEY = randomBytes(32).toString('base64url')
