import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, openSync } from 'node:fs'
import { access, chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '#helpers/free_port'
import { warnWhenNotUtf8 } from '#database/embedded_postgres_encoding'

const DATABASE_NAME = 'roomchat'
const USER = 'postgres'

/** initdb on a first run takes a few seconds; this only bounds a broken start */
const START_TIMEOUT_MS = 120_000

/** A fast shutdown takes well under a second */
const STOP_TIMEOUT_MS = 30_000

const POLL_MS = 100

/** The embedded PostgreSQL also listens on loopback TCP (tools, proxies in tests) */
const TCP_HOST = '127.0.0.1'

/**
 * Connection details of a running embedded cluster; `stop()` stops it when
 * this process started it, and does nothing when it reuses another's
 */
type EmbeddedCluster = {
  host: string
  port: number
  user: string
  password: string
  database: string
  stop(): Promise<void>
}

/**
 * Receives one line for each thing the embedded PostgreSQL did; `warn` for
 * what changed something the developer did not ask for
 */
export type Report = (message: string, level?: 'info' | 'warn') => void

/**
 * Starts the cluster in `dataDir` (creating it on first use) under a guardian
 * process that stops it when this process exits, however it exits. A
 * `throwaway` cluster (the test suite's) skips flushing to disk, as
 * PostgreSQL's "non-durable settings" describe: a crash may lose its data. A server
 * already held by a live guardian (another process of the app) is reused; one
 * whose guardian is gone (a killed run) is stopped first, and said so. An
 * existing cluster that does not store text as UTF-8 gets a warning.
 */
export async function startOrReuseCluster(
  dataDir: string,
  options: { cwd: string; report: Report; throwaway?: boolean }
): Promise<EmbeddedCluster> {
  const password = await readOrCreatePassword(dataDir)
  const connection = { user: USER, password, database: DATABASE_NAME }
  const running = await readRunningServer(dataDir)
  if (running) {
    const guardian = await readLivePid(guardianPidFile(dataDir))
    if (guardian) {
      options.report(
        `Using the embedded PostgreSQL already running on 127.0.0.1:${running.port}, data in ${dataDir} (held by process ${guardian})`
      )
      return { ...connection, host: running.host, port: running.port, stop: async () => {} }
    }
    options.report(
      `Found a PostgreSQL server left running by an earlier run that was killed ` +
        `(pid ${running.pid}, port ${running.port}): stopping it`,
      'warn'
    )
    await stopStrayServer(dataDir, running.pid)
  }

  await makeReachableByPostgresUser(dataDir, options.report)
  const port = await freePort()
  const throwaway = options.throwaway ?? false
  const guardian = await startGuardian(dataDir, { ...connection, port, throwaway }, options.cwd)
  options.report(
    `${guardian.created ? 'Created and started' : 'Started'} the embedded PostgreSQL on ` +
      `127.0.0.1:${port}, data in ${dataDir} (log: ${logFile(dataDir)})`
  )
  if (!guardian.created) {
    await warnWhenNotUtf8(dataDir, { ...connection, port }, options.report)
  }
  let stopped: Promise<void> | undefined
  const started = await readRunningServer(dataDir)
  return {
    ...connection,
    host: started?.host ?? TCP_HOST,
    port,
    stop: () => {
      stopped ??= stopGuardian(guardian.child).then(() =>
        options.report('Stopped the embedded PostgreSQL')
      )
      return stopped
    },
  }
}

/**
 * Pid of the guardian process holding the cluster in `dataDir`
 */
export function guardianPidFile(dataDir: string) {
  return `${dataDir}.guardian.pid`
}

/**
 * Where the guardian and PostgreSQL write their log
 */
function logFile(dataDir: string) {
  return `${dataDir}.log`
}

/**
 * Spawns the guardian (detached, with an IPC channel) and waits until its
 * PostgreSQL accepts connections. The guardian never keeps this process alive.
 */
async function startGuardian(
  dataDir: string,
  settings: { port: number; user: string; password: string; database: string; throwaway: boolean },
  cwd: string
) {
  const fromSources = import.meta.url.endsWith('.ts')
  const script = fileURLToPath(
    new URL(`./embedded_postgres_guardian.${fromSources ? 'ts' : 'js'}`, import.meta.url)
  )
  const log = openSync(logFile(dataDir), 'a')
  const child = spawn(
    process.execPath,
    [
      ...(fromSources ? ['--import', '@poppinss/ts-exec'] : []),
      script,
      JSON.stringify({ ...settings, dataDir, pidFile: guardianPidFile(dataDir) }),
    ],
    { cwd, detached: true, stdio: ['ignore', log, log, 'ipc'] }
  )
  closeSync(log)

  const created = await new Promise<boolean>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(
        new Error(`The embedded PostgreSQL did not start: ${reason} (log: ${logFile(dataDir)})`)
      )
    }
    const timer = setTimeout(
      () => fail(`no answer within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS
    )
    child.once('error', (error) => fail(error.message))
    child.once('exit', (code) => fail(`its guardian exited with ${code}`))
    child.on('message', (message: { ready?: boolean; created?: boolean; error?: string }) => {
      if (message.error) {
        return fail(message.error)
      }
      if (message.ready) {
        clearTimeout(timer)
        child.removeAllListeners('exit')
        resolve(message.created === true)
      }
    })
  })
  child.unref()
  child.channel?.unref()
  return { child, created }
}

/**
 * Closes the guardian's IPC channel (it then stops PostgreSQL) and waits
 * until it exited
 */
async function stopGuardian(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return
  }
  child.ref()
  const exited = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve()
    }, STOP_TIMEOUT_MS)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  if (child.connected) {
    child.disconnect()
  } else {
    child.kill('SIGTERM')
  }
  await exited
}

/**
 * Stops a postmaster nobody holds any more: a fast shutdown (SIGINT), then an
 * immediate one (SIGQUIT); resolves once its postmaster.pid is gone
 */
async function stopStrayServer(dataDir: string, pid: number) {
  for (const signal of ['SIGINT', 'SIGQUIT'] as const) {
    try {
      process.kill(pid, signal)
    } catch {
      // Already gone
    }
    const deadline = Date.now() + STOP_TIMEOUT_MS / 2
    while (Date.now() < deadline) {
      if (!(await readRunningServer(dataDir))) {
        return
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  }
  throw new Error(
    `Could not stop the PostgreSQL server left running in ${dataDir} (pid ${pid}): stop it with \`kill ${pid}\``
  )
}

/**
 * As root the embedded PostgreSQL runs as user `postgres`, which must be able
 * to reach its data directory: gives "others" search (x) permission on the
 * parent folders that lack it, and says which
 */
async function makeReachableByPostgresUser(dataDir: string, report: Report) {
  if (process.getuid?.() !== 0) {
    return
  }
  const closed: string[] = []
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir)
    if ((mode & 0o001) === 0) {
      closed.push(dir)
    }
  }
  if (closed.length === 0) {
    return
  }
  report(
    `Letting user postgres (the embedded PostgreSQL runs as it under root) reach ${dataDir}: chmod o+x ${closed.join(' ')}`,
    'warn'
  )
  for (const dir of closed) {
    const { mode } = await stat(dir)
    await chmod(dir, (mode & 0o7777) | 0o001)
  }
}

