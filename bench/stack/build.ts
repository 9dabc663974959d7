import { spawn } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import { logDir } from '../lib/child_processes.js'
import { projectPath, projectRoot } from '../lib/paths.js'

/** A build takes about a minute on two cores; this only bounds a broken one */
const BUILD_TIMEOUT_MS = 10 * 60_000

/**
 * Where the bench's production build goes (never the developer's build/)
 */
export const buildDir = projectPath('tmp', 'bench', 'build')

/**
 * Absolute path inside the bench build
 */
export function builtPath(...parts: string[]) {
  return `${buildDir}/${parts.join('/')}`
}

/**
 * Compiles the app as the Dockerfile does (`node ace build`), into
 * tmp/bench/build, so the servers run plain JavaScript like in production
 * (TypeScript loader hooks make every dynamic import() cost a round trip to
 * the loader thread). Type errors do not stop it: the bench measures, tsc judges.
 */
export function buildApp() {
  mkdirSync(logDir, { recursive: true })
  const logFile = `${logDir}/build.log`
  const log = createWriteStream(logFile)
  const child = spawn(
    process.execPath,
    ['ace', 'build', '--ignore-ts-errors', '--tsconfig=bench/tsconfig.build.json'],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`node ace build took over ${BUILD_TIMEOUT_MS} ms (log: ${logFile})`))
    }, BUILD_TIMEOUT_MS)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new Error(`node ace build failed with ${code} (log: ${logFile})`))
    })
  })
}
