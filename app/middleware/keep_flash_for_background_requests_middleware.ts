import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Flash messages are for the next page, not for scripts. A page's scripts
 * fetch in the background (the sidebar, unread counts, presence, read
 * markers, Transmit's subscribe POST), and such a request can land between a
 * form post and the page it redirects to (the post's own live event, or the
 * page's startup, sets them off): it would take the flash messages and the
 * page would show none. A request that is not a navigation (`Sec-Fetch-Mode`
 * other than `navigate`), whatever its method, keeps them for the next
 * request; with none to keep it keeps nothing, so the session stays unchanged
 * and is not written.
 */
export default class KeepFlashForBackgroundRequestsMiddleware {
  async handle({ request, session }: HttpContext, next: NextFn) {
    const mode = request.header('sec-fetch-mode')
    // No session on /api requests (bearer tokens): nothing to keep there
    if (session && mode && mode !== 'navigate' && !session.flashMessages.isEmpty) {
      session.reflash()
    }
    return next()
  }
}
