import type { SessionData, SessionStoreWithTaggingContract } from '@adonisjs/session/types'

/**
 * Session data by session id, and the user each session is tagged with
 */
const sessions = new Map<string, SessionData>()
const tags = new Map<string, string>()

/**
 * The `memory` session store (tests) with each request's own copy of the
 * data, as every other store gives. The package's memory store hands out the
 * stored object itself: a request that read a flash message removed it from
 * the store at once, before its own write, so a page loading in between
 * showed none (a background request racing a form post's redirect).
 */
export class IsolatedMemorySessionStore implements SessionStoreWithTaggingContract {
  read(sessionId: string) {
    const data = sessions.get(sessionId)
    return data ? structuredClone(data) : null
  }

  write(sessionId: string, values: SessionData) {
    sessions.set(sessionId, structuredClone(values))
  }

  destroy(sessionId: string) {
    sessions.delete(sessionId)
    tags.delete(sessionId)
  }

  touch() {}

  tag(sessionId: string, userId: string) {
    tags.set(sessionId, String(userId))
  }

  untag(sessionId: string) {
    tags.delete(sessionId)
  }

  tagged(userId: string) {
    return [...tags]
      .filter(([sessionId, tagged]) => tagged === userId && sessions.has(sessionId))
      .map(([sessionId]) => ({ id: sessionId, data: structuredClone(sessions.get(sessionId)!) }))
  }
}
