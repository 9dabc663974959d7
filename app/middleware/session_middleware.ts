import app from '@adonisjs/core/services/app'
import { Session } from '@adonisjs/session'
import AdonisSessionMiddleware from '@adonisjs/session/session_middleware'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { SessionConfig, SessionStoreContract } from '@adonisjs/session/types'

/**
 * A store that keeps nothing: an API request's session lives for that
 * request only
 */
const discardingStore: SessionStoreContract = {
  read: () => null,
  write: () => {},
  destroy: () => {},
  touch: () => {},
}

/**
 * The throwaway session's settings: it finds no stored session and is never
 * committed, so it needs none of config/session.ts's stores (resolving them
 * on a request would also reach for the database)
 */
const THROWAWAY_SESSION: SessionConfig = {
  enabled: true,
  cookieName: 'roomchat-throwaway-session',
  age: '1m',
  cookie: {},
}

/**
 * Whether `url` is for machines, never a browser session: the API (bearer
 * tokens), the health probes and the metrics scrape (its own token)
 */
function isMachineUrl(url: string) {
  return url.startsWith('/api/') || url.startsWith('/health/') || url === '/metrics'
}

/**
 * Sessions for browsers. Machine requests (`/api/…`, `/health/…`,
 * `/metrics`) get a throwaway session that is never committed: no `sessions`
 * row, no cookie, whatever shield's CSRF guard puts in it (a probe every few
 * seconds left a new row each time).
 */
export default class SessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!isMachineUrl(ctx.request.url())) {
      const sessions = await app.container.make(AdonisSessionMiddleware)
      return sessions.handle(ctx, next)
    }
    const emitter = await app.container.make('emitter')
    ctx.session = new Session(THROWAWAY_SESSION, () => discardingStore, emitter, ctx)
    await ctx.session.initiate(false)
    return next()
  }
}
