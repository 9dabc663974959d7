import { spawn } from 'node:child_process'

/**
 * A command running in a pseudo-terminal, as in a developer's terminal
 */
export type TerminalSession = {
  child: ReturnType<typeof spawn>
  /** Everything the command wrote to the terminal so far */
  output(): string
  /** Types bytes on the keyboard, e.g. '\x03' for Ctrl-C */
  type(bytes: string): void
}

/**
 * Runs `command` in a pseudo-terminal through util-linux `script` (Debian's
 * bsdutils, always installed): what the test writes to its stdin is typed
 * into the terminal, so Ctrl-C reaches the command the way a keyboard sends it
 */
export function runInTerminal(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv }
): TerminalSession {
  const child = spawn(
    'script',
    ['--quiet', '--flush', '--return', '--command', command, '/dev/null'],
    {
      cwd: options.cwd,
      env: { TERM: 'xterm', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    }
  )
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  return {
    child,
    output: () => output,
    type: (bytes) => child.stdin!.write(bytes),
  }
}
