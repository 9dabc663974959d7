import {
  nodeArgs,
  startProcess,
  waitForMessage,
  type BenchProcess,
} from '../lib/child_processes.js'
import { buildDir, builtPath } from '../stack/build.js'

/**
 * A peer server process (bare ws or Socket.IO) and its port
 */
export type PeerServer = { process: BenchProcess; port: number }

/**
 * Starts the built bench/peers/<file>.js and waits for the port it reports
 */
export async function startPeer(
  name: string,
  file: string,
  env: Record<string, string> = {}
): Promise<PeerServer> {
  const process = startProcess(
    name,
    globalThis.process.execPath,
    nodeArgs(builtPath('bench', 'peers', `${file}.js`)),
    { env: { NODE_ENV: 'production', ...env }, cwd: buildDir }
  )
  const port = await waitForMessage(
    process,
    (message: { ready?: number }) => message?.ready,
    30_000
  )
  return { process, port }
}
