import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { projectPath } from './paths.js'

/**
 * A process the bench started: stopped by `stopAll()` whatever happens
 */
export type BenchProcess = {
  name: string
  pid: number
  child: ChildProcess
  /** Where its stdout and stderr go */
  logFile: string
  stop(): Promise<void>
}

/** Grace period between SIGTERM and SIGKILL */
const STOP_GRACE_MS = 15_000

const running: BenchProcess[] = []

/**
 * Folder of the log files of every started process
 */
export const logDir = projectPath('tmp', 'bench', 'logs')

/**
 * Folder of the CPU profiles written when BENCH_CPU_PROF names a process
 */
export const profileDir = projectPath('tmp', 'bench', 'profiles')

/**
 * `--cpu-prof` flags when BENCH_CPU_PROF lists this process (`app,chat-a` or `all`)
 */
function profilingArgs(name: string) {
  const wanted = (process.env.BENCH_CPU_PROF ?? '').split(',').map((one) => one.trim())
  if (!wanted.includes(name) && !wanted.includes('all')) {
    return []
  }
  return ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `${name}.cpuprofile`]
}

/**
 * Node arguments that run `entry` after importing `preloads` (absolute paths)
 */
export function nodeArgs(entry: string, preloads: string[] = []) {
  return [...preloads.flatMap((file) => ['--import', pathToFileURL(file).href]), entry]
}

/**
 * Starts `command args` in `cwd` with its output in a log file and an IPC
 * channel; it is registered for `stopAll()`
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env: Record<string, string>; cwd: string }
): BenchProcess {
  mkdirSync(logDir, { recursive: true })
  const logFile = `${logDir}/${name}.log`
  const log = createWriteStream(logFile)
  const fullArgs = command === process.execPath ? [...profilingArgs(name), ...args] : args
  const child = spawn(command, fullArgs, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  if (!child.pid) {
    // The reason ('error', e.g. ENOENT) arrives on the next tick
    child.once('error', () => {})
    throw new Error(`could not start ${name} (${command}): is it installed?`)
  }
  const started: BenchProcess = {
    name,
    pid: child.pid,
    child,
    logFile,
    stop: () => stopChild(child),
  }
  running.push(started)
  child.once('exit', () => running.splice(running.indexOf(started), 1))
  return started
}

/**
 * Resolves with the first IPC message `accept` maps to a value; rejects when
 * the process exits first or after `timeoutMs`
 */
export function waitForMessage<T>(
  process: BenchProcess,
  accept: (message: any) => T | undefined,
  timeoutMs: number
) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup()
      reject(
        new Error(`${process.name} not ready within ${timeoutMs} ms (log: ${process.logFile})`)
      )
    }, timeoutMs)
    const onExit = (code: number | null) => {
      cleanup()
      reject(new Error(`${process.name} exited with ${code} (log: ${process.logFile})`))
    }
    const onMessage = (message: unknown) => {
      const value = accept(message)
      if (value !== undefined) {
        cleanup()
        resolve(value)
      }
    }
    const onError = (error: Error) => {
      cleanup()
      reject(new Error(`${process.name} failed: ${error.message} (log: ${process.logFile})`))
    }
    const cleanup = () => {
      clearTimeout(timer)
      process.child.off('exit', onExit)
      process.child.off('error', onError)
      process.child.off('message', onMessage)
    }
    process.child.once('exit', onExit)
    process.child.once('error', onError)
    process.child.on('message', onMessage)
  })
}

/**
 * Stops every process still running, newest first
 */
export async function stopAll() {
  for (const one of [...running].reverse()) {
    await one.stop()
  }
}

/**
 * SIGTERM, then SIGKILL after the grace period; resolves once it exited
 */
function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return resolve()
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
