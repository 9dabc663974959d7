import { configProvider } from '@adonisjs/core'
import { MessageBuilder } from '@adonisjs/core/helpers'
import string from '@adonisjs/core/helpers/string'
import { stores } from '@adonisjs/session'
import type { ConfigProvider } from '@adonisjs/core/types'
import type { HttpContext } from '@adonisjs/core/http'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { keepSessionUser } from '#services/account/session_user_read_along'
import type User from '#models/user'
import type {
  SessionData,
  SessionStoreFactory,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'

/**
 * An unchanged session's expiry is pushed back at most this often (the
 * session lives for days: a minute of it is not worth a write per request)
 */
export const SESSION_TOUCH_INTERVAL_MS = 60_000

/**
 * The table of the session package's database store
 */
const TABLE = 'sessions'

/**
 * The session package's database store, except that a request which changed
 * nothing pushes the session's expiry back only when it was last pushed over
 * SESSION_TOUCH_INTERVAL_MS ago: the expiry read with the data says so, and a
 * page view then costs one statement (the read) instead of read + UPDATE.
 * The read also brings the row of the user the session is tagged with, for
 * the request's guard (session_user_read_along.ts). Writing, destroying and
 * tagging are the package's own.
 */
export class LazilyTouchedSessionStore implements SessionStoreWithTaggingContract {
  #read: { sessionId: string; expiresAt: number } | null = null

  constructor(
    protected store: SessionStoreWithTaggingContract,
    protected client: QueryClientContract,
    protected ttlMs: number,
    protected ctx: HttpContext,
    protected users: typeof User
  ) {}

  /**
   * The session's data, null when there is none, it expired (then it is
   * deleted) or its signature does not verify
   */
  async read(sessionId: string) {
    const row = await this.client
      .from(TABLE)
      .joinRaw(
        // The package keeps the user's id as text; a row that is not one joins nobody
        `LEFT JOIN users ON users.id = CASE WHEN ${TABLE}.user_id ~ '^[0-9]{1,18}$' THEN ${TABLE}.user_id::bigint END`
      )
      .where(`${TABLE}.id`, sessionId)
      .select(
        `${TABLE}.data as session_data`,
        `${TABLE}.expires_at as session_expires_at`,
        'users.*'
      )
      .first()
    if (!row) return null
    const { session_data: data, session_expires_at: expires, ...userRow } = row
    const expiresAt = new Date(expires).getTime()
    if (Date.now() > expiresAt) {
      await this.store.destroy(sessionId)
      return null
    }
    this.#read = { sessionId, expiresAt }
    let verified: SessionData | null
    try {
      verified = new MessageBuilder().verify<SessionData>(data, sessionId)
    } catch {
      return null
    }
    if (verified && userRow.id !== null) {
      keepSessionUser(this.ctx, this.users.$createFromAdapterResult(userRow)!)
    }
    return verified
  }

  /**
   * Pushes the expiry back, unless this request read it and it was pushed
   * back less than SESSION_TOUCH_INTERVAL_MS ago
   */
  async touch(sessionId: string) {
    const read = this.#read
    if (
      read?.sessionId === sessionId &&
      read.expiresAt - Date.now() > this.ttlMs - SESSION_TOUCH_INTERVAL_MS
    ) {
      return
    }
    await this.store.touch(sessionId)
  }

  /** Stores the data and a fresh expiry */
  write(sessionId: string, data: SessionData) {
    return this.store.write(sessionId, data)
  }

  /** Deletes the session */
  destroy(sessionId: string) {
    return this.store.destroy(sessionId)
  }

  /** Marks the session as `userId`'s */
  tag(sessionId: string, userId: string | number) {
    return this.store.tag(sessionId, userId)
  }

  /** Unmarks the session */
  untag(sessionId: string, userId: string | number) {
    return this.store.untag(sessionId, userId)
  }

  /** The live sessions of `userId` */
  tagged(userId: string | number) {
    return this.store.tagged(userId)
  }
}

/**
 * The `database` session store of config/session.ts: the package's, touched lazily
 */
export function lazilyTouchedDatabaseStore(): ConfigProvider<SessionStoreFactory> {
  return configProvider.create(async (app) => {
    const database = await configProvider.resolve<SessionStoreFactory>(app, stores.database())
    const db = await app.container.make('lucid.db')
    // Imported once the app runs, as config/auth.ts does: this store is named by a config file
    const { default: users } = await import('#models/user')
    return (ctx, config) =>
      new LazilyTouchedSessionStore(
        database!(ctx, config) as SessionStoreWithTaggingContract,
        db.connection(),
        string.seconds.parse(config.age) * 1000,
        ctx,
        users
      )
  })
}
