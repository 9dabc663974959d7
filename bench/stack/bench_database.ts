import { readFile } from 'node:fs/promises'
import pg from 'pg'
import { Scrypt } from '@adonisjs/core/hash/drivers/scrypt'
import { BENCH_PG_DIR } from './server_env.js'

/** Password of every bench user */
export const BENCH_PASSWORD = 'bench-password-123'

/**
 * A bench user (created with SQL, logged in through the API)
 */
export type BenchUser = { id: number; username: string }

/**
 * Direct SQL access to the bench's embedded PostgreSQL, which the app
 * started: fixtures go in with SQL, load goes through the app
 */
export class BenchDatabase {
  readonly pool: pg.Pool

  private constructor(
    private readonly config: pg.PoolConfig,
    readonly postmasterPid: number
  ) {
    this.pool = new pg.Pool(config)
  }

  /**
   * Connects to the cluster the app runs (port and pid from postmaster.pid)
   */
  static async connect(poolSize: number) {
    const dataDir = BENCH_PG_DIR
    const pidFile = await readFile(`${dataDir}/postmaster.pid`, 'utf8')
    const [pidLine, , , portLine] = pidFile.split('\n')
    const passwordFile = await readFile(`${dataDir}.password`, 'utf8')
    const password = passwordFile.trim()
    const config = {
      host: '127.0.0.1',
      port: Number(portLine),
      user: 'postgres',
      password,
      database: 'roomchat',
      max: poolSize,
      application_name: 'roomchat-bench',
    }
    return new BenchDatabase(config, Number(pidLine))
  }

  /**
   * Another pool to the same database (close it yourself)
   */
  newPool(max: number) {
    return new pg.Pool({ ...this.config, max })
  }

  /**
   * Users bench_0000… with BENCH_PASSWORD (hashed with the app's scrypt settings)
   */
  async ensureUsers(count: number): Promise<BenchUser[]> {
    const scrypt = new Scrypt({
      cost: 16384,
      blockSize: 8,
      parallelization: 1,
      maxMemory: 33554432,
    })
    const hash = await scrypt.make(BENCH_PASSWORD)
    await this.pool.query(
      `INSERT INTO users (username, password, created_at)
       SELECT 'bench_' || lpad(g::text, 4, '0'), $1, now() FROM generate_series(0, $2 - 1) g
       ON CONFLICT DO NOTHING`,
      [hash, count]
    )
    await this.pool.query(`UPDATE users SET password = $1 WHERE username LIKE 'bench\\_%'`, [hash])
    await this.pool.query(
      `DELETE FROM auth_access_tokens WHERE tokenable_id IN
       (SELECT id FROM users WHERE username LIKE 'bench\\_%')`
    )
    const { rows } = await this.pool.query<BenchUser>(
      `SELECT id, username FROM users WHERE username LIKE 'bench\\_%' ORDER BY username LIMIT $1`,
      [count]
    )
    return rows
  }

  /**
   * Rooms with these names (created when missing), ids in the same order
   */
  async ensureRooms(names: string[], ownerId: number): Promise<number[]> {
    await this.pool.query(
      `INSERT INTO rooms (name, description, owner_id, last_seq, created_at)
       SELECT name, 'Benchmark room', $2, 0, now() FROM unnest($1::text[]) AS name
       ON CONFLICT DO NOTHING`,
      [names, ownerId]
    )
    const { rows } = await this.pool.query<{ id: number; name: string }>(
      'SELECT id, name FROM rooms WHERE name = ANY($1::text[])',
      [names]
    )
    return names.map((name) => rows.find((row) => row.name === name)!.id)
  }

  /**
   * Makes every user a member of every room (notification level `all`, the default)
   */
  async ensureMembers(rooms: number[], userIds: number[]) {
    await this.pool.query(
      `INSERT INTO room_members (room_id, user_id, created_at)
       SELECT room, member, now() FROM unnest($1::int[]) AS room CROSS JOIN unnest($2::int[]) AS member
       ON CONFLICT DO NOTHING`,
      [rooms, userIds]
    )
  }

  /**
   * Empties every room's log (the bench database holds bench data only)
   */
  async resetMessages() {
    await this.pool.query('TRUNCATE messages CASCADE')
    await this.pool.query('UPDATE rooms SET last_seq = 0')
  }

  /**
   * Writes messages 1..count into an empty room and moves its head to count
   */
  async seedMessages(room: number, userId: number, count: number) {
    await this.pool.query(
      `INSERT INTO messages (room_id, user_id, seq, client_id, body, created_at)
       SELECT $1, $2, g, 'seed-' || g, 'Message ' || g || ' of the backlog a reconnecting client missed', now()
       FROM generate_series(1, $3) g`,
      [room, userId, count]
    )
    await this.pool.query('UPDATE rooms SET last_seq = $2 WHERE id = $1', [room, count])
    // What autovacuum does within a minute of a bulk write: without it the planner
    // takes the room for a few rows and sorts all of them for every page
    await this.pool.query('ANALYZE messages, rooms')
  }

  /**
   * The head (last seq) of room `room`
   */
  async lastSeq(room: number) {
    const { rows } = await this.pool.query<{ last_seq: number }>(
      'SELECT last_seq FROM rooms WHERE id = $1',
      [room]
    )
    return Number(rows[0].last_seq)
  }

  /**
   * Makes user `userId` a member of `rooms` (kept when already one)
   */
  async joinRooms(userId: number, rooms: number[]) {
    await this.pool.query(
      `INSERT INTO room_members (room_id, user_id, created_at)
       SELECT room, $1, now() FROM unnest($2::int[]) AS room
       ON CONFLICT DO NOTHING`,
      [userId, rooms]
    )
  }

  /**
   * Closes the pool
   */
  close() {
    return this.pool.end()
  }
}
