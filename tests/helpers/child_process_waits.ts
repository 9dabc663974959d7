import type { ChildProcess } from 'node:child_process'

/**
 * What to wait for from a child process a test started
 */
export type ReadyWait = {
  /** Shown in every failure, e.g. "redis-server" */
  name: string
  /** True once the output collected so far shows the child is ready */
  ready?: (output: string) => boolean
  /** Resolves true once the child is ready (polled), for children that say nothing */
  probe?: () => Promise<boolean>
  timeoutMs: number
  /** Appended when the program could not be started at all, e.g. "apt-get install redis-server" */
  installHint?: string
}

const PROBE_INTERVAL_MS = 50

/**
 * Resolves once `child` is ready (a line of its stdout/stderr, or `probe`);
 * rejects at once with a clear message when the program cannot be started
 * (a missing binary only emits 'error'), when it exits first, or after
 * `timeoutMs`. The child is killed on failure. Never hangs.
 */
export function waitUntilReady(child: ChildProcess, wait: ReadyWait) {
  let output = ''
  return new Promise<string>((resolve, reject) => {
    let probing: NodeJS.Timeout | undefined
    const finish = (error: Error | null) => {
      clearTimeout(timer)
      clearTimeout(probing)
      child.stdout?.off('data', onData)
      child.stderr?.off('data', onData)
      child.off('error', onError)
      child.off('exit', onExit)
      if (!error) {
        return resolve(output)
      }
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        child.kill('SIGKILL')
      }
      reject(error)
    }
    const onData = (chunk: Buffer | string) => {
      output += chunk.toString()
      if (wait.ready?.(output)) {
        finish(null)
      }
    }
    const onError = (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'ENOENT' && wait.installHint ? ` (${wait.installHint})` : ''
      finish(new Error(`${wait.name} could not be started: ${error.message}${hint}`))
    }
    const onExit = (code: number | null, signal: string | null) => {
      const status = signal ? `signal ${signal}` : `code ${code}`
      finish(new Error(`${wait.name} exited with ${status} before it was ready\n${output}`))
    }
    const timer = setTimeout(
      () => finish(new Error(`${wait.name} was not ready within ${wait.timeoutMs} ms\n${output}`)),
      wait.timeoutMs
    )
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('error', onError)
    child.once('exit', onExit)
    if (wait.probe) {
      const probe = wait.probe
      const poll = () => {
        probe().then(
          (ready) => {
            if (ready) finish(null)
            else probing = setTimeout(poll, PROBE_INTERVAL_MS)
          },
          (error: Error) => finish(error)
        )
      }
      poll()
    }
  })
}

/**
 * Sends `signal` (SIGTERM by default) and resolves with the exit code once
 * the child is gone; SIGKILL after `timeoutMs` if it is still running
 */
export function stopChildProcess(
  child: ChildProcess,
  options: { signal?: NodeJS.Signals; timeoutMs?: number } = {}
) {
  return new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) {
      return resolve({ code: child.exitCode, signal: child.signalCode })
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal })
    })
    child.kill(options.signal ?? 'SIGTERM')
  })
}
