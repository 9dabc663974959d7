import { spawn, type ChildProcess } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { stopChildProcess } from '#tests/helpers/child_process_waits'

/** Booting AdonisJS from TypeScript sources takes a few seconds */
const READY_TIMEOUT_MS = 30_000

/** The service's own shutdown deadline is 10 s; past this it is killed */
const STOP_TIMEOUT_MS = 15_000

/**
 * A standalone chat service (chat-service/bin/server.ts) run by a test
 */
export type ChatProcess = {
  url: string
  port: number
  /** Its process id (e.g. to lower its open-files limit with prlimit) */
  pid: number
  /** SIGTERM and the exit code */
  stop(): Promise<number | null>
  /** Sends `signal` (e.g. SIGKILL) and resolves once the process is gone */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: string | null }>
  /** True until the process exited */
  running(): boolean
}

/**
 * Spawns the standalone chat service on a free loopback port, against the
 * test database, on the postgres bus (or as `env` overrides, e.g. CHAT_BUS,
 * REDIS_URL, CHAT_ALLOWED_ORIGINS); resolves once it listens
 */
export function startChatProcess(extraEnv: Record<string, string> = {}): Promise<ChatProcess> {
  const child = spawn(
    process.execPath,
    ['--import', '@poppinss/ts-exec', 'chat-service/bin/server.ts'],
    {
      cwd: app.makePath(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DB_HOST: env.get('DB_HOST'),
        DB_PORT: String(env.get('DB_PORT')),
        DB_USER: env.get('DB_USER'),
        DB_PASSWORD: env.get('DB_PASSWORD'),
        DB_DATABASE: env.get('DB_DATABASE'),
        CHAT_BUS: 'postgres',
        CHAT_HOST: '127.0.0.1',
        CHAT_PORT: '0',
        ...extraEnv,
      },
    }
  )
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`chat service did not start within ${READY_TIMEOUT_MS} ms\n${output}`))
    }, READY_TIMEOUT_MS)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`chat service could not be started: ${error.message}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`chat service exited with ${code} before listening\n${output}`))
    })
    child.on('message', (message: { chat?: string; port?: number }) => {
      if (message.chat !== 'ready' || !message.port) {
        return
      }
      clearTimeout(timer)
      child.removeAllListeners('exit')
      child.removeAllListeners('error')
      resolve({
        port: message.port,
        pid: child.pid!,
        url: `ws://127.0.0.1:${message.port}/ws`,
        stop: () => stopChild(child),
        kill: (signal) => killChild(child, signal),
        running: () => child.exitCode === null && child.signalCode === null,
      })
    })
  })
}

/**
 * SIGTERM, then waits for the exit (the service closes sockets with 1001);
 * resolves with the exit code
 */
async function stopChild(child: ChildProcess) {
  const { code } = await stopChildProcess(child, { timeoutMs: STOP_TIMEOUT_MS })
  return code
}

/**
 * Sends `signal` and waits for the exit
 */
function killChild(child: ChildProcess, signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return resolve({ code: child.exitCode, signal: child.signalCode })
    }
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }))
    child.kill(signal)
  })
}
