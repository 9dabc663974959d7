import { createHash } from 'node:crypto'
import { inject } from '@adonisjs/core'
import { SessionCollection } from '@adonisjs/session'
import type { Session } from '@adonisjs/session'
import ChatSignOutService from '#services/chat/chat_sign_out_service'
import { sessionCredential } from '#services/chat/chat_credentials'

/**
 * The session key holding where and when a browser session was last used
 */
const DEVICE_KEY = 'device'

/**
 * How stale `lastSeenAt` may get before a request refreshes it (saves a
 * session write per request)
 */
const LAST_SEEN_PRECISION_MS = 60_000

/**
 * Where and when a browser session was last used, as kept in the session
 */
export type SessionDevice = { userAgent: string; ip: string; lastSeenAt: string }

/**
 * A signed-in browser session as the account page lists it. `key` names it
 * publicly (a hash: the session id itself is a secret).
 */
export type SessionSummary = SessionDevice & { key: string; current: boolean }

/**
 * The public key of a session id
 */
export function sessionKey(sessionId: string) {
  return createHash('sha256').update(`session-key:${sessionId}`).digest('hex').slice(0, 32)
}

/**
 * The signed-in browser sessions of a user: tags each with its user and
 * device, lists them, and ends them (with their chat sockets)
 */
@inject()
export default class SessionDevicesService {
  constructor(
    protected sessions: SessionCollection,
    protected chat: ChatSignOutService
  ) {}

  /**
   * Tags the session with its user on its first signed-in request and keeps
   * its user agent, IP and last use up to date. A page script's `background`
   * request leaves a known session as it is: its write could land after a
   * form post's (both read the session first) and take the flash message the
   * post left for its next page.
   */
  async track(
    session: Session,
    userId: number,
    request: { userAgent: string; ip: string; background: boolean }
  ) {
    const { userAgent, ip } = request
    const known = session.get(DEVICE_KEY) as SessionDevice | undefined
    const now = Date.now()
    if (!known) {
      await session.tag(String(userId))
    } else if (
      request.background ||
      (known.userAgent === userAgent &&
        known.ip === ip &&
        now - Date.parse(known.lastSeenAt) < LAST_SEEN_PRECISION_MS)
    ) {
      return
    }
    session.put(DEVICE_KEY, {
      userAgent: userAgent.slice(0, 300),
      ip,
      lastSeenAt: new Date(now).toISOString(),
    } satisfies SessionDevice)
  }

  /**
   * The user's sessions, most recently used first; `current` is the session
   * of this request, if any, read as this request has it (its store copy is
   * written when the request ends)
   */
  async list(userId: number, current?: Session): Promise<SessionSummary[]> {
    const tagged = await this.sessions.tagged(String(userId))
    return tagged
      .map(({ id, data }) => {
        const isCurrent = id === current?.sessionId
        const device = ((isCurrent ? current.get(DEVICE_KEY) : data[DEVICE_KEY]) ??
          {}) as Partial<SessionDevice>
        return {
          key: sessionKey(id),
          current: isCurrent,
          userAgent: device.userAgent ?? '',
          ip: device.ip ?? '',
          lastSeenAt: device.lastSeenAt ?? '',
        }
      })
      .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt))
  }

  /**
   * Ends the user's session named `key`; false when there is none
   */
  async end(userId: number, key: string) {
    const tagged = await this.sessions.tagged(String(userId))
    const target = tagged.find(({ id }) => sessionKey(id) === key)
    if (!target) return false
    await this.#end(userId, target.id)
    return true
  }

  /**
   * Ends every session of the user except `keepId` (this request's)
   */
  async endAllBut(userId: number, keepId?: string) {
    const tagged = await this.sessions.tagged(String(userId))
    for (const { id } of tagged) {
      if (id !== keepId) await this.#end(userId, id)
    }
  }

  /**
   * The user's session ids, for ending them after the account is gone
   */
  async ids(userId: number) {
    const tagged = await this.sessions.tagged(String(userId))
    return tagged.map(({ id }) => id)
  }

  /**
   * Destroys sessions whose chat sign-out is already recorded (a deleted
   * account's)
   */
  async forget(sessionIds: string[]) {
    for (const id of sessionIds) await this.sessions.destroy(id)
  }

  /**
   * Destroys a session in the store, then closes its chat sockets
   */
  async #end(userId: number, sessionId: string) {
    await this.sessions.destroy(sessionId)
    await this.chat.signOut(userId, sessionCredential(sessionId))
  }
}
