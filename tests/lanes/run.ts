import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Lane } from '#tests/lanes/plan'

/** How a lane's process starts: `node <nodeArgs> <script> <suites> <args>` in cwd */
export type LaneCommand = { script: string; args: string[]; cwd: string; nodeArgs?: string[] }

/** What one lane ended with */
export type LaneResult = {
  name: string
  passed: number
  failed: number
  exitCode: number | null
  seconds: number
}

/** The summary line a lane prints last (tests/summary_reporter.ts) */
const LANE_SUMMARY = /^lane (\S+): (\d+) passed, (\d+) failed/gm

/**
 * Runs the lanes at once, each a `node bin/test.ts <suites> <args>` process
 * (the node arguments default to this process's own).
 * The first lane's output streams live; the others go to
 * tmp/test-lanes/<lane>.log and are printed whole when they end. Returns
 * each lane's counts; a lane that printed no summary counts one failure.
 */
export async function runLanes(
  lanes: Lane[],
  command: LaneCommand,
  write: (text: string) => void
): Promise<LaneResult[]> {
  const logDir = join(command.cwd, 'tmp', 'test-lanes')
  await mkdir(logDir, { recursive: true })
  const [first, ...others] = lanes
  write(
    `Running ${lanes.length} lanes at once: ${lanes.map((lane) => lane.name).join(', ')}. ` +
      `Live below: ${first.name}; ${others.map((lane) => `${lane.name} in tmp/test-lanes/${lane.name}.log`).join(', ')}, printed when it ends.\n`
  )
  const children = new Set<ReturnType<typeof spawn>>()
  const forward = (signal: NodeJS.Signals) => children.forEach((child) => child.kill(signal))
  process.on('SIGTERM', forward)
  try {
    return await Promise.all(
      lanes.map(async (lane, index) => {
        const logFile = join(logDir, `${lane.name}.log`)
        const result = await runLane(lane, command, index === 0 ? write : null, logFile, children)
        if (index > 0) {
          write(
            `\n── lane ${lane.name} (${result.seconds} s) ──\n${await readFile(logFile, 'utf8')}`
          )
        }
        return result
      })
    )
  } finally {
    process.off('SIGTERM', forward)
  }
}

/**
 * One lane's process; its output goes to `live` when given, always to its
 * log file
 */
function runLane(
  lane: Lane,
  command: LaneCommand,
  live: ((text: string) => void) | null,
  logFile: string,
  children: Set<ReturnType<typeof spawn>>
) {
  const started = Date.now()
  const log = createWriteStream(logFile)
  const child = spawn(
    process.execPath,
    [...(command.nodeArgs ?? process.execArgv), command.script, ...lane.suites, ...command.args],
    {
      cwd: command.cwd,
      env: {
        ...process.env,
        ...(live && process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
        ...lane.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  )
  children.add(child)
  let tail = ''
  const take = (chunk: Buffer) => {
    const text = chunk.toString()
    tail = (tail + text).slice(-4096)
    log.write(text)
    live?.(text)
  }
  child.stdout.on('data', take)
  child.stderr.on('data', take)
  return new Promise<LaneResult>((resolve) => {
    child.once('close', (exitCode) => {
      children.delete(child)
      log.end(() => resolve(laneResult(lane.name, tail, exitCode, started)))
    })
  })
}

/**
 * The counts a lane's last output says; none found counts as one failure
 */
export function laneResult(
  name: string,
  output: string,
  exitCode: number | null,
  started: number
): LaneResult {
  const seconds = Math.round((Date.now() - started) / 1000)
  const summary = [...output.matchAll(LANE_SUMMARY)].at(-1)
  if (!summary || summary[1] !== name) {
    return { name, passed: 0, failed: 1, exitCode, seconds }
  }
  return { name, passed: Number(summary[2]), failed: Number(summary[3]), exitCode, seconds }
}

/**
 * The closing lines: one per lane, then the plain "N passed, N failed" of
 * the whole run (a lane that exited non-zero with no failure counts one)
 */
export function lanesSummary(results: LaneResult[]) {
  const lines = results.map(
    (result) =>
      `lane ${result.name}: ${result.passed} passed, ${result.failed} failed, exit ${result.exitCode}, ${result.seconds} s`
  )
  const passed = results.reduce((sum, result) => sum + result.passed, 0)
  const failed = results.reduce(
    (sum, result) => sum + Math.max(result.failed, result.exitCode === 0 ? 0 : 1),
    0
  )
  return { text: `${lines.join('\n')}\n${passed} passed, ${failed} failed`, failed }
}
