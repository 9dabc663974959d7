import { randomBytes } from 'node:crypto'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { WatchedProcess } from '#bench/users/capacity_ramp'

/**
 * Accounts the command signs in as: capacity_0000, capacity_0001, …
 */
const USERNAME_PREFIX = 'capacity_'

/**
 * LIKE pattern of those accounts (`_` escaped: it matches any character)
 */
const USERNAME_PATTERN = 'capacity\\_%'

/**
 * Hosts the load may go to without --remote
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Finds how many users a running install serves: simulated users (form
 * login, lobby and its event stream, one chat socket, Mattermost
 * load-test-ng's action mix) are ramped against --url until the SLO breaks
 * (p99 page < 1 s, p99 delivery < 500 ms, no error, no dropped socket), then
 * the ceiling, where the CPU went (--watch) and the first resource to run
 * out are reported. It creates accounts capacity_NNNN and public rooms
 * "Capacity room N" in this app's database (removed at the end unless
 * --keep): run it on a staging copy, not in production.
 */
export default class ChatCapacity extends BaseCommand {
  static commandName = 'chat:capacity'
  static description =
    'Ramp simulated users against a running install until the SLO breaks; report the ceiling'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Base URL of the running install (e.g. http://127.0.0.1:3333)' })
  declare url: string

  @flags.number({ description: 'Users in the first step', default: 50 })
  declare startUsers: number

  @flags.number({ description: 'Users added at each step', default: 50 })
  declare stepUsers: number

  @flags.number({ description: 'Most users (and accounts created)', default: 500 })
  declare maxUsers: number

  @flags.number({ description: 'Seconds per step', default: 30 })
  declare stepSeconds: number

  @flags.number({ description: 'Time budget of the whole ramp, in seconds', default: 600 })
  declare maxSeconds: number

  @flags.number({ description: 'Load generator processes', default: 2 })
  declare workers: number

  @flags.number({ description: 'Rooms the users move between', default: 10 })
  declare rooms: number

  @flags.number({ description: 'Average pause between two actions of a user, ms', default: 20_000 })
  declare idleMs: number

  @flags.array({
    description: 'A server process to report the CPU of, label=pid (repeatable; +pid for its tree)',
  })
  declare watch?: string[]

  @flags.boolean({ description: 'Allow a --url that is not on this machine (loopback)' })
  declare remote: boolean

  @flags.boolean({ description: 'Keep the capacity_* accounts and their rooms afterwards' })
  declare keep: boolean

  async run() {
    const problem = this.#invalidFlags()
    if (problem) {
      this.logger.error(problem)
      this.exitCode = 1
      return
    }
    const watched = this.#watched()
    if (typeof watched === 'string') {
      this.logger.error(watched)
      this.exitCode = 1
      return
    }
    const { runCapacityRamp, rampTables } = await import('#bench/users/capacity_ramp')
    const { DEFAULT_SLO } = await import('#bench/users/slo')
    const { printTable } = await import('#bench/lib/table')
    const password = randomBytes(18).toString('base64url')
    const { usernames, rooms } = await this.#prepareAccounts(password)
    const interactive = process.stdout.isTTY
    const options = {
      baseUrl: new URL(this.url).origin,
      password,
      usernames,
      rooms,
      idle: { minMs: Math.min(1000, this.idleMs / 2), avgMs: this.idleMs },
      slo: DEFAULT_SLO,
      startUsers: this.startUsers,
      stepUsers: this.stepUsers,
      maxUsers: this.maxUsers,
      stepSeconds: this.stepSeconds,
      maxSeconds: this.maxSeconds,
      workers: this.workers,
      watched,
      log: (line: string) => {
        if (interactive) {
          process.stdout.write('\r\x1b[2K')
        }
        this.logger.info(line)
      },
      status: interactive
        ? (line: string) => process.stdout.write(`\r\x1b[2K${this.colors.dim(line)}`)
        : undefined,
    }
    this.logger.info(
      `Ramping ${this.startUsers} + ${this.stepUsers} users every ${this.stepSeconds} s, up to ` +
        `${this.maxUsers} users or ${this.maxSeconds} s, against ${options.baseUrl}`
    )
    try {
      const report = await runCapacityRamp(options)
      rampTables(report, options).forEach((table) =>
        printTable(table, (line) => this.logger.log(line))
      )
      const { users, broken } = report.ceiling
      this.logger.success(
        `Ceiling: ${broken ? '' : '≥ '}${users} users; first resource to run out: ${report.firstResourceOut}`
      )
    } finally {
      if (!this.keep) {
        await this.#removeAccounts()
      }
    }
  }

  #invalidFlags() {
    let url: URL
    try {
      url = new URL(this.url ?? '')
    } catch {
      return '--url must be the base URL of the running install, e.g. http://127.0.0.1:3333'
    }
    if (!['http:', 'https:'].includes(url.protocol)) {
      return '--url must be an http(s) URL'
    }
    if (!LOOPBACK.has(url.hostname) && !this.remote) {
      return `--url ${url.hostname} is not on this machine: pass --remote to load another host`
    }
    const bounds: Array<[string, number, number, number]> = [
      ['--start-users', this.startUsers, 1, 10_000],
      ['--step-users', this.stepUsers, 1, 10_000],
      ['--max-users', this.maxUsers, 1, 10_000],
      ['--step-seconds', this.stepSeconds, 1, 600],
      ['--max-seconds', this.maxSeconds, 1, 7200],
      ['--workers', this.workers, 1, 32],
      ['--rooms', this.rooms, 1, 1000],
      ['--idle-ms', this.idleMs, 100, 600_000],
    ]
    for (const [name, value, min, max] of bounds) {
      if (!Number.isInteger(value) || value < min || value > max) {
        return `${name} must be a whole number between ${min} and ${max}`
      }
    }
    return null
  }

