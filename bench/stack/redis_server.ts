import { execFileSync } from 'node:child_process'
import { connect } from 'node:net'
import { startProcess, type BenchProcess } from '../lib/child_processes.js'
import { freePort } from '../../app/helpers/free_port.js'
import { sleep } from '../lib/wait.js'
import { projectRoot } from '../lib/paths.js'

/**
 * A throwaway redis-server on loopback, no persistence
 */
export type RedisServer = { process: BenchProcess; url: string }

/**
 * True when `redis-server` is on the PATH
 */
export function redisInstalled() {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Starts redis-server on a free port and waits until it answers PING
 */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  const process = startProcess(
    'redis',
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { env: {}, cwd: projectRoot }
  )
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await answersPing(port)) {
      return { process, url: `redis://127.0.0.1:${port}` }
    }
    await sleep(100)
  }
  throw new Error(`redis-server did not answer on port ${port}`)
}

function answersPing(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('error', () => resolve(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
  })
}
