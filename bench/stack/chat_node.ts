import {
  nodeArgs,
  startProcess,
  waitForMessage,
  type BenchProcess,
} from '../lib/child_processes.js'
import { buildDir, builtPath } from './build.js'

/**
 * A standalone chat process (`npm run chat`)
 */
export type ChatNode = { process: BenchProcess; port: number; url: string }

const READY_TIMEOUT_MS = 60_000

/**
 * Starts the built chat-service/bin/server.js on a free loopback port with the given
 * bus, sharing the app's key and database; resolves once it listens
 */
export async function startChatNode(
  name: string,
  appEnv: Record<string, string>,
  bus: Record<string, string>
): Promise<ChatNode> {
  const process = startProcess(
    name,
    globalThis.process.execPath,
    nodeArgs(builtPath('chat-service', 'bin', 'server.js'), [
      builtPath('bench', 'stack', 'lift_rate_limit.js'),
      builtPath('bench', 'stack', 'heap_probe.js'),
    ]),
    { env: { ...appEnv, ...bus, CHAT_HOST: '127.0.0.1', CHAT_PORT: '0' }, cwd: buildDir }
  )
  const port = await waitForMessage(
    process,
    (message: { chat?: string; port?: number }) =>
      message?.chat === 'ready' ? message.port : undefined,
    READY_TIMEOUT_MS
  )
  return { process, port, url: `ws://127.0.0.1:${port}/ws` }
}
