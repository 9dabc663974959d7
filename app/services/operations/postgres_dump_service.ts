import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { promisify } from 'node:util'
import { inject } from '@adonisjs/core'
import { Database } from '@adonisjs/lucid/database'
import PgClientUnavailableException from '#exceptions/pg_client_unavailable_exception'
import PgToolFailedException from '#exceptions/pg_tool_failed_exception'

const execFileAsync = promisify(execFile)

/**
 * The PostgreSQL client programs this service runs
 */
type PgTool = 'pg_dump' | 'pg_restore'

/**
 * Backs up and restores the database of a Lucid PostgreSQL connection with
 * pg_dump and pg_restore from PATH. They must be at least as new as the
 * server (pg_dump refuses newer servers); the connection settings reach them
 * as libpq variables (PGHOST, PGPASSWORD, …), never on the command line.
 */
@inject()
export default class PostgresDumpService {
  constructor(protected db: Database) {}

  /**
   * Writes a custom-format dump of the connection's database to file; a
   * failed dump leaves no partial file behind
   */
  async dump(connectionName: string, file: string) {
    const env = await this.prepare('pg_dump', connectionName)
    try {
      await this.runTool('pg_dump', ['--format=custom', `--file=${file}`], env)
    } catch (error) {
      await rm(file, { force: true })
      throw error
    }
  }

  /**
   * Drops and recreates every object of the dump, in a single transaction:
   * on any error the database is left as it was
   */
  async restore(connectionName: string, file: string) {
    const env = await this.prepare('pg_restore', connectionName)
    await this.runTool(
      'pg_restore',
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--single-transaction',
        `--dbname=${env.PGDATABASE}`,
        file,
      ],
      env
    )
  }

  /**
   * libpq environment of the connection, once the tool is known to be new
   * enough for its server
   */
  private async prepare(tool: PgTool, connectionName: string) {
    const serverMajor = await this.serverMajorVersion(connectionName)
    const env = this.libpqEnv(connectionName)
    const client = await this.clientVersion(tool, env)
    if (client.major < serverMajor) {
      throw new PgClientUnavailableException(
        `${tool} ${serverMajor} or newer is needed for PostgreSQL ${serverMajor}, found ${tool} ${client.version} on PATH: install postgresql-client-${serverMajor}`
      )
    }
    return env
  }

  /**
   * PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (and PGSSLMODE from a URL)
   * of a configured connection, on top of the process environment
   */
  private libpqEnv(connectionName: string): NodeJS.ProcessEnv {
    const node = this.db.getRawConnection(connectionName)
    if (!node) {
      throw new PgToolFailedException(`Unknown database connection "${connectionName}"`)
    }
    const { config } = node
    if (config.client !== 'pg' && config.client !== 'postgres' && config.client !== 'postgresql') {
      throw new PgToolFailedException(`Connection "${connectionName}" is not PostgreSQL`)
    }

    const settings = config.connection
    if (typeof settings === 'string') {
      const url = new URL(settings)
      return this.withProcessEnv({
        PGHOST: decodeURIComponent(url.hostname),
        PGPORT: url.port,
        PGUSER: decodeURIComponent(url.username),
        PGPASSWORD: decodeURIComponent(url.password),
        PGDATABASE: decodeURIComponent(url.pathname.slice(1)),
        PGSSLMODE: url.searchParams.get('sslmode') ?? undefined,
      })
    }
    return this.withProcessEnv({
      PGHOST: settings?.host,
      PGPORT: settings?.port?.toString(),
      PGUSER: settings?.user,
      PGPASSWORD: settings?.password,
      PGDATABASE: settings?.database,
    })
  }

  /**
   * The process environment with the given libpq variables; empty ones are
   * left out so libpq falls back to its defaults
   */
  private withProcessEnv(variables: Record<string, string | undefined>): NodeJS.ProcessEnv {
    const set = Object.entries(variables).filter(([, value]) => value)
    return { ...process.env, ...Object.fromEntries(set) }
  }

  /**
   * Major version of the server behind the connection (18 for 18.1)
   */
  private async serverMajorVersion(connectionName: string) {
    const result = await this.db.connection(connectionName).rawQuery('show server_version_num')
    return Math.floor(Number(result.rows[0].server_version_num) / 10_000)
  }

  /**
   * Version of the tool on PATH, from `--version` ("pg_dump (PostgreSQL) 15.18 …")
   */
  private async clientVersion(tool: PgTool, env: NodeJS.ProcessEnv) {
    const output = await execFileAsync(tool, ['--version'], { env }).catch(() => null)
    if (!output) {
      throw new PgClientUnavailableException(
        `${tool} was not found on PATH: install the PostgreSQL client (postgresql-client)`
      )
    }
    const match = /\(PostgreSQL\)\s+((\d+)[.\d]*)/.exec(output.stdout)
    if (!match) {
      throw new PgClientUnavailableException(
        `Cannot read the version of ${tool}: ${output.stdout.trim()}`
      )
    }
    return { version: match[1], major: Number(match[2]) }
  }

  /**
   * Runs the tool, turning a failure into an exception with its stderr
   */
  private async runTool(tool: PgTool, args: string[], env: NodeJS.ProcessEnv) {
    try {
      await execFileAsync(tool, args, { env, maxBuffer: 16 * 1024 * 1024 })
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim()
      throw new PgToolFailedException(`${tool} failed: ${stderr || (error as Error).message}`)
    }
  }
}
