import { nodeArgs, startProcess, type BenchProcess } from '../lib/child_processes.js'
import { buildDir, builtPath } from './build.js'
import { freePort } from '../../app/helpers/free_port.js'
import { sleep } from '../lib/wait.js'
import { serverEnv } from './server_env.js'

/**
 * The web app with its in-process chat, as `node bin/server.ts` runs it
 */
export type AppServer = {
  process: BenchProcess
  port: number
  baseUrl: string
  env: Record<string, string>
}

/** The first run initialises a PostgreSQL cluster and migrates it */
const READY_TIMEOUT_MS = 180_000

/**
 * Starts the built bin/server.js on a free loopback port (the first one
 * boots the bench's embedded PostgreSQL and migrates it, later ones reuse
 * it) and waits until /health/ready answers 200. By default its chat runs
 * in-process on the memory bus; `chatEnv` changes that (CHAT_* variables).
 */
export async function startAppServer(
  name = 'app',
  chatEnv: Record<string, string> = { CHAT_BUS: 'memory' }
): Promise<AppServer> {
  const port = await freePort()
  const env = serverEnv(port)
  const process = startProcess(
    name,
    globalThis.process.execPath,
    nodeArgs(builtPath('bin', 'server.js'), [
      builtPath('bench', 'stack', 'lift_rate_limit.js'),
      builtPath('bench', 'stack', 'heap_probe.js'),
    ]),
    { env: { ...env, ...chatEnv }, cwd: buildDir }
  )
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) {
      throw new Error(`the app exited with ${process.child.exitCode} (log: ${process.logFile})`)
    }
    const ready = await fetch(`${baseUrl}/health/ready`).then(
      (response) => response.ok,
      () => false
    )
    if (ready) {
      return { process, port, baseUrl, env }
    }
    await sleep(250)
  }
  throw new Error(`the app did not answer /health/ready in time (log: ${process.logFile})`)
}