  /**
   * The --watch processes, or what is wrong with one
   */
  #watched(): WatchedProcess[] | string {
    const watched: WatchedProcess[] = []
    for (const entry of this.watch ?? []) {
      const match = /^([\w .+-]{1,40})=(\+?)(\d+)$/.exec(entry)
      if (!match) {
        return `--watch ${entry}: expected label=pid (or label=+pid for a process tree)`
      }
      watched.push({ label: match[1], pid: Number(match[3]), tree: match[2] === '+' })
    }
    return watched
  }

  /**
   * Accounts capacity_0000… (one password hash for all) and public rooms
   * "Capacity room N" owned by the first, created or reset
   */
  async #prepareAccounts(password: string) {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: hash } = await import('@adonisjs/core/services/hash')
    const hashed = await hash.make(password)
    await db.rawQuery(
      `INSERT INTO users (username, password, created_at)
        SELECT ? || lpad(g::text, 4, '0'), ?, now() FROM generate_series(0, ? - 1) g
        ON CONFLICT DO NOTHING`,
      [USERNAME_PREFIX, hashed, this.maxUsers]
    )
    await db.rawQuery('UPDATE users SET password = ? WHERE username LIKE ?', [
      hashed,
      USERNAME_PATTERN,
    ])
    const users = await db
      .from('users')
      .whereRaw('username LIKE ?', [USERNAME_PATTERN])
      .orderBy('username')
      .limit(this.maxUsers)
      .select('id', 'username')
    const names = Array.from({ length: this.rooms }, (_, index) => `Capacity room ${index + 1}`)
    await db.rawQuery(
      `INSERT INTO rooms (name, description, owner_id, visibility, last_seq, created_at)
        SELECT name, 'Created by node ace chat:capacity', ?, 'public', 0, now()
        FROM unnest(?::text[]) AS name
        ON CONFLICT DO NOTHING`,
      [users[0].id, names]
    )
    const rooms = await db.from('rooms').whereIn('name', names).select('id')
    return {
      usernames: users.map((user) => user.username as string),
      rooms: rooms.map((room) => room.id as number),
    }
  }

  /**
   * Deletes the capacity_* accounts; their rooms and messages go with them
   */
  async #removeAccounts() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { rows } = await db.rawQuery('DELETE FROM users WHERE username LIKE ? RETURNING id', [
      USERNAME_PATTERN,
    ])
    this.logger.info(`Removed ${rows.length} capacity_* account(s) and their rooms`)
  }
}
