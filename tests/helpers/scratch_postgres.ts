import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

/** initdb and pg_ctl take seconds; this only bounds a broken run */
const PROGRAM_TIMEOUT_MS = 120_000

/**
 * Where Debian's postgresql-<major> packages install the server programs
 */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql'

/**
 * A throwaway PostgreSQL cluster and the Lucid connection settings to reach it
 */
export type ScratchPostgres = {
  major: number
  connection: { host: string; port: number; user: string; password: string; database: string }
  stop(): Promise<void>
}

/**
 * Starts a throwaway cluster of the newest PostgreSQL server from Debian's
 * packages (postgresql-<major>), on 127.0.0.1 with password authentication.
 * initdb refuses to run as root, so as root it runs as the `postgres` user.
 */
export async function startScratchPostgres(): Promise<ScratchPostgres> {
  const major = await newestDebianServerMajor()
  const bin = join(DEBIAN_POSTGRES_ROOT, String(major), 'bin')
  const dir = await mkdtemp(join(tmpdir(), 'roomchat-scratch-pg-'))
  const dataDir = join(dir, 'data')
  const password = randomBytes(12).toString('base64url')
  const port = await findFreePort()

  await writeFile(join(dir, 'password'), password)
  if (process.getuid?.() === 0) {
    await execFileAsync('chown', ['-R', 'postgres:postgres', dir], { timeout: PROGRAM_TIMEOUT_MS })
  }
  await runAsPostgres(join(bin, 'initdb'), [
    `--pgdata=${dataDir}`,
    '--username=postgres',
    `--pwfile=${join(dir, 'password')}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--no-locale',
    '--no-sync',
  ])
  await runAsPostgres(join(bin, 'pg_ctl'), [
    `--pgdata=${dataDir}`,
    `--log=${join(dir, 'server.log')}`,
    '--wait',
    `--options=-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off`,
    'start',
  ])

  return {
    major,
    connection: { host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' },
    async stop() {
      await runAsPostgres(join(bin, 'pg_ctl'), [
        `--pgdata=${dataDir}`,
        '--wait',
        '--mode=immediate',
        'stop',
      ])
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Highest <major> under /usr/lib/postgresql that has a server (initdb)
 */
async function newestDebianServerMajor() {
  const entries = await readdir(DEBIAN_POSTGRES_ROOT).catch(() => [])
  const majors: number[] = []
  for (const entry of entries) {
    const hasInitdb = await readdir(join(DEBIAN_POSTGRES_ROOT, entry, 'bin')).then(
      (files) => files.includes('initdb'),
      () => false
    )
    if (hasInitdb && /^\d+$/.test(entry)) {
      majors.push(Number(entry))
    }
  }
  if (majors.length === 0) {
    throw new Error(
      `No PostgreSQL server under ${DEBIAN_POSTGRES_ROOT}: apt-get install postgresql`
    )
  }
  return Math.max(...majors)
}

/**
 * Runs a server program as the `postgres` user when this process is root
 */
function runAsPostgres(program: string, args: string[]) {
  if (process.getuid?.() === 0) {
    return execFileAsync('runuser', ['-u', 'postgres', '--', program, ...args], {
      cwd: tmpdir(),
      timeout: PROGRAM_TIMEOUT_MS,
    })
  }
  return execFileAsync(program, args, { timeout: PROGRAM_TIMEOUT_MS })
}

/**
 * Asks the OS for a free port on the loopback interface
 */
function findFreePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
