import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
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
  #config?: SessionConfig

  async handle(ctx: HttpContext, next: NextFn) {
    if (!isMachineUrl(ctx.request.url())) {
      const sessions = await app.container.make(AdonisSessionMiddleware)
      return sessions.handle(ctx, next)
    }
    const emitter = await app.container.make('emitter')
    ctx.session = new Session(await this.#sessionConfig(), () => discardingStore, emitter, ctx)
    await ctx.session.initiate(false)
    return next()
  }

  async #sessionConfig() {
    this.#config ??= (await configProvider.resolve<SessionConfig>(app, app.config.get('session')))!
    return this.#config
  }
}
