import { spawn } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { freePort } from '#helpers/free_port'
import { stopChildProcess, waitUntilReady } from '#tests/helpers/child_process_waits'

/** Booting AdonisJS from TypeScript sources takes a few seconds */
const READY_TIMEOUT_MS = 30_000

/**
 * The web app (bin/server.ts) in its own process, against the test database
 */
export type AppProcess = {
  url: string
  stop(): Promise<number | null>
  /** Everything the process wrote to stdout and stderr so far */
  output(): string
}

/**
 * Starts the web app as deployed (NODE_ENV=production, the Dockerfile's
 * database sessions and rate limits) with `extraEnv` on top (its PORT, if any, is used);
 * resolves once /health/live answers
 */
export async function startAppProcess(extraEnv: Record<string, string> = {}): Promise<AppProcess> {
  const port = extraEnv.PORT ? Number(extraEnv.PORT) : await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: app.makePath(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      // The public URL is https (TLS ends at a proxy): Secure cookies and HSTS
      APP_URL: `https://127.0.0.1:${port}`,
      APP_KEY: env.get('APP_KEY').release(),
      LOG_LEVEL: 'warn',
      SESSION_DRIVER: 'database',
      LIMITER_STORE: 'database',
      DB_HOST: env.get('DB_HOST'),
      DB_PORT: String(env.get('DB_PORT')),
      DB_USER: env.get('DB_USER'),
      DB_PASSWORD: env.get('DB_PASSWORD'),
      DB_DATABASE: env.get('DB_DATABASE'),
      ...extraEnv,
    },
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const stop = async () => {
    const { code } = await stopChildProcess(child)
    return code
  }

  await waitUntilReady(child, {
    name: 'The app (bin/server.ts)',
    probe: async () => {
      const live = await fetch(`${url}/health/live`).catch(() => null)
      return live?.ok === true
    },
    timeoutMs: READY_TIMEOUT_MS,
  })
  return { url, stop, output: () => output }
}