/**
 * The cluster's password lives beside its data directory (mode 0600)
 */
async function readOrCreatePassword(dataDir: string) {
  const file = `${dataDir}.password`
  if (await exists(file)) {
    const stored = await readFile(file, 'utf8')
    return stored.trim()
  }
  const password = randomBytes(18).toString('base64url')
  await mkdir(dirname(dataDir), { recursive: true })
  await writeFile(file, password, { mode: 0o600 })
  return password
}

/**
 * Pid, port and host of a live postmaster serving dataDir, read from
 * postmaster.pid: the host is its Unix socket's folder when it has one (a
 * local socket spares every statement the TCP stack), else loopback TCP
 */
export async function readRunningServer(dataDir: string) {
  const pidFile = join(dataDir, 'postmaster.pid')
  const text = await readFile(pidFile, 'utf8').catch(() => null)
  if (!text) {
    return null
  }
  const [pidLine, , , portLine, socketDirLine] = text.split('\n')
  const pid = Number(pidLine)
  const host = socketDirLine?.trim() || TCP_HOST
  return (await isAlive(pid)) ? { pid, port: Number(portLine), host } : null
}

/**
 * The pid written in `file`, when that process is alive
 */
async function readLivePid(file: string) {
  const text = await readFile(file, 'utf8').catch(() => null)
  const pid = Number(text)
  return text && (await isAlive(pid)) ? pid : null
}

/**
 * True for a running process (a zombie nobody reaped does not count)
 */
export async function isAlive(pid: number) {
  if (!Number.isInteger(pid) || pid <= 0 || !answersSignals(pid)) {
    return false
  }
  const procStat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
  if (procStat === null) {
    // No /proc on this system, or the zombie was reaped while its stat was
    // read (this process is its parent): signal 0 tells which
    return answersSignals(pid)
  }
  return procStat.slice(procStat.lastIndexOf(')') + 2, procStat.lastIndexOf(')') + 3) !== 'Z'
}

/**
 * True while a process with this pid exists (zombies included)
 */
function answersSignals(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function exists(path: string) {
  return access(path).then(
    () => true,
    () => false
  )
}
